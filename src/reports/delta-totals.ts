import { addExactSums, exactScoreSum, exactSumToNumber } from "../scoring/index.ts";
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

/**
 * Totals with one rollup delta added, the way the database adds rollup rows: sums and counts add up,
 * a satisfaction group's Σ respondent scores exactly.
 */
export function withDelta(totals: MeasureTotals | undefined, delta: RollupDelta): MeasureTotals {
  const base = totals ?? ZERO;
  const exactDelta = delta.pointsByAnswerCount
    ? exactScoreSum(
        delta.pointsByAnswerCount.map((units) => BigInt(units)),
        POINT_UNITS,
      )
    : null;
  const exactSum = exactDelta
    ? addExactSums(base.exactSum ?? { numerator: 0n, denominator: 1n }, exactDelta)
    : base.exactSum;
  const counts = delta.counts
    ? (base.counts ?? delta.counts.map(() => 0)).map((count, index) => count + (delta.counts?.[index] ?? 0))
    : base.counts;
  return {
    n: base.n + delta.n,
    sum: exactSum ? exactSumToNumber(exactSum) : base.sum + delta.sum,
    exactSum,
    sumSq: base.sumSq + delta.sumSq,
    sumY: base.sumY + delta.sumY,
    sumYSq: base.sumYSq + delta.sumYSq,
    sumXy: base.sumXy + delta.sumXy,
    counts,
  };
}
