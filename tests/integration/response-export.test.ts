import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "../../seeds/seed-demo.ts";
import { formatScore } from "../../src/lib/score-format.ts";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestDatabase } from "../helpers/test-database.ts";

// Issue 14, item 10: the raw export recomputes the report. A questionnaire of every item type is
// answered through the API in May 2026 by 38 respondents (two anonymous, one without satisfaction
// answers); the export of May (CSV in Chinese, XLSX in English) is then read as a spreadsheet would
// read it, and its headline score, item scores, dimension scores and their n are those of the
// report's JSON. The customer reference and the attributes are as they were when each customer
// answered, also after ten customers moved from 上海 to 北京. The API pages the responses with their
// answers after a response id.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field below
type Json = any;
type Cell = string | number | null;

const TIME_ZONE = "Asia/Shanghai";
const LEVELS = ["very_satisfied", "satisfied", "basically_satisfied", "dissatisfied"] as const;
const KANO = ["like", "must-be", "neutral", "live-with", "dislike"] as const;
const bi = (zh: string, en: string) => ({ "zh-CN": zh, en });

const SATISFACTION = [
  { key: "s1", text: bi("服务态度", "Attitude"), dimension: "reliability" },
  { key: "s2", text: bi("办理速度", "Speed"), dimension: "reliability" },
  { key: "s3", text: bi("专业水平", "Expertise"), dimension: "assurance" },
  { key: "s4", text: bi("解答清楚", "Clear answers"), dimension: "assurance" },
] as const;

const DEFINITION = {
  title: bi("导出测试问卷", "Export survey"),
  sections: [
    {
      key: "main",
      title: bi("满意度", "Satisfaction"),
      items: SATISFACTION.map((item) => ({ ...item, type: "satisfaction", required: false })),
    },
    {
      key: "more",
      title: bi("其他", "More"),
      items: [
        {
          key: "via",
          type: "single_choice",
          text: bi("办理渠道", "Channel used"),
          required: false,
          options: [
            { key: "branch", label: bi("网点", "Branch") },
            { key: "online", label: bi("网上", "Online") },
            { key: "phone", label: bi("电话", "Phone") },
          ],
        },
        {
          key: "topics",
          type: "multiple_choice",
          text: bi("咨询内容", "Topics"),
          required: false,
          options: [
            { key: "claims", label: bi("理赔", "Claims") },
            { key: "renewal", label: bi("续期", "Renewal") },
          ],
        },
        {
          key: "sq",
          type: "servqual",
          text: bi("按时兑现承诺", "Keeps promises"),
          expectation: bi("应该按时兑现", "Should keep promises"),
          perception: bi("实际按时兑现", "Does keep promises"),
          dimension: "reliability",
          required: false,
        },
        {
          key: "kn",
          type: "kano",
          text: bi("短信提醒", "SMS reminders"),
          functional: bi("如果有短信提醒", "If there are SMS reminders"),
          dysfunctional: bi("如果没有短信提醒", "If there are none"),
          required: false,
        },
        {
          key: "weights",
          type: "importance",
          text: bi("重要性分配", "Importance"),
          dimensions: ["reliability", "assurance"],
          required: false,
        },
        { key: "nps", type: "nps", text: bi("推荐意愿", "Recommend"), required: false },
        { key: "note", type: "text", text: bi("意见", "Comments"), required: false },
      ],
    },
  ],
};

/** Respondent i's answers: satisfaction items skipped in a fixed pattern; number 37 gives none. */
function answersOf(i: number): Record<string, unknown> {
  const answers: Record<string, unknown> = {
    via: ["branch", "online", "phone"][i % 3],
    topics: i % 2 === 0 ? ["claims"] : ["claims", "renewal"],
    sq: { expectation: 1 + (i % 7), perception: 1 + ((i + 3) % 7) },
    kn: { functional: KANO[i % 5], dysfunctional: KANO[(i + 2) % 5] },
    weights: { reliability: 10 * (i % 10), assurance: 100 - 10 * (i % 10) },
    nps: i % 11,
    note: i === 3 ? "=HYPERLINK(1)" : `意见${i}`,
  };
  if (i === 37) return { note: "只写了意见" };
  answers.s1 = LEVELS[i % 4];
  answers.s2 = LEVELS[(i * 3 + 1) % 4];
  if (i % 5 !== 0) answers.s3 = LEVELS[(i + 2) % 4];
  if (i % 3 !== 0) answers.s4 = LEVELS[(i * 7) % 4];
  return answers;
}
const RESPONDENTS = 38;
/** May's responses: E010 answers twice, and the report counts their later response only. */
const MAY_ROWS = RESPONDENTS + 1;
const AGAIN = { s1: "very_satisfied", s2: "very_satisfied", s3: "very_satisfied", s4: "very_satisfied" };
/** Respondents 34 and 35 answer anonymously; the others as customer E0ii. */
const refOf = (i: number) => (i === 34 || i === 35 ? undefined : `E${String(i).padStart(3, "0")}`);

