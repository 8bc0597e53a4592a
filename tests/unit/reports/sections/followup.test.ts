import { describe, expect, test } from "vitest";
import type { FollowupCase } from "../../../../src/reports/followup-figures.ts";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { reportView } from "../../../../src/reports/report-view.ts";
import { durationText, followupSection } from "../../../../src/reports/sections/followup.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";

// The follow-up section from hand-made cases: October 2026 (trend index 11) and September (index 10).
// The report is made on 2 November 2026 (the fixture's generatedAt).

const OVERALL = "set:a1,a2,b1";
const H = 3_600_000;
const enough = version1({ [OVERALL]: totals({ n: 60, sum: 5_400 }), responses: totals({ n: 60 }) });
const few = version1({ [OVERALL]: totals({ n: 12, sum: 1_080 }), responses: totals({ n: 12 }) });

function fcase(index: number, opened: string, part: Partial<FollowupCase>): FollowupCase {
  const openedAt = new Date(opened);
  const plus = (hours: number) => new Date(openedAt.getTime() + hours * H);
  return {
    periodIndex: index,
    openedAt,
    contactDueAt: plus(48),
    resolveDueAt: plus(168),
    contactedAt: null,
    resolvedAt: null,
    department: null,
    assigneeId: null,
    causeId: null,
    recovered: null,
    ...part,
  };
}
const hoursAfter = (opened: string, hours: number) => new Date(new Date(opened).getTime() + hours * H);

const O1 = "2026-10-05T02:00:00Z";
const O2 = "2026-10-12T02:00:00Z";
const O3 = "2026-10-20T02:00:00Z";
const cases: FollowupCase[] = [
  // 客服部, 张伟 (7): contacted at 4 h, resolved at 30 h, recovered; 理赔 › 时效
  fcase(11, O1, {
    department: "客服部",
    assigneeId: 7,
    contactedAt: hoursAfter(O1, 4),
    resolvedAt: hoursAfter(O1, 30),
    causeId: 2,
    recovered: true,
  }),
  // 客服部, 张伟: contacted late (60 h), resolved at 100 h, not recovered; 理赔 › 时效
  fcase(11, O2, {
    department: "客服部",
    assigneeId: 7,
    contactedAt: hoursAfter(O2, 60),
    resolvedAt: hoursAfter(O2, 100),
    causeId: 2,
    recovered: false,
  }),
  // no department, unassigned: never contacted (overdue by 2 November)
  fcase(11, O3, {}),
  // September: 运营部, contacted at 8 h
  fcase(10, "2026-09-15T02:00:00Z", {
    department: "运营部",
    contactedAt: hoursAfter("2026-09-15T02:00:00Z", 8),
  }),
];
const followup = {
  cases,
  causes: [
    { id: 1, parentId: null, name: { "zh-CN": "理赔", en: "Claims" }, position: 0 },
    { id: 2, parentId: 1, name: { "zh-CN": "时效", en: "Speed" }, position: 0 },
  ],
  assigneeNames: new Map([["7", "客户经理 张伟"]]),
};
const trend = Array.from({ length: 12 }, (_, index) => (index >= 10 ? enough : new Map()));

