import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// Issue 14, "one segment truth" and "one count per customer", through the report path (responses
// stored through the API, the report read as JSON and as the console's response list):
// - a response belongs to the segment its customer was in when they answered: after 60 customers
//   move from 上海 to 广州, 上海 keeps its 60 respondents and their 51 dissatisfied respondents, and
//   广州 has none of either;
// - a known customer counts once per questionnaire and period, by their latest response in the period.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field below
type Json = any;

let clock = new Date("2026-10-01T00:00:00Z");
let app: TestApp;
let quality: PageClient;
let token: string;
let sancheng: number;

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

describe("a known customer counts once per questionnaire and period, by their latest response", () => {
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

  it("the fourth quarter: R001's December response replaces their November one; the trend counts each month apart", async () => {
    const quarter = await report("period=2026-Q4");
    // 60 (October) + 40 + 2 anonymous (November), R001 once (December, dissatisfied)
    expect(quarter.headline.respondents).toBe(102);
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