let clock = new Date("2026-05-01T00:00:00Z");
let app: TestApp;
let token: string;
let questionnaireId: number;
let zh: PageClient;
let en: PageClient;

async function api(method: string, path: string, body?: unknown, bearer = token) {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text.startsWith("{") ? JSON.parse(text) : text) as Json };
}

async function answer(at: string, answers: Record<string, unknown>, customerRef?: string) {
  clock = new Date(at);
  const posted = await api("POST", "/api/v1/responses", {
    questionnaireId,
    answers,
    ...(customerRef ? { customerRef } : {}),
  });
  expect(posted.status).toBe(201);
  return posted.body.data.id as number;
}

beforeAll(async () => {
  app = await startTestApp({ now: () => clock, workers: false, timeZone: TIME_ZONE });
  token = await createApiTokenThroughAdmin(app, "quality");
  const created = await api("POST", "/api/v1/questionnaires", { definition: DEFINITION });
  expect(created.status).toBe(201);
  questionnaireId = created.body.data.id;
  expect((await api("POST", `/api/v1/questionnaires/${questionnaireId}/publish`)).status).toBeLessThan(300);
  const customers = await api(
    "POST",
    "/api/v1/customers/bulk",
    Array.from({ length: 40 }, (_, i) => ({
      externalRef: `E${String(i).padStart(3, "0")}`,
      name: `导出客户${i}`,
      customerType: i % 2 === 0 ? "individual" : "business",
      channel: i % 2 === 0 ? "个险" : "银保",
      valueTier: "MVC",
      activity: "active",
      region: "上海",
      manager: "cm.zhang",
      ...(i < 20 ? { attributes: { 保单数: String(i % 4) } } : {}),
    })),
  );
  expect(customers.body.data.failed).toBe(0);
  for (let i = 0; i < RESPONDENTS; i += 1) {
    await answer(`2026-05-${String(1 + (i % 28)).padStart(2, "0")}T02:00:00Z`, answersOf(i), refOf(i));
  }
  await answer("2026-05-29T02:00:00Z", AGAIN, "E010");
  // 01:00 on 1 June in Shanghai: June for the report and the export's day filter, though May in UTC
  await answer("2026-05-31T17:00:00Z", answersOf(1), "E038");
  // ten customers move to 北京; one of them answers again in June
  const moved = await api(
    "POST",
    "/api/v1/customers/bulk",
    Array.from({ length: 10 }, (_, i) => ({
      externalRef: `E${String(i).padStart(3, "0")}`,
      name: `导出客户${i}`,
      region: "北京",
      attributes: { 保单数: "9" },
    })),
  );
  expect(moved.body.data.updated).toBe(10);
  await answer("2026-06-10T02:00:00Z", answersOf(2), "E000");
  clock = new Date("2026-07-02T02:00:00Z");
  zh = new PageClient(app.baseUrl, { "accept-language": "zh-CN" });
  await zh.logIn("quality", "manyi-quality-demo");
  en = new PageClient(app.baseUrl, { "accept-language": "en" });
  await en.logIn("quality", "manyi-quality-demo");
}, 240_000);

afterAll(async () => {
  await app?.close();
});

const MAY = () => `questionnaire=${questionnaireId}&from=2026-05-01&to=2026-05-31`;

async function report(period: string): Promise<Json> {
  const response = await api("GET", `/api/v1/reports?questionnaire=${questionnaireId}&period=${period}`);
  expect(response.status).toBe(200);
  return response.body.data;
}

async function csvTable(client: PageClient, path: string): Promise<string[][]> {
  const response = await client.fetchRaw(path);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/csv");
  const text = await response.text();
  return parse(text.replace(/^\uFEFF/, ""), { columns: false, relax_column_count: false }) as string[][];
}

