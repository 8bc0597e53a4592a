import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// Issue 14, "one segment truth" and "one count per customer", through the report path (responses
// stored through the API, the report read as JSON and as the console's response list):
// - a response belongs to the segment its customer was in when they answered: after 60 customers
//   move from 上海 to 广州, 上海 keeps its 60 respondents and their 51 dissatisfied respondents, and
//   广州 has none of either;
// - a known customer counts once per questionnaire and month, by their latest response of the month; a
//   quarter adds up its months.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field below
type Json = any;

let clock = new Date("2026-10-01T00:00:00Z");
let app: TestApp;
let quality: PageClient;
let token: string;
let sancheng: number;
const segmentIds: number[] = [];
const enc = encodeURIComponent;

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
const shanghai = Array.from({ length: 60 }, (_, i) => `S${String(i).padStart(3, "0")}`);
const repeaters = Array.from({ length: 40 }, (_, i) => `R${String(i).padStart(3, "0")}`);

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

async function answer(customerRef: string, level: (item: number) => number, at: string) {
  clock = new Date(at);
  const answers: Record<string, unknown> = { recommend: 8 };
  ITEMS.forEach((key, index) => {
    answers[key] = LEVELS[level(index)];
  });
  const posted = await api("POST", "/api/v1/responses", {
    questionnaireId: sancheng,
    answers,
    ...(customerRef ? { customerRef } : {}),
  });
  expect(posted.status).toBe(201);
}

async function report(query: string) {
  clock = new Date("2027-01-05T09:00:00Z");
  const response = await api("GET", `/api/v1/reports?questionnaire=${sancheng}&${query}`);
  expect(response.status).toBe(200);
  return response.body.data;
}

beforeAll(async () => {
  app = await startTestApp({ now: () => clock });
  const db = app.database.db;
  for (const row of await db
    .selectFrom("questionnaire_version")
    .select(["questionnaire_id", "definition"])
    .execute()) {
    const title = (row.definition as { title: { en: string } }).title.en;
    if (title.includes("三诚") || title.toLowerCase().includes("annual")) sancheng = row.questionnaire_id;
  }
  token = await createApiTokenThroughAdmin(app, "quality");
  const created = await api(
    "POST",
    "/api/v1/customers/bulk",
    shanghai.map((ref, i) => ({
      externalRef: ref,
      name: `上海客户${ref}`,
      region: "上海",
      channel: i < 40 ? "个险" : "银保",
      attributes: i < 35 ? { 行业: "制造业" } : { 行业: "零售" },
    })),
  );
  expect(created.body.data.failed).toBe(0);
  // October: 60 respondents in 上海, the first 51 with one dissatisfied answer (on "speed").
  for (const [i, ref] of shanghai.entries()) {
    await answer(
      ref,
      (item) => (i < 51 && item === 6 ? 3 : 0),
      `2026-10-${String(1 + (i % 28)).padStart(2, "0")}T04:00:00Z`,
    );
  }
  // Then every one of them moves to 广州, before any report was read (so before any rollup).
  const moved = await api(
    "POST",
    "/api/v1/customers/bulk",
    shanghai.map((ref) => ({ externalRef: ref, name: `上海客户${ref}`, region: "广州" })),
  );
  expect(moved.body.data.updated).toBe(60);

  // November: 40 customers of 杭州 and 2 anonymous respondents, all very satisfied; R000 had answered
  // twice before, dissatisfied with everything, and R001 answers again, dissatisfied, in December.
  const hangzhou = await api(
    "POST",
    "/api/v1/customers/bulk",
    repeaters.map((ref) => ({ externalRef: ref, name: `杭州客户${ref}`, region: "杭州" })),
  );
  expect(hangzhou.body.data.failed).toBe(0);
  await answer("R000", () => 3, "2026-11-02T04:00:00Z");
  await answer("R000", () => 3, "2026-11-03T04:00:00Z");
  for (const [i, ref] of repeaters.entries()) {
    await answer(ref, () => 0, `2026-11-${String(4 + (i % 20)).padStart(2, "0")}T04:00:00Z`);
  }
  await answer("", () => 0, "2026-11-25T04:00:00Z");
  await answer("", () => 0, "2026-11-26T04:00:00Z");
  await answer("R001", () => 3, "2026-12-05T04:00:00Z");
  // Saved segments, read as the customers were when they answered.
  const segments = await db
    .insertInto("segment")
    .values([
      { name: "上海银保", filter: JSON.stringify({ regions: ["上海"], channels: ["银保"] }) },
      { name: "广州客户", filter: JSON.stringify({ regions: ["广州"] }) },
    ])
    .returning("id")
    .execute();
  segmentIds.push(...segments.map((segment) => segment.id));
  clock = new Date("2027-01-05T09:00:00Z");
  quality = new PageClient(app.baseUrl, { "accept-language": "en" });
  await quality.logIn("quality", "manyi-quality-demo");
}, 240_000);

