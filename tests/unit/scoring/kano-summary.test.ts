import { describe, expect, test } from "vitest";
import { type KanoCounts, summarizeKano } from "../../../src/scoring/index.ts";
import { deepFreeze } from "./deep-freeze.ts";

// Published worked example 1: W. Peter, stp25kano (R package) README, "Kano Analyse" (2024),
// evaluation of a maker of cleaning applications, five attributes with n = 296 each. The table
// prints counts, max category, total strength, category strength, CS plus (Better), CS minus (Worse)
// and the Fong test ("|a − b| < critical"). Values copied from that table.
const PETER_2024 = [
  {
    feature: "Service app",
    counts: { M: 95, O: 123, A: 45, I: 33, R: 0, Q: 0 },
    category: "O",
    totalStrength: 0.89,
    categoryStrength: 0.09,
    better: 0.568,
    worse: -0.736,
    fong: { difference: 28, critical: 19.4, significant: true },
  },
  {
    feature: "Excellent service",
    counts: { M: 101, O: 54, A: 54, I: 81, R: 3, Q: 3 },
    category: "M",
    totalStrength: 0.71,
    categoryStrength: 0.07,
    better: 0.372,
    worse: -0.534,
    fong: { difference: 20, critical: 18.5, significant: true },
  },
  {
    feature: "Hotline",
    counts: { M: 15, O: 24, A: 121, I: 124, R: 6, Q: 6 },
    category: "I",
    totalStrength: 0.54,
    categoryStrength: 0.01,
    better: 0.511,
    worse: -0.137,
    fong: { difference: 3, critical: 19.8, significant: false },
  },
  {
    feature: "Loan machine",
    counts: { M: 65, O: 87, A: 93, I: 51, R: 0, Q: 0 },
    category: "A",
    totalStrength: 0.83,
    categoryStrength: 0.02,
    better: 0.608,
    worse: -0.514,
    fong: { difference: 6, critical: 18.5, significant: false },
  },
  {
    feature: "Ready-to-use return",
    counts: { M: 9, O: 18, A: 83, I: 177, R: 6, Q: 3 },
    category: "I",
    totalStrength: 0.37,
    categoryStrength: 0.32,
    better: 0.352,
    worse: -0.094,
    fong: { difference: 94, critical: 19.9, significant: true },
  },
] as const;

describe("summarizeKano — published example (Peter 2024, stp25kano)", () => {
  test.each(PETER_2024)("$feature", (row) => {
    const summary = summarizeKano(row.counts);
    expect(summary.n).toBe(296);
    expect(summary.category).toBe(row.category);
    expect(summary.better).toBeCloseTo(row.better, 3);
    expect(summary.worse).toBeCloseTo(row.worse, 3);
    expect(summary.totalStrength).toBeCloseTo(row.totalStrength, 2);
    expect(summary.categoryStrength).toBeCloseTo(row.categoryStrength, 2);
    expect(summary.fong.difference).toBe(row.fong.difference);
    expect(summary.fong.critical).toBeCloseTo(row.fong.critical, 1);
    expect(summary.fong.significant).toBe(row.fong.significant);
  });
});

// Published worked example 2: Bauk, Šćepanović & Kopp (2014) "Estimating students' satisfaction with
// web based learning system in blended learning environment", Education Research International
// 2014:731720. Table 2, Q1 "technical stability/reliability of the system": M 17, O 10, A 6, I 21,
// Q 5, R 4; Table 4: Better 0.296296, Worse −0.50000. (Other rows of that paper's Table 2 do not
// reproduce its own Table 4, so only Q1 is used.)
describe("summarizeKano — published example (Bauk et al. 2014, Q1)", () => {
  test("Better and Worse exclude R and Q from the denominator", () => {
    const summary = summarizeKano({ M: 17, O: 10, A: 6, I: 21, Q: 5, R: 4 });
    expect(summary.better).toBeCloseTo(0.296296, 6);
    expect(summary.worse).toBeCloseTo(-0.5, 6);
    // Strengths are fractions of all 63 responses, R and Q included.
    expect(summary.n).toBe(63);
    expect(summary.totalStrength).toBeCloseTo(33 / 63, 12);
    expect(summary.categoryStrength).toBeCloseTo((21 - 17) / 63, 12);
    expect(summary.category).toBe("I");
  });
});

