import { assertInteger } from "./validate.ts";

/** Whether a number based on n respondents may be shown. */
export type Reportability = "suppress" | "caution" | "ok";

/** Below this many respondents a figure is suppressed. */
export const SUPPRESS_BELOW = 30;
/** Below this many respondents a figure is shown with a caution. */
export const CAUTION_BELOW = 60;

/**
 * Whether a figure based on n respondents is reportable: n < 30 → "suppress", 30–59 → "caution",
 * ≥ 60 → "ok". Thirty is the usual rule of thumb for the normal approximation behind the margins of
 * error we print; below it a segment's score is too unstable to rank or to act on (and small
 * segments risk identifying customers). The thresholds are the platform's reporting convention
 * (issue 3), not a statistical law.
 *
 * @param n number of respondents behind the figure
 * @throws {RangeError} if n is not a non-negative integer
 * @example
 * reportability(45); // => "caution"
 */
export function reportability(n: number): Reportability {
  assertInteger(n, "reportability(n)");
  if (n < SUPPRESS_BELOW) return "suppress";
  if (n < CAUTION_BELOW) return "caution";
  return "ok";
}
