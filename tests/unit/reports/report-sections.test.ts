import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../src/reports/report-model.ts";
import { reportTables, TABLE_KEYS } from "../../../src/reports/report-tables.ts";
import { reportView } from "../../../src/reports/report-view.ts";
import { REPORT_SECTIONS } from "../../../src/reports/sections/index.ts";
import { reportInputs, totals, version1 } from "./sections/fixtures.ts";
import { servqualInputs } from "./sections/servqual-fixture.ts";

// The skeleton that walks REPORT_SECTIONS: order of the model, numbering over the sections shown,
// the tables of a questionnaire with and without satisfaction items.
const scored = reportInputs({
  current: version1({
    "set:a1,a2,b1": totals({ n: 60, sum: 5_400, sumSq: 486_600 }),
    responses: totals({ n: 60 }),
  }),
});

describe("report sections", () => {
  test("twelve sections; the model lists the frame, then each section's part in order", () => {
    expect(REPORT_SECTIONS.map((section) => section.name)).toEqual([
      "headline",
      "dimensions",
      "indicators",
      "distribution",
      "kano",
      "servqual",
      "ipa",
      "breakdowns",
      "trend",
      "dissatisfaction",
      "rankings",
      "followup",
    ]);
    expect(Object.keys(buildReportModel(scored))).toEqual([
      "questionnaire",
      "period",
      "previousPeriod",
      "filter",
      "generatedAt",
      "scale",
      "departmentNames",
      "respondentsByAnalysis",
      "suppressed",
      "scored",
      "headline",
      "dimensions",
      "indicatorTree",
      "distribution",
      "kano",
      "servqual",
      "ipa",
      "breakdowns",
      "breakdownsNote",
      "trend",
      "dissatisfaction",
      "rankings",
      "followup",
    ]);
    expect(TABLE_KEYS).toEqual([
      "headline",
      "dimensions",
      "indicators",
      "distribution",
      "kano",
      "servqual",
      "ipa",
      "breakdowns",
      "trend",
      "dissatisfaction",
      "comments",
      "departments",
      "managers",
      "followup",
      "followupDepartments",
      "followupManagers",
      "followupCauses",
      "followupTrend",
    ]);
  });

  test("a satisfaction survey: sections numbered over those shown (no Kano, SERVQUAL or IPA here)", () => {
    const view = reportView(buildReportModel(scored), "en");
    expect(view.sectionNumbers).toEqual({
      headline: 1,
      dimensions: 2,
      indicators: 3,
      distribution: 4,
      kano: null,
      servqual: null,
      ipa: null,
      breakdowns: 5,
      trend: 6,
      dissatisfaction: 7,
      rankings: 8,
      // built without its cases (no follow-up inputs): left out
      followup: null,
    });
    expect(Object.keys(view.charts).sort()).toEqual([
      "dimensions",
      "distribution",
      "ipa",
      "kano",
      "servqual",
      "trend",
    ]);
    expect(reportTables(buildReportModel(scored), "en").map((table) => table.key)).toEqual([
      "headline",
      "dimensions",
      "indicators",
      "distribution",
      "breakdowns",
      "trend",
      "dissatisfaction",
      "departments",
      "managers",
    ]);
  });

  test("a survey without satisfaction items: only the participation and its analyses", () => {
    const model = buildReportModel(servqualInputs);
    expect(model.scored).toBe(false);
    const numbers = reportView(model, "zh-CN").sectionNumbers;
    expect(Object.entries(numbers).filter(([, number]) => number !== null)).toEqual([
      ["headline", 1],
      ["servqual", 2],
      ["ipa", 3],
    ]);
    expect(reportTables(model, "en").map((table) => table.key)).toEqual(["headline", "servqual", "ipa"]);
  });

  test("a suppressed population, filtered or not: the headline alone, with the trend", () => {
    const small = version1({
      "set:a1,a2,b1": totals({ n: 4, sum: 360, sumSq: 32_600 }),
      responses: totals({ n: 4 }),
    });
    for (const filter of [{}, { attribute: "region", value: "上海" } as const]) {
      const model = buildReportModel({ ...scored, current: small, filter });
      expect(model.suppressed).toBe(true);
      const numbers = reportView(model, "en").sectionNumbers;
      expect(Object.entries(numbers).filter(([, number]) => number !== null)).toEqual([
        ["headline", 1],
        ["trend", 2],
      ]);
    }
  });
});
