import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { ipaSection } from "../../../../src/reports/sections/ipa.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";
import { servqualInputs } from "./servqual-fixture.ts";

// 60 respondents. a1: 30 answer 100, 90 and 60 (ten each) and have exactly those values as the mean of
// their OTHER items (the `rest:` rollup: r = +1); a2: 40 answer 90 and 75 with the rest at 75 and 90
// (r = −1). b1 is not answered. Performance: a1 2,500/30 = 83.33, a2 82.5; the crosshair is their mean:
// importance 0, performance 82.92. The `set:` measures hold the item's score only.
const correlated = {
  "set:a1,a2,b1": totals({ n: 60, sum: 4_950 }),
  "set:a1": totals({ n: 30, sum: 2_500, sumSq: 226_000 }),
  "set:a2": totals({ n: 40, sum: 3_300, sumSq: 274_500 }),
  "rest:a1": totals({ n: 30, sum: 2_500, sumSq: 226_000, sumY: 2_500, sumYSq: 226_000, sumXy: 226_000 }),
  "rest:a2": totals({ n: 40, sum: 3_300, sumSq: 274_500, sumY: 3_300, sumYSq: 274_500, sumXy: 270_000 }),
};

describe("ipa section", () => {
  test("model, derived: importance is the item's correlation with the rest of the respondent's items", () => {
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
          "rating:imp_a1": totals({ n: 30, sum: 270 }),
          "rating:imp_a2": totals({ n: 30, sum: 150 }),
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

  // Issue 14: the item was correlated with a total that includes it (the respondent's score), which
  // correlates with the item by construction. a1 against the rest: x = 100, 90, 60 with the other items'
  // mean at 60, 90, 100 (ten each): nΣxy − ΣxΣy = 30 · 201,000 − 2,500² = −220,000 and
  // nΣx² − (Σx)² = nΣy² − (Σy)² = 530,000, so r = −22/53; against the total including it, it was +1.
  test("model, derived: the corrected item–total correlation, not the correlation with the total", () => {
    const { ipa } = buildReportModel(
      reportInputs({
        current: version1({
          ...correlated,
          "set:a1": totals({
            n: 30,
            sum: 2_500,
            sumSq: 226_000,
            sumY: 2_500,
            sumYSq: 226_000,
            sumXy: 226_000,
          }),
          "rest:a1": totals({
            n: 30,
            sum: 2_500,
            sumSq: 226_000,
            sumY: 2_500,
            sumYSq: 226_000,
            sumXy: 201_000,
          }),
        }),
      }),
    );
    expect(ipa?.basis).toBe("derived");
    expect(ipa?.points[0]?.key).toBe("a1");
    expect(ipa?.points[0]?.importance).toBeCloseTo(-22 / 53, 12);
  });

  test("items of fewer than 30 respondents have no score, so no point", () => {
    const { ipa } = buildReportModel(
      reportInputs({
        current: version1({ ...correlated, "set:a2": totals({ n: 12, sum: 990 }) }),
      }),
    );
    expect(ipa).toBeNull();
  });

  test("a population under 30 respondents, filtered or not: withheld", () => {
    for (const filter of [{}, { attribute: "region", value: "上海" } as const]) {
      const model = buildReportModel(
        reportInputs({
          current: version1({ ...correlated, "set:a1,a2,b1": totals({ n: 29, sum: 2_400 }) }),
          filter,
        }),
      );
      expect(model.ipa).toBeNull();
    }
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
