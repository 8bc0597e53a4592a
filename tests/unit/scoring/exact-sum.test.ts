import { describe, expect, test } from "vitest";
import {
  addExactSums,
  DEFAULT_SCALE,
  exactMean,
  exactScoreSum,
  exactSumToNumber,
  gradeFor,
  groupScoreFromTotals,
} from "../../../src/scoring/index.ts";

// Respondent scores are means (points / answered items); added up as floats they drift, so a score of
// exactly 85 could be graded "average". Issue 14: keep Σ respondent scores exactly.

/** Points by answer count, as rollups keep them, for respondents given as lists of points. */
function pointsByAnswerCount(respondents: readonly (readonly number[])[], unitsPerPoint = 1): bigint[] {
  const byCount: bigint[] = [];
  for (const points of respondents) {
    const index = points.length - 1;
    while (byCount.length <= index) byCount.push(0n);
    byCount[index] =
      (byCount[index] ?? 0n) + BigInt(Math.round(points.reduce((a, b) => a + b, 0) * unitsPerPoint));
  }
  return byCount;
}
const times = (count: number, points: readonly number[]) => Array.from({ length: count }, () => points);
const floatSum = (respondents: readonly (readonly number[])[]) =>
  respondents.reduce((sum, points) => sum + points.reduce((a, b) => a + b, 0) / points.length, 0);

describe("exact sums of respondent scores", () => {
  test.each([
    // [exact mean as numerator / denominator, grade, respondents]
    // 30 × 735/9 + 30 × 265/3 = 5100: the float sum is 5099.999999999999 (mean 84.99999999999999)
    [85, 1, "good", [...times(30, [90, 90, 90, 90, 90, 90, 75, 60, 60]), ...times(30, [100, 90, 75])]],
    // 30 × 275/3 + 30 × 590/6 = 5700: the float sum is 5699.999999999996
    [95, 1, "excellent", [...times(30, [100, 100, 75]), ...times(30, [100, 100, 100, 100, 100, 90])]],
    // (38 × 95 + 2 × 94) / 40 = 94.95 — good, as the source documents say
    [3798, 40, "good", [...times(38, [100, 90]), ...times(2, [100, 100, 90, 90, 90])]],
    // (38 × 85 + 2 × 84) / 40 = 84.95
    [3398, 40, "average", [...times(38, [100, 90, 75, 75]), ...times(2, [90, 90, 90, 75, 75])]],
    // (15 × 745/9 + 15 × 87) / 30 = 764/9 = 84.888…
    [
      764,
      9,
      "average",
      [...times(15, [100, 90, 90, 90, 90, 90, 75, 60, 60]), ...times(15, [90, 90, 90, 90, 75])],
    ],
    // thirds: (100 + 90 + 60) / 3 and 90 → 250/3 + 90 = 520/3, mean 260/3
    [260, 3, "good", [[100, 90, 60], [90]]],
  ] as const)("mean %d/%d is graded %s", (numerator, denominator, grade, respondents) => {
    const sum = exactScoreSum(pointsByAnswerCount(respondents));
    const mean = exactMean(sum, respondents.length);
    expect(mean).toBe(numerator / denominator); // the double nearest to the exact mean
    expect(gradeFor(mean as number)).toBe(grade);
    expect(exactSumToNumber(sum)).toBe((numerator * respondents.length) / denominator);
  });

  test("the naive float sum of the first two cases is off, and graded on the wrong side", () => {
    const eighty = [...times(30, [90, 90, 90, 90, 90, 90, 75, 60, 60]), ...times(30, [100, 90, 75])];
    const ninety = [...times(30, [100, 100, 75]), ...times(30, [100, 100, 100, 100, 100, 90])];
    expect(gradeFor(floatSum(eighty) / 60)).toBe("average");
    expect(gradeFor(floatSum(ninety) / 60)).toBe("good");
  });

  test("points in millionths (decimal points such as 87.5 and 7.1) add up exactly", () => {
    // (87.5 + 7.1) / 2 + 0.1 = 47.4 exactly
    const sum = exactScoreSum(pointsByAnswerCount([[87.5, 7.1], [0.1]], 1_000_000), 1_000_000);
    expect(sum).toEqual({ numerator: 237n, denominator: 5n });
    expect(exactMean(sum, 1)).toBe(47.4);
  });

  test("fractions are reduced and added exactly; the empty sum is 0", () => {
    expect(exactScoreSum([90n, 0n, 515n])).toEqual({ numerator: 785n, denominator: 3n });
    expect(addExactSums({ numerator: 1n, denominator: 3n }, { numerator: 1n, denominator: 6n })).toEqual({
      numerator: 1n,
      denominator: 2n,
    });
    expect(exactScoreSum([])).toEqual({ numerator: 0n, denominator: 1n });
    expect(exactMean(exactScoreSum([]), 0)).toBeNull();
  });

  test("the nearest double, also of integers beyond 2^53", () => {
    // 1 + 2^-53 lies halfway between the doubles 1 and 1 + 2^-52: ties go to even (1); a hair above
    // it (one more unit of 2^-60, or a remainder of a division by 3) rounds up
    expect(exactSumToNumber({ numerator: 2n ** 60n + 2n ** 7n, denominator: 2n ** 60n })).toBe(1);
    expect(exactSumToNumber({ numerator: 2n ** 60n + 2n ** 7n + 1n, denominator: 2n ** 60n })).toBe(
      1 + 2 ** -52,
    );
    expect(
      exactSumToNumber({ numerator: 3n * (2n ** 60n + 2n ** 7n) + 1n, denominator: 3n * 2n ** 60n }),
    ).toBe(1 + 2 ** -52);
    expect(
      exactSumToNumber({ numerator: 3n * (2n ** 60n + 2n ** 7n) - 1n, denominator: 3n * 2n ** 60n }),
    ).toBe(1);
    // a mean of exactly 85 over a denominator of 10^30 is still exactly 85
    const big = 10n ** 30n;
    expect(exactMean({ numerator: 85n * 7n * big, denominator: big }, 7)).toBe(85);
    expect(exactSumToNumber({ numerator: -1n, denominator: 3n })).toBe(-1 / 3);
    // one part in 10^20 below 85: the nearest double is 85 (far below any shown precision)
    expect(exactSumToNumber({ numerator: 85n * 10n ** 20n - 1n, denominator: 10n ** 20n })).toBe(85);
  });

  test("bad input is refused", () => {
    expect(() => exactScoreSum([1n], 0)).toThrow(RangeError);
    expect(() => exactScoreSum([1 as unknown as bigint])).toThrow(/must be a bigint/);
    expect(() => exactMean({ numerator: 1n, denominator: 1n }, -1)).toThrow(RangeError);
  });

  test("groupScoreFromTotals scores from the exact sum when given", () => {
    const respondents = [...times(30, [90, 90, 90, 90, 90, 90, 75, 60, 60]), ...times(30, [100, 90, 75])];
    const totals = { n: 60, sum: floatSum(respondents), levelCounts: [30, 210, 60, 60] };
    expect(groupScoreFromTotals(totals, DEFAULT_SCALE)).toMatchObject({ grade: "average" });
    const exact = groupScoreFromTotals(
      { ...totals, exactSum: exactScoreSum(pointsByAnswerCount(respondents)) },
      DEFAULT_SCALE,
    );
    expect(exact).toMatchObject({ score: 85, grade: "good" });
  });
});
