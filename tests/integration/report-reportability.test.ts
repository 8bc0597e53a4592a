import { execFileSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { sampleCorrelation } from "simple-statistics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { welchTTest } from "../../src/scoring/index.ts";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient } from "../helpers/http-client.ts";
import { type ResponseRow, responseRows } from "../helpers/response-rows.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// Issue 14, "report numbers a manager can trust", through the report path: responses are stored through
// the API, the report is read as JSON, as the page, the PDF, the XLSX and the CSV.
// - Each analysis is withheld by its own respondents: Kano and SERVQUAL filtered to individual
//   customers (35 each) are shown, not withheld for want of satisfaction items.
// - Fewer than 30 respondents: everything derived is withheld, the dissatisfaction counts too (a region
//   of 7), filtered or not (one day of one response).
// - Changes: p from the survival function (not 0), printed "p < 0.001", tested line by line at 0.05
//   without adjustment (said on the page); derived importance is the corrected item–total correlation.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field below
type Json = any;

let clock = new Date("2026-09-01T00:00:00Z");
let app: TestApp;
let quality: PageClient;
let manager: PageClient;
/** The page's language comes from the viewer (Accept-Language here), its figures' from `lang`. */
let managerZh: PageClient;
let qualityToken: string;
let managerToken: string;
const ids: Record<string, number> = {};

const ITEMS = [
  "attitude",
  "listening",
  "care",
  "promise",
  "transparency",
  "accuracy",
  "speed",
  "resolution",
  "channels",
];
const LEVELS = ["very_satisfied", "satisfied", "basically_satisfied", "dissatisfied"];
const POINTS: Record<string, number> = {
  very_satisfied: 100,
  satisfied: 90,
  basically_satisfied: 75,
  dissatisfied: 60,
};
const KANO_FEATURES = [
  "online_claims",
  "hotline_24h",
  "claim_progress",
  "e_policy",
  "video_survey",
  "personal_manager",
];
const KANO_ANSWERS = ["like", "must-be", "neutral", "live-with", "dislike"];
const SERVQUAL_KEYS = ["t1", "t2", "t3", "t4", "r1", "r2", "r3", "r4", "r5", "s1", "s2", "s3", "s4"].concat([
  "a1",
  "a2",
  "a3",
  "a4",
  "e1",
  "e2",
  "e3",
  "e4",
  "e5",
]);

// 北京: B000–B079, individual but for the last ten (business); 拉萨: L000–L006, individual.
const beijing = Array.from({ length: 80 }, (_, i) => `B${String(i).padStart(3, "0")}`);
const lhasa = Array.from({ length: 7 }, (_, i) => `L${String(i).padStart(3, "0")}`);

async function post(body: Record<string, unknown>, at: string) {
  clock = new Date(at);
  const response = await fetch(`${app.baseUrl}/api/v1/responses`, {
    method: "POST",
    headers: { authorization: `Bearer ${qualityToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`post failed ${response.status} ${await response.text()}`);
}

/** A satisfaction response: one level per item (index into LEVELS). */
function sancheng(customerRef: string, levels: readonly number[]) {
  const answers: Record<string, unknown> = { recommend: 8 };
  ITEMS.forEach((key, index) => {
    answers[key] = LEVELS[levels[index] ?? 0];
  });
  if (answers.promise === "dissatisfied" || answers.promise === "basically_satisfied") {
    answers.promise_reason = `原因 ${customerRef}`;
  }
  return { questionnaireId: ids.sancheng, answers, customerRef, mode: "web" };
}

async function getReport(token: string, query: string) {
  const response = await fetch(`${app.baseUrl}/api/v1/reports?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as Json).data;
}

type Row = ResponseRow;
/** The questionnaire's responses as rows (the API's answers: the raw data a spreadsheet would start from). */
const exportRows = (questionnaireId: number): Promise<Row[]> =>
  responseRows(app.baseUrl, qualityToken, questionnaireId);
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const scoreOf = (row: Row, items = ITEMS) => {
  const points = items.filter((key) => row[key]).map((key) => POINTS[row[key] as string] as number);
  return points.length > 0 ? mean(points) : null;
};

async function pdfText(response: Response): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "manyi-reportability-")), "report.pdf");
  await writeFile(file, Buffer.from(await response.arrayBuffer()));
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8");
}

