import { describe, expect, test } from "vitest";
import { meanScore } from "../../../src/scoring/index.ts";
import { deepFreeze } from "./deep-freeze.ts";

describe("meanScore", () => {
  // Σ / N, worked by hand from the 100/90/75/60 scale (../shared/MISSION.md).
  test.each([
    [[100], 100],
    [[100, 90], 95],
    [[100, 90, 75], 265 / 3],
    [[100, 90, 75, 60], 81.25],
    [[90, 90, 90, 90, 90], 90], // all equal
    [[60, 60, 75], 65],
  ])("mean of %j is %d", (points, expected) => {
    expect(meanScore(points)).toBeCloseTo(expected, 12);
  });

  test("does not round: 1/3 stays 88.333…", () => {
    expect(meanScore([100, 90, 75])).not.toBe(88.33);
    expect(meanScore([100, 90, 75]) * 3).toBeCloseTo(265, 10);
  });

  test("agrees with a plain loop on a long list", () => {
    const points = Array.from({ length: 1001 }, (_, index) => [100, 90, 75, 60][index % 4] as number);
    let sum = 0;
    for (const value of points) sum += value;
    expect(meanScore(points)).toBeCloseTo(sum / points.length, 10);
  });

  test.each([
    ["an empty list", [], /empty/],
    ["NaN", [100, Number.NaN], /points\)\[1\] must be a finite number, got NaN/],
    ["Infinity", [Number.POSITIVE_INFINITY], /\[0\] must be a finite number/],
    ["a numeric string", [100, "90" as unknown as number], /\[1\] must be a finite number, got "90"/],
  ])("throws a RangeError on %s", (_case, points, message) => {
    expect(() => meanScore(points)).toThrow(RangeError);
    expect(() => meanScore(points)).toThrow(message);
  });

  test("does not mutate its input", () => {
    const points = deepFreeze([60, 100, 90]);
    meanScore(points);
    expect(points).toEqual([60, 100, 90]);
  });
});
