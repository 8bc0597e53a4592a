import { execFileSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffUser } from "../../src/accounts/staff-user.service.ts";
import { parsePeriod } from "../../src/reports/period.ts";
import { buildReport } from "../../src/reports/report.service.ts";
import { reportEmail } from "../../src/reports/report-email.ts";
import { reportView } from "../../src/reports/report-view.ts";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient } from "../helpers/http-client.ts";
import { SANCHENG_ITEMS } from "../helpers/sancheng.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// Issue 15, the report section 跟进闭环 / Follow-up, on a real PostgreSQL: responses are stored through
// the API, follow-up cases are written as rows built to know the answers (opened around the period's
// edges in Asia/Shanghai, contacted and resolved early, late or not at all, limits still ahead, causes,
// recovery answers), and every figure of the report's JSON is checked against a recomputation from the
// raw rows written here. Then each format carries the section, the small-n rule holds, the empty state
// shows, and management still sees aggregates only.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field below
type Json = any;

const TIME_ZONE = "Asia/Shanghai";
const H = 3_600_000;
let clock = new Date("2026-09-01T00:00:00Z");
let app: TestApp;
let qualityToken: string;
let managerToken: string;
let managerEn: PageClient;
let managerZh: PageClient;
let sancheng: number;
const staff: Record<string, number> = {};

const ITEMS = SANCHENG_ITEMS;
const LEVELS = ["very_satisfied", "satisfied"];
const beijing = Array.from({ length: 70 }, (_, i) => `B${String(i).padStart(3, "0")}`);
const shanghai = Array.from({ length: 40 }, (_, i) => `S${String(i).padStart(3, "0")}`);
const lhasa = Array.from({ length: 5 }, (_, i) => `L${String(i).padStart(3, "0")}`);
/** A customer's note on a case that must never reach the report (it carries a phone number). */
const PRIVATE_NOTE = "客户来电 13912345678 投诉";

async function post(customerRef: string, at: string, level: number) {
  clock = new Date(at);
  const answers: Record<string, unknown> = { recommend: 9 };
  for (const key of ITEMS) answers[key] = LEVELS[level];
  const response = await fetch(`${app.baseUrl}/api/v1/responses`, {
    method: "POST",
    headers: { authorization: `Bearer ${qualityToken}`, "content-type": "application/json" },
    body: JSON.stringify({ questionnaireId: sancheng, answers, customerRef, mode: "web" }),
  });
  if (response.status !== 201) throw new Error(`post failed ${response.status} ${await response.text()}`);
  return ((await response.json()) as Json).data.id as number;
}

