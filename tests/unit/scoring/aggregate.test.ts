import { describe, expect, test } from "vitest";
import {
  type Answer,
  DEFAULT_SCALE,
  type Item,
  overallScore,
  type Respondent,
  respondentScore,
  type Scale,
  scoreSurvey,
} from "../../../src/scoring/index.ts";
import { deepFreeze } from "./deep-freeze.ts";

const level = (itemKey: string, levelKey: string | null): Answer => ({ itemKey, levelKey });
const points = (itemKey: string, value: number | null): Answer => ({ itemKey, points: value });

describe("respondentScore", () => {
  // A respondent's score is the mean of their answered satisfaction items (../shared/MISSION.md).
  test.each([
    ["one answer", [level("Q1", "satisfied")], 90],
    ["levels", [level("Q1", "very_satisfied"), level("Q2", "basically_satisfied")], 87.5],
    ["points", [points("Q1", 100), points("Q2", 60)], 80],
    ["mixed forms", [level("Q1", "satisfied"), points("Q2", 75)], 82.5],
    ["an unanswered item is excluded, not 0", [level("Q1", "very_satisfied"), level("Q2", null)], 100],
    ["unanswered points too", [points("Q1", null), points("Q2", 60), points("Q3", 90)], 75],
  ])("%s", (_case, answers, expected) => {
    expect(respondentScore(answers)).toBeCloseTo(expected, 12);
  });

  test.each([
    ["nothing answered", [level("Q1", null), points("Q2", null)]],
    ["no answers at all", []],
  ])("is null when %s", (_case, answers) => {
    expect(respondentScore(answers)).toBeNull();
  });

  test.each([
    ["a level that is not on the scale", [level("Q1", "good")], /answers\[0\].*"good" is not on the scale/],
    [
      "points that are not on the scale",
      [points("Q1", 85)],
      /85 points is not on the scale \(100, 90, 75, 60\)/,
    ],
    ["NaN points", [points("Q1", Number.NaN)], /NaN points is not on the scale/],
    [
      "an item answered twice",
      [level("Q1", "satisfied"), level("Q1", "dissatisfied")],
      /"Q1" is answered twice/,
    ],
    ["an answer without level or points", [{ itemKey: "Q1" } as unknown as Answer], /levelKey or points/],
  ])("throws a RangeError on %s", (_case, answers, message) => {
    expect(() => respondentScore(answers)).toThrow(RangeError);
    expect(() => respondentScore(answers)).toThrow(message);
  });

  test("uses the questionnaire's own scale", () => {
    const scale: Scale = {
      levels: [
        { key: "yes", points: 100, label: { "zh-CN": "是", en: "Yes" } },
        { key: "no", points: 0, label: { "zh-CN": "否", en: "No" } },
      ],
    };
    expect(respondentScore([level("Q1", "yes"), level("Q2", "no"), level("Q3", "yes")], scale)).toBeCloseTo(
      200 / 3,
      12,
    );
    expect(() => respondentScore([level("Q1", "satisfied")], scale)).toThrow(/not on the scale \(yes, no\)/);
  });
});

describe("overallScore", () => {
  test.each([
    [[100, 90, 80], 90],
    [[100, null, 80], 90], // a respondent without a score is not counted
    [[87.5], 87.5],
    [[95, 95, 95], 95], // all equal
  ])("Σ respondent scores / n of %j = %d", (scores, expected) => {
    expect(overallScore(scores)).toBeCloseTo(expected, 12);
  });

  test.each([
    ["an empty list", [], /empty/],
    ["only nulls", [null, null], /no respondent has a score/],
    ["NaN", [90, Number.NaN], /respondentScores\[1\]\) must be a finite number/],
  ])("throws a RangeError on %s", (_case, scores, message) => {
    expect(() => overallScore(scores)).toThrow(RangeError);
    expect(() => overallScore(scores)).toThrow(message);
  });
});

