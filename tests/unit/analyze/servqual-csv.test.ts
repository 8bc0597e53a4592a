import { describe, expect, test } from "vitest";
import { NoUsableRowsError } from "../../../src/analyze/csv.ts";
import { analyzeServqualCsv, parseServqualCsv, parseWeights } from "../../../src/analyze/servqual-csv.ts";
import { readSeed } from "./seeds.ts";

// seeds/analyze/servqual.csv transcribed: item → [expectations of c1..c4], [perceptions of c1..c4].
const SAMPLE: Record<string, [string, number[], number[]]> = {
  T1: ["tangibles", [6, 6, 5, 7], [5, 6, 5, 6]],
  T2: ["tangibles", [5, 6, 6, 6], [5, 5, 6, 6]],
  R1: ["reliability", [7, 7, 6, 7], [5, 6, 4, 5]],
  R2: ["reliability", [7, 6, 7, 7], [6, 5, 5, 6]],
  S1: ["responsiveness", [6, 7, 6, 6], [4, 5, 5, 4]],
  S2: ["responsiveness", [6, 6, 7, 6], [5, 5, 6, 4]],
  A1: ["assurance", [7, 6, 6, 7], [6, 6, 5, 6]],
  A2: ["assurance", [6, 6, 6, 7], [6, 5, 6, 6]],
  E1: ["empathy", [6, 5, 6, 6], [6, 5, 5, 6]],
  E2: ["empathy", [5, 6, 5, 6], [5, 6, 6, 6]],
};
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const itemGap = (key: string) => {
  const [, e, p] = SAMPLE[key] as [string, number[], number[]];
  return mean(p) - mean(e);
};
const dimensionGap = (dimension: string) =>
  mean(
    Object.keys(SAMPLE)
      .filter((key) => SAMPLE[key]?.[0] === dimension)
      .map(itemGap),
  );

describe("analyzeServqualCsv on seeds/analyze/servqual.csv", () => {
  const analysis = analyzeServqualCsv(readSeed("servqual.csv"));

  test("per item E, P, gap; English and Chinese dimension names are one dimension", () => {
    expect(analysis.items.map((item) => item.key)).toEqual(Object.keys(SAMPLE));
    for (const item of analysis.items) {
      const [dimension, e, p] = SAMPLE[item.key] as [string, number[], number[]];
      expect(item.dimension).toBe(dimension);
      expect(item.n).toBe(4);
      expect(item.expectation).toBeCloseTo(mean(e), 12);
      expect(item.perception).toBeCloseTo(mean(p), 12);
    }
    expect(analysis.badRows).toEqual([]);
  });

  test("dimensions in RATER order; unweighted = mean of the dimension gaps", () => {
    expect(analysis.dimensions.map((row) => row.dimension)).toEqual([
      "reliability",
      "assurance",
      "tangibles",
      "empathy",
      "responsiveness",
    ]);
    for (const row of analysis.dimensions) expect(row.gap).toBeCloseTo(dimensionGap(row.dimension), 12);
    const dimensions = ["reliability", "assurance", "tangibles", "empathy", "responsiveness"];
    expect(analysis.unweighted).toBeCloseTo(mean(dimensions.map(dimensionGap)), 12);
    expect(analysis.weighted).toBeNull();
  });

  test("weighted with importance points", () => {
    const weighted = analyzeServqualCsv(
      readSeed("servqual.csv"),
      parseWeights("信赖度=32,responsiveness=22,assurance=19,empathy=16,tangibles=11"),
    );
    const expected =
      0.32 * dimensionGap("reliability") +
      0.22 * dimensionGap("responsiveness") +
      0.19 * dimensionGap("assurance") +
      0.16 * dimensionGap("empathy") +
      0.11 * dimensionGap("tangibles");
    expect(weighted.weighted).toBeCloseTo(expected, 12);
  });
});

describe("analyzeServqualCsv on seeds/analyze/servqual-bad-rows.csv", () => {
  const analysis = analyzeServqualCsv(readSeed("servqual-bad-rows.csv"));

  test("reports each bad row with its line number", () => {
    expect(analysis.badRows).toEqual([
      { line: 4, reason: 'expectation "abc" is not a number' },
      { line: 5, reason: "perception 9 is outside 1..7" },
      { line: 6, reason: expect.stringMatching(/^unknown dimension "quality"/) },
      { line: 7, reason: 'item "T1" is tagged reliability here but tangibles on line 3' },
      { line: 8, reason: 'respondent "c1" already answered "R1" on line 2' },
      { line: 10, reason: "has 4 columns, the header has 5" },
    ]);
  });

  test("analyses the good rows", () => {
    expect(
      analysis.items.map((item) => [item.key, item.dimension, item.n, item.expectation, item.perception]),
    ).toEqual([
      ["R1", "reliability", 2, 6.5, 4.5],
      ["T1", "tangibles", 2, 6.5, 6],
    ]);
    expect(analysis.unweighted).toBeCloseTo((-2 + -0.5) / 2, 12);
  });
});

describe("SERVQUAL CSV edge cases", () => {
  test("Chinese headers and no respondent column", () => {
    const parsed = parseServqualCsv("题目,维度,期望,感知\nQ1,同理度,5,4\nQ1,empathy,4,4\n");
    expect(parsed.items).toEqual([
      { key: "Q1", dimension: "empathy", expectation: [5, 4], perception: [4, 4] },
    ]);
  });

  test("weights that do not cover the dimensions present are rejected", () => {
    expect(() => analyzeServqualCsv(readSeed("servqual.csv"), parseWeights("reliability=100"))).toThrow(
      /has items but no weight/,
    );
  });

  test("no usable row → NoUsableRowsError", () => {
    expect(() => analyzeServqualCsv("item,dimension,expectation,perception\nQ1,x,1,1\n")).toThrow(
      NoUsableRowsError,
    );
  });
});

describe("parseWeights", () => {
  test.each([
    ["reliability=32,responsiveness=22", { reliability: 32, responsiveness: 22 }],
    ["信赖度:50，有形度=50", { reliability: 50, tangibles: 50 }],
    [" empathy = 12.5 ; assurance=87.5 ", { empathy: 12.5, assurance: 87.5 }],
  ])("%j", (text, weights) => {
    expect(parseWeights(text)).toEqual(weights);
  });

  test.each([
    ["reliability", /cannot read "reliability"/],
    ["quality=10", /cannot read "quality=10"/],
    ["reliability=x", /cannot read/],
    ["reliability=10,可靠性=20", /reliability is given twice/],
  ])("rejects %j", (text, message) => {
    expect(() => parseWeights(text)).toThrow(RangeError);
    expect(() => parseWeights(text)).toThrow(message);
  });
});
