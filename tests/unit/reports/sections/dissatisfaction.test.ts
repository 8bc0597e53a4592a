import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { dissatisfactionSection } from "../../../../src/reports/sections/dissatisfaction.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";

// a1: 1 of 5 answers on the lowest level (20 %); a2: 2 of 4 (50 %); b1: none. 3 such answers from
// 2 respondents; one of them left a comment (the other is beyond the list's limit).
const inputs = reportInputs({
  current: version1({
    "set:a1": totals({ n: 5, sum: 450, counts: [3, 1, 0, 1] }),
    "set:a2": totals({ n: 4, sum: 270, counts: [0, 0, 2, 2] }),
  }),
  dissatisfiedRespondents: 2,
  comments: [
    {
      responseId: 12,
      submittedAt: "2026-10-05T03:00:00.000Z",
      customerName: null,
      customerRef: null,
      itemKeys: ["a2", "gone"],
      comments: [{ itemKey: "note", text: "Nobody listened" }],
    },
  ],
});

describe("dissatisfaction section", () => {
  test("model: lowest-level answers by item, most first", () => {
    const { dissatisfaction } = buildReportModel(inputs);
    expect(dissatisfaction.answerCount).toBe(3);
    expect(dissatisfaction.respondents).toBe(2);
    expect(
      dissatisfaction.items.map((item) => [item.itemKey, item.count, item.share, item.department]),
    ).toEqual([
      ["a2", 2, 0.5, "运营部"],
      ["a1", 1, 0.2, "客服部"],
    ]);
    expect(dissatisfaction.comments).toHaveLength(1);
  });

  test("view and tables", () => {
    const model = buildReportModel(inputs);
    const context = viewContext("en");
    const { dissatisfaction } = dissatisfactionSection.view(model, context);
    expect(dissatisfaction).toMatchObject({ answerCount: "3", respondents: "2", hidden: false });
    expect(dissatisfaction.items[0]).toEqual({
      text: "Listening",
      count: 2,
      share: "50.0%",
      department: "运营部",
    });
    expect(dissatisfaction.comments).toEqual([
      {
        responseId: 12,
        submittedAt: "2026-10-05",
        customer: "anonymous",
        items: "Listening、gone",
        texts: ["Nobody listened"],
      },
    ]);
    expect(dissatisfaction.more).toContain("1");
    const [items, comments] = dissatisfactionSection.tables(model, context);
    expect(items?.rows[0]).toEqual(["Listening", 2, 0.5, "运营部"]);
    expect(comments?.key).toBe("comments");
    expect(comments?.rows[0]).toEqual([12, null, null, "a2, gone", "Nobody listened"]);
  });

  test("management (no comments) and a suppressed population", () => {
    const management = buildReportModel({ ...inputs, comments: null });
    expect(dissatisfactionSection.view(management, viewContext()).dissatisfaction.hidden).toBe(true);
    expect(dissatisfactionSection.tables(management, viewContext()).map((table) => table.key)).toEqual([
      "dissatisfaction",
    ]);
    const suppressed = buildReportModel({ ...inputs, filter: { attribute: "region", value: "上海" } });
    expect(suppressed.dissatisfaction).toEqual({ answerCount: 3, respondents: 2, items: [], comments: null });
    expect(dissatisfactionSection.shown(suppressed)).toBe(false);
  });

  test("nothing answered: no items", () => {
    const { dissatisfaction } = buildReportModel(reportInputs());
    expect(dissatisfaction).toEqual({ answerCount: 0, respondents: 0, items: [], comments: null });
  });
});
