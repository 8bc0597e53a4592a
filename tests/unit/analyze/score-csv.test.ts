import { describe, expect, test } from "vitest";
import { NoUsableRowsError } from "../../../src/analyze/csv.ts";
import { analyzeScoreCsv, parseScoreCsv } from "../../../src/analyze/score-csv.ts";
import { readSeed } from "./seeds.ts";

// seeds/analyze/score.csv transcribed as points (null = unanswered); columns Q1..Q6, dimensions
// 诚心 (Q1, Q2), 诚信 (Q3, Q4), 诚行 (Q5, Q6).
const SCORE_CSV: (number | null)[][] = [
  [100, 100, 90, 90, 75, 90],
  [90, 100, 90, 75, 90, 90],
  [100, 100, 100, 90, 90, 75],
  [100, 90, 90, 60, 75, 90],
  [100, 90, 90, 90, 75, null],
  [100, 100, 90, 90, 60, 75],
  [90, 90, 75, 90, 90, 90],
  [100, 100, 90, 100, 90, 75],
  [100, null, 90, 90, 90, 90],
  [100, 100, 100, 90, 75, 75],
];

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const scoreOf = (columns: number[]) => {
  const respondentMeans = SCORE_CSV.map((row) =>
    columns.map((c) => row[c]).filter((v): v is number => v !== null),
  )
    .filter((values) => values.length > 0)
    .map(mean);
  return { n: respondentMeans.length, score: mean(respondentMeans) };
};

describe("parseScoreCsv on seeds/analyze/score.csv", () => {
  const parsed = parseScoreCsv(readSeed("score.csv"));

  test("reads items and their dimensions from the header", () => {
    expect(parsed.items).toEqual([
      { key: "Q1", dimension: "诚心" },
      { key: "Q2", dimension: "诚心" },
      { key: "Q3", dimension: "诚信" },
      { key: "Q4", dimension: "诚信" },
      { key: "Q5", dimension: "诚行" },
      { key: "Q6", dimension: "诚行" },
    ]);
    expect(parsed.badRows).toEqual([]);
  });

  test("reads Chinese, English, key and points answers; blanks and 不适用 are unanswered", () => {
    expect(parsed.respondents).toHaveLength(10);
    expect(parsed.respondents[3]).toEqual({
      respondentKey: "r04",
      answers: [
        { itemKey: "Q1", levelKey: "very_satisfied" },
        { itemKey: "Q2", levelKey: "satisfied" },
        { itemKey: "Q3", levelKey: "satisfied" },
        { itemKey: "Q4", levelKey: "dissatisfied" },
        { itemKey: "Q5", levelKey: "basically_satisfied" },
        { itemKey: "Q6", levelKey: "satisfied" },
      ],
    });
    expect(parsed.respondents[4]?.answers[5]).toEqual({ itemKey: "Q6", levelKey: null });
    expect(parsed.respondents[8]?.answers[1]).toEqual({ itemKey: "Q2", levelKey: null });
  });
});

describe("analyzeScoreCsv on seeds/analyze/score.csv", () => {
  const analysis = analyzeScoreCsv(readSeed("score.csv"));

  test("overall: mean of respondent means, 58 answers", () => {
    const expected = scoreOf([0, 1, 2, 3, 4, 5]);
    expect(analysis.respondentCount).toBe(10);
    expect(analysis.overall.n).toBe(expected.n);
    expect(analysis.overall.answerCount).toBe(58);
    expect(analysis.overall.score).toBeCloseTo(expected.score, 10);
    expect(analysis.overall.grade).toBe("good");
  });

  test.each([
    ["诚心", [0, 1], "excellent"],
    ["诚信", [2, 3], "good"],
    ["诚行", [4, 5], "average"],
  ] as const)("dimension %s", (dimension, columns, grade) => {
    const row = analysis.byDimension.find((entry) => entry.dimension === dimension);
    const expected = scoreOf([...columns]);
    expect(row?.n).toBe(expected.n);
    expect(row?.score).toBeCloseTo(expected.score, 10);
    expect(row?.grade).toBe(grade);
  });

  test("per item, with its dimension, n excluding unanswered cells", () => {
    expect(analysis.byItem.map((row) => [row.itemKey, row.dimension, row.n])).toEqual([
      ["Q1", "诚心", 10],
      ["Q2", "诚心", 9],
      ["Q3", "诚信", 10],
      ["Q4", "诚信", 10],
      ["Q5", "诚行", 10],
      ["Q6", "诚行", 9],
    ]);
    expect(analysis.byItem[1]?.score).toBeCloseTo(870 / 9, 10);
    expect(analysis.respondents[4]).toEqual({
      respondentKey: "r05",
      score: (100 + 90 + 90 + 90 + 75) / 5,
      answerCount: 5,
    });
  });
});

describe("analyzeScoreCsv on seeds/analyze/score-bad-rows.csv", () => {
  const analysis = analyzeScoreCsv(readSeed("score-bad-rows.csv"));

  test("reports each bad row with its line number and reason", () => {
    expect(analysis.badRows).toEqual([
      {
        line: 3,
        reason: expect.stringMatching(/^column "Q3\[诚信\]": unrecognised answer "很好" \(use 非常满意/),
      },
      { line: 6, reason: "has 6 columns, the header has 7" },
      { line: 7, reason: "empty respondent id" },
      { line: 8, reason: 'respondent "r03" already appears on line 4' },
      { line: 9, reason: "no item answered" },
      { line: 10, reason: expect.stringMatching(/^not valid CSV: Invalid Closing Quote/) },
    ]);
  });

  test("still analyses the good rows (r01, r03, r07)", () => {
    expect(analysis.respondents.map((row) => row.respondentKey)).toEqual(["r01", "r03", "r07"]);
    const r01 = mean([100, 100, 90, 90, 75, 90]);
    const r03 = mean([100, 100, 100, 90, 90, 75]);
    const r07 = mean([90, 90, 75, 90, 90, 90]);
    expect(analysis.overall.score).toBeCloseTo((r01 + r03 + r07) / 3, 10);
  });
});

describe("score CSV edge cases", () => {
  test("no usable row → NoUsableRowsError listing the bad rows", () => {
    try {
      analyzeScoreCsv(readSeed("score-all-bad.csv"));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NoUsableRowsError);
      expect((error as NoUsableRowsError).badRows.map((row) => row.line)).toEqual([2, 3, 4]);
      expect((error as NoUsableRowsError).badRows[2]?.reason).toMatch(/unrecognised answer "80"/);
    }
  });

  test("without a respondent column respondents are named after their line", () => {
    const parsed = parseScoreCsv("Q1,Q2\n满意,非常满意\n\n不满意,\n");
    expect(parsed.respondents.map((row) => row.respondentKey)).toEqual(["line 2", "line 4"]);
    expect(parsed.items).toEqual([{ key: "Q1" }, { key: "Q2" }]);
  });

  test("full-width brackets and Chinese respondent header", () => {
    const parsed = parseScoreCsv("受访者,服务态度【诚心】\nc1,满意\n");
    expect(parsed.items).toEqual([{ key: "服务态度", dimension: "诚心" }]);
    expect(parsed.respondents[0]?.respondentKey).toBe("c1");
  });

  test.each([
    ["only a respondent column", "respondent\nr1\n", /has no item columns/],
    ["an item named twice", "respondent,Q1[A],Q1[B]\n", /names item "Q1" twice/],
    ["an empty column name", "respondent,,Q2\n", /empty column name \(column 2\)/],
  ])("rejects a header with %s", (_case, text, message) => {
    expect(() => parseScoreCsv(text)).toThrow(message);
  });
});
