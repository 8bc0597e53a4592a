import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { distributionSection } from "../../../../src/reports/sections/distribution.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";

// a1: 3 very satisfied, 1 satisfied, 1 dissatisfied → (300 + 90 + 60) / 5 = 90, shares 60/20/0/20 %.
// a2: 2 basically satisfied, 2 dissatisfied → (150 + 120) / 4 = 67.5. b1: not answered.
const inputs = reportInputs({
  current: version1({
    "set:a1": totals({ n: 5, sum: 450, counts: [3, 1, 0, 1] }),
    "set:a2": totals({ n: 4, sum: 270, counts: [0, 0, 2, 2] }),
  }),
});

describe("distribution section", () => {
  test("model: counts and shares per level, and the item's score", () => {
    const { distribution } = buildReportModel(inputs);
    expect(distribution.map((item) => [item.itemKey, item.answerCount, item.score, item.grade])).toEqual([
      ["a1", 5, 90, "good"],
      ["a2", 4, 67.5, "average"],
      ["b1", 0, null, null],
    ]);
    expect(distribution[0]?.levels.map((level) => [level.count, level.share])).toEqual([
      [3, 0.6],
      [1, 0.2],
      [0, 0],
      [1, 0.2],
    ]);
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
    expect(view.distribution[0]).toMatchObject({ text: "Attitude", scoreText: "90.0", lowest: "20.0%" });
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
    expect(table?.rows[1]).toEqual(["Listening", 0, 0, 0, 0, 2, 0.5, 2, 0.5, 4, { score: 67.5 }]);
  });

  test("nothing answered: every item with zero counts; withheld when suppressed", () => {
    const empty = buildReportModel(reportInputs());
    expect(empty.distribution.map((item) => [item.answerCount, item.score])).toEqual([
      [0, null],
      [0, null],
      [0, null],
    ]);
    const suppressed = buildReportModel({ ...inputs, filter: { attribute: "region", value: "上海" } });
    expect(suppressed.distribution).toEqual([]);
    expect(distributionSection.shown(suppressed)).toBe(false);
  });
});