beforeAll(async () => {
  app = await startTestApp({ now: () => clock });
  const db = app.database.db;
  for (const row of await db.selectFrom("questionnaire").select(["id"]).execute()) {
    const version = await db
      .selectFrom("questionnaire_version")
      .select("definition")
      .where("questionnaire_id", "=", row.id)
      .executeTakeFirstOrThrow();
    const title = (version.definition as { title: { en: string } }).title.en;
    if (title.includes("三诚") || title.toLowerCase().includes("annual")) ids.sancheng = row.id;
    if (title.includes("SERVQUAL")) ids.servqual = row.id;
    if (title.includes("Kano")) ids.kano = row.id;
  }
  expect(Object.keys(ids).sort()).toEqual(["kano", "sancheng", "servqual"]);
  await db
    .insertInto("customer")
    .values([
      ...beijing.map((ref, i) => ({
        external_ref: ref,
        name: `北京客户${ref}`,
        customer_type: i < 70 ? "individual" : "business",
        region: "北京",
      })),
      ...lhasa.map((ref) => ({
        external_ref: ref,
        name: `拉萨客户${ref}`,
        customer_type: "individual",
        region: "拉萨",
      })),
    ])
    .execute();
  qualityToken = await createApiTokenThroughAdmin(app, "quality");
  managerToken = await createApiTokenThroughAdmin(app, "manager");

  // September: 40 very satisfied respondents (five "satisfied" throughout).
  for (let i = 0; i < 40; i += 1) {
    const level = i < 35 ? 0 : 1;
    await post(
      sancheng(
        beijing[i] as string,
        ITEMS.map(() => level),
      ),
      `2026-09-${String(1 + (i % 28)).padStart(2, "0")}T04:00:00Z`,
    );
  }
  // October: 60 in 北京, levels varying by respondent and item; 7 in 拉萨, four dissatisfied answers
  // from three of them.
  for (let i = 0; i < 60; i += 1) {
    const levels = ITEMS.map((_, j) => (i * 7 + j * (1 + (i % 3))) % 4);
    await post(
      sancheng(beijing[i] as string, levels),
      `2026-10-${String(1 + (i % 28)).padStart(2, "0")}T04:00:00Z`,
    );
  }
  const lhasaLevels = [
    [3, 3, 0, 0, 1, 1, 1, 1, 1],
    [0, 0, 3, 1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1, 1, 1, 3],
    [0, 0, 0, 0, 0, 0, 0, 0, 0],
    [1, 1, 1, 1, 1, 1, 1, 1, 1],
    [2, 2, 2, 2, 2, 2, 2, 2, 2],
    [0, 1, 2, 0, 1, 2, 0, 1, 2],
  ];
  for (const [i, ref] of lhasa.entries()) {
    await post(
      sancheng(ref, lhasaLevels[i] as number[]),
      `2026-10-${String(10 + i).padStart(2, "0")}T05:00:00Z`,
    );
  }
  // One response on 10 November.
  await post(
    sancheng(
      beijing[60] as string,
      ITEMS.map(() => 0),
    ),
    "2026-11-10T03:00:00Z",
  );

  // Kano and SERVQUAL in October: 35 individual customers and 5 business customers each.
  const surveyed = [...beijing.slice(0, 35), ...beijing.slice(70, 75)];
  for (const [i, ref] of surveyed.entries()) {
    const answers: Record<string, unknown> = {};
    KANO_FEATURES.forEach((feature, f) => {
      answers[feature] = {
        functional: KANO_ANSWERS[(i + f) % 2 === 0 ? 0 : 1],
        dysfunctional: KANO_ANSWERS[(i * 3 + f) % 5 === 0 ? 2 : 4],
      };
      answers[`imp_${feature}`] = 1 + ((i + f) % 9);
    });
    await post(
      { questionnaireId: ids.kano, answers, customerRef: ref },
      `2026-10-${String(1 + (i % 28)).padStart(2, "0")}T06:00:00Z`,
    );
  }
  for (const [i, ref] of surveyed.entries()) {
    const answers: Record<string, unknown> = {};
    SERVQUAL_KEYS.forEach((key, k) => {
      answers[key] = { expectation: 5 + ((i + k) % 3), perception: 3 + ((i * 2 + k) % 5) };
    });
    answers.importance = { reliability: 30, responsiveness: 20, assurance: 20, empathy: 15, tangibles: 15 };
    await post(
      { questionnaireId: ids.servqual, answers, customerRef: ref },
      `2026-10-${String(1 + (i % 28)).padStart(2, "0")}T07:00:00Z`,
    );
  }
  clock = new Date("2026-11-22T09:00:00Z");
  quality = new PageClient(app.baseUrl, { "accept-language": "en" });
  await quality.logIn("quality", "manyi-quality-demo");
  manager = new PageClient(app.baseUrl, { "accept-language": "en" });
  await manager.logIn("manager", "manyi-manager-demo");
  managerZh = new PageClient(app.baseUrl, { "accept-language": "zh-CN" });
  await managerZh.logIn("manager", "manyi-manager-demo");
}, 240_000);

afterAll(async () => {
  await app?.close();
});