describe("summarizeKano — rules", () => {
  // M > O > A > I for ties (Sauerwein et al. 1996 p.9; Berger et al. 1993); R and Q after I.
  test.each([
    [{ M: 10, O: 10, A: 3, I: 2 }, "M"],
    [{ O: 10, A: 10, I: 10 }, "O"],
    [{ A: 7, I: 7 }, "A"],
    [{ I: 4, R: 4, Q: 4 }, "I"],
    [{ R: 5, Q: 5 }, "R"],
    [{ Q: 1 }, "Q"],
    [{ M: 1, O: 2, A: 3, I: 4, R: 5, Q: 6 }, "Q"], // the mode is the mode, even if Q
  ] as [Partial<KanoCounts>, string][])("mode with ties %j → %s", (counts, category) => {
    expect(summarizeKano(counts).category).toBe(category);
  });

  // (O + A + M) vs (I + R + Q) (Berger et al. 1993): the mode would say I here.
  test.each([
    [{ M: 15, O: 20, A: 30, I: 40 }, "A", "I"], // 65 > 40 → largest of O, A, M
    [{ M: 20, O: 20, A: 10, I: 45 }, "M", "I"], // 50 > 45, tie M = O → M
    [{ M: 10, O: 10, A: 10, I: 20, R: 5, Q: 5 }, "I", "I"], // 30 = 30 is not ">" → largest of I, R, Q
    [{ M: 5, O: 5, A: 5, I: 4, R: 6, Q: 1 }, "M", "R"], // 15 > 11 → M (tie M = O = A)
    [{ M: 2, O: 1, A: 1, I: 2, R: 3, Q: 0 }, "R", "R"], // 4 < 5 → largest of I, R, Q
  ] as [Partial<KanoCounts>, string, string][])("oam rule %j → %s (mode %s)", (counts, oam, mode) => {
    expect(summarizeKano(counts, { rule: "oam" })).toMatchObject({ category: oam, rule: "oam" });
    expect(summarizeKano(counts).category).toBe(mode);
  });

  test("Fong test against an independent computation", () => {
    // a = 40 (A), b = 35 (O), n = 100: critical = 1.65 √(75 · 125 / 200) = 1.65 √46.875
    const summary = summarizeKano({ A: 40, O: 35, M: 20, I: 5 });
    expect(summary.fong).toEqual({
      first: 40,
      second: 35,
      firstCategory: "A",
      secondCategory: "O",
      difference: 5,
      critical: 1.65 * Math.sqrt(46.875),
      significant: false,
    });
  });

  test("a single category: second is 0 and Fong is significant", () => {
    const summary = summarizeKano({ M: 12 });
    expect(summary).toMatchObject({
      category: "M",
      better: 0,
      worse: -1,
      categoryStrength: 1,
      totalStrength: 1,
    });
    expect(summary.fong).toMatchObject({ first: 12, second: 0, difference: 12, significant: true });
  });

  test("only R and Q answers: Better and Worse are null, not NaN", () => {
    const summary = summarizeKano({ R: 3, Q: 2 });
    expect(summary.better).toBeNull();
    expect(summary.worse).toBeNull();
    expect(summary.totalStrength).toBe(0);
  });

  test("Better stays in 0..1 and Worse in −1..0", () => {
    for (const counts of [{ A: 9 }, { O: 9 }, { M: 9 }, { I: 9 }, { A: 1, O: 2, M: 3, I: 4, R: 5, Q: 6 }]) {
      const { better, worse } = summarizeKano(counts);
      expect(better).toBeGreaterThanOrEqual(0);
      expect(better).toBeLessThanOrEqual(1);
      expect(worse).toBeGreaterThanOrEqual(-1);
      expect(worse).toBeLessThanOrEqual(0);
    }
  });

  test.each([
    ["all zero", { M: 0, O: 0 }, /all counts are 0/],
    ["a negative count", { M: -1, O: 3 }, /summarizeKano\(counts\)\.M must be an integer ≥ 0, got -1/],
    ["a fractional count", { A: 2.5 }, /\.A must be an integer/],
    ["NaN", { I: Number.NaN }, /\.I must be an integer ≥ 0, got NaN/],
    ["an unknown category", { X: 3 }, /unknown Kano category "X"/],
    ["lower-case keys", { a: 3 }, /unknown Kano category "a"/],
  ])("throws a RangeError on %s", (_case, counts, message) => {
    expect(() => summarizeKano(counts as Partial<KanoCounts>)).toThrow(RangeError);
    expect(() => summarizeKano(counts as Partial<KanoCounts>)).toThrow(message);
  });

  test("throws on an unknown rule", () => {
    expect(() => summarizeKano({ A: 1 }, { rule: "max" as "mode" })).toThrow(/must be "mode" or "oam"/);
  });

  test("does not mutate its input", () => {
    const counts = deepFreeze({ M: 3, O: 1 });
    summarizeKano(counts, deepFreeze({ rule: "oam" as const }));
    expect(counts).toEqual({ M: 3, O: 1 });
  });
});
