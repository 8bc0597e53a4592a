import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { distributionSection } from "../../../../src/reports/sections/distribution.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";

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