describe("each analysis is withheld by the respondents it uses", () => {
  it("Kano filtered to individual customers (35 respondents): shown, not withheld for want of satisfaction items", async () => {
    const model = await getReport(
      managerToken,
      `questionnaire=${ids.kano}&period=2026-10&customerType=individual`,
    );
    expect(model.filter).toEqual({ attribute: "customerType", value: "individual" });
    expect(model.suppressed).toBe(false);
    expect(model.kano).toHaveLength(KANO_FEATURES.length);
    expect(model.kano.every((feature: { n: number }) => feature.n === 35)).toBe(true);
    expect(model.respondentsByAnalysis).toEqual({ satisfaction: 0, kano: 35, servqual: 0 });
    const page = await manager.get(
      `/admin/reports?questionnaire=${ids.kano}&period=2026-10&customerType=individual&lang=en`,
    );
    expect(page.text).toContain('id="h-kano"');
    expect(page.text).toContain('id="chart-kano"');
    expect(page.text).not.toContain("Fewer than 30 respondents");
    const csv = await manager.fetchRaw(
      `/admin/reports/report.csv?questionnaire=${ids.kano}&period=2026-10&customerType=individual&section=kano`,
    );
    expect(csv.status).toBe(200);
    expect(parse((await csv.text()).replace(/^\uFEFF/, ""))).toHaveLength(1 + KANO_FEATURES.length);
  });

  it("SERVQUAL filtered to individual customers (35): shown, with its importance–performance analysis", async () => {
    const model = await getReport(
      managerToken,
      `questionnaire=${ids.servqual}&period=2026-10&customerType=individual`,
    );
    expect(model.suppressed).toBe(false);
    expect(model.servqual.items).toHaveLength(SERVQUAL_KEYS.length);
    expect(model.servqual.items[0].n).toBe(35);
    expect(model.ipa).toMatchObject({ basis: "stated", level: "dimension" });
    expect(model.respondentsByAnalysis).toEqual({ satisfaction: 0, kano: 0, servqual: 35 });
    const page = await manager.get(
      `/admin/reports?questionnaire=${ids.servqual}&period=2026-10&customerType=individual&lang=en`,
    );
    expect(page.text).toContain('id="h-servqual"');
    expect(page.text).toContain('id="h-ipa"');
  });

  it("business customers (5): each analysis withheld, and its section says why", async () => {
    for (const [id, analysis] of [
      [ids.kano, "kano"],
      [ids.servqual, "servqual"],
    ] as const) {
      const model = await getReport(managerToken, `questionnaire=${id}&period=2026-10&customerType=business`);
      expect(model[analysis]).toBeNull();
      expect(model.ipa).toBeNull();
      expect(model.suppressed).toBe(true);
      const page = await manager.get(
        `/admin/reports?questionnaire=${id}&period=2026-10&customerType=business&lang=zh-CN`,
      );
      expect(page.text).toContain(`id="h-${analysis}"`);
      expect(page.text).toContain("仅有 5 位受访者回答了这些题目（不足 30 人），本项分析不予显示。");
      expect(page.text).not.toContain(`id="chart-${analysis}"`);
      expect(model.respondentsByAnalysis[analysis]).toBe(5);
    }
  });
});

