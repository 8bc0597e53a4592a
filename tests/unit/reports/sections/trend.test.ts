import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { trendSection } from "../../../../src/reports/sections/trend.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";

const OVERALL = "set:a1,a2,b1";
// Twelve months ending October 2026. September: 40 respondents, mean 90, s = 10 → 90 ± 3.198;
// October: 10 respondents (withheld, < 30); the other months have no answers.
const trend = Array.from({ length: 12 }, (_, index) =>
  index === 10
    ? version1({ [OVERALL]: totals({ n: 40, sum: 3600, sumSq: 327_900 }), responses: totals({ n: 41 }) })
    : index === 11
      ? version1({ [OVERALL]: totals({ n: 10, sum: 900, sumSq: 81_000 }), responses: totals({ n: 10 }) })
      : new Map(),
);
const inputs = reportInputs({ trend });

describe("trend section", () => {
  test("model: one point per period from the first with responses, small periods withheld", () => {
    const model = buildReportModel(inputs);
    // the ten empty months before September are left out
    expect(model.trend.map((point) => point.period.key)).toEqual(["2026-09", "2026-10"]);
    expect(model.trend[0]).toMatchObject({ n: 40, responses: 41, score: 90, grade: "good" });
    expect(model.trend[0]?.upper).toBeCloseTo(93.1982, 4);
    expect(model.trend[1]).toMatchObject({ n: 10, score: null, reportability: "suppress" });
  });

  test("model: the empty periods between periods with responses stay", () => {
    // responses in January 2026 (index 2), none from February to September, ten in October
    const gappy = Array.from({ length: 12 }, (_, index) =>
      index === 2
        ? version1({ [OVERALL]: totals({ n: 35, sum: 3150 }), responses: totals({ n: 35 }) })
        : index === 11
          ? version1({ [OVERALL]: totals({ n: 10, sum: 900 }), responses: totals({ n: 10 }) })
          : new Map(),
    );
    const model = buildReportModel(reportInputs({ trend: gappy }));
    expect(model.trend.map((point) => point.period.key)).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
    ]);
    expect(model.trend.map((point) => point.responses)).toEqual([35, 0, 0, 0, 0, 0, 0, 0, 0, 10]);
  });

  test("view: the report's period first, marked; chart and downloads oldest first", () => {
    const model = buildReportModel(inputs);
    const context = viewContext("en");
    const rows = trendSection.view(model, context).trend;
    expect(rows.map((row) => [row.fullLabel, row.current])).toEqual([
      ["October 2026", true],
      ["September 2026", false],
    ]);
    expect(rows[1]).toMatchObject({ label: "Sep 26", scoreText: "90.0", grade: "Good", n: 40 });
    const chart = trendSection.charts?.(model, context).trend;
    expect(chart?.labels).toEqual(["Sep 26", "Oct 26"]);
    expect(chart?.scores).toEqual([90, null]);
    const [table] = trendSection.tables(model, context);
    expect(table?.rows.map((row) => row.slice(0, 5))).toEqual([
      ["September 2026", { score: 90 }, "Good", 40, 41],
      ["October 2026", null, "—", 10, 10],
    ]);
    expect(trendSection.view(model, viewContext("zh-CN")).trend[0]?.fullLabel).toBe("2026年10月");
  });

  test("nothing answered: only the report's own period", () => {
    const model = buildReportModel(reportInputs());
    expect(model.trend.map((point) => [point.period.key, point.n, point.score])).toEqual([
      ["2026-10", 0, null],
    ]);
    expect(trendSection.tables(model, viewContext())[0]?.rows).toHaveLength(1);
  });
});
