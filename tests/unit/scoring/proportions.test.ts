import { describe, expect, test } from "vitest";
import { twoProportionZTest } from "../../../src/scoring/index.ts";

describe("twoProportionZTest", () => {
  // Lane, D.M., HyperStat Online, "Tests of differences between proportions": 73 of 85 graduated
  // after early intervention, 43 of 82 without; SE = 0.0713, z = 4.69, two-tailed p < 0.0001.
  test("Lane (HyperStat): 73/85 vs 43/82 → SE 0.0713, z 4.69, p < 0.0001", () => {
    const result = twoProportionZTest(73, 85, 43, 82);
    expect(result.pooledProportion).toBeCloseTo(116 / 167, 12);
    expect(result.standardError).toBeCloseTo(0.0713, 4);
    expect(result.z).toBeCloseTo(4.69, 2);
    expect(result.p).toBeLessThan(0.0001);
  });

  // Sauro, J., usablestats.com "askstats" question 866: 118 vs 80 of 3303 each; pooled 0.02997,
  // SE 0.004196, z = 2.74195, two-sided p = 0.00611.
  test("Sauro (usablestats): 118/3303 vs 80/3303 → z 2.74195, p 0.00611", () => {
    const result = twoProportionZTest(118, 3303, 80, 3303);
    expect(result.pooledProportion).toBeCloseTo(0.02997, 5);
    expect(result.standardError).toBeCloseTo(0.004196, 6);
    expect(result.z).toBeCloseTo(2.74195, 3);
    expect(result.p).toBeCloseTo(0.00611, 5);
  });

  test.each([
    [10, 20, 10, 20],
    [3, 10, 9, 30],
  ])("equal proportions %d/%d vs %d/%d give z = 0, p = 1", (x1, n1, x2, n2) => {
    const result = twoProportionZTest(x1, n1, x2, n2);
    expect(result.z).toBe(0);
    expect(result.p).toBe(1);
  });

  test("swapping the samples flips z and keeps p", () => {
    const forward = twoProportionZTest(30, 50, 20, 60);
    const backward = twoProportionZTest(20, 60, 30, 50);
    expect(backward.z).toBeCloseTo(-forward.z, 12);
    expect(backward.p).toBeCloseTo(forward.p, 12);
  });

  test("z = 1.96 gives p ≈ 0.05 (pooled, no continuity correction)", () => {
    // 100 vs 100 with pooled p̂ = 0.5: SE = √(0.25 · 0.02) = 0.0707107; a difference of 0.14 → z = 1.9799
    const result = twoProportionZTest(57, 100, 43, 100);
    expect(result.z).toBeCloseTo(0.14 / Math.sqrt(0.005), 12);
    expect(result.p).toBeCloseTo(0.0477, 4);
  });

  test.each([
    ["x > n", [11, 10, 5, 10], /x1 \(11\) is larger than n1 \(10\)/],
    ["n = 0", [0, 0, 5, 10], /twoProportionZTest\(n1\) must be an integer ≥ 1, got 0/],
    ["a fraction", [1.5, 10, 5, 10], /twoProportionZTest\(x1\) must be an integer/],
    ["NaN", [1, 10, Number.NaN, 10], /twoProportionZTest\(x2\) must be an integer ≥ 0, got NaN/],
    ["a negative count", [1, 10, -1, 10], /x2\) must be an integer ≥ 0, got -1/],
    ["no successes at all", [0, 10, 0, 10], /pooled proportion is 0/],
    ["only successes", [10, 10, 20, 20], /pooled proportion is 1/],
  ] as [string, [number, number, number, number], RegExp][])(
    "throws a RangeError on %s",
    (_case, args, message) => {
      expect(() => twoProportionZTest(...args)).toThrow(RangeError);
      expect(() => twoProportionZTest(...args)).toThrow(message);
    },
  );
});