describe("fewer than 30 respondents: everything derived is withheld", () => {
  it("a region of 7 respondents: no score, and no dissatisfaction counts, for management or quality staff", async () => {
    const rows = (await exportRows(ids.sancheng as number)).filter((row) =>
      row.customer_ref?.startsWith("L"),
    );
    expect(rows).toHaveLength(7);
    // the figures that leaked: dissatisfied answers and the respondents who gave them
    expect(rows.flatMap((row) => ITEMS.filter((key) => row[key] === "dissatisfied"))).toHaveLength(4);
    for (const token of [managerToken, qualityToken]) {
      const model = await getReport(
        token,
        `questionnaire=${ids.sancheng}&period=2026-10&region=${encodeURIComponent("拉萨")}`,
      );
      expect(model.suppressed).toBe(true);
      expect(model.headline).toMatchObject({ respondents: 7, score: null, grade: null, change: null });
      expect(model.dissatisfaction).toEqual({
        answerCount: null,
        respondents: null,
        items: [],
        comments: null,
      });
      expect(model.dimensions).toEqual([]);
      expect(model.distribution).toEqual([]);
      expect(model.ipa).toBeNull();
    }
    const csv = await manager.fetchRaw(
      `/admin/reports/report.csv?questionnaire=${ids.sancheng}&period=2026-10&region=${encodeURIComponent("拉萨")}&section=dissatisfaction`,
    );
    expect(parse((await csv.text()).replace(/^\uFEFF/, ""))).toHaveLength(1);
  });

  it("one day of one response, unfiltered: no score or grade in the JSON, the page, the PDF, the XLSX or the CSV", async () => {
    const query = `questionnaire=${ids.sancheng}&period=2026-11-10..2026-11-10`;
    const model = await getReport(managerToken, query);
    expect(model.filter).toEqual({});
    expect(model.suppressed).toBe(true);
    expect(model.headline).toMatchObject({
      responses: 1,
      respondents: 1,
      score: null,
      grade: null,
      lower: null,
      reportability: "suppress",
    });
    expect(model.dimensions).toEqual([]);
    expect(model.indicatorTree).toEqual([]);
    expect(model.dissatisfaction.answerCount).toBeNull();

    const page = await manager.get(`/admin/reports?${query}&lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("data-score>—<");
    expect(page.text).not.toContain("data-score>100.0<");
    expect(page.text).toContain(
      "Fewer than 30 respondents: the scores and everything derived from them are withheld",
    );
    expect(page.text).not.toContain(">Excellent<");
    const chinese = await managerZh.get(`/admin/reports?${query}&lang=zh-CN`);
    expect(chinese.text).toContain("受访者不足 30 人：样本过少得分不可靠");

    const pdf = await manager.fetchRaw(`/admin/reports/report.pdf?${query}&lang=en`);
    expect(pdf.status).toBe(200);
    const text = await pdfText(pdf);
    expect(text).toContain("Fewer than 30 respondents");
    expect(text).not.toContain("100.0");
    expect(text).not.toContain("Excellent");

    const workbook = await manager.fetchRaw(`/admin/reports/report.xlsx?${query}&lang=en`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await workbook.arrayBuffer()) as unknown as ArrayBuffer);
    const headline = book.worksheets[0];
    expect(headline?.getRow(4).getCell(2).value).toBe("Score");
    expect(headline?.getRow(5).getCell(2).value).toBeNull();
    expect(headline?.getRow(5).getCell(3).value).toBe("—");
    expect(headline?.getRow(5).getCell(4).value).toBe(1);

    const csv = await manager.fetchRaw(`/admin/reports/report.csv?${query}&section=headline&lang=en`);
    const [header, row] = parse((await csv.text()).replace(/^\uFEFF/, "")) as string[][];
    expect(header?.slice(1, 4)).toEqual(["Score", "Grade", "Respondents"]);
    expect(row?.slice(1, 4)).toEqual(["", "—", "1"]);
  });
});

describe("statistics", () => {
  it("the change since September: p from the survival function (not 0), printed p < 0.001, tested per line without adjustment", async () => {
    const model = await getReport(managerToken, `questionnaire=${ids.sancheng}&period=2026-10`);
    const rows = await exportRows(ids.sancheng as number);
    const inMonth = (month: string) =>
      rows.filter((row) => row.submitted_at?.startsWith(month)).map((row) => scoreOf(row) as number);
    const expected = welchTTest(inMonth("2026-10"), inMonth("2026-09"));
    expect(expected.p).toBeLessThan(1e-20);
    expect(model.headline.change.p).toBeGreaterThan(0);
    expect(model.headline.change.p / expected.p).toBeCloseTo(1, 6);
    expect(model.headline.change).toMatchObject({ significant: true, direction: "down" });

    const page = await manager.get(`/admin/reports?questionnaire=${ids.sancheng}&period=2026-10&lang=en`);
    expect(page.text).toContain("significant (p &lt; 0.001)");
    expect(page.text).not.toContain("p = &lt;");
    expect(page.text).toContain("without adjustment for multiple comparisons");
    const chinese = await managerZh.get(
      `/admin/reports?questionnaire=${ids.sancheng}&period=2026-10&lang=zh-CN`,
    );
    expect(chinese.text).toContain("显著（p &lt; 0.001）");
    expect(chinese.text).toContain("未对多重比较作校正");
  });

  it("derived importance is the corrected item–total correlation: the item against the mean of the other items", async () => {
    const model = await getReport(managerToken, `questionnaire=${ids.sancheng}&period=2026-10`);
    const october = (await exportRows(ids.sancheng as number)).filter((row) =>
      row.submitted_at?.startsWith("2026-10"),
    );
    expect(october).toHaveLength(67);
    expect(model.ipa.basis).toBe("derived");
    expect(model.ipa.points).toHaveLength(ITEMS.length);
    for (const point of model.ipa.points) {
      const others = ITEMS.filter((key) => key !== point.key);
      const x = october.map((row) => POINTS[row[point.key] as string] as number);
      const rest = october.map((row) => scoreOf(row, others) as number);
      const total = october.map((row) => scoreOf(row) as number);
      expect(point.importance).toBeCloseTo(sampleCorrelation(x, rest), 9);
      // the uncorrected correlation differs: the total includes the item
      expect(Math.abs(point.importance - sampleCorrelation(x, total))).toBeGreaterThan(0.01);
    }
  });
});
