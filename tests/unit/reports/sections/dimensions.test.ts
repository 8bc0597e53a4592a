import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { dimensionLabel, dimensionsSection } from "../../../../src/reports/sections/dimensions.ts";
import { reportInputs, satisfactionDefinition, totals, version1, viewContext } from "./fixtures.ts";

// 诚心 (a1, a2): scores 100, 90, 75, 75 → Σ = 340, mean 85.0 (good: ≥ 85 on the exact value).
// 诚信 (b1): scores 60 and 80 → mean 70.0 (average); s² = 200, interval 70 ± t(0.975, 1) · √(200/2)
// = 70 ± 12.706 · 10. September had 诚心 at 80 for two respondents only.
const inputs = reportInputs({
  current: version1({
    "set:a1,a2": totals({ n: 4, sum: 340, sumSq: 29_350 }),
    "set:b1": totals({ n: 2, sum: 140, sumSq: 10_000 }),
  }),
  previous: version1({ "set:a1,a2": totals({ n: 2, sum: 160, sumSq: 12_800 }) }),
});

describe("dimensions section", () => {
  test("model: each dimension in catalogue order, with its change", () => {
    const { dimensions } = buildReportModel(inputs);
    expect(dimensions.map((d) => [d.key, d.n, d.score, d.grade])).toEqual([
      ["诚心", 4, 85, "good"],
      ["诚信", 2, 70, "average"],
    ]);
    expect(dimensions[0]?.change).toMatchObject({ previousScore: 80, difference: 5 });
    expect(dimensions[1]?.change).toBeNull();
    expect(dimensions[1]?.lower).toBeCloseTo(70 - 127.062, 2);
  });

  test("view, chart and table", () => {
    const model = buildReportModel(inputs);
    const context = viewContext("en");
    const { dimensions } = dimensionsSection.view(model, context);
    expect(dimensions.map((d) => [d.label, d.scoreText, d.grade])).toEqual([
      ["Sincerity", "85.0", "Good"],
      ["Integrity", "70.0", "Average"],
    ]);
    expect(dimensions[1]?.change.text).toBe("no responses in September 2026");
    expect(dimensionsSection.charts?.(model, context)).toEqual({
      dimensions: { labels: ["Sincerity", "Integrity"], scores: [85, 70] },
    });
    const [table] = dimensionsSection.tables(model, context);
    expect(table?.rows.map((row) => row.slice(0, 4))).toEqual([
      ["Sincerity", { score: 85 }, "Good", 4],
      ["Integrity", { score: 70 }, "Average", 2],
    ]);
    expect(dimensionsSection.view(model, viewContext("zh-CN")).dimensions[0]?.label).toBe("诚心");
  });

  test("nothing answered: the dimensions are listed without scores; withheld when suppressed", () => {
    const empty = buildReportModel(reportInputs());
    expect(empty.dimensions.map((d) => [d.key, d.n, d.score])).toEqual([
      ["诚心", 0, null],
      ["诚信", 0, null],
    ]);
    expect(dimensionsSection.view(empty, viewContext()).dimensions[0]?.scoreText).toBe("—");
    const suppressed = buildReportModel({ ...inputs, filter: { attribute: "region", value: "上海" } });
    expect(suppressed.dimensions).toEqual([]);
    expect(dimensionsSection.shown(suppressed)).toBe(false);
  });

  test("labels: declared, RATER, or the key itself", () => {
    const definition = satisfactionDefinition();
    expect(dimensionLabel(definition, "诚信").en).toBe("Integrity");
    expect(dimensionLabel(definition, "empathy")).toEqual({ "zh-CN": "同理度", en: "Empathy" });
    expect(dimensionLabel(definition, "other")).toEqual({ "zh-CN": "other", en: "other" });
  });
});