async function xlsxTable(
  client: PageClient,
  path: string,
): Promise<{ rows: Cell[][]; sheet: ExcelJS.Worksheet }> {
  const response = await client.fetchRaw(path);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("spreadsheetml");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0] as ExcelJS.Worksheet;
  const rows: Cell[][] = [];
  sheet.eachRow((row) => {
    // exceljs rows are 1-based: values[0] is empty
    rows.push((row.values as Cell[]).slice(1).map((value) => value ?? null));
  });
  const width = rows[0]?.length ?? 0;
  return { rows: rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? null)), sheet };
}

/** A spreadsheet's view of the export: a column by its header, its numbers, means and counts. */
function spreadsheet(table: Cell[][]) {
  const [header = [], ...rows] = table;
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`no column "${name}" in ${JSON.stringify(header)}`);
    return rows.map((row) => row[index] ?? null);
  };
  const numbers = (name: string) =>
    column(name).map((cell) => (cell === null || cell === "" ? null : Number(cell)));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return { header, rows, column, numbers, mean };
}

/**
 * The report's figures recomputed as a person would in a spreadsheet, over the responses the report
 * counts (the "counted" column): a respondent's exact score is their points / items answered; the headline the mean of those over respondents who answered any; an
 * item's score the mean of its points column (AVERAGE skips blanks), its n the count; a dimension's
 * score the mean over respondents of the mean of their answered items of that dimension.
 */
function recompute(
  table: Cell[][],
  headers: { counted: string; points: string; answered: string; item: (key: string) => string },
) {
  const all = spreadsheet(table);
  // a known customer counts once, by their latest response in the period: the others read 0
  const counted = all.numbers(headers.counted);
  const sheet = spreadsheet([all.header, ...all.rows.filter((_, r) => counted[r] === 1)]);
  const points = sheet.numbers(headers.points);
  const answered = sheet.numbers(headers.answered);
  const scores = points.flatMap((p, i) =>
    p !== null && (answered[i] ?? 0) > 0 ? [p / (answered[i] as number)] : [],
  );
  const items = Object.fromEntries(
    SATISFACTION.map(({ key }) => {
      const values = sheet.numbers(headers.item(key)).filter((v): v is number => v !== null);
      return [key, { n: values.length, score: sheet.mean(values) }];
    }),
  );
  const dimensions = Object.fromEntries(
    ["reliability", "assurance"].map((dimension) => {
      const keys = SATISFACTION.filter((item) => item.dimension === dimension).map((item) => item.key);
      const columns = keys.map((key) => sheet.numbers(headers.item(key)));
      const perRespondent = sheet.rows.flatMap((_, r) => {
        const given = columns.map((c) => c[r]).filter((v): v is number => v !== null && v !== undefined);
        return given.length > 0 ? [sheet.mean(given)] : [];
      });
      return [dimension, { n: perRespondent.length, score: sheet.mean(perRespondent) }];
    }),
  );
  return { all, sheet, scores, headline: { n: scores.length, score: sheet.mean(scores) }, items, dimensions };
}

function expectReportRecomputed(model: Json, figures: ReturnType<typeof recompute>) {
  expect(model.suppressed).toBe(false);
  expect(figures.headline.n).toBe(model.headline.n);
  expect(figures.headline.score).toBeCloseTo(model.headline.score, 9);
  for (const { key } of SATISFACTION) {
    const item = model.distribution.find((entry: Json) => entry.itemKey === key);
    expect(figures.items[key]?.n, key).toBe(item.n);
    // an item answered by fewer than 30 respondents has its n but no score in the report
    if (item.score === null) expect(item.n).toBeLessThan(30);
    else expect(figures.items[key]?.score, key).toBeCloseTo(item.score, 9);
  }
  for (const dimension of model.dimensions) {
    expect(figures.dimensions[dimension.key]?.n, dimension.key).toBe(dimension.n);
    expect(figures.dimensions[dimension.key]?.score, dimension.key).toBeCloseTo(dimension.score, 9);
  }
}

