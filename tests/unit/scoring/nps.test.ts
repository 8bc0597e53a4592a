import { describe, expect, test } from "vitest";
import { npsScore } from "../../../src/scoring/index.ts";
import { deepFreeze } from "./deep-freeze.ts";

const repeat = (value: number, times: number) => Array.from({ length: times }, () => value);

describe("npsScore", () => {
  // Worked example of the NPS variance (whuber, Cross Validated, "How can I calculate margin of error
  // in a NPS result?"; Engelhardt 2016, CYBAEA): with promoters 1/2, passives 1/3, detractors 1/6 the
  // NPS is 1/3 and the variance of one answer (+1/0/−1) is 5/9, so SE = √(5/9 / n).
  test("promoters 1/2, passives 1/3, detractors 1/6 with n = 36", () => {
    const scores = [
      ...repeat(10, 9),
      ...repeat(9, 9),
      ...repeat(8, 6),
      ...repeat(7, 6),
      ...repeat(6, 3),
      ...repeat(0, 3),
    ];
    const result = npsScore(scores);
    expect(result.n).toBe(36);
    expect(result.counts).toEqual({ promoters: 18, passives: 12, detractors: 6 });
    expect(result.promoters).toBeCloseTo(1 / 2, 12);
    expect(result.passives).toBeCloseTo(1 / 3, 12);
    expect(result.detractors).toBeCloseTo(1 / 6, 12);
    expect(result.nps).toBeCloseTo(100 / 3, 10);
    // z(0.975) = 1.959964 · 100 · √(5/9/36)
    expect(result.marginOfError).toBeCloseTo(1.959964 * 100 * Math.sqrt(5 / 9 / 36), 4);
  });

  test.each([
    [[9, 10], 100], // all promoters
    [[7, 8, 8], 0], // all passives
    [[0, 6, 3], -100], // all detractors
    [[10, 9, 8, 3], 25], // the usual boundaries: 9 promoter, 8 passive, 6 detractor
    [[6, 7, 8, 9], 0],
  ])("NPS of %j is %d", (scores, nps) => {
    expect(npsScore(scores).nps).toBeCloseTo(nps, 10);
  });

  test("all-equal answers have a zero margin of error", () => {
    expect(npsScore(repeat(10, 20)).marginOfError).toBe(0);
  });

  test("the margin of error shrinks with √n and grows with the level", () => {
    const small = npsScore([10, 9, 8, 3]);
    const large = npsScore([...repeat(10, 4), ...repeat(9, 4), ...repeat(8, 4), ...repeat(3, 4)]);
    expect(small.marginOfError / large.marginOfError).toBeCloseTo(2, 10);
    expect(npsScore([10, 9, 8, 3], 0.99).marginOfError).toBeGreaterThan(small.marginOfError);
  });

  test.each([
    ["an empty list", [], /npsScore\(scores\): the list is empty/],
    ["11", [10, 11], /scores\[1\]\) must be an integer from 0 to 10, got 11/],
    ["−1", [-1], /got -1/],
    ["a fraction", [8.5], /got 8.5/],
    ["NaN", [Number.NaN], /got NaN/],
  ])("throws a RangeError on %s", (_case, scores, message) => {
    expect(() => npsScore(scores)).toThrow(RangeError);
    expect(() => npsScore(scores)).toThrow(message);
  });

  test("does not mutate its input", () => {
    const scores = deepFreeze([3, 10, 8]);
    npsScore(scores);
    expect(scores).toEqual([3, 10, 8]);
  });
});
