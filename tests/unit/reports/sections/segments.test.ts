import { describe, expect, test } from "vitest";
import { segmentKey } from "../../../../src/reports/groups.ts";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { segmentsSection } from "../../../../src/reports/sections/segments.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";

const OVERALL = "set:a1,a2,b1";
const segment = (n: number, sum: number, sumSq: number, responses = n) =>
  version1({ [OVERALL]: totals({ n, sum, sumSq }), responses: totals({ n: responses }) });

// 上海: 40 respondents, mean 90, s = 10 (Σ² = 40 · 90² + 39 · 10²): shown with a caution (30–59),
// interval 90 ± t(0.975, 39) · 10/√40 = 90 ± 3.198. 北京: 20 respondents, withheld (< 30).
// Not recorded: 60 respondents, mean 85. Customer types: individual 85 (65), business 90 (35).
const segments = new Map([
  [segmentKey("region", "上海"), segment(40, 3600, 327_900, 42)],
  [segmentKey("region", "北京"), segment(20, 1700, 144_600)],
  [segmentKey("region", ""), segment(60, 5100, 439_400)],
  [segmentKey("customerType", "business"), segment(35, 3150, 283_500)],
  [segmentKey("customerType", "individual"), segment(65, 5525, 469_625)],
  [segmentKey("manager", "7"), segment(50, 4500, 405_000)],
]);
const inputs = reportInputs({ segments });

describe("segments section", () => {
  test("model: attributes in their order, values in their natural order, small ones withheld", () => {
    const model = buildReportModel(inputs);
    expect(model.segmentsNote).toBeNull();
    expect(model.segments?.map((b) => b.attribute)).toEqual(["customerType", "region"]);
    const [types, regions] = model.segments ?? [];
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
    const view = segmentsSection.view(model, context);
    expect(view.segmentsNote).toBeNull();
    expect(view.segments?.[1]?.title).toBe("Region");
    expect(
      view.segments?.[1]?.rows.map((row) => [row.label, row.scoreText, row.suppressed, row.caution]),
    ).toEqual([
      ["北京", "—", true, false],
      ["上海", "90.0", false, true],
      ["Not recorded", "85.0", false, false],
    ]);
    const [table] = segmentsSection.tables(model, context);
    expect(table?.rows[0]).toEqual([
      "Customer type",
      "Individual",
      65,
      65,
      85,
      expect.any(Number),
      expect.any(Number),
      "Good",
      "",
    ]);
    expect(table?.rows[2]?.at(-1)).toBe("fewer than 30 respondents");
    expect(table?.rows[3]?.at(-1)).toBe("fewer than 60 respondents");
  });

  test("no breakdowns with a segment filter or a range of days: a note says why", () => {
    const filtered = buildReportModel(
      reportInputs({ segments: null, filter: { attribute: "channel", value: "个险" } }),
    );
    expect([filtered.segments, filtered.segmentsNote]).toEqual([null, "filtered"]);
    const days = buildReportModel(reportInputs({ segments: null }));
    expect(days.segmentsNote).toBe("custom_period");
    expect(segmentsSection.view(days, viewContext("en")).segmentsNote).toMatch(/month/);
    expect(segmentsSection.tables(days, viewContext())).toEqual([]);
  });

  test("no segments in the period: none listed", () => {
    const model = buildReportModel(reportInputs());
    expect(model.segments).toEqual([]);
    expect(segmentsSection.shown(model)).toBe(true);
  });
});