describe("follow-up section", () => {
  test("model: the period's figures, by department and assignee, causes, and the trend from the first case", () => {
    const model = buildReportModel(reportInputs({ current: enough, trend, followup }));
    const part = model.followup;
    expect(part?.withheld).toBe(false);
    expect(part?.figures).toMatchObject({
      opened: 3,
      contactedInTime: { count: 1, share: 1 / 3 },
      resolvedInTime: { count: 2, share: 2 / 3 },
      overdue: { count: 2, share: 2 / 3 },
      // contacted after 4 and 60 h; resolved after 30 and 100 h
      medianHoursToContact: 32,
      medianHoursToResolve: 65,
      // two answers: withheld (fewer than 30)
      recovery: { n: 2, recovered: null, rate: null, reportability: "suppress" },
    });
    // most cases first; no department / unassigned last
    expect(part?.departments.map((row) => [row.key, row.figures.opened])).toEqual([
      ["客服部", 2],
      [null, 1],
    ]);
    expect(part?.assignees.map((row) => [row.key, row.name, row.figures.opened])).toEqual([
      ["7", "客户经理 张伟", 2],
      [null, null, 1],
    ]);
    expect(part?.causes).toEqual([
      { causeId: 2, label: { "zh-CN": "理赔 › 时效", en: "Claims › Speed" }, count: 2, share: 1 },
    ]);
    expect(part?.withoutCause).toBe(1);
    expect(part?.trend.map((point) => [point.period.key, point.figures?.opened])).toEqual([
      ["2026-09", 1],
      ["2026-10", 3],
    ]);
    // aggregates only: nothing in the model names a customer
    expect(JSON.stringify(part)).not.toMatch(/customer|phone|comment/i);
  });

  test("view (zh-CN) and tables (en)", () => {
    const model = buildReportModel(reportInputs({ current: enough, trend, followup }));
    const view = reportView(model, "zh-CN");
    expect(view.sectionNumbers.followup).toBe(9);
    expect(view.followup?.empty).toBe(false);
    expect(view.followup?.facts).toEqual([
      { label: "新开工单", value: "3" },
      { label: "按时联系", value: "1 (33.3%)" },
      { label: "按时解决", value: "2 (66.7%)" },
      { label: "逾期", value: "2 (66.7%)" },
      { label: "联系用时中位数", value: "32.0 小时" },
      { label: "解决用时中位数", value: "2.7 天" },
      { label: "挽回率", value: "答复不足 30 份 (n = 2)" },
    ]);
    expect(view.followup?.departments.map((row) => row.label)).toEqual(["客服部", "未指定部门"]);
    expect(view.followup?.assignees.map((row) => row.label)).toEqual(["客户经理 张伟", "未分派（质量组）"]);
    expect(view.followup?.causes).toEqual([{ rank: 1, label: "理赔 › 时效", count: 2, share: "100.0%" }]);
    expect(view.followup?.trend.map((row) => [row.label, row.current])).toEqual([
      ["2026年10月", true],
      ["2026年9月", false],
    ]);

    const tables = followupSection.tables(model, viewContext("en"));
    expect(tables.map((table) => table.key)).toEqual([
      "followup",
      "followupDepartments",
      "followupManagers",
      "followupCauses",
      "followupTrend",
    ]);
    expect(tables[0]?.rows).toEqual([
      [
        "October 2026",
        3,
        1,
        { share: 1 / 3 },
        2,
        { share: 2 / 3 },
        2,
        { share: 2 / 3 },
        32,
        65,
        null,
        2,
        null,
      ],
    ]);
    expect(tables[2]?.rows.map((row) => row[0])).toEqual(["客户经理 张伟", "Unassigned (quality queue)"]);
    expect(tables[3]?.rows).toEqual([[1, "Claims › Speed", 2, { share: 1 }]]);
  });

  test("fewer than 30 respondents: withheld, the trend's other periods stay", () => {
    const model = buildReportModel(
      reportInputs({ current: few, trend: [...trend.slice(0, 11), few], followup }),
    );
    expect(model.followup).toMatchObject({ withheld: true, figures: null, departments: [], causes: [] });
    expect(model.followup?.trend.map((point) => [point.period.key, point.figures?.opened ?? null])).toEqual([
      ["2026-09", 1],
      ["2026-10", null],
    ]);
    const view = reportView(model, "en");
    expect(view.followup?.withheld).toBe(true);
    expect(view.followup?.trend[0]).toMatchObject({ label: "October 2026", withheld: true });
    expect(followupSection.tables(model, viewContext())[0]?.rows).toEqual([]);
  });

  test("no case in the period: the empty state; none read: the section is left out", () => {
    const none = buildReportModel(
      reportInputs({ current: enough, trend, followup: { ...followup, cases: [] } }),
    );
    expect(none.followup?.figures?.opened).toBe(0);
    expect(none.followup?.trend.map((point) => point.period.key)).toEqual(["2026-10"]);
    expect(reportView(none, "zh-CN").followup?.empty).toBe(true);
    const unread = buildReportModel(reportInputs({ current: enough }));
    expect(unread.followup).toBeNull();
    expect(followupSection.shown(unread)).toBe(false);
    expect(followupSection.tables(unread, viewContext())).toEqual([]);
  });

  test("durations: hours under two days, then days", () => {
    const t = viewContext("en").t;
    expect([
      durationText(null, t),
      durationText(5.25, t),
      durationText(47.9, t),
      durationText(72, t),
    ]).toEqual(["—", "5.3 h", "47.9 h", "3.0 days"]);
    expect(durationText(30, viewContext("zh-CN").t)).toBe("30.0 小时");
  });
});