describe("the export recomputes the report", () => {
  it("CSV (headers in Chinese): headline, item and dimension scores and their n are the report's", async () => {
    const model = await report("2026-05");
    const table = await csvTable(zh, `/admin/responses/export.csv?${MAY()}`);
    const figures = recompute(table, {
      counted: "计入报告（1/0）",
      points: "满意度题得分合计",
      answered: "已答满意度题数",
      item: (key) => `${key} ${SATISFACTION.find((item) => item.key === key)?.text["zh-CN"]}`,
    });
    // 39 May responses (in Shanghai's days) of 38 respondents, 37 of them with satisfaction answers
    expect(figures.all.rows).toHaveLength(MAY_ROWS);
    expect(figures.sheet.rows).toHaveLength(RESPONDENTS);
    expect(model.headline.n).toBe(37);
    // E010's first response is replaced by their second, which the report counts
    const refs = figures.all.column("客户编号");
    const counted = figures.all.column("计入报告（1/0）");
    expect(refs.flatMap((ref, r) => (ref === "E010" ? [counted[r]] : []))).toEqual(["0", "1"]);
    expect(model.dimensions.map((d: Json) => d.key).sort()).toEqual(["assurance", "reliability"]);
    expectReportRecomputed(model, figures);
    // the score shown is the report's rule (one decimal, cut) applied to points / answered
    const shown = figures.sheet.column("得分（与报告显示一致）");
    const points = figures.sheet.numbers("满意度题得分合计");
    const answered = figures.sheet.numbers("已答满意度题数");
    shown.forEach((cell, r) => {
      const n = answered[r] ?? 0;
      expect(cell).toBe(n > 0 ? formatScore((points[r] as number) / n) : "");
    });
  });

  it("XLSX (headers in English), read back with exceljs: the same figures, scores as numbers with one decimal", async () => {
    const model = await report("2026-05");
    const { rows, sheet } = await xlsxTable(en, `/admin/responses/export.xlsx?${MAY()}`);
    const figures = recompute(rows, {
      counted: "Counted in the report (1/0)",
      points: "Satisfaction points (sum)",
      answered: "Satisfaction items answered",
      item: (key) => `${key} ${SATISFACTION.find((item) => item.key === key)?.text.en}`,
    });
    expect(figures.all.rows).toHaveLength(MAY_ROWS);
    expect(figures.sheet.rows).toHaveLength(RESPONDENTS);
    expectReportRecomputed(model, figures);
    const scoreColumn = figures.sheet.header.indexOf("Respondent score (as the report shows it)") + 1;
    const first = sheet.getRow(2).getCell(scoreColumn);
    expect(typeof first.value).toBe("number");
    expect(first.numFmt).toBe("0.0");
    // the second sheet says which dimension each item belongs to, and what its answers mean
    const legend = sheet.workbook.worksheets[1] as ExcelJS.Worksheet;
    expect(legend.name).toBe("Questions");
    const s3 = (legend.getSheetValues() as Cell[][]).find((row) => row?.[1] === "s3") ?? [];
    expect(s3.slice(1, 5)).toEqual(["s3", "Expertise", "Satisfaction", "Assurance"]);
    expect(s3[7]).toContain("100 = Very satisfied");
  });
});

