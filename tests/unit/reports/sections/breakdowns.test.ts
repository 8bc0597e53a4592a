import { describe, expect, test } from "vitest";
import { breakdownKey } from "../../../../src/reports/groups.ts";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { breakdownsSection } from "../../../../src/reports/sections/breakdowns.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";

const OVERALL = "set:a1,a2,b1";
const breakdown = (n: number, sum: number, sumSq: number, responses = n) =>
  version1({ [OVERALL]: totals({ n, sum, sumSq }), responses: totals({ n: responses }) });

// 上海: 40 respondents, mean 90, s = 10 (Σ² = 40 · 90² + 39 · 10²): shown with a caution (30–59),
// interval 90 ± t(0.975, 39) · 10/√40 = 90 ± 3.198. 北京: 20 respondents, withheld (< 30).
// Not recorded: 60 respondents, mean 85. Customer types: individual 85 (65), business 90 (35): 100
// respondents in the period.
const breakdowns = new Map([
  [breakdownKey("region", "上海"), breakdown(40, 3600, 327_900, 42)],
  [breakdownKey("region", "北京"), breakdown(20, 1700, 144_600)],
  [breakdownKey("region", ""), breakdown(60, 5100, 439_400)],
  [breakdownKey("customerType", "business"), breakdown(35, 3150, 283_500)],
  [breakdownKey("customerType", "individual"), breakdown(65, 5525, 469_625)],
  [breakdownKey("manager", "7"), breakdown(50, 4500, 405_000)],
]);
const inputs = reportInputs({ breakdowns, current: breakdown(100, 8675, 753_125) });

describe("breakdowns section", () => {
  test("model: attributes in their order, values in their natural order, small ones withheld", () => {
    const model = buildReportModel(inputs);
    expect(model.breakdownsNote).toBeNull();
    expect(model.breakdowns?.map((b) => b.attribute)).toEqual(["customerType", "region"]);
    const [types, regions] = model.breakdowns ?? [];
    expect(types?.rows.map((row) => [row.value, row.score])).toEqual([
      ["individual", 85],
      ["business", 90],
    ]);
    expect(
      regions?.rows.map((row) => [row.value, row.n, row.responses, row.score, row.reportability]),
    ).toEqual([
      ["北京", 20, 20, null, "suppress"],
      ["上海", 40, 42, 90, "caution"],
      ["", 60, 60, 85, "ok"],
    ]);
    expect(regions?.rows[1]?.lower).toBeCloseTo(90 - 3.1982, 4);
  });

  test("view and table", () => {
    const model = buildReportModel(inputs);
    const context = viewContext("en");
    const view = breakdownsSection.view(model, context);
    expect(view.breakdownsNote).toBeNull();
    expect(view.breakdowns?.[1]?.title).toBe("Region");
    expect(
      view.breakdowns?.[1]?.rows.map((row) => [row.label, row.scoreText, row.suppressed, row.caution]),
    ).toEqual([
      ["北京", "—", true, false],
      ["上海", "90.0", false, true],
      ["Not recorded", "85.0", false, false],
    ]);
    const [table] = breakdownsSection.tables(model, context);
    expect(table?.rows[0]).toEqual([
      "Customer type",
      "Individual",
      65,
      65,
      { score: 85 }, // the score as shown (XLSX and CSV say what the page says)
      expect.any(Number),
      expect.any(Number),
      "Good",
      "",
    ]);
    expect(table?.rows[2]?.at(-1)).toBe("fewer than 30 respondents");
    expect(table?.rows[3]?.at(-1)).toBe("fewer than 60 respondents");
  });

  test("no breakdowns with a breakdown filter or a range of days: a note says why", () => {
    const filtered = buildReportModel(
      reportInputs({ breakdowns: null, filter: { attribute: "channel", value: "个险" } }),
    );
    expect([filtered.breakdowns, filtered.breakdownsNote]).toEqual([null, "filtered"]);
    const days = buildReportModel(reportInputs({ breakdowns: null }));
    expect(days.breakdownsNote).toBe("custom_period");
    expect(breakdownsSection.view(days, viewContext("en")).breakdownsNote).toMatch(/month/);
    expect(breakdownsSection.tables(days, viewContext())).toEqual([]);
  });

  test("no breakdowns in the period: none listed", () => {
    const model = buildReportModel({ ...inputs, breakdowns: new Map() });
    expect(model.breakdowns).toEqual([]);
    expect(breakdownsSection.shown(model)).toBe(true);
  });

  test("a population under 30 respondents (a short period), or nothing answered: withheld", () => {
    for (const current of [breakdown(12, 1020, 87_000), new Map()]) {
      const model = buildReportModel({ ...inputs, current });
      expect(model.breakdowns).toBeNull();
      expect(breakdownsSection.shown(model)).toBe(false);
      expect(breakdownsSection.tables(model, viewContext())).toEqual([]);
    }
  });
});