afterAll(async () => {
  await app?.close();
});

describe("a response belongs to the segment its customer was in when they answered", () => {
  it("上海 keeps its 60 respondents and their 51 dissatisfied respondents after they moved to 广州", async () => {
    const old = await report(`period=2026-10&region=${encodeURIComponent("上海")}`);
    expect(old.headline.respondents).toBe(60);
    expect(old.suppressed).toBe(false);
    expect(old.dissatisfaction.respondents).toBe(51);
    expect(old.dissatisfaction.answerCount).toBe(51);
    const now = await report(`period=2026-10&region=${encodeURIComponent("广州")}`);
    expect(now.headline.respondents).toBe(0);
    expect(now.dissatisfaction.respondents).toBeNull();
  });

  it("the breakdown by region shows 上海, not 广州, for October", async () => {
    const model = await report("period=2026-10");
    const regions = model.breakdowns
      .find((table: { attribute: string }) => table.attribute === "region")
      .rows.map((row: { value: string; responses: number }) => [row.value, row.responses]);
    expect(regions).toEqual([["上海", 60]]);
  });

  it("the console's response list filtered by region finds them in 上海, where they answered", async () => {
    const page = await quality.get(`/admin/responses?region=${encodeURIComponent("上海")}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("上海客户S027");
    const elsewhere = await quality.get(`/admin/responses?region=${encodeURIComponent("广州")}`);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.text).not.toContain("上海客户S027");
  });
});

describe("a known customer counts once per questionnaire and month, by their latest response", () => {
  it("November: R000's two earlier dissatisfied responses are replaced by their latest; anonymous ones count each", async () => {
    const model = await report("period=2026-11");
    expect(model.headline.respondents).toBe(42);
    expect(model.headline.score).toBe(100);
    expect(model.headline.grade).toBe("excellent");
    expect(model.dissatisfaction.respondents).toBe(0);
    expect(model.dissatisfaction.answerCount).toBe(0);
    expect(model.dimensions.every((dimension: { score: number }) => dimension.score === 100)).toBe(true);
    const region = await report(`period=2026-11&region=${encodeURIComponent("杭州")}`);
    expect(region.headline.respondents).toBe(40);
    expect(region.headline.score).toBe(100);
  });

  it("the fourth quarter adds its months: R001 counts in November and in December; the trend counts each month apart", async () => {
    const quarter = await report("period=2026-Q4");
    // 60 (October) + 40 + 2 anonymous (November) + R001 (December, dissatisfied)
    expect(quarter.headline.respondents).toBe(103);
    expect(quarter.dissatisfaction.respondents).toBe(52);
    const december = await report("period=2026-12");
    expect(december.headline.respondents).toBe(1);
    const november = await report("period=2026-11");
    expect(november.headline.respondents).toBe(42);
    const months = await report("period=2026-12");
    const points = months.trend.map((point: { period: { key: string }; responses: number }) => [
      point.period.key,
      point.responses,
    ]);
    expect(points.slice(-3)).toEqual([
      ["2026-10", 60],
      ["2026-11", 42],
      ["2026-12", 1],
    ]);
  });
});

describe("any combination of filters: attribute values, a saved segment, a free attribute", () => {
  // each of S000–S050 scored 8 × 100 + 60 = 860 points over nine items; S051–S059 scored 100 on all nine
  const mixed = (n: number, dissatisfied: number) =>
    (dissatisfied * (860 / 9) + (n - dissatisfied) * 100) / n;

  it("region 上海 and channel 个险 together: the 40 of them, scored and with their dissatisfied respondents", async () => {
    const model = await report(`period=2026-10&region=${enc("上海")}&channel=${enc("个险")}`);
    expect(model.filter).toMatchObject({
      attribute: "channel",
      value: "个险",
      moreAttributes: [{ attribute: "region", value: "上海" }],
    });
    expect(model.headline.respondents).toBe(40);
    expect(model.headline.score).toBeCloseTo(860 / 9, 9);
    expect(model.dissatisfaction.respondents).toBe(40);
    expect(model.breakdowns).toBeNull();
    expect(model.breakdownsNote).toBe("filtered");
    const bank = await report(`period=2026-10&region=${enc("上海")}&channel=${enc("银保")}`);
    expect(bank.headline.respondents).toBe(20);
    expect(bank.headline.score).toBeNull(); // fewer than 30: withheld, as any population
    expect(bank.dissatisfaction.respondents).toBeNull();
  });

  it("a saved segment, as the customers were when they answered", async () => {
    const bank = await report(`period=2026-10&segment=${segmentIds[0]}`);
    expect(bank.filter.segment).toEqual({ id: segmentIds[0], name: "上海银保" });
    expect(bank.headline.respondents).toBe(20);
    const guangzhou = await report(`period=2026-10&segment=${segmentIds[1]}`);
    expect(guangzhou.headline.respondents).toBe(0);
    const both = await report(`period=2026-Q4&segment=${segmentIds[1]}&channel=${enc("个险")}`);
    expect(both.headline.respondents).toBe(0);
  });

  it("a free attribute (行业 = 制造业: 35 respondents)", async () => {
    const model = await report(`period=2026-10&attributeKey=${enc("行业")}&attributeValue=${enc("制造业")}`);
    expect(model.filter.freeAttribute).toEqual({ key: "行业", value: "制造业" });
    expect(model.headline.respondents).toBe(35);
    expect(model.headline.score).toBeCloseTo(860 / 9, 9);
    const retail = await report(`period=2026-10&attributeKey=${enc("行业")}&attributeValue=${enc("零售")}`);
    expect(retail.headline.respondents).toBe(25);
  });

  it("a range of days with a region: counted from the responses, once per customer", async () => {
    const october = await report(`period=2026-10-01..2026-10-31&region=${enc("上海")}`);
    expect(october.headline.respondents).toBe(60);
    expect(october.headline.score).toBeCloseTo(mixed(60, 51), 9);
    const november = await report(`period=2026-11-01..2026-11-30&region=${enc("杭州")}`);
    expect(november.headline.respondents).toBe(40);
    expect(november.headline.score).toBe(100);
    expect(november.dissatisfaction.respondents).toBe(0);
    // a filtered quarter adds its months the same way: R001 in November and in December
    const quarter = await report(`period=2026-Q4&region=${enc("杭州")}&channel=`);
    expect(quarter.headline.respondents).toBe(41);
  });

  it("errors are in the page's language and keep the other filters", async () => {
    const zh = new PageClient(app.baseUrl, { "accept-language": "zh-CN" });
    await zh.logIn("quality", "manyi-quality-demo");
    const half = await zh.get(
      `/admin/reports?questionnaire=${sancheng}&period=2026-10&region=${enc("上海")}&attributeKey=${enc("行业")}`,
    );
    expect(half.status).toBe(422);
    expect(half.text).toContain("请填写该客户属性须等于的取值");
    expect(half.text).toMatch(/<option value="上海" selected>/);
    expect(half.text).toContain('value="行业"');
    const gone = await zh.get(`/admin/reports?questionnaire=${sancheng}&period=2026-10&segment=999999`);
    expect(gone.status).toBe(422);
    expect(gone.text).toContain("不是已保存的客户细分（可能已被删除）");
    const api = await fetch(`${app.baseUrl}/api/v1/reports?questionnaire=${sancheng}&segment=999999`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(422);
    expect(((await api.json()) as Json).error.details.issues[0].field).toBe("segment");
  });

  it("the page offers the segment and free-attribute filters and says what is filtered", async () => {
    const page = await quality.get(
      `/admin/reports?questionnaire=${sancheng}&period=2026-10&region=${enc("上海")}&channel=${enc("个险")}&lang=en`,
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="segment"');
    expect(page.text).toContain("上海银保");
    expect(page.text).toContain('name="attributeKey"');
    // Handlebars writes "=" as &#x3D;
    expect(page.text.replaceAll("&#x3D;", "=")).toContain("Filtered: Channel = 个险 · Region = 上海");
  });
});
