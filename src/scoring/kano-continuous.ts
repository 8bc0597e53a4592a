import { mean, sampleStandardDeviation } from "simple-statistics";
import { assertKanoAnswer, type KanoAnswer, type KanoPair } from "./kano.ts";
import { assertListLength } from "./validate.ts";

/** Mean and sample standard deviation (n − 1) of one axis. */
export interface KanoAxis {
  readonly mean: number;
  readonly sd: number;
}

/** The continuous (DuMouchel) position of one feature. */
export interface ContinuousKano {
  readonly n: number;
  /** Y axis: mean functional score, −2..4. */
  readonly functional: KanoAxis;
  /** X axis: mean dysfunctional score, −2..4. */
  readonly dysfunctional: KanoAxis;
}

// Berger et al. 1993 section IVb (W. DuMouchel): positive answers weigh more than negative ones.
const FUNCTIONAL_SCORES: Readonly<Record<KanoAnswer, number>> = Object.freeze({
  like: 4,
  "must-be": 2,
  neutral: 0,
  "live-with": -1,
  dislike: -2,
});
const DYSFUNCTIONAL_SCORES: Readonly<Record<KanoAnswer, number>> = Object.freeze({
  like: -2,
  "must-be": -1,
  neutral: 0,
  "live-with": 2,
  dislike: 4,
});

/**
 * Continuous Kano analysis: each answer is scored (functional like 4, must-be 2, neutral 0,
 * live-with −1, dislike −2; dysfunctional like −2, must-be −1, neutral 0, live-with 2, dislike 4)
 * and the feature is placed at (mean dysfunctional, mean functional), with the sample standard
 * deviation (n − 1 denominator) of each.
 *
 * Source: Berger et al. 1993, CQM Journal 2(4), section IVb "Thoughts on graphical and continuous
 * analysis" (W. DuMouchel), p.20-22.
 *
 * @throws {RangeError} with fewer than 2 pairs (the sample SD needs 2) or an unknown answer
 * @example
 * continuousKano([{ functional: "like", dysfunctional: "dislike" },
 *   { functional: "neutral", dysfunctional: "dislike" }]).functional.mean; // => 2
 */
export function continuousKano(pairs: readonly KanoPair[]): ContinuousKano {
  assertListLength(pairs, "continuousKano(pairs)", 2);
  const functional: number[] = [];
  const dysfunctional: number[] = [];
  pairs.forEach((pair, index) => {
    assertKanoAnswer(pair?.functional, `continuousKano(pairs[${index}].functional)`);
    assertKanoAnswer(pair.dysfunctional, `continuousKano(pairs[${index}].dysfunctional)`);
    functional.push(FUNCTIONAL_SCORES[pair.functional]);
    dysfunctional.push(DYSFUNCTIONAL_SCORES[pair.dysfunctional]);
  });
  return {
    n: pairs.length,
    functional: { mean: mean(functional), sd: sampleStandardDeviation(functional) },
    dysfunctional: { mean: mean(dysfunctional), sd: sampleStandardDeviation(dysfunctional) },
  };
}