describe("one column per item and part, in the reader's language", () => {
  it("gives points and level, codes and answer texts, one column per option, part and dimension", async () => {
    const sheet = spreadsheet(await csvTable(en, `/admin/responses/export.csv?${MAY()}&lang=zh-CN`));
    const byId = (column: string) => sheet.column(column);
    // respondent 1: s1 satisfied (90), via online, topics claims + renewal, sq 2 / 5, kn must-be / live-with
    const row = sheet.rows.findIndex((r) => r.includes("E001"));
    expect(row).toBeGreaterThanOrEqual(0);
    const cell = (header: string) => byId(header)[row];
    expect(cell("s1 服务态度")).toBe("90");
    expect(cell("s1 服务态度（等级）")).toBe("满意");
    expect(cell("via 办理渠道")).toBe("online");
    expect(cell("via 办理渠道（答案文字）")).toBe("网上");
    expect(cell("topics.claims 咨询内容 · 理赔")).toBe("1");
    expect(cell("topics.renewal 咨询内容 · 续期")).toBe("1");
    expect(cell("sq.expectation 按时兑现承诺 · 期望")).toBe("2");
    expect(cell("sq.perception 按时兑现承诺 · 感知")).toBe("5");
    expect(cell("kn.functional 短信提醒 · 功能型")).toBe("must-be");
    expect(cell("kn.functional 短信提醒 · 功能型（答案文字）")).toBe("理应如此");
    expect(cell("kn.dysfunctional 短信提醒 · 反功能型")).toBe("live-with");
    expect(cell("weights.reliability 重要性分配 · 信赖度")).toBe("10");
    expect(cell("weights.assurance 重要性分配 · 专业度")).toBe("90");
    expect(cell("nps 推荐意愿")).toBe("1");
    expect(cell("note 意见")).toBe("意见1");
    // respondent 0 did not choose renewal; respondent 37 did not answer the question at all
    expect(byId("topics.renewal 咨询内容 · 续期")[sheet.rows.findIndex((r) => r.includes("E000"))]).toBe("0");
    expect(byId("topics.renewal 咨询内容 · 续期")[sheet.rows.findIndex((r) => r.includes("E037"))]).toBe("");
    // a text answer that looks like a formula stays text
    expect(byId("note 意见")).toContain("'=HYPERLINK(1)");
    expect(sheet.header.slice(0, 4)).toEqual([
      "答卷编号",
      "提交时间（ISO 8601，UTC）",
      `提交日期（${TIME_ZONE}）`,
      "开始时间（ISO 8601，UTC）",
    ]);
  });

  it("keeps the customer reference and the attributes as they were when the customer answered", async () => {
    const may = spreadsheet(await csvTable(zh, `/admin/responses/export.csv?${MAY()}`));
    const customer = await app.database.db
      .selectFrom("customer")
      .select(["region", "attributes"])
      .where("external_ref", "=", "E000")
      .executeTakeFirstOrThrow();
    expect(customer.region).toBe("北京");
    const refs = may.column("客户编号");
    // every response posted with a customer reference carries it; the two anonymous ones none
    expect(refs.filter((ref) => ref !== "").sort()).toEqual(
      [...Array.from({ length: RESPONDENTS }, (_, i) => refOf(i)), "E010"]
        .filter((ref) => ref !== undefined)
        .sort(),
    );
    const e000 = refs.indexOf("E000");
    expect(may.column("地区/分支机构（答卷时）")[e000]).toBe("上海");
    expect(may.column("保单数（答卷时）")[e000]).toBe("0");
    expect(may.column("客户类型（答卷时）")[e000]).toBe("个人");
    expect(may.column("渠道（答卷时）")[refs.indexOf("E001")]).toBe("银保");
    expect(may.column("价值等级（答卷时）")[e000]).toBe("MVC");
    expect(may.column("活跃度（答卷时）")[e000]).toBe("活跃");
    expect(may.column("客户经理（答卷时）")[e000]).toBe("客户经理 张伟");
    expect(may.column("方式")[e000]).toBe("网络");
    expect(may.column("记录人")[e000]).toBe("quality");
    expect(may.column(`提交日期（${TIME_ZONE}）`)[e000]).toBe("2026-05-01");
    expect(may.column("提交时间（ISO 8601，UTC）")[e000]).toBe("2026-05-01T02:00:00.000Z");

    const june = spreadsheet(
      await csvTable(zh, `/admin/responses/export.csv?questionnaire=${questionnaireId}&from=2026-06-01`),
    );
    const juneRefs = june.column("客户编号");
    expect(juneRefs.sort()).toEqual(["E000", "E038"]);
    const again = june.column("客户编号").indexOf("E000");
    expect(june.column("地区/分支机构（答卷时）")[again]).toBe("北京");
    expect(june.column("保单数（答卷时）")[again]).toBe("9");
    const late = june.column("客户编号").indexOf("E038");
    expect(june.column("提交时间（ISO 8601，UTC）")[late]).toBe("2026-05-31T17:00:00.000Z");
    expect(june.column(`提交日期（${TIME_ZONE}）`)[late]).toBe("2026-06-01");
  });

  it("a wave's response, answered through the customer's signed link, carries the customer's reference", async () => {
    const wave = await app.database.db
      .selectFrom("wave")
      .select("id")
      .where("slug", "=", "sancheng-2026")
      .executeTakeFirstOrThrow();
    const link = await api("GET", `/api/v1/waves/${wave.id}/link?customerRef=C0001`);
    expect(link.status).toBe(200);
    const url = new URL(link.body.data.url);
    const respondent = new PageClient(app.baseUrl, { "accept-language": "zh-CN" });
    let page = await respondent.get(`${url.pathname}${url.search}`);
    expect(page.status).toBe(200);
    const pages: Record<string, string>[] = [
      { "a.attitude": "satisfied", "a.listening": "satisfied", "a.care": "satisfied" },
      { "a.promise": "satisfied", "a.transparency": "satisfied", "a.accuracy": "satisfied" },
      { "a.speed": "satisfied", "a.resolution": "dissatisfied", "a.channels": "satisfied" },
      { "a.recommend": "5", "a.improve": "无" },
    ];
    const hidden = (name: string) =>
      new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(page.text)?.[1] ?? "";
    for (const [index, answers] of pages.entries()) {
      const last = index === pages.length - 1;
      const sent = await respondent.post("/w/sancheng-2026", {
        page: String(index),
        nav: last ? "submit" : "next",
        lang: "zh-CN",
        ref: hidden("ref"),
        sig: hidden("sig"),
        ...answers,
      });
      expect(sent.status).toBe(303);
      if (!last) page = await respondent.get(sent.location ?? "");
    }
    // the wave chosen without its questionnaire: the questionnaire is the wave's, one column per item
    const sheet = spreadsheet(await csvTable(en, `/admin/responses/export.csv?wave=${wave.id}`));
    const row = sheet.column("Customer reference").indexOf("C0001");
    expect(row).toBeGreaterThanOrEqual(0);
    const attitude = sheet.header.find((header) => String(header).startsWith("attitude "));
    expect(attitude).toBeDefined();
    expect(sheet.column(String(attitude))[row]).toBe("90");
    expect(sheet.column("Satisfaction points (sum)")[row]).toBe(String(8 * 90 + 60));
    expect(sheet.column("Satisfaction items answered")[row]).toBe("9");
  });

  it("without a questionnaire: the fixed columns and the answers as JSON", async () => {
    const sheet = spreadsheet(
      await csvTable(en, "/admin/responses/export.csv?from=2026-05-01&to=2026-05-31"),
    );
    const row = sheet.column("Customer reference").indexOf("E001");
    expect(JSON.parse(String(sheet.column("Answers (JSON, by item key)")[row]))).toMatchObject({
      s1: "satisfied",
      via: "online",
    });
    expect(sheet.column("Satisfaction items answered")[row]).toBe("4");
  });
});

