import jStat from "jstat";
import { assertConfidenceLevel, assertListLength, describe } from "./validate.ts";

export interface NpsScore {
  /** 100 · (promoters − detractors), −100..100. */
  readonly nps: number;
  /** Share of 9–10 answers, 0..1. */
  readonly promoters: number;
  /** Share of 7–8 answers, 0..1. */
  readonly passives: number;
  /** Share of 0–6 answers, 0..1. */
  readonly detractors: number;
  /** Half-width of the confidence interval of the NPS, in NPS points. */
  readonly marginOfError: number;
  readonly n: number;
  readonly counts: { readonly promoters: number; readonly passives: number; readonly detractors: number };
}

/**
 * Net Promoter Score of 0–10 "how likely are you to recommend" answers: promoters 9–10, passives
 * 7–8, detractors 0–6; NPS = 100 · (P − D). Margin of error = z(1 − α/2) · 100 · √((P + D − (P − D)²)/n),
 * the normal approximation with the multinomial variance of the NPS (each answer scored +1/0/−1).
 *
 * Sources: Reichheld, F. (2003) "The one number you need to grow", Harvard Business Review 81(12);
 * variance: Engelhardt, A. (2016) "Net Promoter Score confidence intervals 2: maths and stats", CYBAEA.
 *
 * @param scores integer answers 0..10
 * @param level confidence level of the margin of error, 0.95 by default
 * @throws {RangeError} on an empty list or an answer that is not an integer 0..10
 * @example
 * npsScore([10, 9, 8, 3]).nps; // => 25
 */
export function npsScore(scores: readonly number[], level = 0.95): NpsScore {
  assertListLength(scores, "npsScore(scores)");
  assertConfidenceLevel(level, "npsScore(level)");
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  scores.forEach((score, index) => {
    if (typeof score !== "number" || !Number.isInteger(score) || score < 0 || score > 10) {
      throw new RangeError(
        `npsScore(scores[${index}]) must be an integer from 0 to 10, got ${describe(score)}`,
      );
    }
    if (score >= 9) promoters += 1;
    else if (score >= 7) passives += 1;
    else detractors += 1;
  });
  const n = scores.length;
  const promoterShare = promoters / n;
  const detractorShare = detractors / n;
  const variance = promoterShare + detractorShare - (promoterShare - detractorShare) ** 2;
  const z = jStat.normal.inv(1 - (1 - level) / 2, 0, 1);
  return {
    nps: 100 * (promoterShare - detractorShare),
    promoters: promoterShare,
    passives: passives / n,
    detractors: detractorShare,
    marginOfError: z * 100 * Math.sqrt(Math.max(0, variance) / n),
    n,
    counts: { promoters, passives, detractors },
  };
}
