import { describe, expect, test } from "vitest";
import { ipaQuadrant } from "../../../src/scoring/index.ts";

// Martilla & James (1977), Journal of Marketing 41(1):77-79, Figure 1: A "Concentrate here" (high
// importance, fair performance), B "Keep up the good work", C "Low priority", D "Possible overkill".
describe("ipaQuadrant", () => {
  const crosshair = { importance: 4, performance: 3.5 };
  test.each([
    [4.5, 3.1, "concentrate_here"],
    [4.5, 4.2, "keep_up_the_good_work"],
    [3.2, 3.1, "low_priority"],
    [3.2, 4.2, "possible_overkill"],
    [4, 3.5, "keep_up_the_good_work"], // on the crosshair counts as high on both axes
    [4, 3.4999, "concentrate_here"],
    [3.9999, 3.5, "possible_overkill"],
  ] as const)("importance %d, performance %d → %s", (importance, performance, quadrant) => {
    expect(ipaQuadrant(importance, performance, crosshair)).toBe(quadrant);
  });

  test.each([
    ["NaN importance", Number.NaN, 3, crosshair, /ipaQuadrant\(importance\) must be a finite number/],
    ["Infinity performance", 4, Number.POSITIVE_INFINITY, crosshair, /ipaQuadrant\(performance\)/],
    ["a missing crosshair", 4, 3, undefined, /crosshair\.importance/],
    ["a NaN crosshair", 4, 3, { importance: 4, performance: Number.NaN }, /crosshair\.performance/],
  ])("throws a RangeError on %s", (_case, importance, performance, cross, message) => {
    const call = () => ipaQuadrant(importance, performance, cross as typeof crosshair);
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