describe("GET /api/v1/responses?include=answers", () => {
  it("pages after a response id through every response, each with its answers and their points", async () => {
    const csv = spreadsheet(await csvTable(en, `/admin/responses/export.csv?${MAY()}`));
    const seen: Json[] = [];
    let after = 0;
    let pages = 0;
    for (;;) {
      const page = await api("GET", `/api/v1/responses?${MAY()}&include=answers&pageSize=7&after=${after}`);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(7);
      seen.push(...page.body.data);
      pages += 1;
      if (page.body.nextAfter === null) break;
      expect(page.body.nextAfter).toBe(page.body.data[page.body.data.length - 1].id);
      after = page.body.nextAfter;
    }
    expect(pages).toBe(Math.ceil(MAY_ROWS / 7));
    const ids = seen.map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids.map(String).sort()).toEqual(csv.column("Response ID").map(String).sort());
    const e001 = seen.find((entry) => entry.customerRef === "E001");
    expect(e001.customerAsAnswered).toMatchObject({
      region: "上海",
      channel: "银保",
      managerName: "客户经理 张伟",
    });
    const answer = (key: string, part = "") =>
      e001.answers.find((a: Json) => a.itemKey === key && a.part === part);
    expect(answer("s1")).toEqual({ itemKey: "s1", part: "", number: 90, text: "satisfied", points: 90 });
    expect(answer("sq", "expectation")).toMatchObject({ number: 2, points: null });
    expect(answer("kn", "functional")).toMatchObject({ text: "must-be", points: null });
    expect(answer("nps")).toMatchObject({ number: 1, points: null });
    // the points the API gives are the CSV's
    const row = csv.column("Customer reference").indexOf("E001");
    expect(String(answer("s2").points)).toBe(csv.column("s2 Speed")[row]);
    const audited = await app.database.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "customer.exported")
      .where("target_type", "=", "response_api")
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(pages);
  });

  it("pages by number as before, with answers when asked", async () => {
    const first = await api("GET", `/api/v1/responses?${MAY()}&include=answers&pageSize=5&page=2`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 2, pageSize: 5, total: MAY_ROWS });
    expect(first.body.data).toHaveLength(5);
    expect(Array.isArray(first.body.data[0].answers)).toBe(true);
    const plain = await api("GET", `/api/v1/responses?${MAY()}&pageSize=5`);
    expect(plain.body.data[0].answers).toBeUndefined();
  });

  it.each([
    ["include=everything", "include"],
    ["after=-1", "after"],
    ["after=abc", "after"],
    ["after=5&page=2", "after"],
    ["pageSize=1000&after=0", "pageSize"],
    ["from=2026-13-01&include=answers", "from"],
  ])("refuses %s with 422 naming %s", async (query, field) => {
    const response = await api("GET", `/api/v1/responses?${query}`);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("validation_failed");
    expect(response.body.error.details.issues.map((issue: Json) => issue.field)).toContain(field);
  });
});

