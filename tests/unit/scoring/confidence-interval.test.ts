import { describe, expect, test } from "vitest";
import { meanConfidenceInterval } from "../../../src/scoring/index.ts";
import { PLANT_GROWTH, SLEEP } from "./data-sets.ts";
import { deepFreeze } from "./deep-freeze.ts";

describe("meanConfidenceInterval", () => {
  // Expected values from the published summary statistics and printed t-table quantiles:
  // PlantGrowth ctrl (Dobson 1983): mean 5.032, SD 0.5830914 (as printed by R/dplyr); t(0.975, 9) = 2.262.
  // sleep group 1 (Student 1908): mean 0.75, SD 1.789010; t(0.975, 9) = 2.262, t(0.995, 9) = 3.250.
  test.each([
    ["PlantGrowth ctrl, 95%", PLANT_GROWTH.ctrl, 0.95, 5.032, (2.262 * 0.5830914) / Math.sqrt(10)],
    ["sleep group 1, 95%", SLEEP.group1, 0.95, 0.75, (2.262 * 1.78901) / Math.sqrt(10)],
    ["sleep group 1, 99%", SLEEP.group1, 0.99, 0.75, (3.25 * 1.78901) / Math.sqrt(10)],
  ])("%s", (_case, values, level, mean, margin) => {
    const interval = meanConfidenceInterval(values, level);
    expect(interval.n).toBe(10);
    expect(interval.level).toBe(level);
    expect(interval.mean).toBeCloseTo(mean, 10);
    expect(interval.marginOfError).toBeCloseTo(margin, 3); // table quantiles have 3 decimals
    expect(interval.lower).toBeCloseTo(interval.mean - interval.marginOfError, 12);
    expect(interval.upper).toBeCloseTo(interval.mean + interval.marginOfError, 12);
  });

  test("sleep group 1 matches R's t.test: 95 percent CI −0.5297804 … 2.0297804", () => {
    const interval = meanConfidenceInterval(SLEEP.group1);
    expect(interval.lower).toBeCloseTo(-0.5297804, 6);
    expect(interval.upper).toBeCloseTo(2.0297804, 6);
  });

  test("with two values the t quantile has 1 degree of freedom (12.706)", () => {
    // mean 5, s = √2, margin = 12.706 · √2/√2
    expect(meanConfidenceInterval([4, 6]).marginOfError).toBeCloseTo(12.706, 3);
  });

  test("all-equal values give a zero-width interval", () => {
    expect(meanConfidenceInterval([90, 90, 90])).toEqual({
      mean: 90,
      lower: 90,
      upper: 90,
      marginOfError: 0,
      n: 3,
      level: 0.95,
    });
  });

  test("a wider level gives a wider interval", () => {
    const narrow = meanConfidenceInterval(PLANT_GROWTH.trt1, 0.9);
    const wide = meanConfidenceInterval(PLANT_GROWTH.trt1, 0.99);
    expect(wide.marginOfError).toBeGreaterThan(narrow.marginOfError);
  });

  test.each([
    ["an empty list", [], 0.95, /the list is empty/],
    ["one value", [5], 0.95, /need at least 2 values, got 1/],
    ["NaN", [1, Number.NaN, 3], 0.95, /values\)\[1\] must be a finite number, got NaN/],
    ["a level of 95", [1, 2, 3], 95, /between 0 and 1/],
    ["a level of 1", [1, 2, 3], 1, /between 0 and 1/],
  ])("throws a RangeError on %s", (_case, values, level, message) => {
    expect(() => meanConfidenceInterval(values, level)).toThrow(RangeError);
    expect(() => meanConfidenceInterval(values, level)).toThrow(message);
  });

  test("does not mutate its input", () => {
    const values = deepFreeze([3, 1, 2]);
    meanConfidenceInterval(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
