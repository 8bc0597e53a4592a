import { mean, sampleVariance } from "simple-statistics";
import { studentTTwoSided } from "./p-value.ts";
import { assertFiniteList, assertListLength } from "./validate.ts";

export interface WelchTTest {
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom (not an integer in general). */
  readonly df: number;
  /** Two-sided p-value. */
  readonly p: number;
  /** mean(a) − mean(b) */
  readonly meanDifference: number;
}

/**
 * Welch's two-sample t-test (unequal variances), two-sided:
 * t = (x̄a − x̄b) / √(sa²/na + sb²/nb),
 * df = (sa²/na + sb²/nb)² / ((sa²/na)²/(na − 1) + (sb²/nb)²/(nb − 1)),
 * p = 2 · P(T_df ≥ |t|), the upper tail computed directly (p-value.ts), never as 1 − cdf.
 *
 * Source: Welch, B.L. (1947) Biometrika 34(1-2):28-35; Satterthwaite, F.E. (1946) Biometrics Bulletin
 * 2(6):110-114.
 *
 * @throws {RangeError} if a group has fewer than 2 values or a non-finite value, or if both groups
 *   have zero variance (t is undefined, as in R's "data are essentially constant")
 * @example
 * welchTTest([1, 2, 3], [4, 5, 6]); // => { t: -3.674…, df: 4, p: 0.0213… }
 */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchTTest {
  assertListLength(a, "welchTTest(a)", 2);
  assertListLength(b, "welchTTest(b)", 2);
  assertFiniteList(a, "welchTTest(a)");
  assertFiniteList(b, "welchTTest(b)");
  const varianceA = sampleVariance([...a]) / a.length;
  const varianceB = sampleVariance([...b]) / b.length;
  const standardErrorSquared = varianceA + varianceB;
  if (standardErrorSquared === 0) {
    throw new RangeError("welchTTest: both groups have zero variance (all values equal), t is undefined");
  }
  const meanDifference = mean([...a]) - mean([...b]);
  const t = meanDifference / Math.sqrt(standardErrorSquared);
  const df = standardErrorSquared ** 2 / (varianceA ** 2 / (a.length - 1) + varianceB ** 2 / (b.length - 1));
  const p = studentTTwoSided(t, df);
  return { t, df, p, meanDifference };
}
