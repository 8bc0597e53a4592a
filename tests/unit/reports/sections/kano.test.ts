import { describe, expect, test } from "vitest";
import { parseDefinition } from "../../../../src/questionnaires/questionnaire-definition.ts";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { kanoSection } from "../../../../src/reports/sections/kano.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";

const parsed = parseDefinition({
  title: { en: "Features", "zh-CN": "功能" },
  sections: [
    {
      key: "s",
      title: { en: "S", "zh-CN": "S" },
      items: [
        {
          key: "online",
          type: "kano",
          text: { en: "Online claims", "zh-CN": "在线理赔" },
          functional: { en: "If it has…", "zh-CN": "如果有…" },
          dysfunctional: { en: "If it lacks…", "zh-CN": "如果没有…" },
        },
        { key: "imp_online", type: "rating", text: { en: "How important?", "zh-CN": "重要性" }, max: 9 },
      ],
    },
  ],
});
if (!parsed.ok) throw new Error("definition");
const definition = parsed.definition;

// Counts in rollup order M, O, A, I, R, Q = 95, 123, 45, 33, 0, 0 (the scoring library's documented
// example): Better = (A + O) / (A + O + M + I) = 168 / 296 = 0.5676, Worse = −(O + M) / 296 = −0.7365,
// category O (the most frequent); Fong: |123 − 95| = 28 ≥ 1.65 · √(218 · 374 / 592) = 19.4, robust.
// Stated importance: 4 answers, Σ = 28 → 7.
const inputs = reportInputs(
  {
    current: version1({
      "kano:online": totals({ n: 296, counts: [95, 123, 45, 33, 0, 0] }),
      "rating:imp_online": totals({ n: 4, sum: 28 }),
    }),
  },
  definition,
);

describe("kano section", () => {
  test("model: counts, category, coefficients, Fong's test and importance", () => {
    const { kano, scored } = buildReportModel(inputs);
    expect(scored).toBe(false);
    expect(kano).toHaveLength(1);
    const feature = kano?.[0];
    expect(feature).toMatchObject({ itemKey: "online", n: 296, category: "O", importance: 7 });
    expect(feature?.counts).toEqual({ M: 95, O: 123, A: 45, I: 33, R: 0, Q: 0 });
    expect(feature?.better).toBeCloseTo(168 / 296, 12);
    expect(feature?.worse).toBeCloseTo(-218 / 296, 12);
    expect(feature?.fong.significant).toBe(true);
  });

  test("view, chart and table", () => {
    const model = buildReportModel(inputs);
    const context = viewContext("en");
    expect(kanoSection.view(model, context).kano).toEqual([
      {
        text: "Online claims",
        n: 296,
        counts: [45, 123, 95, 33, 0, 0],
        category: "O · One-dimensional",
        better: "0.57",
        worse: "-0.74",
        fong: "robust",
        importance: "7.0",
      },
    ]);
    const [point] = kanoSection.charts?.(model, context).kano ?? [];
    expect(point?.label).toBe("Online claims");
    expect(point?.y).toBeCloseTo(218 / 296, 12);
    const [table] = kanoSection.tables(model, context);
    expect(table?.rows[0]?.slice(0, 9)).toEqual(["Online claims", 45, 123, 95, 33, 0, 0, 296, "O"]);
    expect(table?.rows[0]?.slice(11)).toEqual(["robust", 7]);
  });

  // Issue 14: filtered to individual customers (59 responses), the analysis said "suppressed": the
  // count was of respondents with satisfaction items, which a Kano questionnaire does not have.
  test("filtered: withheld by the respondents of its pairs, not by the satisfaction items'", () => {
    const filtered = buildReportModel(
      reportInputs(
        {
          current: version1({ "kano:online": totals({ n: 59, counts: [20, 25, 9, 5, 0, 0] }) }),
          filter: { attribute: "customerType", value: "individual" },
        },
        definition,
      ),
    );
    expect(filtered.suppressed).toBe(false);
    expect(filtered.kano?.[0]).toMatchObject({ itemKey: "online", n: 59, category: "O" });
    expect(filtered.respondentsByAnalysis).toEqual({ satisfaction: 0, kano: 59, servqual: 0 });
    expect(kanoSection.view(filtered, viewContext()).kanoWithheld).toBeNull();
  });

  test("fewer than 30 respondents to its pairs, filtered or not: withheld, and the section says why", () => {
    for (const filter of [{}, { attribute: "region", value: "上海" } as const]) {
      const model = buildReportModel(
        reportInputs(
          { current: version1({ "kano:online": totals({ n: 12, counts: [4, 5, 2, 1, 0, 0] }) }), filter },
          definition,
        ),
      );
      expect(model.kano).toBeNull();
      expect(model.suppressed).toBe(true);
      expect(kanoSection.shown(model)).toBe(true);
      expect(kanoSection.view(model, viewContext("zh-CN")).kanoWithheld).toBe(
        "仅有 12 位受访者回答了这些题目（不足 30 人），本项分析不予显示。",
      );
      expect(kanoSection.tables(model, viewContext())).toEqual([]);
    }
  });

  test("no Kano answers: no section, no table", () => {
    const model = buildReportModel(reportInputs({}, definition));
    expect(model.kano).toBeNull();
    expect(model.suppressed).toBe(false);
    expect(kanoSection.shown(model)).toBe(false);
    expect(kanoSection.view(model, viewContext()).kano).toBeUndefined();
    expect(kanoSection.tables(model, viewContext())).toEqual([]);
  });
});
