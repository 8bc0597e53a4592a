import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// Scores exactly on (or just beside) a grade boundary, through the whole report path: responses posted
// through the API, rolled up, then read back as the report's JSON (headline, trend, the breakdown by
// channel), its page, its CSV and its XLSX. Grades: ≥ 95 excellent, ≥ 85 good (85 included), on the
// exact score; the score shown is cut (never rounded up) to one decimal, so it never crosses a boundary
// its grade did not.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field below
type Json = any;

const POINTS_TO_LEVEL: Record<number, string> = {
  100: "very_satisfied",
  90: "satisfied",
  75: "basically_satisfied",
  60: "dissatisfied",
};
const ITEMS = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"];

/** `count` respondents who each answered the first items with these points (the rest unanswered). */
const times = (count: number, points: readonly number[]) => Array.from({ length: count }, () => points);

interface Scenario {
  readonly month: string;
  /** The exact score, numerator / denominator (checked against the respondents below). */
  readonly exact: readonly [number, number];
  readonly grade: "excellent" | "good" | "average";
  /** The score as the page, the CSV and the XLSX show it. */
  readonly shown: string;
  /** Respondents in the order they answer (each a list of points of the items answered). */
  readonly respondents: readonly (readonly number[])[];
}

// One month each, all responses on one day. Respondent scores are ninths, thirds, sixths, fifths and
// quarters, so their float sum is not exact: 30 × 735/9 then 30 × 265/3 adds up to 5099.999999999999
// in doubles, 30 × 275/3 then 30 × 590/6 to 5699.999999999996.
const SCENARIOS: readonly Scenario[] = [
  {
    month: "2026-05", // (30 × 735/9 + 30 × 265/3) / 60 = 85
    exact: [85, 1],
    grade: "good",
    shown: "85.0",
    respondents: [...times(30, [90, 90, 90, 90, 90, 90, 75, 60, 60]), ...times(30, [100, 90, 75])],
  },
  {
    month: "2026-06", // (30 × 275/3 + 30 × 590/6) / 60 = 95
    exact: [95, 1],
    grade: "excellent",
    shown: "95.0",
    respondents: [...times(30, [100, 100, 75]), ...times(30, [100, 100, 100, 100, 100, 90])],
  },
  {
    month: "2026-07", // (38 × 95 + 2 × 94) / 40 = 3798/40 = 94.95
    exact: [3798, 40],
    grade: "good",
    shown: "94.9",
    respondents: [...times(38, [100, 90]), ...times(2, [100, 100, 90, 90, 90])],
  },
  {
    month: "2026-08", // (38 × 85 + 2 × 84) / 40 = 3398/40 = 84.95
    exact: [3398, 40],
    grade: "average",
    shown: "84.9",
    respondents: [...times(38, [100, 90, 75, 75]), ...times(2, [90, 90, 90, 75, 75])],
  },
  {
    month: "2026-09", // (46 × 85 + 2 × 655/8 + 2 × 87) / 50 = 16991/200 = 84.955 (toFixed(1) reads 85.0)
    exact: [16991, 200],
    grade: "average",
    shown: "84.9",
    respondents: [
      ...times(46, [100, 90, 75, 75]),
      ...times(2, [100, 90, 90, 75, 75, 75, 75, 75]),
      ...times(2, [100, 100, 100, 75, 60]),
    ],
  },
  {
    month: "2026-10", // (15 × 280/3 + 15 × 96) / 30 = 284/3 = 94.666…
    exact: [284, 3],
    grade: "good",
    shown: "94.6",
    respondents: [...times(15, [100, 90, 90]), ...times(15, [100, 100, 100, 90, 90])],
  },
  {
    month: "2026-11", // (15 × 745/9 + 15 × 87) / 30 = 764/9 = 84.888…
    exact: [764, 9],
    grade: "average",
    shown: "84.8",
    respondents: [...times(15, [100, 90, 90, 90, 90, 90, 75, 60, 60]), ...times(15, [90, 90, 90, 90, 75])],
  },
];

