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
  test("model: one point per period, small periods withheld", () => {
    const model = buildReportModel(inputs);
    expect(model.trend).toHaveLength(12);
    expect(model.trend.map((point) => point.period.key).slice(-3)).toEqual(["2026-08", "2026-09", "2026-10"]);
    expect(model.trend[10]).toMatchObject({ n: 40, responses: 41, score: 90, grade: "good" });
    expect(model.trend[10]?.upper).toBeCloseTo(93.1982, 4);
    expect(model.trend[11]).toMatchObject({ n: 10, score: null, reportability: "suppress" });
    expect(model.trend[0]).toMatchObject({ n: 0, responses: 0, score: null });
  });

  test("view, chart and table", () => {
    const model = buildReportModel(inputs);
    const context = viewContext("en");
    const point = trendSection.view(model, context).trend[10];
    expect(point).toMatchObject({ label: "Sep 26", fullLabel: "September 2026", scoreText: "90.0", n: 40 });
    const chart = trendSection.charts?.(model, context).trend;
    expect(chart?.labels.slice(-2)).toEqual(["Sep 26", "Oct 26"]);
    expect(chart?.scores.slice(-2)).toEqual([90, null]);
    const [table] = trendSection.tables(model, context);
    expect(table?.rows[10]?.slice(0, 5)).toEqual(["September 2026", { score: 90 }, "Good", 40, 41]);
    expect(trendSection.view(model, viewContext("zh-CN")).trend[10]?.label).toBe("26年9月");
  });

  test("nothing answered: twelve empty points", () => {
    const model = buildReportModel(reportInputs());
    expect(model.trend.every((point) => point.n === 0 && point.score === null)).toBe(true);
    expect(trendSection.tables(model, viewContext())[0]?.rows).toHaveLength(12);
  });
});
