import { describe, expect, it } from "vitest";
import type { QuestionnaireDefinition } from "../../../src/questionnaires/questionnaire-definition.ts";
import type { AnswerRow } from "../../../src/responses/answers.ts";
import { exportLayout } from "../../../src/responses/response-export.ts";
import { answersWithPoints, type ExportResponse } from "../../../src/responses/response-export-cells.ts";

const bi = (zh: string, en: string) => ({ "zh-CN": zh, en });

// Version 2 drops the item "old" and renames an option; version 1's responses keep their own texts.
const V1: QuestionnaireDefinition = {
  title: bi("问卷", "Survey"),
  sections: [
    {
      key: "main",
      title: bi("主要", "Main"),
      items: [
        { key: "q1", type: "satisfaction", text: bi("态度", "Attitude"), required: false },
        {
          key: "via",
          type: "single_choice",
          text: bi("渠道", "Channel"),
          required: false,
          options: [
            { key: "branch", label: bi("营业厅", "Office") },
            { key: "online", label: bi("网上", "Online") },
          ],
        },
        { key: "old", type: "satisfaction", text: bi("旧题", "Old item"), required: false },
      ],
    },
  ],
};
const V2: QuestionnaireDefinition = {
  ...V1,
  sections: [
    {
      key: "main",
      title: bi("主要", "Main"),
      items: [
        { key: "q1", type: "satisfaction", text: bi("态度", "Attitude"), required: false },
        {
          key: "via",
          type: "single_choice",
          text: bi("渠道", "Channel"),
          required: false,
          options: [
            { key: "branch", label: bi("网点", "Branch") },
            { key: "online", label: bi("网上", "Online") },
          ],
        },
      ],
    },
  ],
};

const response = (answerRows: AnswerRow[], score: number | null): ExportResponse => ({
  id: 7,
  startedAt: new Date("2026-05-31T16:50:00Z"),
  submittedAt: new Date("2026-05-31T17:00:00Z"),
  mode: "phone",
  score,
  isTest: false,
  questionnaireName: bi("问卷", "Survey"),
  questionnaireVersionId: 1,
  versionNumber: 1,
  waveName: null,
  customerId: 3,
  customerName: "陈静",
  customerRef: "C0003",
  claimedRef: null,
  customerAsAnswered: {
    customerType: "business",
    channel: "银保",
    valueTier: "MGC",
    activity: "semi_dormant",
    region: "上海",
    managerUserId: 4,
    managerName: "客户经理 张伟",
    attributes: { 保单数: 3 },
  },
  recordedBy: "quality",
  countedInReport: true,
  answerRows,
});

const layout = exportLayout({
  locale: "en",
  timeZone: "Asia/Shanghai",
  definitions: [V2, V1],
  attributeKeys: ["保单数"],
  includeTests: false,
});
const row = (r: ExportResponse) =>
  Object.fromEntries(layout.columns.map((column, i) => [column.header, layout.cells(r, V1)[i]]));

describe("the export's layout", () => {
  it("lists the newest version's items first, then those only older versions had", () => {
    const items = layout.columns.map((column) => column.header).filter((h) => /^(q1|via|old)\b/.test(h));
    expect(items).toEqual([
      "q1 Attitude",
      "q1 Attitude (level)",
      "via Channel",
      "via Channel (answer)",
      "old Old item",
      "old Old item (level)",
    ]);
    expect(layout.legend?.rows.map((r) => r[0])).toEqual(["q1", "via", "old"]);
  });

  it("reads a response on its own version: option texts, levels, points, day in the zone", () => {
    const cells = row(
      response(
        [
          { itemKey: "q1", part: "", number: 90, text: "satisfied" },
          { itemKey: "via", part: "", number: null, text: "branch" },
          // a level known only by its points
          { itemKey: "old", part: "", number: 60, text: null },
        ],
        80,
      ),
    );
    expect(cells).toMatchObject({
      "q1 Attitude": 90,
      "q1 Attitude (level)": "Satisfied",
      "via Channel": "branch",
      "via Channel (answer)": "Office",
      "old Old item": 60,
      "old Old item (level)": "Dissatisfied",
      "Satisfaction points (sum)": 150,
      "Satisfaction items answered": 2,
      "Respondent score (as the report shows it)": 80,
      "Submitted on (Asia/Shanghai)": "2026-06-01",
      Mode: "Phone",
      "Customer type (as answered)": "Business",
      "Activity (as answered)": "Semi-dormant",
      "保单数 (as answered)": 3,
      "Counted in the report (1/0)": 1,
    });
  });

  it("leaves the points empty and counts 0 items for a respondent without satisfaction answers", () => {
    const cells = row(response([{ itemKey: "via", part: "", number: null, text: "online" }], null));
    expect(cells["Satisfaction points (sum)"]).toBeNull();
    expect(cells["Satisfaction items answered"]).toBe(0);
    expect(cells["Respondent score (as the report shows it)"]).toBeNull();
    expect(cells["q1 Attitude"]).toBeNull();
  });
});

describe("answersWithPoints", () => {
  it("gives satisfaction answers their points and the others none", () => {
    expect(
      answersWithPoints(
        [
          { itemKey: "q1", part: "", number: 75, text: "basically_satisfied" },
          { itemKey: "via", part: "", number: null, text: "online" },
        ],
        V2,
      ).map((answer) => answer.points),
    ).toEqual([75, null]);
    expect(answersWithPoints([{ itemKey: "q1", part: "", number: 75, text: null }], undefined)).toEqual([
      { itemKey: "q1", part: "", number: 75, text: null, points: null },
    ]);
  });
});
