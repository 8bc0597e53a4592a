import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { ipaSection } from "../../../../src/reports/sections/ipa.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";
import { servqualInputs } from "./servqual-fixture.ts";

// a1: three respondents answer 100, 90, 60 and have exactly those respondent scores (r = +1);
// a2: two answer 90 and 75 with respondent scores 75 and 90 (r = −1). b1 is not answered.
// Performance: a1 250/3 = 83.33, a2 82.5; the crosshair is their mean: importance 0, performance 82.92.
const correlated = {
  "set:a1": totals({ n: 3, sum: 250, sumSq: 22_600, sumY: 250, sumYSq: 22_600, sumXy: 22_600 }),
  "set:a2": totals({ n: 2, sum: 165, sumSq: 13_725, sumY: 165, sumYSq: 13_725, sumXy: 13_500 }),
};

describe("ipa section", () => {
  test("model, derived: importance is the item's correlation with the respondent's score", () => {
    const { ipa } = buildReportModel(reportInputs({ current: version1(correlated) }));
    expect(ipa).toMatchObject({ basis: "derived", level: "item" });
    expect(ipa?.crosshair.importance).toBeCloseTo(0, 12);
    expect(ipa?.crosshair.performance).toBeCloseTo((250 / 3 + 82.5) / 2, 12);
    expect(ipa?.points.map((p) => [p.key, p.quadrant])).toEqual([
      ["a1", "keep_up_the_good_work"],
      ["a2", "low_priority"],
    ]);
    expect(ipa?.points[0]?.importance).toBeCloseTo(1, 12);
    expect(ipa?.points[1]?.importance).toBeCloseTo(-1, 12);
  });

  test("model, stated: every scored item has an importance rating", () => {
    const { ipa } = buildReportModel(
      reportInputs({
        current: version1({
          ...correlated,
          "rating:imp_a1": totals({ n: 2, sum: 18 }),
          "rating:imp_a2": totals({ n: 2, sum: 10 }),
        }),
      }),
    );
    expect(ipa?.basis).toBe("stated");
    expect(ipa?.points.map((p) => [p.key, p.importance])).toEqual([
      ["a1", 9],
      ["a2", 5],
    ]);
  });

  test("model, SERVQUAL with the allocation: dimensions by allocated points and perception", () => {
    const { ipa } = buildReportModel(servqualInputs);
    expect(ipa).toMatchObject({
      basis: "stated",
      level: "dimension",
      crosshair: { importance: 50, performance: 5 },
    });
    expect(ipa?.points.map((p) => [p.key, p.label.en, p.importance, p.performance, p.quadrant])).toEqual(
      expect.arrayContaining([
        ["tangibles", "Tangibles", 40, 4, "low_priority"],
        ["reliability", "Reliability", 60, 6, "keep_up_the_good_work"],
      ]),
    );
  });

  test("view (ordered by quadrant), chart and table", () => {
    const model = buildReportModel(reportInputs({ current: version1(correlated) }));
    const context = viewContext("en");
    const view = ipaSection.view(model, context).ipa;
    expect(view?.points.map((p) => [p.label, p.importance, p.performance, p.quadrantKey])).toEqual([
      ["Attitude", "1.00", "83.3", "keep_up_the_good_work"],
      ["Listening", "-1.00", "82.5", "low_priority"],
    ]);
    expect(ipaSection.charts?.(model, context).ipa?.points.map((p) => p.label)).toEqual([
      "Attitude",
      "Listening",
    ]);
    const [table] = ipaSection.tables(model, context);
    expect(table?.rows.map((row) => [row[0], row[2]])).toEqual([
      ["Attitude", { score: 83.3 }], // 250/3 as shown
      ["Listening", { score: 82.5 }],
    ]);
  });

  test("fewer than two scored items, or nothing answered: no analysis", () => {
    const one = buildReportModel(reportInputs({ current: version1({ "set:a1": correlated["set:a1"] }) }));
    expect(one.ipa).toBeNull();
    const empty = buildReportModel(reportInputs());
    expect(empty.ipa).toBeNull();
    expect(ipaSection.view(empty, viewContext()).ipa).toBeNull();
    expect(ipaSection.tables(empty, viewContext())).toEqual([]);
  });
});
