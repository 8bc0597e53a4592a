import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { dissatisfactionSection } from "../../../../src/reports/sections/dissatisfaction.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";

// 60 respondents. a1: 10 of 50 answers on the lowest level (20 %); a2: 20 of 40 (50 %); b1: none. 30
// such answers from 25 respondents; one of them left a comment (the others are beyond the list's limit).
const inputs = reportInputs({
  current: version1({
    "set:a1,a2,b1": totals({ n: 60, sum: 4_800 }),
    "set:a1": totals({ n: 50, sum: 4_500, counts: [30, 10, 0, 10] }),
    "set:a2": totals({ n: 40, sum: 2_700, counts: [0, 0, 20, 20] }),
  }),
  dissatisfiedRespondents: 25,
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
    expect(dissatisfaction.answerCount).toBe(30);
    expect(dissatisfaction.respondents).toBe(25);
    expect(
      dissatisfaction.items.map((item) => [item.itemKey, item.count, item.share, item.department]),
    ).toEqual([
      ["a2", 20, 0.5, "运营部"],
      ["a1", 10, 0.2, "客服部"],
    ]);
    expect(dissatisfaction.comments).toHaveLength(1);
  });

  test("view and tables", () => {
    const model = buildReportModel(inputs);
    const context = viewContext("en");
    const { dissatisfaction } = dissatisfactionSection.view(model, context);
    expect(dissatisfaction).toMatchObject({ answerCount: "30", respondents: "25", hidden: false });
    expect(dissatisfaction.items[0]).toEqual({
      text: "Listening",
      count: 20,
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
    expect(dissatisfaction.more).toContain("25");
    const [items, comments] = dissatisfactionSection.tables(model, context);
    expect(items?.rows[0]).toEqual(["Listening", 20, { share: 0.5 }, "运营部"]);
    expect(comments?.key).toBe("comments");
    expect(comments?.rows[0]).toEqual([12, null, null, "a2, gone", "Nobody listened"]);
  });

  test("management: no comments", () => {
    const management = buildReportModel({ ...inputs, comments: null });
    expect(dissatisfactionSection.view(management, viewContext()).dissatisfaction.hidden).toBe(true);
    expect(dissatisfactionSection.tables(management, viewContext()).map((table) => table.key)).toEqual([
      "dissatisfaction",
    ]);
  });

  // Issue 14: a region of 7 respondents showed 4 dissatisfied answers from 3 respondents, to managers too.
  test("a population under 30 respondents, filtered or not: every figure withheld, the counts too", () => {
    const seven = {
      ...inputs,
      current: version1({
        "set:a1,a2,b1": totals({ n: 7, sum: 525 }),
        "set:a1": totals({ n: 7, sum: 600, counts: [2, 1, 1, 3] }),
        "set:a2": totals({ n: 1, sum: 60, counts: [0, 0, 0, 1] }),
      }),
      dissatisfiedRespondents: 3,
    };
    for (const filter of [{ attribute: "region", value: "上海" } as const, {}]) {
      for (const comments of [inputs.comments, null]) {
        const model = buildReportModel({ ...seven, filter, comments });
        expect(model.dissatisfaction).toEqual({
          answerCount: null,
          respondents: null,
          items: [],
          comments: null,
        });
        expect(dissatisfactionSection.shown(model)).toBe(false);
        const view = dissatisfactionSection.view(model, viewContext()).dissatisfaction;
        expect([view.answerCount, view.respondents, view.items, view.more]).toEqual(["—", "—", [], null]);
        expect(dissatisfactionSection.tables(model, viewContext())).toEqual([
          expect.objectContaining({ key: "dissatisfaction", rows: [] }),
        ]);
      }
    }
  });

  test("nothing answered: withheld", () => {
    const { dissatisfaction } = buildReportModel(reportInputs());
    expect(dissatisfaction).toEqual({ answerCount: null, respondents: null, items: [], comments: null });
  });
});
