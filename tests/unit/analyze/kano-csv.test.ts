import { describe, expect, test } from "vitest";
import { NoUsableRowsError } from "../../../src/analyze/csv.ts";
import { analyzeKanoCsv, parseKanoCsv } from "../../../src/analyze/kano-csv.ts";
import { readSeed } from "./seeds.ts";

describe("analyzeKanoCsv on seeds/analyze/kano.csv", () => {
  const analysis = analyzeKanoCsv(readSeed("kano.csv"));

  // Counts designed into the sample (12 respondents per feature; the last three answered in English):
  // 在线理赔 6 × like/dislike (O), 3 × must-be/dislike (M), 2 × like/neutral (A), 1 × neutral/neutral (I).
  // 理赔进度短信 6 × like/neutral + 1 × like/live-with (A), 3 × neutral/neutral (I), like/dislike (O), like/like (Q).
  // 专属客户经理 5 × must-be/dislike (M), 5 × live-with/live-with (I), dislike/like (R), like/dislike (O).
  test.each([
    ["在线理赔", { A: 2, O: 6, M: 3, I: 1, R: 0, Q: 0 }, "O", 8 / 12, -9 / 12, false],
    ["理赔进度短信", { A: 7, O: 1, M: 0, I: 3, R: 0, Q: 1 }, "A", 8 / 11, -1 / 11, true],
    ["专属客户经理", { A: 0, O: 1, M: 5, I: 5, R: 1, Q: 0 }, "M", 1 / 11, -6 / 11, false], // M = I tie → M
  ] as const)("%s", (feature, counts, category, better, worse, fongSignificant) => {
    const row = analysis.features.find((entry) => entry.feature === feature);
    expect(row?.n).toBe(12);
    expect(row?.counts).toEqual(counts);
    expect(row?.category).toBe(category);
    expect(row?.better).toBeCloseTo(better, 12);
    expect(row?.worse).toBeCloseTo(worse, 12);
    expect(row?.fong.significant).toBe(fongSignificant);
  });

  test("features keep their order of appearance; continuous means are computed", () => {
    expect(analysis.features.map((row) => row.feature)).toEqual(["在线理赔", "理赔进度短信", "专属客户经理"]);
    // 在线理赔 functional: 8 × like (4), 3 × must-be (2), 1 × neutral (0) → 38/12
    expect(analysis.features[0]?.continuous?.functional.mean).toBeCloseTo(38 / 12, 12);
    // dysfunctional: 9 × dislike (4), 3 × neutral (0) → 36/12
    expect(analysis.features[0]?.continuous?.dysfunctional.mean).toBeCloseTo(3, 12);
    expect(analysis.badRows).toEqual([]);
  });

  test("the oam rule can be chosen", () => {
    const oam = analyzeKanoCsv(readSeed("kano.csv"), "oam");
    expect(oam.rule).toBe("oam");
    // 专属客户经理: O+A+M = 6 ≤ I+R+Q = 6 → largest of I, R, Q = I
    expect(oam.features[2]?.category).toBe("I");
  });
});

describe("analyzeKanoCsv on seeds/analyze/kano-bad-rows.csv", () => {
  const analysis = analyzeKanoCsv(readSeed("kano-bad-rows.csv"));

  test("Chinese headers; bad rows reported with their lines", () => {
    expect(analysis.badRows).toEqual([
      { line: 4, reason: expect.stringMatching(/^unrecognised functional answer "love it"/) },
      { line: 6, reason: "empty feature" },
      { line: 8, reason: "has 3 columns, the header has 4" },
      { line: 9, reason: 'respondent "r01" already answered "Online claims" on line 2' },
    ]);
  });

  test("good rows are analysed", () => {
    expect(analysis.features.map((row) => [row.feature, row.counts])).toEqual([
      ["Online claims", { A: 0, O: 1, M: 1, I: 0, R: 1, Q: 0 }], // like/dislike, must be/dislike, 5/1 = dislike/like
      ["SMS progress", { A: 3, O: 0, M: 0, I: 0, R: 0, Q: 0 }],
    ]);
  });
});

describe("Kano CSV edge cases", () => {
  test("no respondent column is fine; the pairs are counted", () => {
    const parsed = parseKanoCsv("feature,functional,dysfunctional\nF,like,dislike\nF,like,dislike\n");
    expect(parsed.features).toEqual([
      {
        feature: "F",
        pairs: [
          { functional: "like", dysfunctional: "dislike" },
          { functional: "like", dysfunctional: "dislike" },
        ],
      },
    ]);
  });

  test("a single pair has no continuous position", () => {
    expect(
      analyzeKanoCsv("feature,functional,dysfunctional\nF,like,dislike\n").features[0]?.continuous,
    ).toBeNull();
  });

  test("a missing column is fatal", () => {
    expect(() => parseKanoCsv("feature,functional\nF,like\n")).toThrow(/no "dysfunctional" column/);
  });

  test("no usable row → NoUsableRowsError", () => {
    expect(() => analyzeKanoCsv("feature,functional,dysfunctional\nF,yes,no\n")).toThrow(NoUsableRowsError);
  });
});