async function getReport(token: string, query: string) {
  const response = await fetch(`${app.baseUrl}/api/v1/reports?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as Json).data;
}

async function pdfText(response: Response): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "manyi-followup-")), "report.pdf");
  await writeFile(file, Buffer.from(await response.arrayBuffer()));
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8");
}

/** A case as written here and read back: the raw row the expected figures are computed from. */
interface RawCase {
  created_at: Date;
  contact_due_at: Date;
  resolve_due_at: Date;
  contacted_at: Date | null;
  resolved_at: Date | null;
  department: string | null;
  assigned_to: number | null;
  cause_id: number | null;
  recovered: boolean | null;
  region: string | null;
  cause_zh: string | null;
  parent_zh: string | null;
  assignee: string | null;
}

/** The month (yyyy-mm) a case was opened in, in Shanghai (UTC+8 all year). */
const monthOf = (c: RawCase) => new Date(c.created_at.getTime() + 8 * H).toISOString().slice(0, 7);

const middle = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[half] as number)
    : ((sorted[half - 1] as number) + (sorted[half] as number)) / 2;
};

/** The figures recomputed from raw rows, as the issue defines them. */
function expectedFigures(cases: RawCase[], asOf: Date) {
  const opened = cases.length;
  const share = (count: number) => ({ count, share: opened === 0 ? null : count / opened });
  const late = (done: Date | null, due: Date) => (done === null ? due < asOf : done > due);
  const answered = cases.filter((c) => c.recovered !== null);
  const recovered = answered.filter((c) => c.recovered).length;
  const n = answered.length;
  return {
    opened,
    contactedInTime: share(cases.filter((c) => c.contacted_at && c.contacted_at <= c.contact_due_at).length),
    resolvedInTime: share(cases.filter((c) => c.resolved_at && c.resolved_at <= c.resolve_due_at).length),
    overdue: share(
      cases.filter((c) => late(c.contacted_at, c.contact_due_at) || late(c.resolved_at, c.resolve_due_at))
        .length,
    ),
    medianHoursToContact: middle(
      cases.flatMap((c) => (c.contacted_at ? [(c.contacted_at.getTime() - c.created_at.getTime()) / H] : [])),
    ),
    medianHoursToResolve: middle(
      cases.flatMap((c) => (c.resolved_at ? [(c.resolved_at.getTime() - c.created_at.getTime()) / H] : [])),
    ),
    recovery:
      n < 30
        ? { n, recovered: null, rate: null, reportability: "suppress" }
        : { n, recovered, rate: recovered / n, reportability: n < 60 ? "caution" : "ok" },
  };
}

function expectFigures(actual: Json, expected: ReturnType<typeof expectedFigures>) {
  const { medianHoursToContact, medianHoursToResolve, recovery, ...counts } = expected;
  expect(actual).toMatchObject(counts);
  for (const [value, want] of [
    [actual.medianHoursToContact, medianHoursToContact],
    [actual.medianHoursToResolve, medianHoursToResolve],
    [actual.recovery.rate, recovery.rate],
  ] as const) {
    if (want === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(want, 9);
  }
  expect({ ...actual.recovery, rate: null }).toEqual({ ...recovery, rate: null });
}

async function rawCases(): Promise<RawCase[]> {
  const result = await sql<RawCase>`
    select sc.created_at, sc.contact_due_at, sc.resolve_due_at, sc.contacted_at, sc.resolved_at,
      sc.department, sc.assigned_to, sc.cause_id, sc.recovered, r.region, c.name_zh as cause_zh,
      p.name_zh as parent_zh, s.display_name as assignee
    from service_case sc join response r on r.id = sc.response_id
      left join case_cause c on c.id = sc.cause_id left join case_cause p on p.id = c.parent_id
      left join staff_user s on s.id = sc.assigned_to`.execute(app.database.db);
  return result.rows.map((row) => ({
    ...row,
    assigned_to: row.assigned_to === null ? null : Number(row.assigned_to),
    cause_id: row.cause_id === null ? null : Number(row.cause_id),
  }));
}

beforeAll(async () => {
  app = await startTestApp({ now: () => clock, timeZone: TIME_ZONE });
  const db = app.database.db;
  for (const row of await db
    .selectFrom("questionnaire_version")
    .select(["questionnaire_id", "definition"])
    .execute()) {
    const title = (row.definition as { title: { en: string } }).title.en;
    if (title.includes("三诚") || title.toLowerCase().includes("annual")) sancheng = row.questionnaire_id;
  }
  await createStaffUser(db, null, {
    username: "cm.li",
    displayName: "客户经理 李娜",
    role: "customer_manager",
    password: "manyi-cm-demo-2-long",
    email: "li@manyi.test",
  });
  for (const row of await db.selectFrom("staff_user").select(["id", "username"]).execute())
    staff[row.username] = Number(row.id);
  await db
    .insertInto("customer")
    .values([
      ...beijing.map((ref, i) => ({
        external_ref: ref,
        name: `北京客户${ref}`,
        phone: `1380000${String(i).padStart(4, "0")}`,
        region: "北京",
        ...(i % 2 === 0 ? { manager_user_id: staff["cm.zhang"] } : {}),
      })),
      ...shanghai.map((ref) => ({ external_ref: ref, name: `上海客户${ref}`, region: "上海" })),
      ...lhasa.map((ref) => ({ external_ref: ref, name: `拉萨客户${ref}`, region: "拉萨" })),
    ])
    .execute();
  qualityToken = await createApiTokenThroughAdmin(app, "quality");
  managerToken = await createApiTokenThroughAdmin(app, "manager");

  // Responses (satisfied: no rule opens a case of its own). September: 40 in 北京; October: everyone
  // (115); November 2–10: 40.
  const responses = new Map<string, number>();
  const day = (month: string, i: number) =>
    `2026-${month}-${String(1 + (i % 28)).padStart(2, "0")}T04:00:00Z`;
  for (const [i, ref] of beijing.slice(0, 40).entries())
    responses.set(`09:${ref}`, await post(ref, day("09", i), i % 2));
  for (const [i, ref] of [...beijing, ...shanghai, ...lhasa].entries())
    responses.set(`10:${ref}`, await post(ref, day("10", i), i % 2));
  for (const [i, ref] of [...beijing.slice(40), ...shanghai.slice(0, 10)].entries())
    responses.set(
      `11:${ref}`,
      await post(ref, `2026-11-${String(2 + (i % 9)).padStart(2, "0")}T04:00:00Z`, i % 2),
    );

  // The cases: built to know the answers (the figures are recomputed from these rows below).
  const causes = (
    await db.selectFrom("case_cause").select("id").where("parent_id", "is not", null).orderBy("id").execute()
  ).map((row) => Number(row.id));
  expect(causes.length).toBeGreaterThanOrEqual(10);
  const opened: [string, string | null][] = [
    ...beijing.slice(0, 60).map((ref) => [`10:${ref}`, null] as [string, null]),
    ...shanghai.slice(0, 35).map((ref) => [`10:${ref}`, null] as [string, null]),
    ...lhasa.slice(0, 3).map((ref) => [`10:${ref}`, null] as [string, null]),
    ...beijing.slice(0, 20).map((ref) => [`09:${ref}`, null] as [string, null]),
    // at the edges of October in Shanghai: 1 October 00:00, 31 October 23:59 (in October), 30 September
    // 23:59 (in September), 1 November 00:00 (in November)
    ["10:B060", "2026-09-30T16:00:00Z"],
    ["10:B061", "2026-10-31T15:59:00Z"],
    ["10:B062", "2026-09-30T15:59:00Z"],
    ["10:B063", "2026-10-31T16:00:00Z"],
  ];
  const rows = await db
    .selectFrom("response")
    .select(["id", "submitted_at", "customer_id"])
    .where(
      "id",
      "in",
      opened.map(([key]) => responses.get(key) as number),
    )
    .execute();
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  const departments = ["客户服务中心", "理赔部", "运营部", null];
  const assignees = [staff["cm.zhang"], staff["cm.li"], null];
  await db
    .insertInto("service_case")
    .values(
      opened.map(([key, at], i) => {
        const response = byId.get(responses.get(key) as number);
        if (!response?.submitted_at) throw new Error(`no response ${key}`);
        const created = at ? new Date(at) : new Date(response.submitted_at.getTime() + 5 * 60_000);
        const plus = (hours: number) => new Date(created.getTime() + hours * H);
        const ahead = i % 17 === 0; // limits far ahead, not contacted: not overdue
        const contacted = ahead || i % 10 === 0 ? null : i % 7 === 0 ? plus(50) : plus(1 + (i % 5) * 5);
        const resolved =
          contacted === null || i % 6 === 0 ? null : i % 9 === 0 ? plus(8 * 24) : plus(24 + (i % 4) * 20);
        return {
          response_id: Number(response.id),
          questionnaire_id: sancheng,
          customer_id: response.customer_id,
          status: resolved ? "resolved" : contacted ? "contacted" : "open",
          triggers: JSON.stringify([{ kind: "dissatisfied", itemKey: "speed" }]),
          department: departments[i % 4] ?? null,
          assigned_to: assignees[i % 3] ?? null,
          contact_due_at: ahead ? plus(60 * 24) : plus(48),
          resolve_due_at: ahead ? plus(90 * 24) : plus(7 * 24),
          contacted_at: contacted,
          resolved_at: resolved,
          cause_id: resolved && i % 8 !== 0 ? (causes[i % causes.length] as number) : null,
          cause_notes: resolved ? PRIVATE_NOTE : null,
          recovered: resolved && i % 5 !== 0 ? i % 4 !== 1 : null,
          created_at: created,
        } as const;
      }),
    )
    .execute();
  clock = new Date("2026-11-22T09:00:00Z");
  managerEn = new PageClient(app.baseUrl, { "accept-language": "en" });
  await managerEn.logIn("manager", "manyi-manager-demo");
  managerZh = new PageClient(app.baseUrl, { "accept-language": "zh-CN" });
  await managerZh.logIn("manager", "manyi-manager-demo");
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe("every figure against a recomputation from the raw rows", () => {
  it("October, unfiltered: the period's cases by the day they were opened in Shanghai", async () => {
    const raw = await rawCases();
    const october = raw.filter((c) => monthOf(c) === "2026-10");
    // 98 on October's responses, and the cases opened at 1 October 00:00 and 31 October 23:59 in Shanghai
    expect(october).toHaveLength(100);
    const model = await getReport(managerToken, `questionnaire=${sancheng}&period=2026-10`);
    const followup = model.followup;
    expect(followup.withheld).toBe(false);
    expectFigures(followup.figures, expectedFigures(october, clock));
    // the limits still ahead: not overdue although never contacted
    expect(followup.figures.overdue.count).toBeLessThan(
      october.filter((c) => !c.contacted_at || c.contacted_at > c.contact_due_at || !c.resolved_at).length,
    );
    // a recovered rate with its n, flagged or shown as the rule says
    expect(followup.figures.recovery.n).toBeGreaterThanOrEqual(30);

    // by department: each department's cases (no department is a row of its own)
    const departmentKeys = [...new Set(october.map((c) => c.department))];
    expect(followup.departments.map((row: Json) => row.key).sort()).toEqual(
      [...departmentKeys].sort((a, b) => String(a).localeCompare(String(b))),
    );
    for (const row of followup.departments)
      expectFigures(
        row.figures,
        expectedFigures(
          october.filter((c) => c.department === row.key),
          clock,
        ),
      );
    // by assignee, named; unassigned last
    expect(followup.assignees.map((row: Json) => row.name)).toEqual(
      expect.arrayContaining(["客户经理 张伟", "客户经理 李娜", null]),
    );
    expect(followup.assignees.at(-1).key).toBeNull();
    for (const row of followup.assignees) {
      const mine = october.filter((c) => (c.assigned_to === null ? null : String(c.assigned_to)) === row.key);
      expect(row.name).toBe(mine[0]?.assignee ?? null);
      expectFigures(row.figures, expectedFigures(mine, clock));
    }

    // causes ranked by count, top › second level, share of the cases with a cause
    const counts = new Map<string, number>();
    for (const c of october.filter((c) => c.cause_id !== null))
      counts.set(`${c.parent_zh} › ${c.cause_zh}`, (counts.get(`${c.parent_zh} › ${c.cause_zh}`) ?? 0) + 1);
    const named = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(followup.withoutCause).toBe(october.length - named);
    expect(followup.causes.map((cause: Json) => [cause.label["zh-CN"], cause.count])).toEqual(
      expect.arrayContaining([...counts]),
    );
    expect(followup.causes).toHaveLength(counts.size);
    const ranked = followup.causes.map((cause: Json) => cause.count);
    expect(ranked).toEqual([...ranked].sort((a: number, b: number) => b - a));
    for (const cause of followup.causes) expect(cause.share).toBeCloseTo(cause.count / named, 12);

    // the trend: from September (the first period with a case) to October
    expect(followup.trend.map((point: Json) => point.period.key)).toEqual(["2026-09", "2026-10"]);
    const september = raw.filter((c) => monthOf(c) === "2026-09");
    expect(september).toHaveLength(21);
    expectFigures(followup.trend[0].figures, expectedFigures(september, clock));
    expectFigures(followup.trend[1].figures, expectedFigures(october, clock));
    // November's report: the case opened at 1 November 00:00 in Shanghai
    const november = await getReport(managerToken, `questionnaire=${sancheng}&period=2026-11`);
    expect(november.followup.figures.opened).toBe(1);
    expect(november.followup.trend.map((point: Json) => point.figures.opened)).toEqual([21, 100, 1]);
  });

  it("filters apply through the case's response (the customer as answered), and the department through the case", async () => {
    const october = (await rawCases()).filter((c) => monthOf(c) === "2026-10");
    const beijingOnly = october.filter((c) => c.region === "北京");
    for (const query of [
      `region=${encodeURIComponent("北京")}`,
      // a combination: rolled up on the fly, the same cases
      `region=${encodeURIComponent("北京")}&mode=web`,
    ]) {
      const model = await getReport(managerToken, `questionnaire=${sancheng}&period=2026-10&${query}`);
      expectFigures(model.followup.figures, expectedFigures(beijingOnly, clock));
    }
    const claims = await getReport(
      managerToken,
      `questionnaire=${sancheng}&period=2026-10&department=${encodeURIComponent("理赔部")}`,
    );
    expectFigures(
      claims.followup.figures,
      expectedFigures(
        october.filter((c) => c.department === "理赔部"),
        clock,
      ),
    );
    expect(claims.followup.departments.map((row: Json) => row.key)).toEqual(["理赔部"]);
  });
});

describe("the small-n rule", () => {
  it("上海 (40 respondents, 35 cases): the figures shown, the recovered rate withheld with its n", async () => {
    const shanghaiCases = (await rawCases()).filter((c) => monthOf(c) === "2026-10" && c.region === "上海");
    expect(shanghaiCases).toHaveLength(35);
    const answers = shanghaiCases.filter((c) => c.recovered !== null).length;
    expect(answers).toBeGreaterThan(0);
    expect(answers).toBeLessThan(30);
    const query = `questionnaire=${sancheng}&period=2026-10&region=${encodeURIComponent("上海")}`;
    const model = await getReport(managerToken, query);
    expectFigures(model.followup.figures, expectedFigures(shanghaiCases, clock));
    expect(model.followup.figures.recovery).toEqual({
      n: answers,
      recovered: null,
      rate: null,
      reportability: "suppress",
    });
    const page = await managerZh.get(`/admin/reports?${query}`);
    expect(page.text).toContain(`答复不足 30 份 (n &#x3D; ${answers})`);
  });

  it("拉萨 (5 respondents): the section is withheld, as the dissatisfaction counts are", async () => {
    const query = `questionnaire=${sancheng}&period=2026-10&region=${encodeURIComponent("拉萨")}`;
    const model = await getReport(managerToken, query);
    expect(model.suppressed).toBe(true);
    expect(model.followup).toMatchObject({
      withheld: true,
      figures: null,
      departments: [],
      assignees: [],
      causes: [],
    });
    const page = await managerZh.get(`/admin/reports?${query}`);
    expect(page.text).toContain('id="h-followup"');
    expect(page.text).toContain("跟进数据随报告其他数据一并不予显示");
  });
});

