import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { distributionSection } from "../../../../src/reports/sections/distribution.ts";
import { reportInputs, satisfactionDefinition, totals, version1, viewContext } from "./fixtures.ts";

// 60 respondents. a1: 30 very satisfied, 10 satisfied, 10 dissatisfied → (3,000 + 900 + 600) / 50 =
// 90, shares 60/20/0/20 %. a2: 6 basically satisfied, 6 dissatisfied → (450 + 360) / 12 = 67.5, but
// 12 respondents: its counts are shown, its score withheld. b1: not answered.
const inputs = reportInputs({
  current: version1({
    "set:a1,a2,b1": totals({ n: 60, sum: 5_100 }),
    "set:a1": totals({ n: 50, sum: 4_500, counts: [30, 10, 0, 10] }),
    "set:a2": totals({ n: 12, sum: 810, counts: [0, 0, 6, 6] }),
  }),
});

describe("distribution section", () => {
  test("model: counts and shares per level, and the item's score", () => {
    const { distribution } = buildReportModel(inputs);
    expect(distribution.map((item) => [item.itemKey, item.answerCount, item.score, item.grade])).toEqual([
      ["a1", 50, 90, "good"],
      ["a2", 12, null, null],
      ["b1", 0, null, null],
    ]);
    expect(distribution[0]?.levels.map((level) => [level.count, level.share])).toEqual([
      [30, 0.6],
      [10, 0.2],
      [0, 0],
      [10, 0.2],
    ]);
    expect(distribution[1]?.levels.map((level) => level.count)).toEqual([0, 0, 6, 6]);
    expect(distribution.map((item) => item.reportability)).toEqual(["caution", "suppress", "suppress"]);
    expect(distribution[1]).toMatchObject({ dimension: "诚心", department: "运营部" });
  });

  test("view, chart and table", () => {
    const model = buildReportModel(inputs);
    const context = viewContext("en");
    const view = distributionSection.view(model, context);
    expect(view.scaleLabels).toEqual([
      "Very satisfied (100)",
      "Satisfied (90)",
      "Basically satisfied (75)",
      "Dissatisfied (60)",
    ]);
    expect(view.distribution[0]).toMatchObject({
      text: "Attitude",
      scoreText: "90.0",
      lowest: "20.0%",
      suppressed: false,
    });
    expect(view.distribution[1]).toMatchObject({
      scoreText: "—",
      grade: "—",
      lowest: "50.0%",
      suppressed: true,
    });
    expect(view.distribution[0]?.levels.map((level) => level.share)).toEqual([
      "60.0%",
      "20.0%",
      "0.0%",
      "20.0%",
    ]);
    const chart = distributionSection.charts?.(model, context).distribution;
    expect(chart?.labels).toEqual(["Attitude", "Listening", "Promise"]);
    expect(chart?.levels[3]).toEqual({ label: "Dissatisfied", shares: [20, 50, 0] });
    const [table] = distributionSection.tables(model, context);
    expect(table?.columns.slice(0, 3)).toEqual(["Item", "Very satisfied (100)", "Very satisfied %"]);
    expect(table?.rows[1]).toEqual([
      "Listening",
      0,
      { share: 0 },
      0,
      { share: 0 },
      6,
      { share: 0.5 },
      6,
      { share: 0.5 },
      12,
      null,
    ]);
  });

  test("a population under 30 respondents, filtered or not, or nothing answered: withheld", () => {
    expect(buildReportModel(reportInputs()).distribution).toEqual([]);
    const small = version1({
      "set:a1,a2,b1": totals({ n: 5, sum: 450 }),
      "set:a1": totals({ n: 5, sum: 450, counts: [3, 1, 0, 1] }),
    });
    for (const filter of [{}, { attribute: "region", value: "上海" } as const]) {
      const suppressed = buildReportModel(reportInputs({ current: small, filter }));
      expect(suppressed.distribution).toEqual([]);
      expect(distributionSection.shown(suppressed)).toBe(false);
    }
  });
});

describe("versions on different scales", () => {
  // v2 puts a new top level above v1's four and renames basically_satisfied "fair".
  const v1 = satisfactionDefinition();
  const v2 = {
    ...satisfactionDefinition(),
    scale: {
      levels: [
        { key: "excellent", points: 100, label: { en: "Excellent", "zh-CN": "极其满意" } },
        { key: "very_satisfied", points: 95, label: { en: "Very satisfied", "zh-CN": "非常满意" } },
        { key: "satisfied", points: 90, label: { en: "Satisfied", "zh-CN": "满意" } },
        { key: "fair", points: 75, label: { en: "Fair", "zh-CN": "一般" } },
        { key: "dissatisfied", points: 60, label: { en: "Dissatisfied", "zh-CN": "不满意" } },
      ],
    },
  };
  // a1: v1 20 respondents 8/6/4/2 (Σ 1,760), v2 20 respondents 3/5/6/4/2 (Σ 1,735)
  const twoScales = reportInputs({
    versions: [
      { id: 1, definition: v1 },
      { id: 2, definition: v2 },
    ],
    current: new Map([
      [
        1,
        new Map([
          ["set:a1,a2,b1", totals({ n: 20, sum: 1_760 })],
          ["set:a1", totals({ n: 20, sum: 1_760, counts: [8, 6, 4, 2] })],
        ]),
      ],
      [
        2,
        new Map([
          ["set:a1,a2,b1", totals({ n: 20, sum: 1_735 })],
          ["set:a1", totals({ n: 20, sum: 1_735, counts: [3, 5, 6, 4, 2] })],
        ]),
      ],
    ]),
  });

  test("counts are added by level key onto the latest scale; a level it lacks is left out of the counts only", () => {
    const model = buildReportModel(twoScales);
    expect(model.scale.map((level) => level.key)).toEqual(v2.scale.levels.map((level) => level.key));
    const a1 = model.distribution[0];
    expect(a1?.levels.map((level) => [level.levelKey, level.count])).toEqual([
      ["excellent", 3],
      ["very_satisfied", 13],
      ["satisfied", 12],
      ["fair", 4],
      ["dissatisfied", 4],
    ]);
    expect(a1).toMatchObject({ n: 40, answerCount: 36, score: 3_495 / 40 });
    expect(model.dissatisfaction.items).toMatchObject([{ itemKey: "a1", count: 4, share: 4 / 36 }]);
  });

  test("the same level keys in both versions (their points may differ): counts added as they are", () => {
    const level = (key: string, points: number) => ({ key, points, label: { en: key, "zh-CN": key } });
    const sameKeys = {
      ...v1,
      scale: {
        levels: [
          level("very_satisfied", 100),
          level("satisfied", 85),
          level("basically_satisfied", 70),
          level("dissatisfied", 50),
        ],
      },
    };
    const model = buildReportModel({
      ...twoScales,
      versions: [
        { id: 1, definition: v1 },
        { id: 2, definition: sameKeys },
      ],
      current: new Map([
        [
          1,
          new Map([
            ["set:a1,a2,b1", totals({ n: 20, sum: 1_760 })],
            ["set:a1", totals({ n: 20, sum: 1_760, counts: [8, 6, 4, 2] })],
          ]),
        ],
        [
          2,
          new Map([
            ["set:a1,a2,b1", totals({ n: 20, sum: 1_700 })],
            ["set:a1", totals({ n: 20, sum: 1_700, counts: [5, 6, 7, 2] })],
          ]),
        ],
      ]),
    });
    expect(model.distribution[0]?.levels.map((level) => level.count)).toEqual([13, 12, 11, 4]);
  });
});
