import { describe, expect, test } from "vitest";
import { oneWayAnova } from "../../../src/scoring/index.ts";
import { PLANT_GROWTH, WIKIPEDIA_ANOVA } from "./data-sets.ts";
import { deepFreeze } from "./deep-freeze.ts";

describe("oneWayAnova", () => {
  // Wikipedia, "One-way analysis of variance", example: SSB = 84 (df 2), SSW = 68 (df 15),
  // F = 42 / 4.533 ≈ 9.3, beyond the 5% critical value F(2, 15) = 3.68.
  test("Wikipedia example: SSB 84, SSW 68, F ≈ 9.3", () => {
    const result = oneWayAnova(WIKIPEDIA_ANOVA);
    expect(result.ssBetween).toBeCloseTo(84, 10);
    expect(result.ssWithin).toBeCloseTo(68, 10);
    expect(result.dfBetween).toBe(2);
    expect(result.dfWithin).toBe(15);
    expect(result.f).toBeCloseTo(9.3, 1);
    expect(result.f).toBeCloseTo(42 / (68 / 15), 10);
    expect(result.p).toBeLessThan(0.05);
  });

  // Dobson (1983) PlantGrowth; R: anova(lm(weight ~ group, PlantGrowth)) →
  // group Df 2, Sum Sq 3.7663; Residuals Df 27, Sum Sq 10.4921; F 4.8461, Pr(>F) 0.01591.
  test("PlantGrowth (Dobson 1983): F = 4.8461, p = 0.01591", () => {
    const result = oneWayAnova([PLANT_GROWTH.ctrl, PLANT_GROWTH.trt1, PLANT_GROWTH.trt2]);
    expect(result).toMatchObject({ dfBetween: 2, dfWithin: 27 });
    expect(result.ssBetween).toBeCloseTo(3.7663, 4);
    expect(result.ssWithin).toBeCloseTo(10.4921, 4);
    expect(result.f).toBeCloseTo(4.8461, 4);
    expect(result.p).toBeCloseTo(0.01591, 5);
  });

  test("SSB + SSW equals the total sum of squares (independent check)", () => {
    const groups = [
      [100, 90, 90, 75],
      [60, 75, 75],
      [100, 100, 90, 90, 90],
    ];
    const all = groups.flat();
    const grand = all.reduce((a, b) => a + b, 0) / all.length;
    const total = all.reduce((sum, value) => sum + (value - grand) ** 2, 0);
    const result = oneWayAnova(groups);
    expect(result.ssBetween + result.ssWithin).toBeCloseTo(total, 10);
  });

  test("equal group means give F = 0 and p = 1", () => {
    const result = oneWayAnova([
      [1, 3],
      [0, 4],
      [2, 2],
    ]);
    expect(result.f).toBe(0);
    expect(result.p).toBeCloseTo(1, 12);
  });

  test.each([
    ["one group", [[1, 2, 3]], /need at least 2 values, got 1/],
    ["an empty group", [[1, 2], []], /oneWayAnova\(groups\[1\]\): the list is empty/],
    [
      "NaN",
      [
        [1, 2],
        [3, Number.NaN],
      ],
      /groups\[1\]\)\[1\] must be a finite number, got NaN/,
    ],
    ["no residual degrees of freedom", [[1], [2]], /need more values \(2\) than groups \(2\)/],
    [
      "zero within-group variance",
      [
        [5, 5],
        [7, 7],
      ],
      /zero variance/,
    ],
  ])("throws a RangeError on %s", (_case, groups, message) => {
    expect(() => oneWayAnova(groups)).toThrow(RangeError);
    expect(() => oneWayAnova(groups)).toThrow(message);
  });

  test("does not mutate its input", () => {
    const groups = deepFreeze(structuredClone(WIKIPEDIA_ANOVA));
    oneWayAnova(groups);
    expect(groups).toEqual(WIKIPEDIA_ANOVA);
  });
});