describe("every format carries the section, aggregates only", () => {
  const query = () => `questionnaire=${sancheng}&period=2026-10`;

  it("the page (both languages) and the JSON: figures, captions, no customer", async () => {
    const model = await getReport(managerToken, query());
    const figures = model.followup.figures;
    const zh = await managerZh.get(`/admin/reports?${query()}`);
    expect(zh.status).toBe(200);
    expect(zh.text).toContain('id="h-followup"');
    expect(zh.text).toMatch(/<h2 id="h-followup">\d+\. 跟进闭环<\/h2>/);
    for (const caption of ["原因排行", "按部门", "按客户经理（负责人）", "近 12 期"])
      expect(zh.text).toContain(`<caption>${caption}</caption>`);
    const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
    expect(zh.text).toContain(
      `<dt>按时联系</dt><dd>${figures.contactedInTime.count} (${percent(figures.contactedInTime.share)})</dd>`,
    );
    expect(zh.text).toContain(`<dt>新开工单</dt><dd>${figures.opened}</dd>`);
    expect(zh.text).toContain("客户经理 李娜");
    const en = await managerEn.get(`/admin/reports?${query()}`);
    expect(en.text).toMatch(/<h2 id="h-followup">\d+\. Follow-up<\/h2>/);
    expect(en.text).toContain("<caption>By customer manager (assignee)</caption>");
    for (const text of [zh.text, en.text, JSON.stringify(model)]) {
      expect(text).not.toContain("13912345678");
      expect(text).not.toContain("北京客户");
      expect(text).not.toContain("上海客户");
      expect(text).not.toContain("13800000");
    }
  });

  it("the XLSX and the CSV", async () => {
    const model = await getReport(managerToken, query());
    const workbook = await managerEn.fetchRaw(`/admin/reports/report.xlsx?${query()}&lang=en`);
    expect(workbook.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await workbook.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.worksheets.find((candidate) => candidate.name === "Follow-up");
    expect(sheet?.getRow(4).getCell(2).value).toBe("Cases opened");
    expect(sheet?.getRow(5).getCell(1).value).toBe("October 2026");
    expect(sheet?.getRow(5).getCell(2).value).toBe(model.followup.figures.opened);
    expect(sheet?.getRow(5).getCell(4).value).toBeCloseTo(model.followup.figures.contactedInTime.share, 12);
    expect(sheet?.getRow(5).getCell(4).numFmt).toBe("0.0%");
    // one sheet per table (a sheet's name cannot hold ":", and has at most 31 characters)
    expect(
      book.worksheets.map((candidate) => candidate.name).filter((name) => name.startsWith("Follow-up")),
    ).toEqual([
      "Follow-up",
      "Follow-up  By department",
      "Follow-up  By customer manager",
      "Follow-up  Causes",
      "Follow-up  Last 12 periods",
    ]);

    const csv = async (section: string) => {
      const response = await managerEn.fetchRaw(
        `/admin/reports/report.csv?${query()}&section=${section}&lang=zh-CN`,
      );
      expect(response.status).toBe(200);
      return parse((await response.text()).replace(/^\uFEFF/, "")) as string[][];
    };
    const [header, row] = await csv("followup");
    expect(header?.slice(0, 3)).toEqual(["期间", "新开工单", "按时联系"]);
    expect(row?.[1]).toBe(String(model.followup.figures.opened));
    expect(await csv("followupCauses")).toHaveLength(1 + model.followup.causes.length);
    const managers = await csv("followupManagers");
    expect(managers.map((line) => line[0])).toEqual(
      expect.arrayContaining(["客户经理 张伟", "客户经理 李娜", "未分派（质量组）"]),
    );
    expect(await csv("followupTrend")).toHaveLength(3);
  });

  it("the PDF", async () => {
    const pdf = await managerEn.fetchRaw(`/admin/reports/report.pdf?${query()}&lang=en`);
    expect(pdf.status).toBe(200);
    const text = await pdfText(pdf);
    expect(text).toContain("Follow-up");
    expect(text).toContain("Recovered rate");
    expect(text).not.toContain("13912345678");
  }, 120_000);

  it("the scheduled e-mail's summary", async () => {
    const period = parsePeriod("2026-10");
    if (!period) throw new Error("period");
    const { model } = await buildReport(
      app.database.db,
      { questionnaireId: sancheng, period, filter: {} },
      { canSeeComments: false },
      { timeZone: TIME_ZONE, now: () => clock },
    );
    const email = await reportEmail(reportView(model, "zh-CN"), "zh-CN", {
      reportUrl: "https://manyi.example/admin/reports",
      images: [],
      timeZone: TIME_ZONE,
    });
    expect(email.text).toContain("跟进闭环");
    expect(email.text).toContain(`新开工单: ${model.followup?.figures?.opened}`);
    expect(email.text).toMatch(/挽回率: \d+\.\d% \(n = \d+\)/);
    expect(email.html).toContain("跟进闭环");
    expect(email.html).not.toContain("13912345678");
  });
});

describe("the empty state and permissions", () => {
  it("a period with responses and no case: 本期没有跟进工单", async () => {
    const query = `questionnaire=${sancheng}&period=2026-11-02..2026-11-10`;
    const model = await getReport(managerToken, query);
    expect(model.headline.responses).toBe(40);
    expect(model.followup.figures.opened).toBe(0);
    const page = await managerZh.get(`/admin/reports?${query}`);
    expect(page.text).toContain("本期没有跟进工单");
  });

  it("management reads the report, not the cases; a customer manager reads no report", async () => {
    const cases = await fetch(`${app.baseUrl}/api/v1/cases`, {
      headers: { authorization: `Bearer ${managerToken}` },
    });
    expect(cases.status).toBe(403);
    const cmToken = await createApiTokenThroughAdmin(app, "cm.zhang");
    const report = await fetch(`${app.baseUrl}/api/v1/reports?questionnaire=${sancheng}&period=2026-10`, {
      headers: { authorization: `Bearer ${cmToken}` },
    });
    expect(report.status).toBe(403);
  });
});