const GRADE_ZH = { excellent: "优秀", good: "良好", average: "一般" } as const;

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
/** The exact mean of the respondents' scores as a reduced fraction (checks the fixtures' arithmetic). */
function exactMean(respondents: Scenario["respondents"]): [bigint, bigint] {
  let numerator = 0n;
  let denominator = 1n;
  for (const points of respondents) {
    const sum = BigInt(points.reduce((a, b) => a + b, 0));
    const count = BigInt(points.length);
    numerator = numerator * count + sum * denominator;
    denominator *= count;
    const divisor = gcd(numerator, denominator);
    numerator /= divisor;
    denominator /= divisor;
  }
  denominator *= BigInt(respondents.length);
  const divisor = gcd(numerator, denominator);
  return [numerator / divisor, denominator / divisor];
}

let clock = new Date("2026-05-01T00:00:00Z");
let app: TestApp;
let token: string;
let questionnaireId: number;
let page: PageClient;
/** The first response of each month (its respondent's score is shown on the console's response page). */
const firstResponse = new Map<string, number>();

async function getReport(period: string): Promise<Json> {
  const response = await fetch(
    `${app.baseUrl}/api/v1/reports?questionnaire=${questionnaireId}&period=${period}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as Json).data;
}

const channelRow = (report: Json) =>
  report.breakdowns
    ?.find((breakdown: Json) => breakdown.attribute === "channel")
    ?.rows.find((row: Json) => row.value === "个险");

beforeAll(async () => {
  // No background workers: the report's own catch-up adds each month's responses in one batch, in order.
  app = await startTestApp({ now: () => clock, workers: false });
  token = await createApiTokenThroughAdmin(app, "quality");
  const text = (en: string) => ({ en, "zh-CN": en });
  const definition = {
    title: text("Boundary survey"),
    sections: [
      {
        key: "main",
        title: text("Main"),
        items: ITEMS.map((key) => ({ key, type: "satisfaction", text: text(key), required: false })),
      },
    ],
  };
  const api = async (path: string, body?: unknown) => {
    const response = await fetch(`${app.baseUrl}/api/v1/questionnaires${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as Json;
  };
  questionnaireId = (await api("", { definition })).data.id;
  await api(`/${questionnaireId}/publish`);

  await app.database.db
    .insertInto("customer")
    .values(
      Array.from({ length: 60 }, (_, i) => ({
        external_ref: `B${String(i).padStart(3, "0")}`,
        name: `边界客户${i}`,
        customer_type: "individual",
        channel: "个险",
        region: "上海",
      })),
    )
    .execute();

  for (const scenario of SCENARIOS) {
    clock = new Date(`${scenario.month}-15T06:00:00Z`);
    for (const [i, points] of scenario.respondents.entries()) {
      const answers = Object.fromEntries(
        points.map((value, index) => [ITEMS[index], POINTS_TO_LEVEL[value]]),
      );
      const response = await fetch(`${app.baseUrl}/api/v1/responses`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          questionnaireId,
          answers,
          customerRef: `B${String(i).padStart(3, "0")}`,
          mode: "web",
        }),
      });
      expect(response.status).toBe(201);
      const { data } = (await response.json()) as Json;
      if (i === 0) firstResponse.set(scenario.month, data.id);
    }
    // each month is rolled up on its own, so its responses are added up in the order they came
    await getReport(scenario.month);
  }
  clock = new Date("2026-12-02T09:00:00Z");
  page = new PageClient(app.baseUrl, { "accept-language": "zh-CN" });
  await page.logIn("quality", "manyi-quality-demo");
}, 240_000);

afterAll(async () => {
  await app?.close();
});

