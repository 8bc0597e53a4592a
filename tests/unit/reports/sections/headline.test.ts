import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { headlineSection } from "../../../../src/reports/sections/headline.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";

// October: 40 respondents, ten scoring 100, twenty 90 and ten 80 (Σ = 3,600, Σ² = 326,000) → mean
// 90, good; s² = (326,000 − 3,600²/40) / 39 = 51.28, so the 95% interval is 90 ± t(0.975, 39) ·
// √(51.28/40) = 90 ± 2.0227 · 1.1323 = 87.710 … 92.290; 40 respondents is flagged (30–59).
// September: 30 respondents, ten each at 90, 85 and 80 (Σ = 2,550, Σ² = 217,250) → 85. Welch's
// t = 3.6694 with 64.40 degrees of freedom, two-sided p = 0.000495 (scipy 1.17 ttest_ind,
// equal_var=False; R t.test gives the same): significant, printed "p < 0.001".
const OVERALL = "set:a1,a2,b1";
const inputs = reportInputs({
  current: version1({
    [OVERALL]: totals({ n: 40, sum: 3_600, sumSq: 326_000 }),
    responses: totals({ n: 41 }),
  }),
  previous: version1({ [OVERALL]: totals({ n: 30, sum: 2_550, sumSq: 217_250 }) }),
  invitations: { invited: 100, responded: 40 },
});

describe("headline section", () => {
  test("model: score, interval, responses, response rate and change", () => {
    const { headline } = buildReportModel(inputs);
    expect(headline).toMatchObject({
      n: 40,
      score: 90,
      grade: "good",
      respondents: 40,
      responses: 41,
      reportability: "caution",
      responseRate: { invited: 100, responded: 40, rate: 0.4 },
      change: { previousScore: 85, previousN: 30, difference: 5, significant: true, direction: "up" },
    });
    expect(headline.lower).toBeCloseTo(87.70975, 4);
    expect(headline.upper).toBeCloseTo(92.29025, 4);
    expect(headline.change?.p).toBeCloseTo(0.000495238, 8);
  });

  test("view: rounded, in the viewer's language; a p below 0.001 is printed as such", () => {
    const model = buildReportModel(inputs);
    const { headline } = headlineSection.view(model, viewContext("en"));
    expect(headline).toMatchObject({
      scoreText: "90.0",
      grade: "Good",
      gradeKey: "good",
      ci: "87.7 – 92.3",
      respondents: "40",
      responses: "41",
      hasScore: true,
      responseRate: "40.0% (40 / 100)",
      cautionText: "Only 40 respondents: read the figures with care (fewer than 60).",
    });
    expect(headline.change.text).toBe("+5.0 vs September 2026 · significant (p < 0.001)");
    const chinese = headlineSection.view(model, viewContext("zh-CN")).headline;
    expect(chinese.grade).toBe("良好");
    expect(chinese.change.text).toBe("+5.0 较2026年9月 · 显著（p < 0.001）");
  });

  test("table: one unrounded row", () => {
    const [table] = headlineSection.tables(buildReportModel(inputs), viewContext("en"));
    expect(table?.key).toBe("headline");
    expect(table?.columns[8]).toBe("Score (September 2026)");
    const row = table?.rows[0] ?? [];
    expect(row.slice(0, 5)).toEqual(["October 2026", { score: 90 }, "Good", 40, 41]);
    expect(row.slice(7, 10)).toEqual([{ share: 0.4 }, { score: 85 }, 5]);
  });

  test("nothing answered: no score, no change, dashes", () => {
    const model = buildReportModel(reportInputs());
    expect(model.headline).toMatchObject({ n: 0, score: null, grade: null, responses: 0, change: null });
    const { headline } = headlineSection.view(model, viewContext("en"));
    expect(headline).toMatchObject({ scoreText: "—", grade: "—", ci: "—", hasScore: false });
    expect(headlineSection.tables(model, viewContext("en"))[0]?.rows[0]?.slice(1, 4)).toEqual([null, "—", 0]);
  });

  test("a filtered population under 30 respondents: the score is withheld", () => {
    const model = buildReportModel({
      ...inputs,
      current: version1({
        [OVERALL]: totals({ n: 7, sum: 630, sumSq: 56_700 }),
        responses: totals({ n: 7 }),
      }),
      filter: { attribute: "region", value: "上海" },
    });
    expect(model.suppressed).toBe(true);
    expect(model.headline).toMatchObject({ n: 7, score: null, grade: null, change: null, responses: 7 });
  });

  // Issue 14: a one-day report of one respondent showed "100.0 Excellent" without a word.
  test("an unfiltered period under 30 respondents: withheld as well, the counts say why", () => {
    const model = buildReportModel(
      reportInputs({
        current: version1({
          [OVERALL]: totals({ n: 1, sum: 100, sumSq: 10_000 }),
          responses: totals({ n: 1 }),
        }),
        previous: inputs.previous,
      }),
    );
    expect(model.suppressed).toBe(true);
    expect(model.headline).toMatchObject({
      n: 1,
      respondents: 1,
      responses: 1,
      score: null,
      grade: null,
      lower: null,
      reportability: "suppress",
      change: null,
    });
    const { headline } = headlineSection.view(model, viewContext("en"));
    expect(headline).toMatchObject({ scoreText: "—", grade: "—", hasScore: false, respondents: "1" });
    expect(headline.change.text).toBe("—");
    expect(headlineSection.tables(model, viewContext("en"))[0]?.rows[0]?.slice(1, 4)).toEqual([null, "—", 1]);
  });

  test("a previous period under 30 respondents is not compared (its score would be shown)", () => {
    const model = buildReportModel({
      ...inputs,
      previous: version1({ [OVERALL]: totals({ n: 3, sum: 240, sumSq: 19_200 }) }),
    });
    expect(model.headline.score).toBe(90);
    expect(model.headline.change).toBeNull();
    expect(headlineSection.view(model, viewContext("en")).headline.change.text).toBe(
      "no comparison: fewer than 30 respondents in September 2026",
    );
  });
});
