import { describe, expect, test } from "vitest";
import { welchTTest } from "../../../src/scoring/index.ts";
import { SLEEP } from "./data-sets.ts";
import { deepFreeze } from "./deep-freeze.ts";

// Independent recomputation of t and df from sums of squares (no simple-statistics).
function bruteForce(a: number[], b: number[]) {
  const stats = (values: number[]) => {
    const sum = values.reduce((total, value) => total + value, 0);
    const sumOfSquares = values.reduce((total, value) => total + value * value, 0);
    const n = values.length;
    return { n, mean: sum / n, variance: (sumOfSquares - (sum * sum) / n) / (n - 1) };
  };
  const x = stats(a);
  const y = stats(b);
  const se2 = x.variance / x.n + y.variance / y.n;
  return {
    t: (x.mean - y.mean) / Math.sqrt(se2),
    df: se2 ** 2 / ((x.variance / x.n) ** 2 / (x.n - 1) + (y.variance / y.n) ** 2 / (y.n - 1)),
  };
}

describe("welchTTest", () => {
  // Student (1908) sleep data; R: t.test(extra ~ group, data = sleep) →
  // "t = -1.8608, df = 17.776, p-value = 0.07939" (Welch is R's default).
  test("sleep data (Student 1908): t = −1.8608, df = 17.776, p = 0.07939", () => {
    const result = welchTTest(SLEEP.group1, SLEEP.group2);
    expect(result.t).toBeCloseTo(-1.8608, 4);
    expect(result.df).toBeCloseTo(17.776, 3);
    expect(result.p).toBeCloseTo(0.07939, 5);
    expect(result.meanDifference).toBeCloseTo(0.75 - 2.33, 12);
  });

  test.each([
    [
      "unequal sizes and variances",
      [19.2, 21.1, 20.4, 22.8, 18.9],
      [25.5, 31.2, 22.4, 28.9, 35.1, 24.0, 27.7],
    ],
    ["satisfaction scores", [100, 90, 90, 75, 100, 90], [75, 60, 90, 75, 60, 75, 90, 60]],
    ["two values each", [1, 2], [2, 4]],
  ])("agrees with a brute-force recomputation: %s", (_case, a, b) => {
    const result = welchTTest(a, b);
    const expected = bruteForce(a, b);
    expect(result.t).toBeCloseTo(expected.t, 10);
    expect(result.df).toBeCloseTo(expected.df, 10);
    expect(result.p).toBeGreaterThan(0);
    expect(result.p).toBeLessThan(1);
  });

  test("equal variances and sizes give df = 2(n − 1) and a p of 1 for equal means", () => {
    const result = welchTTest([1, 2, 3, 4], [4, 3, 2, 1]);
    expect(result.t).toBe(0);
    expect(result.df).toBeCloseTo(6, 12);
    expect(result.p).toBeCloseTo(1, 12);
  });

  test("is symmetric: swapping the groups flips t, keeps df and p", () => {
    const forward = welchTTest(SLEEP.group1, SLEEP.group2);
    const backward = welchTTest(SLEEP.group2, SLEEP.group1);
    expect(backward.t).toBeCloseTo(-forward.t, 12);
    expect(backward.df).toBeCloseTo(forward.df, 12);
    expect(backward.p).toBeCloseTo(forward.p, 12);
  });

  test("one constant group is fine; both constant is not", () => {
    expect(welchTTest([90, 90, 90], [80, 85, 90]).df).toBeCloseTo(2, 12);
    expect(() => welchTTest([90, 90], [90, 90])).toThrow(/both groups have zero variance/);
  });

  test.each([
    ["an empty group", [], [1, 2], /welchTTest\(a\): the list is empty/],
    ["a single value", [1, 2], [3], /welchTTest\(b\): need at least 2 values, got 1/],
    ["NaN", [1, Number.NaN], [1, 2], /welchTTest\(a\)\[1\] must be a finite number, got NaN/],
  ])("throws a RangeError on %s", (_case, a, b, message) => {
    expect(() => welchTTest(a, b)).toThrow(RangeError);
    expect(() => welchTTest(a, b)).toThrow(message);
  });

  test("does not mutate its input", () => {
    const a = deepFreeze([3, 1, 2]);
    const b = deepFreeze([6, 5, 9]);
    welchTTest(a, b);
    expect([a, b]).toEqual([
      [3, 1, 2],
      [6, 5, 9],
    ]);
  });
});