describe("scores on a grade boundary, through the rollups", () => {
  it("the fixtures have the exact scores they claim", () => {
    for (const scenario of SCENARIOS) {
      const [numerator, denominator] = scenario.exact;
      const divisor = gcd(BigInt(numerator), BigInt(denominator));
      expect(exactMean(scenario.respondents), scenario.month).toEqual([
        BigInt(numerator) / divisor,
        BigInt(denominator) / divisor,
      ]);
    }
  });

  it.each(SCENARIOS)(
    "$month: the headline and the breakdown by channel are $exact.0/$exact.1, graded $grade",
    async (scenario) => {
      const report = await getReport(scenario.month);
      const exact = scenario.exact[0] / scenario.exact[1];
      const n = scenario.respondents.length;
      expect(report.headline).toMatchObject({ n, score: exact, grade: scenario.grade });
      const row = channelRow(report);
      if (n >= 30) expect(row).toMatchObject({ n, score: exact, grade: scenario.grade });
      else expect(row).toMatchObject({ n, score: null, grade: null, reportability: "suppress" });
    },
  );

  it("the trend: every month's score and grade, exactly", async () => {
    const report = await getReport("2026-11");
    for (const scenario of SCENARIOS) {
      const point = report.trend.find((p: Json) => p.period.key === scenario.month);
      const n = scenario.respondents.length;
      if (n >= 30) {
        expect(point, scenario.month).toMatchObject({
          n,
          score: scenario.exact[0] / scenario.exact[1],
          grade: scenario.grade,
        });
      } else {
        expect(point, scenario.month).toMatchObject({ n, score: null, grade: null });
      }
    }
  });
});

describe("the score shown never crosses a boundary its grade did not", () => {
  it.each(SCENARIOS)("$month: the page shows $shown beside its grade", async (scenario) => {
    const html = (await page.get(`/admin/reports?questionnaire=${questionnaireId}&period=${scenario.month}`))
      .text;
    const grade = GRADE_ZH[scenario.grade];
    expect(html).toContain(`data-score>${scenario.shown}<`);
    expect(html).toMatch(new RegExp(`data-grade>${grade}<`));
    if (scenario.respondents.length >= 30) {
      const row =
        /<th scope="row">个险<\/th><td class="num">(\d+)<\/td><td class="num">([\d.]+)[\s\S]*?grade-badge[^>]*>([^<]+)</.exec(
          html,
        );
      expect(row?.slice(1)).toEqual([String(scenario.respondents.length), scenario.shown, grade]);
    }
  });

  it("the trend table shows each month as the headline does", async () => {
    const html = (await page.get(`/admin/reports?questionnaire=${questionnaireId}&period=2026-11`)).text;
    const table = /<table class="trend-table">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? "";
    // one row per month, the newest first: its score is the row's first cell
    const scores = [...table.matchAll(/<\/th><td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
    // the months up to November 2026 from the first with responses: the scenarios (a month under 30
    // would be withheld)
    expect(scores.reverse()).toEqual(
      SCENARIOS.map((scenario) => (scenario.respondents.length >= 30 ? scenario.shown : "—")),
    );
  });

  it("the console shows a respondent's score with the same rule and precision", async () => {
    // 2026-05's first respondent: 735/9 = 81.666…; 2026-11's: 745/9 = 82.777…
    for (const [month, shown] of [
      ["2026-05", "81.6"],
      ["2026-11", "82.7"],
    ]) {
      const detail = await page.get(`/admin/responses/${firstResponse.get(month as string)}`);
      expect(detail.status).toBe(200);
      expect(detail.text).toContain(`class="stat">${shown}<`);
    }
  });

  it("the CSV and the XLSX show the same score and grade as the page", async () => {
    for (const scenario of SCENARIOS) {
      const query = `questionnaire=${questionnaireId}&period=${scenario.month}&lang=zh-CN`;
      const csv = await page.fetchRaw(`/admin/reports/report.csv?${query}&section=headline`);
      expect(csv.status).toBe(200);
      const rows = parse((await csv.text()).replace(/^\uFEFF/, ""), { columns: false }) as string[][];
      expect(rows[1]?.slice(1, 3), scenario.month).toEqual([scenario.shown, GRADE_ZH[scenario.grade]]);

      const workbook = await page.fetchRaw(`/admin/reports/report.xlsx?${query}`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await workbook.arrayBuffer()) as unknown as ArrayBuffer);
      const cell = book.worksheets[0]?.getRow(5).getCell(2);
      expect(cell?.value, scenario.month).toBe(Number(scenario.shown));
      expect(cell?.numFmt, scenario.month).toBe("0.0");
      expect(book.worksheets[0]?.getRow(5).getCell(3).value).toBe(GRADE_ZH[scenario.grade]);
    }
  });
});
