import {
  addExactSums,
  exactMean,
  type Grade,
  gradeFor,
  meanConfidenceIntervalFromSummary,
  type Reportability,
  reportability,
  type SampleSummary,
  type Scale,
  welchTTestFromSummaries,
} from "../../scoring/index.ts";
import { isSetMeasure } from "../groups.ts";
import type { MeasureTotals, ReportVersion, VersionTotals } from "../report-model.ts";

/**
 * Arithmetic on rollup totals that several sections share: adding one measure up over the
 * questionnaire's versions, a score with its confidence interval, and the change since the previous
 * period. Pure; nothing is rounded (views round).
 */

export interface ScoreWithInterval {
  readonly n: number;
  readonly score: number | null;
  readonly grade: Grade | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly reportability: Reportability;
}

export interface Change {
  readonly previousScore: number;
  readonly previousN: number;
  /** current − previous */
  readonly difference: number;
  /** Welch's two-sided p; null when the test is undefined (fewer than 2 respondents, no variance). */
  readonly p: number | null;
  readonly significant: boolean;
  /** Set only when the change is significant (p < 0.05). */
  readonly direction: "up" | "down" | null;
}

const SIGNIFICANCE = 0.05;

const EMPTY: MeasureTotals = {
  n: 0,
  sum: 0,
  exactSum: null,
  sumSq: 0,
  sumY: 0,
  sumYSq: 0,
  sumXy: 0,
  counts: null,
};

function addTotals(a: MeasureTotals, b: MeasureTotals): MeasureTotals {
  let counts = a.counts;
  if (b.counts) {
    counts = a.counts ? a.counts.map((count, index) => count + (b.counts?.[index] ?? 0)) : [...b.counts];
  }
  // exact only when every part with respondents is (a row rolled up without it would make it wrong)
  const exactSum =
    a.n === 0
      ? b.exactSum
      : b.n === 0
        ? a.exactSum
        : a.exactSum && b.exactSum
          ? addExactSums(a.exactSum, b.exactSum)
          : null;
  return {
    n: a.n + b.n,
    sum: a.sum + b.sum,
    exactSum,
    sumSq: a.sumSq + b.sumSq,
    sumY: a.sumY + b.sumY,
    sumYSq: a.sumYSq + b.sumYSq,
    sumXy: a.sumXy + b.sumXy,
    counts,
  };
}

/**
 * How a version's level counts move onto the report's scale: for each level of the version's scale, its
 * position on the report's scale, found by level key (undefined: the report's scale has no level of
 * that key), and the report's number of levels.
 */
export interface LevelMove {
  readonly positions: readonly (number | undefined)[];
  readonly size: number;
}

/**
 * The move from a version's scale onto the report's, by level key; undefined when the two have the
 * same keys in the same order (nothing to move). Versions published since a questionnaire's scale is
 * fixed always have the same keys (questionnaires' `version-rules.ts`); older or restored data may not.
 *
 * @example levelMove(fourLevels, fourLevelsUnderANewTopLevel) // => { positions: [1, 2, 3, 4], size: 5 }
 */
export function levelMove(from: Scale, to: Scale): LevelMove | undefined {
  const same =
    from.levels.length === to.levels.length &&
    from.levels.every((level, index) => level.key === to.levels[index]?.key);
  if (same) return undefined;
  return {
    positions: from.levels.map((level) => {
      const index = to.levels.findIndex((candidate) => candidate.key === level.key);
      return index < 0 ? undefined : index;
    }),
    size: to.levels.length,
  };
}

/**
 * A version's level counts moved onto the report's scale (see `levelMove`); the counts of a level the
 * report's scale does not have are left out (their respondents stay in n).
 */
export function moveCounts(counts: readonly number[], move: LevelMove): number[] {
  const moved = new Array<number>(move.size).fill(0);
  counts.forEach((count, index) => {
    const to = move.positions[index];
    if (to !== undefined) moved[to] = (moved[to] ?? 0) + count;
  });
  return moved;
}

/**
 * Sums one measure over the versions; `measureOf` names it in each version (or undefined: none). A
 * satisfaction group's level counts are added by level key, onto the report's scale: `moveOf` gives a
 * version's `levelMove` (undefined: already on it), so versions with different scales are never added
 * up level by position.
 */
export function combine(
  totals: VersionTotals,
  versions: readonly ReportVersion[],
  measureOf: (version: ReportVersion) => string | undefined,
  moveOf: (version: ReportVersion) => LevelMove | undefined = () => undefined,
): MeasureTotals {
  let result = EMPTY;
  for (const version of versions) {
    const measure = measureOf(version);
    if (measure === undefined) continue;
    const found = totals.get(version.id)?.get(measure);
    if (!found) continue;
    const move = found.counts && isSetMeasure(measure) ? moveOf(version) : undefined;
    result = addTotals(
      result,
      move && found.counts ? { ...found, counts: moveCounts(found.counts, move) } : found,
    );
  }
  return result;
}

const summaryOf = (totals: MeasureTotals): SampleSummary => ({
  n: totals.n,
  sum: totals.sum,
  sumOfSquares: totals.sumSq,
});

/**
 * The mean of a measure: Σ / n, from the exact Σ when the rollups keep one (satisfaction groups), so a
 * score of exactly 85 or 95 is exactly that and graded on the right side; null without respondents.
 */
export function meanOf(totals: MeasureTotals): number | null {
  if (totals.n === 0) return null;
  return totals.exactSum ? exactMean(totals.exactSum, totals.n) : totals.sum / totals.n;
}

/** The mean score with its 95% interval; withheld (null) without answers, or when small and `suppressSmall`. */
export function withInterval(totals: MeasureTotals, suppressSmall: boolean): ScoreWithInterval {
  const rule = reportability(totals.n);
  if (totals.n === 0 || (suppressSmall && rule === "suppress")) {
    return { n: totals.n, score: null, grade: null, lower: null, upper: null, reportability: rule };
  }
  const score = meanOf(totals) as number;
  const interval = totals.n >= 2 ? meanConfidenceIntervalFromSummary(summaryOf(totals)) : null;
  return {
    n: totals.n,
    score,
    grade: gradeFor(score),
    lower: interval?.lower ?? null,
    upper: interval?.upper ?? null,
    reportability: rule,
  };
}

/**
 * The change of a mean since the previous period, with Welch's test; null when either period has fewer
 * than 30 respondents (a withheld score is compared with nothing, nor shown as the previous score).
 */
export function changeBetween(current: MeasureTotals, previous: MeasureTotals): Change | null {
  if (reportability(current.n) === "suppress" || reportability(previous.n) === "suppress") return null;
  const currentScore = meanOf(current) as number;
  const previousScore = meanOf(previous) as number;
  const difference = currentScore - previousScore;
  let p: number | null = null;
  if (current.n >= 2 && previous.n >= 2) {
    try {
      p = welchTTestFromSummaries(summaryOf(current), summaryOf(previous)).p;
    } catch {
      p = null; // both periods without any variance: no test
    }
  }
  const significant = p !== null && p < SIGNIFICANCE && difference !== 0;
  return {
    previousScore,
    previousN: previous.n,
    difference,
    p,
    significant,
    direction: significant ? (difference > 0 ? "up" : "down") : null,
  };
}
