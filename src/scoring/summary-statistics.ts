import jStat from "jstat";
import type { MeanConfidenceInterval } from "./confidence-interval.ts";
import { studentTTwoSided } from "./p-value.ts";
import { assertConfidenceLevel, assertFinite, assertInteger } from "./validate.ts";
import type { WelchTTest } from "./welch-t-test.ts";

/**
 * A sample kept as its sufficient statistics (n, Σx, Σx²): what report rollups store instead of the
 * values, so a mean, a confidence interval or a Welch test over millions of answers costs O(1).
 * Two summaries of disjoint samples add up field by field.
 */
export interface SampleSummary {
  readonly n: number;
  readonly sum: number;
  readonly sumOfSquares: number;
}

/** Paired sums of two variables over the same n observations (for a correlation). */
export interface PairedSums {
  readonly n: number;
  readonly sumX: number;
  readonly sumY: number;
  readonly sumXX: number;
  readonly sumYY: number;
  readonly sumXY: number;
}

function assertSummary(summary: SampleSummary, where: string, minN: number): void {
  if (summary === null || typeof summary !== "object") {
    throw new RangeError(`${where} must be a summary { n, sum, sumOfSquares }`);
  }
  assertInteger(summary.n, `${where}.n`, minN);
  assertFinite(summary.sum, `${where}.sum`);
  assertFinite(summary.sumOfSquares, `${where}.sumOfSquares`);
}

/**
 * The summary of a list of values: n, Σx, Σx².
 *
 * @throws {RangeError} if a value is not a finite number
 * @example
 * summarizeSample([90, 100]); // => { n: 2, sum: 190, sumOfSquares: 18100 }
 */
export function summarizeSample(values: readonly number[]): SampleSummary {
  let sum = 0;
  let sumOfSquares = 0;
  values.forEach((value, index) => {
    assertFinite(value, `summarizeSample(values[${index}])`);
    sum += value;
    sumOfSquares += value * value;
  });
  return { n: values.length, sum, sumOfSquares };
}

/**
 * The sample variance (n − 1 denominator) from sufficient statistics:
 * s² = (Σx² − (Σx)²/n) / (n − 1), clamped at 0 against floating-point cancellation.
 *
 * Source: the computational formula of the variance, e.g. Moore, McCabe & Craig, §1.3; the same
 * quantity as simple-statistics' `sampleVariance` on the raw values.
 *
 * @throws {RangeError} with fewer than 2 observations
 * @example
 * summaryVariance({ n: 2, sum: 190, sumOfSquares: 18100 }); // => 50
 */
export function summaryVariance(summary: SampleSummary): number {
  assertSummary(summary, "summaryVariance(summary)", 2);
  return Math.max(0, (summary.sumOfSquares - (summary.sum * summary.sum) / summary.n) / (summary.n - 1));
}

/**
 * Student t confidence interval for a mean from sufficient statistics: x̄ ± t(1 − α/2, n − 1)·s/√n —
 * the same interval as `meanConfidenceInterval` on the raw values.
 *
 * Source: Student (1908), Biometrika 6(1):1-25; t quantile from jStat.
 *
 * @throws {RangeError} with fewer than 2 observations or a level outside (0, 1)
 * @example
 * meanConfidenceIntervalFromSummary(summarizeSample([4, 6])).upper; // => 17.71
 */
export function meanConfidenceIntervalFromSummary(
  summary: SampleSummary,
  level = 0.95,
): MeanConfidenceInterval {
  assertSummary(summary, "meanConfidenceIntervalFromSummary(summary)", 2);
  assertConfidenceLevel(level, "meanConfidenceIntervalFromSummary(level)");
  const n = summary.n;
  const center = summary.sum / n;
  const quantile = jStat.studentt.inv(1 - (1 - level) / 2, n - 1);
  const marginOfError = (quantile * Math.sqrt(summaryVariance(summary))) / Math.sqrt(n);
  return {
    mean: center,
    lower: center - marginOfError,
    upper: center + marginOfError,
    marginOfError,
    n,
    level,
  };
}

/**
 * Welch's two-sample t-test (two-sided) from sufficient statistics — the same test as `welchTTest`
 * on the raw values: t = (x̄a − x̄b)/√(sa²/na + sb²/nb), Welch–Satterthwaite df, p from the
 * t distribution's upper tail computed directly (p-value.ts).
 *
 * Source: Welch (1947) Biometrika 34(1-2):28-35; Satterthwaite (1946) Biometrics Bulletin 2(6):110-114.
 *
 * @throws {RangeError} if a group has fewer than 2 observations, or both have zero variance
 * @example
 * welchTTestFromSummaries(summarizeSample([1, 2, 3]), summarizeSample([4, 5, 6])).t; // => -3.674
 */
export function welchTTestFromSummaries(a: SampleSummary, b: SampleSummary): WelchTTest {
  assertSummary(a, "welchTTestFromSummaries(a)", 2);
  assertSummary(b, "welchTTestFromSummaries(b)", 2);
  const varianceA = summaryVariance(a) / a.n;
  const varianceB = summaryVariance(b) / b.n;
  const standardErrorSquared = varianceA + varianceB;
  if (standardErrorSquared === 0) {
    throw new RangeError(
      "welchTTestFromSummaries: both groups have zero variance (all values equal), t is undefined",
    );
  }
  const meanDifference = a.sum / a.n - b.sum / b.n;
  const t = meanDifference / Math.sqrt(standardErrorSquared);
  const df = standardErrorSquared ** 2 / (varianceA ** 2 / (a.n - 1) + varianceB ** 2 / (b.n - 1));
  const p = studentTTwoSided(t, df);
  return { t, df, p, meanDifference };
}

/**
 * Pearson's correlation coefficient from paired sums:
 * r = (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²)).
 * Used for derived importance: the correlation of an item's points with the respondents' overall
 * score, over the respondents who answered the item.
 *
 * Source: Pearson (1896), Phil. Trans. R. Soc. A 187:253-318; the computational form, e.g.
 * Moore, McCabe & Craig, §2.2. Derived importance: e.g. Grønholdt & Martensen, and the
 * IPA literature's "implicitly derived importance" (Matzler et al. 2004, Ind. Mark. Manag. 33:271-277).
 *
 * @returns r in −1..1, or `null` when n < 2 or either variable does not vary
 * @example
 * pearsonCorrelationFromSums({ n: 3, sumX: 6, sumY: 12, sumXX: 14, sumYY: 56, sumXY: 28 }); // => 1
 */
export function pearsonCorrelationFromSums(sums: PairedSums): number | null {
  if (sums === null || typeof sums !== "object") throw new RangeError("pearsonCorrelationFromSums(sums)");
  assertInteger(sums.n, "pearsonCorrelationFromSums(sums.n)");
  for (const key of ["sumX", "sumY", "sumXX", "sumYY", "sumXY"] as const) {
    assertFinite(sums[key], `pearsonCorrelationFromSums(sums.${key})`);
  }
  const { n, sumX, sumY, sumXX, sumYY, sumXY } = sums;
  if (n < 2) return null;
  const varianceX = n * sumXX - sumX * sumX;
  const varianceY = n * sumYY - sumY * sumY;
  // Relative tolerance: a constant variable leaves only floating-point noise here.
  if (varianceX <= 1e-9 * n * sumXX || varianceY <= 1e-9 * n * sumYY) return null;
  const r = (n * sumXY - sumX * sumY) / Math.sqrt(varianceX * varianceY);
  return Math.max(-1, Math.min(1, r));
}
