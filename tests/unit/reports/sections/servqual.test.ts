import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { servqualSection } from "../../../../src/reports/sections/servqual.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";
import { servqualDefinition, servqualInputs } from "./servqual-fixture.ts";

describe("servqual section", () => {
  test("model: item and dimension gaps, unweighted and weighted (see servqual-fixture.ts)", () => {
    const { servqual } = buildReportModel(servqualInputs);
    expect(servqual?.items.map((item) => [item.key, item.expectation, item.perception, item.gap])).toEqual([
      ["t1", 6, 4, -2],
      ["r1", 5, 6, 1],
    ]);
    expect(servqual?.weights).toEqual({ tangibles: 40, reliability: 60 });
    expect(servqual?.unweighted).toBeCloseTo(-0.5, 12);
    expect(servqual?.weighted).toBeCloseTo(-0.2, 12);
    expect(servqual?.itemTexts.r1?.en).toBe("On time");
  });

  test("view, chart and table", () => {
    const model = buildReportModel(servqualInputs);
    const context = viewContext("en");
    const view = servqualSection.view(model, context).servqual;
    expect(view?.items[0]).toEqual({
      key: "t1",
      text: "Modern equipment",
      dimension: "Tangibles",
      n: 40,
      expectation: "6.00",
      perception: "4.00",
      gap: "-2.00",
      negative: true,
    });
    expect(view?.dimensions.map((d) => [d.dimension, d.gap, d.weight])).toEqual(
      expect.arrayContaining([
        ["Tangibles", "-2.00", "40.0"],
        ["Reliability", "1.00", "60.0"],
      ]),
    );
    expect([view?.unweighted, view?.weighted]).toEqual(["-0.50", "-0.20"]);
    expect(servqualSection.charts?.(model, context).servqual?.expectationLabel).toBe("Expectation");
    const [table] = servqualSection.tables(model, context);
    expect(table?.rows[0]).toEqual(["Modern equipment", "Tangibles", 40, 6, 4, -2, null]);
    expect(table?.rows.at(-2)?.[5]).toBeCloseTo(-0.5, 12);
  });

  test("allocation means that do not add up to 100: unweighted only", () => {
    const model = buildReportModel(
      reportInputs(
        {
          current: version1({
            "servqual:t1": totals({ n: 40, sum: 240, sumY: 160 }),
            "servqual:r1": totals({ n: 40, sum: 200, sumY: 240 }),
            "alloc:importance:tangibles": totals({ n: 40, sum: 1_600 }),
            "alloc:importance:reliability": totals({ n: 40, sum: 2_000 }),
          }),
        },
        servqualDefinition,
      ),
    );
    expect(model.servqual?.weights).toBeNull();
    expect(model.servqual?.weighted).toBeNull();
  });

  // Issue 14: filtered to individual customers (131 responses), the analysis said "suppressed": the
  // count was of respondents with satisfaction items, which a SERVQUAL questionnaire does not have.
  test("filtered: withheld by the respondents of its own items, not by the satisfaction items'", () => {
    const filtered = buildReportModel({
      ...servqualInputs,
      filter: { attribute: "customerType", value: "individual" },
    });
    expect(filtered.suppressed).toBe(false);
    expect(filtered.servqual?.unweighted).toBeCloseTo(-0.5, 12);
    expect(filtered.respondentsByAnalysis).toEqual({ satisfaction: 0, kano: 0, servqual: 40 });
    expect(servqualSection.shown(filtered)).toBe(true);
    expect(servqualSection.view(filtered, viewContext()).servqualWithheld).toBeNull();
  });

  test("fewer than 30 respondents to its items, filtered or not: withheld, and the section says why", () => {
    const few = version1({
      "servqual:t1": totals({ n: 20, sum: 120, sumY: 80 }),
      "servqual:r1": totals({ n: 19, sum: 95, sumY: 114 }),
      "alloc:importance:tangibles": totals({ n: 20, sum: 800 }),
      "alloc:importance:reliability": totals({ n: 20, sum: 1_200 }),
    });
    for (const filter of [{}, { attribute: "region", value: "上海" } as const]) {
      const model = buildReportModel(reportInputs({ current: few, filter }, servqualDefinition));
      expect(model.respondentsByAnalysis.servqual).toBe(20);
      expect(model.servqual).toBeNull();
      expect(model.ipa).toBeNull();
      expect(model.suppressed).toBe(true);
      expect(servqualSection.shown(model)).toBe(true);
      const view = servqualSection.view(model, viewContext("en"));
      expect(view.servqualWithheld).toBe(
        "Only 20 respondents answered these questions, fewer than 30: the analysis is withheld.",
      );
      expect(servqualSection.tables(model, viewContext())).toEqual([]);
    }
  });

  test("no SERVQUAL answers: no section, no table", () => {
    const model = buildReportModel(reportInputs({}, servqualDefinition));
    expect(model.servqual).toBeNull();
    expect(servqualSection.shown(model)).toBe(false);
    expect(servqualSection.view(model, viewContext()).servqual).toBeNull();
    expect(servqualSection.tables(model, viewContext())).toEqual([]);
  });
});
