import { mean } from "simple-statistics";
import { assertFiniteList, assertListLength } from "./validate.ts";

/**
 * The arithmetic mean of satisfaction points: Σ points / N.
 *
 * Used for a respondent's score (mean of their answered items) and for the survey's final score
 * (Σ respondent scores / number of respondents), per the source documents (../shared/MISSION.md).
 * Nothing is rounded. Summation by simple-statistics (`mean`, Kahan-compensated `sum`).
 *
 * @param points the points of the answered items (unanswered items must be left out, not passed as 0)
 * @returns the exact mean
 * @throws {RangeError} on an empty list or a non-finite value (the message names its index)
 * @example
 * meanScore([100, 90, 75]); // => 88.333…
 */
export function meanScore(points: readonly number[]): number {
  assertListLength(points, "meanScore(points)");
  assertFiniteList(points, "meanScore(points)");
  return mean([...points]);
}
