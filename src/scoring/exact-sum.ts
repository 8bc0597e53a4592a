import { assertInteger } from "./validate.ts";

/**
 * A sum of respondent scores kept exactly, as a fraction of integers: numerator / denominator, the
 * denominator positive and the fraction reduced. Respondent scores are means (points / answered items),
 * so thirds, sixths and ninths are common; added up as floats they drift (30 × 735/9 + 30 × 265/3 comes
 * out as 5099.999999999999, and a mean of exactly 85 as 84.99999999999999, graded "average").
 */
export interface ExactSum {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

function reduced(numerator: bigint, denominator: bigint): ExactSum {
  const divisor = gcd(numerator, denominator);
  return divisor <= 1n
    ? { numerator, denominator }
    : { numerator: numerator / divisor, denominator: denominator / divisor };
}

/**
 * Σ respondent scores from what report rollups keep: for each number of answered items k, the points
 * of the respondents who answered k items of the group, added up. Each of those respondents scores
 * (their points) / k, so the sum is Σₖ pointsₖ / k — exactly.
 *
 * @param pointsByAnswerCount entry k − 1: the points of the respondents who answered k items, in
 *   `1 / unitsPerPoint` of a point (whole numbers, so that adding them up is exact)
 * @param unitsPerPoint how many units make a point (1 when the points are whole numbers)
 * @throws {RangeError} if `unitsPerPoint` is not a positive integer
 * @example
 * // two respondents answered 3 items (100 + 90 + 75 and 100 + 90 + 60), one answered 1 (90)
 * exactScoreSum([90n, 0n, 515n]); // => { numerator: 785n, denominator: 3n } (= 265/3 + 250/3 + 90)
 */
export function exactScoreSum(pointsByAnswerCount: readonly bigint[], unitsPerPoint = 1): ExactSum {
  assertInteger(unitsPerPoint, "exactScoreSum(unitsPerPoint)", 1);
  let sum: ExactSum = { numerator: 0n, denominator: 1n };
  pointsByAnswerCount.forEach((points, index) => {
    if (typeof points !== "bigint") {
      throw new RangeError(
        `exactScoreSum(pointsByAnswerCount[${index}]) must be a bigint, got ${typeof points}`,
      );
    }
    if (points !== 0n) sum = addExactSums(sum, reduced(points, BigInt(index + 1) * BigInt(unitsPerPoint)));
  });
  return sum;
}

/**
 * a + b, exactly.
 *
 * @example
 * addExactSums({ numerator: 1n, denominator: 3n }, { numerator: 1n, denominator: 6n }); // => 1/2
 */
export function addExactSums(a: ExactSum, b: ExactSum): ExactSum {
  if (a.denominator === b.denominator) return reduced(a.numerator + b.numerator, a.denominator);
  return reduced(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

const bitLength = (value: bigint) => (value === 0n ? 0 : value.toString(2).length);

/**
 * The double nearest to numerator / denominator (correctly rounded, ties to even), however large the
 * integers: an integer quotient is computed with at least 66 significant bits, a remainder sets one more
 * ("sticky") bit, and `Number()` of that integer rounds exactly as the true quotient would.
 */
function nearestDouble(numerator: bigint, denominator: bigint): number {
  if (numerator === 0n) return 0;
  const negative = numerator < 0n !== denominator < 0n;
  const a = numerator < 0n ? -numerator : numerator;
  const b = denominator < 0n ? -denominator : denominator;
  const shift = Math.max(0, 66 - (bitLength(a) - bitLength(b)));
  const scaled = a << BigInt(shift);
  const quotient = ((scaled / b) << 1n) | (scaled % b === 0n ? 0n : 1n);
  // dividing by a power of two is exact for every value a score can take (normal doubles)
  const value = Number(quotient) / 2 ** (shift + 1);
  return negative ? -value : value;
}

/**
 * The mean of an exact sum over n respondents: the double nearest to the exact quotient. A mean that
 * is exactly 85 or 95 comes out as exactly 85 or 95, so it is graded on the right side; any other mean
 * is the float closest to it (e.g. 94.95 and 84.95 as the literals `94.95` and `84.95`).
 *
 * @param sum Σ respondent scores (exactScoreSum)
 * @param n respondents
 * @returns the mean, or null when n = 0
 * @throws {RangeError} if n is not a non-negative integer
 * @example
 * exactMean({ numerator: 5100n, denominator: 1n }, 60); // => 85
 */
export function exactMean(sum: ExactSum, n: number): number | null {
  assertInteger(n, "exactMean(n)");
  return n === 0 ? null : nearestDouble(sum.numerator, sum.denominator * BigInt(n));
}

/**
 * An exact sum as the nearest double (for what still works in floats: intervals, tests, correlations).
 *
 * @example
 * exactSumToNumber({ numerator: 785n, denominator: 3n }); // => 261.6666666666667
 */
export function exactSumToNumber(sum: ExactSum): number {
  return nearestDouble(sum.numerator, sum.denominator);
}