describe("scoreSurvey", () => {
  const items: Item[] = [
    {
      key: "Q1",
      dimension: "诚心",
      indicatorPath: ["服务质量", "服务态度", "接待礼仪"],
      department: "客服中心",
    },
    {
      key: "Q2",
      dimension: "诚心",
      indicatorPath: ["服务质量", "服务态度", "回访及时"],
      department: "客服中心",
    },
    { key: "Q3", dimension: "诚信", indicatorPath: ["服务质量", "理赔服务"], department: "理赔部" },
    { key: "Q4", dimension: "诚行", indicatorPath: ["产品", "条款清晰"], department: "产品部" },
    { key: "Q5", dimension: "诚行" },
  ];
  const respondents: Respondent[] = [
    {
      respondentKey: "r1",
      answers: [
        level("Q1", "very_satisfied"),
        level("Q2", "very_satisfied"),
        level("Q3", "satisfied"),
        level("Q4", "basically_satisfied"),
        level("Q5", "satisfied"),
      ],
    },
    {
      respondentKey: "r2",
      answers: [level("Q1", "satisfied"), level("Q3", "dissatisfied"), level("Q5", null)],
    },
    { respondentKey: "r3", answers: [points("Q2", 100), points("Q4", 60)] },
    { respondentKey: "r4", answers: [level("Q1", null)] }, // answered nothing
  ];

  test("overall: mean of respondent scores, not of answers; unanswered respondents not counted", () => {
    const result = scoreSurvey({ items, respondents });
    // r1 = (100+100+90+75+90)/5 = 91, r2 = (90+60)/2 = 75, r3 = (100+60)/2 = 80.
    expect(result.respondents).toEqual([
      { respondentKey: "r1", score: 91, answerCount: 5 },
      { respondentKey: "r2", score: 75, answerCount: 2 },
      { respondentKey: "r3", score: 80, answerCount: 2 },
      { respondentKey: "r4", score: null, answerCount: 0 },
    ]);
    expect(result.overall.n).toBe(3);
    expect(result.overall.answerCount).toBe(9);
    expect(result.overall.score).toBeCloseTo((91 + 75 + 80) / 3, 12);
    // The mean of all nine answers would be 765/9 = 85 and would wrongly grade "good".
    expect(result.overall.score).not.toBeCloseTo(85, 3);
    expect(result.overall.grade).toBe("average");
  });

  test("share of each answer level, over answers, in scale order", () => {
    const { overall } = scoreSurvey({ items, respondents });
    expect(overall.levels.map(({ levelKey, count }) => [levelKey, count])).toEqual([
      ["very_satisfied", 3],
      ["satisfied", 3],
      ["basically_satisfied", 1],
      ["dissatisfied", 2],
    ]);
    expect(overall.levels.map((entry) => entry.share)).toEqual([3 / 9, 3 / 9, 1 / 9, 2 / 9]);
    expect(overall.levels[0]?.label).toEqual({ "zh-CN": "非常满意", en: "Very satisfied" });
  });

  test.each([
    // dimension, n, score, grade — each respondent's dimension mean, then the mean over respondents.
    ["诚心", 3, (100 + 90 + 100) / 3, "excellent"], // r1 (100+100)/2, r2 90, r3 100
    ["诚信", 2, (90 + 60) / 2, "average"], // r1 90, r2 60
    ["诚行", 2, ((75 + 90) / 2 + 60) / 2, "average"], // r1 82.5, r3 60; r2's Q5 is unanswered
  ] as const)("per dimension %s: n %d, score %d, %s", (dimension, n, score, grade) => {
    const group = scoreSurvey({ items, respondents }).byDimension.find(
      (entry) => entry.dimension === dimension,
    );
    expect(group?.n).toBe(n);
    expect(group?.score).toBeCloseTo(score, 12);
    expect(group?.grade).toBe(grade);
  });

  test("per item and per department", () => {
    const result = scoreSurvey({ items, respondents });
    expect(result.byItem.map(({ itemKey, n, score }) => [itemKey, n, score])).toEqual([
      ["Q1", 2, 95],
      ["Q2", 2, 100],
      ["Q3", 2, 75],
      ["Q4", 2, 67.5],
      ["Q5", 1, 90],
    ]);
    expect(result.byDepartment.map(({ department, n, score }) => [department, n, score])).toEqual([
      ["客服中心", 3, (100 + 90 + 100) / 3],
      ["理赔部", 2, 75],
      ["产品部", 2, 67.5],
    ]);
  });

  test("indicator tree: every node scored over the items beneath it", () => {
    const [quality, product] = scoreSurvey({ items, respondents }).indicatorTree;
    expect(quality?.name).toBe("服务质量");
    expect(quality?.depth).toBe(1);
    expect(quality?.itemKeys).toEqual(["Q1", "Q2", "Q3"]);
    // r1 (100+100+90)/3, r2 (90+60)/2, r3 100
    expect(quality?.score).toBeCloseTo((290 / 3 + 75 + 100) / 3, 12);
    const attitude = quality?.children[0];
    expect(attitude?.path).toEqual(["服务质量", "服务态度"]);
    expect(attitude?.score).toBeCloseTo((100 + 90 + 100) / 3, 12);
    expect(attitude?.children.map((node) => [node.path.join(" > "), node.depth, node.n, node.score])).toEqual(
      [
        ["服务质量 > 服务态度 > 接待礼仪", 3, 2, 95],
        ["服务质量 > 服务态度 > 回访及时", 3, 2, 100],
      ],
    );
    expect(quality?.children[1]?.name).toBe("理赔服务");
    expect(product?.path).toEqual(["产品"]);
    expect(product?.children[0]?.score).toBe(67.5);
  });

  test("a group nobody answered has n = 0 and no score", () => {
    const result = scoreSurvey({
      items: [
        { key: "Q1", dimension: "A" },
        { key: "Q2", dimension: "B" },
      ],
      respondents: [{ respondentKey: "r1", answers: [level("Q1", "satisfied"), level("Q2", null)] }],
    });
    expect(result.byDimension[1]).toMatchObject({
      dimension: "B",
      n: 0,
      answerCount: 0,
      score: null,
      grade: null,
    });
    expect(result.byDimension[1]?.levels.every((entry) => entry.count === 0 && entry.share === 0)).toBe(true);
  });

  test("grades the exact value: 99 × 100 and 101 × 90 give 94.95, which is good", () => {
    const many: Respondent[] = Array.from({ length: 200 }, (_, index) => ({
      respondentKey: `r${index}`,
      answers: [level("Q1", index < 99 ? "very_satisfied" : "satisfied")],
    }));
    const { overall } = scoreSurvey({ items: [{ key: "Q1" }], respondents: many });
    expect(overall.score).toBeCloseTo(94.95, 10);
    expect(overall.grade).toBe("good");
  });

  test("grades the exact value: 999 × 85 and one 75 give 84.99, which is average", () => {
    const many: Respondent[] = Array.from({ length: 1000 }, (_, index) => ({
      respondentKey: `r${index}`,
      answers:
        index === 0
          ? [level("Q1", "basically_satisfied")]
          : [level("Q1", "satisfied"), level("Q2", "satisfied"), level("Q3", "basically_satisfied")],
    }));
    const { overall } = scoreSurvey({
      items: [{ key: "Q1" }, { key: "Q2" }, { key: "Q3" }],
      respondents: many,
    });
    expect(overall.score).toBeCloseTo(84.99, 10);
    expect(overall.grade).toBe("average");
  });

  test("agrees with a brute-force recomputation on generated data", () => {
    // Deterministic pseudo-random data: 60 respondents × 8 items, about 1 in 5 answers skipped.
    let seed = 20240611;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const keys = ["very_satisfied", "satisfied", "basically_satisfied", "dissatisfied"];
    const pointsOf: Record<string, number> = {
      very_satisfied: 100,
      satisfied: 90,
      basically_satisfied: 75,
      dissatisfied: 60,
    };
    const catalogue: Item[] = Array.from({ length: 8 }, (_, index) => ({
      key: `Q${index + 1}`,
      dimension: ["R", "A", "T"][index % 3] as string,
    }));
    const data: Respondent[] = Array.from({ length: 60 }, (_, r) => ({
      respondentKey: `r${r}`,
      answers: catalogue.map((item) =>
        level(item.key, random() < 0.2 ? null : (keys[Math.floor(random() * 4)] as string)),
      ),
    }));
    const result = scoreSurvey({ items: catalogue, respondents: data });

    // Brute force: a respondent × item matrix of points (NaN = unanswered), then row means, then the mean of rows.
    const matrix = data.map((respondent) =>
      respondent.answers.map((answer) =>
        "levelKey" in answer && answer.levelKey ? (pointsOf[answer.levelKey] as number) : Number.NaN,
      ),
    );
    const meanOfRows = (columns: number[]) => {
      const rowMeans: number[] = [];
      for (const row of matrix) {
        const values = columns.map((column) => row[column] as number).filter((value) => !Number.isNaN(value));
        if (values.length > 0) rowMeans.push(values.reduce((a, b) => a + b, 0) / values.length);
      }
      return { n: rowMeans.length, score: rowMeans.reduce((a, b) => a + b, 0) / rowMeans.length };
    };
    const all = meanOfRows([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(result.overall.n).toBe(all.n);
    expect(result.overall.score).toBeCloseTo(all.score, 10);
    for (const [dimension, columns] of [
      ["R", [0, 3, 6]],
      ["A", [1, 4, 7]],
      ["T", [2, 5]],
    ] as const) {
      const expected = meanOfRows([...columns]);
      const group = result.byDimension.find((entry) => entry.dimension === dimension);
      expect(group?.n).toBe(expected.n);
      expect(group?.score).toBeCloseTo(expected.score, 10);
    }
    const answered = matrix.flat().filter((value) => !Number.isNaN(value));
    expect(result.overall.answerCount).toBe(answered.length);
    expect(result.overall.levels.find((entry) => entry.levelKey === "dissatisfied")?.count).toBe(
      answered.filter((value) => value === 60).length,
    );
  });

  test("accepts a custom scale", () => {
    const scale: Scale = {
      levels: [
        { key: "a", points: 10, label: { "zh-CN": "好", en: "Good" } },
        { key: "b", points: 5, label: { "zh-CN": "中", en: "Fair" } },
        { key: "c", points: 0, label: { "zh-CN": "差", en: "Poor" } },
      ],
    };
    const result = scoreSurvey({
      scale,
      items: [{ key: "Q1" }],
      respondents: [
        { respondentKey: "r1", answers: [level("Q1", "a")] },
        { respondentKey: "r2", answers: [points("Q1", 5)] },
      ],
    });
    expect(result.overall.score).toBe(7.5);
    expect(result.overall.levels.map((entry) => entry.levelKey)).toEqual(["a", "b", "c"]);
  });

  test.each([
    ["no items", [], respondents, /scoreSurvey\(items\): the list is empty/],
    ["no respondents", items, [], /scoreSurvey\(respondents\): the list is empty/],
    [
      "a duplicate item",
      [{ key: "Q1" }, { key: "Q1" }],
      respondents,
      /items\)\[1\]: duplicate item key "Q1"/,
    ],
    ["an empty item key", [{ key: " " }], respondents, /items\)\[0\]\.key must be a non-empty string/],
    [
      "an indicator path deeper than 3",
      [{ key: "Q1", indicatorPath: ["a", "b", "c", "d"] }],
      [],
      /indicatorPath must list 1 to 3 indicator names/,
    ],
    ["an empty indicator path", [{ key: "Q1", indicatorPath: [] }], [], /indicatorPath must list 1 to 3/],
    [
      "an unknown item",
      [{ key: "Q1" }],
      [{ respondentKey: "r1", answers: [level("Q9", "satisfied")] }],
      /respondents\)\[0\] \(r1\)\.answers\[0\]: item "Q9" is not in the item catalogue/,
    ],
    [
      "a duplicate respondent",
      [{ key: "Q1" }],
      [
        { respondentKey: "r1", answers: [] },
        { respondentKey: "r1", answers: [] },
      ],
      /respondents\)\[1\]: duplicate respondent "r1"/,
    ],
    [
      "an answer off the scale",
      [{ key: "Q1" }],
      [{ respondentKey: "r7", answers: [points("Q1", 95)] }],
      /\(r7\)\.answers\[0\] \(Q1\): 95 points is not on the scale/,
    ],
    [
      "an item answered twice",
      [{ key: "Q1" }],
      [{ respondentKey: "r1", answers: [level("Q1", "satisfied"), level("Q1", "satisfied")] }],
      /item "Q1" is answered twice/,
    ],
  ] as [string, Item[], Respondent[], RegExp][])(
    "throws a RangeError on %s",
    (_case, itemList, respondentList, message) => {
      expect(() => scoreSurvey({ items: itemList, respondents: respondentList })).toThrow(RangeError);
      expect(() => scoreSurvey({ items: itemList, respondents: respondentList })).toThrow(message);
    },
  );

  test("does not mutate its input", () => {
    const input = deepFreeze({
      items: structuredClone(items),
      respondents: structuredClone(respondents),
      scale: DEFAULT_SCALE,
    });
    const before = structuredClone(input);
    scoreSurvey(input);
    expect(input).toEqual(before);
  });
});
