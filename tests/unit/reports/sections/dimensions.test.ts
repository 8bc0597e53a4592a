import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { dimensionLabel, dimensionsSection } from "../../../../src/reports/sections/dimensions.ts";
import { reportInputs, satisfactionDefinition, totals, version1, viewContext } from "./fixtures.ts";

// 40 respondents in all. 诚心 (a1, a2): 40 respondents, ten at 100, ten at 90 and twenty at 75 →
// Σ = 3,400, Σ² = 293,500, mean 85.0 (good: ≥ 85 on the exact value), s² = 115.38, interval
// 81.565 … 88.435 (t(0.975, 39) = 2.0227); flagged (30–59). September: 诚心 at 80 for 30
// respondents; Welch's t = 2.9439, 39 df, p = 0.00544 (scipy 1.17 ttest_ind, equal_var=False).
// 诚信 (b1): answered by two respondents (60 and 80) → withheld, however large the population.
const inputs = reportInputs({
  current: version1({
    "set:a1,a2,b1": totals({ n: 40, sum: 3_400, sumSq: 293_500 }),
    "set:a1,a2": totals({ n: 40, sum: 3_400, sumSq: 293_500 }),
    "set:b1": totals({ n: 2, sum: 140, sumSq: 10_000 }),
  }),
  previous: version1({ "set:a1,a2": totals({ n: 30, sum: 2_400, sumSq: 192_000 }) }),
});

describe("dimensions section", () => {
  test("model: each dimension in catalogue order, with its change; one of 2 respondents withheld", () => {
    const { dimensions } = buildReportModel(inputs);
    expect(dimensions.map((d) => [d.key, d.n, d.score, d.grade, d.reportability])).toEqual([
      ["诚心", 40, 85, "good", "caution"],
      ["诚信", 2, null, null, "suppress"],
    ]);
    expect(dimensions[0]?.change).toMatchObject({ previousScore: 80, difference: 5, significant: true });
    expect(dimensions[0]?.change?.p).toBeCloseTo(0.0054366, 6);
    expect(dimensions[0]?.lower).toBeCloseTo(81.56463, 4);
    expect(dimensions[1]).toMatchObject({ lower: null, upper: null, change: null });
  });

  test("view, chart and table: the withheld dimension says so, the flagged one is marked", () => {
    const model = buildReportModel(inputs);
    const context = viewContext("en");
    const { dimensions } = dimensionsSection.view(model, context);
    expect(dimensions.map((d) => [d.label, d.scoreText, d.grade, d.caution, d.suppressed])).toEqual([
      ["Sincerity", "85.0", "Good", true, false],
      ["Integrity", "—", "—", false, true],
    ]);
    expect(dimensions[0]?.change.text).toBe("+5.0 vs September 2026 · significant (p = 0.005)");
    expect(dimensions[1]?.change.text).toBe("—");
    expect(dimensionsSection.charts?.(model, context)).toEqual({
      dimensions: { labels: ["Sincerity", "Integrity"], scores: [85, null] },
    });
    const [table] = dimensionsSection.tables(model, context);
    expect(table?.rows.map((row) => row.slice(0, 4))).toEqual([
      ["Sincerity", { score: 85 }, "Good", 40],
      ["Integrity", null, "—", 2],
    ]);
    expect(dimensionsSection.view(model, viewContext("zh-CN")).dimensions[0]?.label).toBe("诚心");
  });

  test("a previous period under 30 respondents: no comparison", () => {
    const model = buildReportModel({
      ...inputs,
      previous: version1({ "set:a1,a2": totals({ n: 2, sum: 160, sumSq: 12_800 }) }),
    });
    expect(model.dimensions[0]?.change).toBeNull();
    expect(dimensionsSection.view(model, viewContext("en")).dimensions[0]?.change.text).toBe(
      "no comparison: fewer than 30 respondents in September 2026",
    );
  });

  test("a population under 30 respondents, filtered or not, or nothing answered: withheld", () => {
    const empty = buildReportModel(reportInputs());
    expect(empty.dimensions).toEqual([]);
    const small = version1({
      "set:a1,a2,b1": totals({ n: 4, sum: 340, sumSq: 29_350 }),
      "set:a1,a2": totals({ n: 4, sum: 340, sumSq: 29_350 }),
    });
    for (const filter of [{}, { attribute: "region", value: "上海" } as const]) {
      const suppressed = buildReportModel(reportInputs({ current: small, filter }));
      expect(suppressed.dimensions).toEqual([]);
      expect(dimensionsSection.shown(suppressed)).toBe(false);
    }
  });

  test("labels: declared, RATER, or the key itself", () => {
    const definition = satisfactionDefinition();
    expect(dimensionLabel(definition, "诚信").en).toBe("Integrity");
    expect(dimensionLabel(definition, "empathy")).toEqual({ "zh-CN": "同理度", en: "Empathy" });
    expect(dimensionLabel(definition, "other")).toEqual({ "zh-CN": "other", en: "other" });
  });
});
