import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { headlineSection } from "../../../../src/reports/sections/headline.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";

// October: four respondents scoring 100, 90, 90, 80 (Σ = 360, Σ² = 32,600) → mean 90, good;
// s² = (32,600 − 360²/4) / 3 = 66.67, so the 95% interval is 90 ± t(0.975, 3) · √(66.67/4)
// = 90 ± 3.1824 · 4.0825 = 90 ± 12.99. September: three respondents at 80 (no variance), so Welch's
// t = 10 / 4.0825 = 2.449 with 3 degrees of freedom, two-sided p = 0.0917: not significant.
const OVERALL = "set:a1,a2,b1";
const inputs = reportInputs({
  current: version1({
    [OVERALL]: totals({ n: 4, sum: 360, sumSq: 32_600 }),
    responses: totals({ n: 5 }),
  }),
  previous: version1({ [OVERALL]: totals({ n: 3, sum: 240, sumSq: 19_200 }) }),
  invitations: { invited: 10, responded: 4 },
});

describe("headline section", () => {
  test("model: score, interval, responses, response rate and change", () => {
    const { headline } = buildReportModel(inputs);
    expect(headline).toMatchObject({
      n: 4,
      score: 90,
      grade: "good",
      respondents: 4,
      responses: 5,
      reportability: "suppress",
      responseRate: { invited: 10, responded: 4, rate: 0.4 },
      change: { previousScore: 80, previousN: 3, difference: 10, significant: false, direction: null },
    });
    expect(headline.lower).toBeCloseTo(77.0077, 4);
    expect(headline.upper).toBeCloseTo(102.9923, 4);
    expect(headline.change?.p).toBeCloseTo(0.0917, 4);
  });

  test("view: rounded, in the viewer's language", () => {
    const model = buildReportModel(inputs);
    const { headline } = headlineSection.view(model, viewContext("en"));
    expect(headline).toMatchObject({
      scoreText: "90.0",
      grade: "Good",
      gradeKey: "good",
      ci: "77.0 – 103.0",
      respondents: "4",
      responses: "5",
      hasScore: true,
      responseRate: "40.0% (4 / 10)",
      cautionText: null,
    });
    expect(headline.change.text).toBe("+10.0 vs September 2026 · not significant (p = 0.092)");
    expect(headlineSection.view(model, viewContext("zh-CN")).headline.grade).toBe("良好");
  });

  test("table: one unrounded row", () => {
    const [table] = headlineSection.tables(buildReportModel(inputs), viewContext("en"));
    expect(table?.key).toBe("headline");
    expect(table?.columns[8]).toBe("Score (September 2026)");
    const row = table?.rows[0] ?? [];
    expect(row.slice(0, 5)).toEqual(["October 2026", { score: 90 }, "Good", 4, 5]);
    expect(row.slice(7, 10)).toEqual([0.4, { score: 80 }, 10]);
  });

  test("nothing answered: no score, no change, dashes", () => {
    const model = buildReportModel(reportInputs());
    expect(model.headline).toMatchObject({ n: 0, score: null, grade: null, responses: 0, change: null });
    const { headline } = headlineSection.view(model, viewContext("en"));
    expect(headline).toMatchObject({ scoreText: "—", grade: "—", ci: "—", hasScore: false });
    expect(headlineSection.tables(model, viewContext("en"))[0]?.rows[0]?.slice(1, 4)).toEqual([null, "—", 0]);
  });

  test("a filtered population under 30 respondents: the score is withheld", () => {
    const model = buildReportModel({ ...inputs, filter: { attribute: "region", value: "上海" } });
    expect(model.suppressed).toBe(true);
    expect(model.headline).toMatchObject({ n: 4, score: null, change: null, responses: 5 });
  });
});
