import { describe, expect, test } from "vitest";
import { GRADE_LABELS, gradeFor } from "../../../src/scoring/index.ts";

describe("gradeFor", () => {
  // Rule of the source documents (../shared/MISSION.md): ≥ 95 excellent, ≥ 85 good (85 inclusive),
  // below 85 average, on the exact value — "94.95 is good".
  test.each([
    [100, "excellent"],
    [95, "excellent"], // exactly 95
    [95.0000001, "excellent"],
    [94.9999, "good"], // would round up to 95.0
    [94.99, "good"],
    [94.95, "good"], // the source's own example; rounds to 95.0 at one decimal
    [90.3, "good"], // overall score of the source's example report
    [89.6, "good"], // 诚信 in the example report
    [85.7, "good"], // 诚行 in the example report
    [85, "good"], // exactly 85, inclusive
    [84.999, "average"], // would round up to 85.0
    [84.99, "average"],
    [84.95, "average"],
    [60, "average"],
    [0, "average"],
    [97.8, "excellent"], // 诚心 in the example report
  ] as const)("%d → %s", (score, grade) => {
    expect(gradeFor(score)).toBe(grade);
  });

  test("the boundary is the exact floating value, not a rounded one", () => {
    expect(gradeFor(95 - Number.EPSILON * 64)).toBe("good");
    expect(gradeFor(85 - Number.EPSILON * 64)).toBe("average");
  });

  test.each([
    [{ excellent: 90, good: 80 }, 90, "excellent"],
    [{ excellent: 90, good: 80 }, 89.99, "good"],
    [{ excellent: 90, good: 80 }, 79.99, "average"],
  ] as const)("accepts other thresholds %j: %d → %s", (thresholds, score, grade) => {
    expect(gradeFor(score, thresholds)).toBe(grade);
  });

  test.each([
    ["NaN", Number.NaN, /gradeFor\(score\) must be a finite number, got NaN/],
    ["Infinity", Number.POSITIVE_INFINITY, /finite/],
    ["a string", "95" as unknown as number, /got "95"/],
  ])("throws a RangeError on %s", (_case, score, message) => {
    expect(() => gradeFor(score)).toThrow(RangeError);
    expect(() => gradeFor(score)).toThrow(message);
  });

  test("throws when the thresholds are out of order", () => {
    expect(() => gradeFor(90, { excellent: 80, good: 90 })).toThrow(/must not be above excellent/);
  });

  test("labels each grade in both languages", () => {
    expect(GRADE_LABELS).toEqual({
      excellent: { "zh-CN": "优秀", en: "Excellent" },
      good: { "zh-CN": "良好", en: "Good" },
      average: { "zh-CN": "一般", en: "Average" },
    });
  });
});
