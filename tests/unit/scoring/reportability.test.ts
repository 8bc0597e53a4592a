import { describe, expect, test } from "vitest";
import { reportability } from "../../../src/scoring/index.ts";

// Platform convention (issue 3): n < 30 suppress, 30–59 caution, ≥ 60 ok.
describe("reportability", () => {
  test.each([
    [0, "suppress"],
    [1, "suppress"],
    [29, "suppress"],
    [30, "caution"],
    [59, "caution"],
    [60, "ok"],
    [10_000, "ok"],
  ] as const)("n = %d → %s", (n, expected) => {
    expect(reportability(n)).toBe(expected);
  });

  test.each([
    ["a negative n", -1],
    ["a fraction", 29.5],
    ["NaN", Number.NaN],
    ["a string", "60" as unknown as number],
  ])("throws a RangeError on %s", (_case, n) => {
    expect(() => reportability(n)).toThrow(RangeError);
    expect(() => reportability(n)).toThrow(/reportability\(n\) must be an integer ≥ 0/);
  });
});
