/**
 * How a satisfaction score is shown, in one place for the report page, its PDF, e-mail, XLSX and CSV,
 * the charts and the console: with one decimal, cut rather than rounded (the largest multiple of 0.1 not
 * above the score). So the number shown never crosses a grade boundary (85, 95) that the score itself
 * did not: 84.955 is graded 一般 and shown as 84.9, never as "85.0 一般"; 94.95 (良好) as 94.9. Scores are
 * taken as the decimals they stand for: 84.3 shows as 84.3, although the double 84.3 is a hair below it.
 */

/** Decimals a score is shown with, everywhere. */
export const SCORE_DECIMALS = 1;

/** The spreadsheet number format of a shown score ("0.0"). */
export const SCORE_NUMBER_FORMAT = `0.${"0".repeat(SCORE_DECIMALS)}`;

const STEPS_PER_POINT = 10 ** SCORE_DECIMALS;

/**
 * The score as shown, as a number: cut down to SCORE_DECIMALS.
 *
 * @example
 * shownScore(84.955); // => 84.9
 * shownScore(85); // => 85
 */
export function shownScore(score: number): number {
  // toFixed rounds the double to the nearest step; when that went above the score, the step below it
  const nearest = Number(score.toFixed(SCORE_DECIMALS));
  return nearest > score ? (Math.round(nearest * STEPS_PER_POINT) - 1) / STEPS_PER_POINT : nearest;
}

/**
 * The score as text, "—" when there is none.
 *
 * @example
 * formatScore(94.95); // => "94.9"
 * formatScore(null); // => "—"
 */
export function formatScore(score: number | null | undefined): string {
  return typeof score === "number" && Number.isFinite(score)
    ? shownScore(score).toFixed(SCORE_DECIMALS)
    : "—";
}