describe("the export through the API", () => {
  it("CSV and XLSX with the headers in the language asked, audited", async () => {
    const before = await app.database.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "customer.exported")
      .where("target_type", "=", "response_export")
      .execute();
    const csv = await fetch(`${app.baseUrl}/api/v1/responses/export.csv?${MAY()}&lang=en`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.status).toBe(200);
    const table = parse((await csv.text()).replace(/^\uFEFF/, ""), { columns: false }) as string[][];
    expect(table[0]?.[0]).toBe("Response ID");
    expect(table).toHaveLength(MAY_ROWS + 1);
    const xlsx = await fetch(`${app.baseUrl}/api/v1/responses/export.xlsx?${MAY()}`, {
      headers: { authorization: `Bearer ${token}`, "accept-language": "zh-CN" },
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-disposition")).toMatch(/manyi-responses-2026-07-02\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.getRow(1).getCell(1).value).toBe("答卷编号");
    expect(book.worksheets[0]?.rowCount).toBe(MAY_ROWS + 1);
    const after = await app.database.db
      .selectFrom("audit_log")
      .select(["id", "details"])
      .where("action", "=", "customer.exported")
      .where("target_type", "=", "response_export")
      .orderBy("id")
      .execute();
    expect(after.length - before.length).toBe(2);
    expect(after.slice(-2).map((entry) => (entry.details as Json).format)).toEqual(["csv", "xlsx"]);
  });

  it.each([
    ["export.csv?lang=fr", "lang"],
    ["export.xlsx?questionnaire=abc", "questionnaire"],
    ["export.csv?mode=fax", "mode"],
  ])("refuses %s with 422 naming %s", async (path, field) => {
    const response = await api("GET", `/api/v1/responses/${path}`);
    expect(response.status).toBe(422);
    expect(response.body.error.details.issues.map((issue: Json) => issue.field)).toContain(field);
  });

  it("is closed to customer managers and management, in the console and the API", async () => {
    for (const username of ["cm.zhang", "manager"]) {
      const other = await createApiTokenThroughAdmin(app, username);
      for (const path of ["export.csv", "export.xlsx", "?include=answers&after=0"]) {
        expect(
          (await api("GET", `/api/v1/responses/${path}`, undefined, other)).status,
          `${username} ${path}`,
        ).toBe(403);
      }
    }
    const cm = new PageClient(app.baseUrl, { "accept-language": "en" });
    await cm.logIn("cm.zhang", "manyi-cm-demo-1");
    expect((await cm.get("/admin/responses/export.xlsx")).status).toBe(403);
    expect((await cm.get("/admin/responses/export.csv")).status).toBe(403);
  });
});

describe("the demo year of responses", () => {
  it("keeps each response's customer reference and attributes as the customer had them", async () => {
    const database = await createTestDatabase();
    try {
      await seedDemoIfEmpty(database.db, new Date("2026-07-02T02:00:00Z"), { responses: true });
      const rows = await database.db
        .selectFrom("response as r")
        .innerJoin("customer as c", "c.id", "r.customer_id")
        .select(["r.customer_ref", "c.external_ref", "r.region", "c.region as customer_region", "r.channel"])
        .execute();
      expect(rows.length).toBeGreaterThan(100);
      expect(rows.filter((row) => row.customer_ref !== row.external_ref)).toEqual([]);
      expect(rows.filter((row) => row.region !== row.customer_region)).toEqual([]);
    } finally {
      await database.drop();
    }
  }, 240_000);
});
