import { addExactSums, type ExactSum, exactScoreSum, exactSumToNumber } from "../scoring/index.ts";
import { POINT_UNITS } from "./groups.ts";
import type { MeasureTotals } from "./report-model.ts";
import type { RollupDelta } from "./rollup.ts";

const ZERO: MeasureTotals = {
  n: 0,
  sum: 0,
  exactSum: null,
  sumSq: 0,
  sumY: 0,
  sumYSq: 0,
  sumXy: 0,
  counts: null,
};

const times = (sum: ExactSum, sign: 1 | -1): ExactSum =>
  sign === 1 ? sum : { numerator: -sum.numerator, denominator: sum.denominator };

/**
 * Totals with one rollup delta added (sign 1) or taken out (sign −1), the way the database adds rollup
 * rows: sums and counts add up, a satisfaction group's Σ respondent scores exactly.
 */
export function withDelta(
  totals: MeasureTotals | undefined,
  delta: RollupDelta,
  sign: 1 | -1,
): MeasureTotals {
  const base = totals ?? ZERO;
  const exactDelta = delta.pointsByAnswerCount
    ? exactScoreSum(
        delta.pointsByAnswerCount.map((units) => BigInt(units)),
        POINT_UNITS,
      )
    : null;
  const exactSum = exactDelta
    ? addExactSums(base.exactSum ?? { numerator: 0n, denominator: 1n }, times(exactDelta, sign))
    : base.exactSum;
  const counts = delta.counts
    ? (base.counts ?? delta.counts.map(() => 0)).map(
        (count, index) => count + sign * (delta.counts?.[index] ?? 0),
      )
    : base.counts;
  return {
    n: base.n + sign * delta.n,
    sum: exactSum ? exactSumToNumber(exactSum) : base.sum + sign * delta.sum,
    exactSum,
    sumSq: base.sumSq + sign * delta.sumSq,
    sumY: base.sumY + sign * delta.sumY,
    sumYSq: base.sumYSq + sign * delta.sumYSq,
    sumXy: base.sumXy + sign * delta.sumXy,
    counts,
  };
}
