import { execFileSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { sampleCorrelation } from "simple-statistics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultTimeZone } from "../../src/config.ts";
import { formatScore, shownScore } from "../../src/lib/score-format.ts";
import {
  type KanoAnswer,
  type KanoCategory,
  meanConfidenceInterval,
  reportability,
  scoreSurvey,
  servqualScores,
  summarizeKano,
  tallyKano,
  welchTTest,
} from "../../src/scoring/index.ts";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient } from "../helpers/http-client.ts";
import { type ResponseRow, responseRows } from "../helpers/response-rows.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// Every number of the report is checked against a recomputation from the raw CSV export of the
// responses, with the scoring library's raw-value functions (scoreSurvey, meanConfidenceInterval,
// welchTTest, tallyKano…), never with the rollups the report reads.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field below
type Json = any;

let clock = new Date("2026-10-01T00:00:00Z");
let app: TestApp;
let quality: PageClient;
let qualityToken: string;
let managerToken: string;
const ids: Record<string, number> = {};

/** A seeded generator, so the data are the same on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const rng = random(20261022);
const pick = <T>(values: readonly T[], weights?: readonly number[]): T => {
  const w = weights ?? values.map(() => 1);
  let r = rng() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < values.length; i += 1) {
    r -= w[i] as number;
    if (r <= 0) return values[i] as T;
  }
  return values[values.length - 1] as T;
};

const SANCHENG_ITEMS = [
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
const ITEM_META: Record<string, { dimension: string; department: string; indicator: string[] }> = {
  attitude: { dimension: "诚心", department: "客户服务中心", indicator: ["服务过程", "服务态度"] },
  listening: { dimension: "诚心", department: "客户服务中心", indicator: ["服务过程", "沟通理解"] },
  care: { dimension: "诚心", department: "客户服务中心", indicator: ["服务过程", "客户关怀"] },
  promise: { dimension: "诚信", department: "运营部", indicator: ["服务结果", "承诺兑现"] },
  transparency: { dimension: "诚信", department: "产品部", indicator: ["服务结果", "信息透明"] },
  accuracy: { dimension: "诚信", department: "运营部", indicator: ["服务结果", "信息准确"] },
  speed: { dimension: "诚行", department: "运营部", indicator: ["服务效率", "办理时效"] },
  resolution: { dimension: "诚行", department: "理赔部", indicator: ["服务效率", "问题解决"] },
  channels: { dimension: "诚行", department: "信息技术部", indicator: ["服务效率", "渠道便捷"] },
};
const REGIONS = ["上海", "北京", "杭州"];
const CHANNELS = ["个险", "银保", "团险"];

interface Customer {
  ref: string;
  name: string;
  type: string;
  channel: string;
  tier: string;
  activity: string;
  region: string;
  managerId: number | null;
}
const customers: Customer[] = [];

async function post(token: string, body: unknown) {
  const response = await fetch(`${app.baseUrl}/api/v1/responses`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`post failed ${response.status} ${await response.text()}`);
}

async function getReport(token: string, query: string) {
  const response = await fetch(`${app.baseUrl}/api/v1/reports?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** A day in the report time zone, as the report counts it. */
const dayOf = (iso: string) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: defaultTimeZone(),
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(iso));

type Row = ResponseRow;
/** The questionnaire's responses as rows (the API's answers: the raw data a spreadsheet would start from). */
const exportRows = (questionnaireId: number): Promise<Row[]> =>
  responseRows(app.baseUrl, qualityToken, questionnaireId);
/**
 * The respondents of a period, counted as the README says: a known customer once per month, by their
 * latest response of the month (later submitted_at, then higher id); anonymous responses one each.
 */
const inPeriod = (rows: Row[], from: string, to: string) => {
  const within = rows.filter((row) => {
    const day = dayOf(row.submitted_at as string);
    return day >= from && day < to;
  });
  const latest = new Map<string, Row>();
  const keyOf = (row: Row) => `${row.customer_ref}\u0000${dayOf(row.submitted_at as string).slice(0, 7)}`;
  const later = (a: Row, b: Row) =>
    (a.submitted_at as string) > (b.submitted_at as string) ||
    (a.submitted_at === b.submitted_at && Number(a.response_id) > Number(b.response_id));
  for (const row of within) {
    const kept = row.customer_ref ? latest.get(keyOf(row)) : undefined;
    if (row.customer_ref && (!kept || later(row, kept))) latest.set(keyOf(row), row);
  }
  return within.filter((row) => !row.customer_ref || latest.get(keyOf(row)) === row);
};
const customerOf = (row: Row) => customers.find((c) => c.ref === row.customer_ref);

/** The independent recomputation of the satisfaction sections from export rows. */
function recompute(rows: Row[], items = SANCHENG_ITEMS) {
  const catalogue = items.map((key) => ({
    key,
    dimension: ITEM_META[key]?.dimension,
    department: ITEM_META[key]?.department,
    indicatorPath: ITEM_META[key]?.indicator,
  }));
  const respondents = rows.map((row) => ({
    respondentKey: row.response_id as string,
    answers: items.map((key) => ({ itemKey: key, levelKey: row[key] ? (row[key] as string) : null })),
  }));
  return { survey: scoreSurvey({ items: catalogue, respondents }), respondents };
}
const respondentScores = (rows: Row[], items = SANCHENG_ITEMS) =>
  rows
    .map((row) => {
      const points = items.filter((key) => row[key]).map((key) => POINTS[row[key] as string] as number);
      return points.length ? points.reduce((a, b) => a + b, 0) / points.length : null;
    })
    .filter((score): score is number => score !== null);

beforeAll(async () => {
  app = await startTestApp({ now: () => clock });
  const db = app.database.db;
  for (const row of await db.selectFrom("questionnaire").select(["id", "name"]).execute()) {
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
  const cm = await db
    .selectFrom("staff_user")
    .select("id")
    .where("username", "=", "cm.zhang")
    .executeTakeFirstOrThrow();
  ids.cmZhang = cm.id;
  // A second customer manager, made through the same service the admin pages use.
  const { createStaffUser } = await import("../../src/accounts/staff-user.service.ts");
  const second = await createStaffUser(db, null, {
    username: "cm.li",
    displayName: "客户经理 李娜",
    role: "customer_manager",
    password: "manyi-cm-demo-2",
    email: null,
  });
  ids.cmLi = second.id;
  for (let i = 0; i < 160; i += 1) {
    const region = i < 100 ? (REGIONS[i % 2] as string) : i < 140 ? "杭州" : "广州";
    customers.push({
      ref: `T${String(i).padStart(4, "0")}`,
      name: `测试客户${String(i).padStart(3, "0")}`,
      type: i % 4 === 0 ? "business" : "individual",
      channel: CHANNELS[i % 3] as string,
      tier: pick(["MVC", "MGC", "LVC", "BZ"]),
      activity: pick(["active", "semi_dormant", "dormant"]),
      region,
      managerId: i % 5 === 0 ? null : i % 2 === 0 ? ids.cmZhang : ids.cmLi,
    });
  }
  await db
    .insertInto("customer")
    .values(
      customers.map((c) => ({
        external_ref: c.ref,
        name: c.name,
        customer_type: c.type,
        channel: c.channel,
        value_tier: c.tier,
        activity: c.activity,
        region: c.region,
        manager_user_id: c.managerId,
      })),
    )
    .execute();

  qualityToken = await createApiTokenThroughAdmin(app, "quality");
  managerToken = await createApiTokenThroughAdmin(app, "manager");
  // September: 90 responses; October: 160 (one per customer), Shanghai customers less satisfied.
  const sancheng = async (customer: Customer, day: string, hour: number, unhappy: boolean) => {
    clock = new Date(`${day}T${String(hour).padStart(2, "0")}:30:00Z`);
    const answers: Record<string, unknown> = {};
    for (const key of SANCHENG_ITEMS) {
      answers[key] = pick(LEVELS, unhappy ? [2, 4, 3, 2] : [5, 4, 1.5, 0.5]);
    }
    if (answers.promise === "dissatisfied" || answers.promise === "basically_satisfied") {
      answers.promise_reason = `承诺没有兑现 ${customer.ref}`;
    }
    answers.recommend = Math.floor(rng() * 11);
    if (rng() < 0.5) answers.improve = `希望改进 ${customer.ref}`;
    await post(qualityToken, {
      questionnaireId: ids.sancheng,
      answers,
      customerRef: customer.ref,
      mode: pick(["web", "email", "phone", "visit"]),
    });
  };
  for (let i = 0; i < 90; i += 1) {
    const customer = customers[i] as Customer;
    await sancheng(customer, `2026-09-${String(1 + (i % 28)).padStart(2, "0")}`, 3 + (i % 18), false);
  }
  for (let i = 0; i < customers.length; i += 1) {
    const customer = customers[i] as Customer;
    await sancheng(
      customer,
      `2026-10-${String(1 + (i % 30)).padStart(2, "0")}`,
      1 + (i % 22),
      customer.region === "上海",
    );
  }
  // Kano and SERVQUAL, 45 each in October.
  const kanoAnswers = ["like", "must-be", "neutral", "live-with", "dislike"];
  const features = [
    "online_claims",
    "hotline_24h",
    "claim_progress",
    "e_policy",
    "video_survey",
    "personal_manager",
  ];
  for (let i = 0; i < 45; i += 1) {
    clock = new Date(`2026-10-${String(1 + (i % 30)).padStart(2, "0")}T10:00:00Z`);
    const answers: Record<string, unknown> = {};
    for (const [f, feature] of features.entries()) {
      answers[feature] = {
        functional: pick(kanoAnswers, f % 2 ? [5, 2, 2, 1, 0.3] : [2, 4, 2, 1, 0.3]),
        dysfunctional: pick(kanoAnswers, f % 2 ? [0.3, 2, 4, 2, 2] : [0.3, 1, 1, 2, 5]),
      };
      answers[`imp_${feature}`] = 1 + Math.floor(rng() * 9);
    }
    await post(qualityToken, { questionnaireId: ids.kano, answers, customerRef: customers[i]?.ref });
  }
  const servqualKeys = [
    "t1",
    "t2",
    "t3",
    "t4",
    "r1",
    "r2",
    "r3",
    "r4",
    "r5",
    "s1",
    "s2",
    "s3",
    "s4",
    "a1",
    "a2",
    "a3",
    "a4",
    "e1",
    "e2",
    "e3",
    "e4",
    "e5",
  ];
  for (let i = 0; i < 45; i += 1) {
    clock = new Date(`2026-10-${String(1 + (i % 30)).padStart(2, "0")}T11:00:00Z`);
    const answers: Record<string, unknown> = {};
    for (const key of servqualKeys) {
      answers[key] = { expectation: 4 + Math.floor(rng() * 4), perception: 2 + Math.floor(rng() * 6) };
    }
    const r = 10 + Math.floor(rng() * 20);
    const s = 10 + Math.floor(rng() * 15);
    const a = 10 + Math.floor(rng() * 15);
    const e = 5 + Math.floor(rng() * 10);
    answers.importance = {
      reliability: r,
      responsiveness: s,
      assurance: a,
      empathy: e,
      tangibles: 100 - r - s - a - e,
    };
    await post(qualityToken, { questionnaireId: ids.servqual, answers, customerRef: customers[50 + i]?.ref });
  }
  clock = new Date("2026-11-22T09:00:00Z");
  quality = new PageClient(app.baseUrl, { "accept-language": "en" });
  await quality.logIn("quality", "manyi-quality-demo");
}, 240_000);

afterAll(async () => {
  await app?.close();
});

describe("the monthly report equals a recomputation from the raw export", () => {
  it("headline, dimensions, indicator tree, distribution, IPA, breakdowns, trend, dissatisfaction and rankings", async () => {
    const { status, body } = await getReport(qualityToken, `questionnaire=${ids.sancheng}&period=2026-10`);
    expect(status).toBe(200);
    const model = body.data;
    const all = await exportRows(ids.sancheng as number);
    const october = inPeriod(all, "2026-10-01", "2026-11-01");
    const september = inPeriod(all, "2026-09-01", "2026-10-01");
    expect(october).toHaveLength(160);
    expect(september).toHaveLength(90);
    const { survey } = recompute(october);

    // 1. headline
    const scores = respondentScores(october);
    const interval = meanConfidenceInterval(scores);
    expect(model.headline.responses).toBe(160);
    expect(model.headline.respondents).toBe(survey.overall.n);
    expect(model.headline.score).toBeCloseTo(survey.overall.score as number, 9);
    expect(model.headline.grade).toBe(survey.overall.grade);
    expect(model.headline.lower).toBeCloseTo(interval.lower, 9);
    expect(model.headline.upper).toBeCloseTo(interval.upper, 9);
    const welch = welchTTest(scores, respondentScores(september));
    expect(model.headline.change.previousScore).toBeCloseTo(
      recompute(september).survey.overall.score as number,
      9,
    );
    expect(model.headline.change.difference).toBeCloseTo(welch.meanDifference, 9);
    expect(model.headline.change.p).toBeCloseTo(welch.p, 9);
    expect(model.headline.change.significant).toBe(welch.p < 0.05);
    expect(model.headline.change.direction).toBe(
      welch.p < 0.05 ? (welch.meanDifference > 0 ? "up" : "down") : null,
    );
    expect(model.headline.responseRate).toBeNull();

    // 2. dimensions
    expect(model.dimensions.map((d: { key: string }) => d.key)).toEqual(
      survey.byDimension.map((d) => d.dimension),
    );
    for (const expected of survey.byDimension) {
      const got = model.dimensions.find((d: { key: string }) => d.key === expected.dimension);
      expect(got.n).toBe(expected.n);
      expect(got.score).toBeCloseTo(expected.score as number, 9);
      expect(got.grade).toBe(expected.grade);
    }

    // 3. indicator tree, weakest first
    const flat = (nodes: Json[]): Json[] => nodes.flatMap((node) => [node, ...flat(node.children)]);
    const expectedNodes = flat(survey.indicatorTree as Json[]);
    const gotNodes = flat(model.indicatorTree);
    expect(gotNodes).toHaveLength(expectedNodes.length);
    for (const expected of expectedNodes) {
      const got = gotNodes.find((node) => node.path.join("/") === expected.path.join("/"));
      expect(got.score).toBeCloseTo(expected.score, 9);
      expect(got.n).toBe(expected.n);
    }
    for (let i = 1; i < model.indicatorTree.length; i += 1) {
      expect(model.indicatorTree[i].score).toBeGreaterThanOrEqual(model.indicatorTree[i - 1].score);
    }
    expect(gotNodes.find((node) => node.name === "承诺兑现").departments).toEqual(["运营部"]);

    // 4. distribution
    for (const expected of survey.byItem) {
      const got = model.distribution.find((d: { itemKey: string }) => d.itemKey === expected.itemKey);
      expect(got.answerCount).toBe(expected.answerCount);
      expect(got.score).toBeCloseTo(expected.score as number, 9);
      expected.levels.forEach((level, index) => {
        expect(got.levels[index].count).toBe(level.count);
        expect(got.levels[index].share).toBeCloseTo(level.share, 12);
      });
    }

    // 7. IPA: importance derived from the correlation of each item with the mean of the respondent's
    // other items (the corrected item–total correlation)
    expect(model.ipa.basis).toBe("derived");
    for (const point of model.ipa.points) {
      const answered = october.filter(
        (row) => row[point.key] && SANCHENG_ITEMS.some((key) => key !== point.key && row[key]),
      );
      const x = answered.map((row) => POINTS[row[point.key] as string] as number);
      const y = respondentScores(
        answered,
        SANCHENG_ITEMS.filter((key) => key !== point.key),
      );
      expect(point.importance).toBeCloseTo(sampleCorrelation(x, y), 9);
    }
    const crosshair =
      model.ipa.points.reduce((t: number, p: { importance: number }) => t + p.importance, 0) /
      model.ipa.points.length;
    expect(model.ipa.crosshair.importance).toBeCloseTo(crosshair, 12);

    // 8. breakdowns (region): Shanghai, Beijing, Hangzhou shown; Guangzhou (20) suppressed; Hangzhou (40) flagged
    const regions = model.breakdowns.find((s: { attribute: string }) => s.attribute === "region");
    for (const region of ["上海", "北京", "杭州", "广州"]) {
      const rows = october.filter((row) => customerOf(row)?.region === region);
      const got = regions.rows.find((r: { value: string }) => r.value === region);
      expect(got.n).toBe(rows.length);
      expect(got.reportability).toBe(reportability(rows.length));
      if (rows.length < 30) {
        expect(got.score).toBeNull();
        expect(got.lower).toBeNull();
      } else {
        const ci = meanConfidenceInterval(respondentScores(rows));
        expect(got.score).toBeCloseTo(ci.mean, 9);
        expect(got.lower).toBeCloseTo(ci.lower, 9);
        expect(got.upper).toBeCloseTo(ci.upper, 9);
      }
    }
    expect(regions.rows.find((r: { value: string }) => r.value === "广州").reportability).toBe("suppress");
    expect(regions.rows.find((r: { value: string }) => r.value === "杭州").reportability).toBe("caution");
    const modes = model.breakdowns.find((s: { attribute: string }) => s.attribute === "mode");
    for (const row of modes.rows) {
      expect(row.responses).toBe(october.filter((r) => r.mode === row.value).length);
    }

    // 9. trend: of the 12 months ending October only September and October have data, and the ten
    // empty months before them are left out
    expect(model.trend.map((point: Json) => point.period.key)).toEqual(["2026-09", "2026-10"]);
    expect(model.trend[0].score).toBeCloseTo(recompute(september).survey.overall.score as number, 9);
    expect(model.trend[1].score).toBeCloseTo(survey.overall.score as number, 9);
    expect(model.trend[0].responses).toBe(90);

    // 10. dissatisfaction
    const dissatisfied = SANCHENG_ITEMS.map((key) => ({
      key,
      count: october.filter((row) => row[key] === "dissatisfied").length,
    })).filter((item) => item.count > 0);
    expect(model.dissatisfaction.answerCount).toBe(dissatisfied.reduce((t, item) => t + item.count, 0));
    expect(model.dissatisfaction.respondents).toBe(
      october.filter((row) => SANCHENG_ITEMS.some((key) => row[key] === "dissatisfied")).length,
    );
    for (const item of dissatisfied) {
      expect(model.dissatisfaction.items.find((i: { itemKey: string }) => i.itemKey === item.key).count).toBe(
        item.count,
      );
    }
    const unhappyRows = october.filter((row) => SANCHENG_ITEMS.some((key) => row[key] === "dissatisfied"));
    expect(model.dissatisfaction.comments).toHaveLength(unhappyRows.length);
    for (const comment of model.dissatisfaction.comments) {
      const row = unhappyRows.find((r) => Number(r.response_id) === comment.responseId) as Row;
      expect(comment.customerName).toBe(row.customer_name);
      const texts = [row.improve, row.promise_reason].filter((t) => t).sort();
      expect(comment.comments.map((c: { text: string }) => c.text).sort()).toEqual(texts);
    }

    // 11. departments and customer managers ranked
    for (const expected of survey.byDepartment) {
      const got = model.rankings.departments.find((d: { key: string }) => d.key === expected.department);
      expect(got.n).toBe(expected.n);
      expect(got.score).toBeCloseTo(expected.score as number, 9);
    }
    const ranked = model.rankings.departments.map((d: { score: number }) => d.score);
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
    for (const [name, managerId] of [
      ["客户经理 张伟", ids.cmZhang],
      ["客户经理 李娜", ids.cmLi],
    ] as const) {
      const rows = october.filter((row) => customerOf(row)?.managerId === managerId);
      const got = model.rankings.managers.find((m: { label: string }) => m.label === name);
      expect(got.n).toBe(rows.length);
      expect(got.score).toBeCloseTo(meanConfidenceInterval(respondentScores(rows)).mean, 9);
    }
    expect(model.rankings.managers.map((m: { rank: number }) => m.rank)).toEqual([1, 2]);
  });

  it("filters: a region, and a department's items", async () => {
    const all = await exportRows(ids.sancheng as number);
    const october = inPeriod(all, "2026-10-01", "2026-11-01");
    const { body } = await getReport(
      qualityToken,
      `questionnaire=${ids.sancheng}&period=2026-10&region=${encodeURIComponent("上海")}`,
    );
    const shanghai = october.filter((row) => customerOf(row)?.region === "上海");
    const { survey } = recompute(shanghai);
    expect(body.data.filter).toEqual({ attribute: "region", value: "上海" });
    expect(body.data.headline.respondents).toBe(shanghai.length);
    expect(body.data.headline.score).toBeCloseTo(survey.overall.score as number, 9);
    for (const expected of survey.byDimension) {
      const got = body.data.dimensions.find((d: { key: string }) => d.key === expected.dimension);
      expect(got.score).toBeCloseTo(expected.score as number, 9);
    }
    expect(body.data.breakdowns).toBeNull();
    expect(
      body.data.dissatisfaction.comments.every((c: { customerRef: string }) =>
        shanghai.some((row) => row.customer_ref === c.customerRef),
      ),
    ).toBe(true);

    const operations = SANCHENG_ITEMS.filter((key) => ITEM_META[key]?.department === "运营部");
    const department = await getReport(
      qualityToken,
      `questionnaire=${ids.sancheng}&period=2026-10&department=${encodeURIComponent("运营部")}`,
    );
    const restricted = recompute(october, operations).survey;
    expect(department.body.data.headline.score).toBeCloseTo(restricted.overall.score as number, 9);
    expect(department.body.data.distribution.map((d: { itemKey: string }) => d.itemKey)).toEqual(operations);
    for (const expected of restricted.byDimension) {
      const got = department.body.data.dimensions.find((d: { key: string }) => d.key === expected.dimension);
      expect(got.score).toBeCloseTo(expected.score as number, 9);
    }
  });

  it("a custom range of days, a quarter and a year", async () => {
    const all = await exportRows(ids.sancheng as number);
    const range = inPeriod(all, "2026-10-01", "2026-10-16");
    const custom = await getReport(
      qualityToken,
      `questionnaire=${ids.sancheng}&period=2026-10-01..2026-10-15`,
    );
    expect(custom.status).toBe(200);
    expect(custom.body.data.period).toEqual({
      kind: "custom",
      key: "2026-10-01..2026-10-15",
      from: "2026-10-01",
      to: "2026-10-16",
    });
    expect(custom.body.data.headline.respondents).toBe(range.length);
    expect(custom.body.data.headline.score).toBeCloseTo(recompute(range).survey.overall.score as number, 9);
    // The previous period is the 15 days before.
    const before = inPeriod(all, "2026-09-16", "2026-10-01");
    expect(custom.body.data.headline.change.previousN).toBe(before.length);
    expect(custom.body.data.breakdowns).toBeNull();
    expect(custom.body.data.breakdownsNote).toBe("custom_period");
    // A range of days with an attribute filter is counted from the matching responses.
    const web = await getReport(
      qualityToken,
      `questionnaire=${ids.sancheng}&period=2026-10-01..2026-10-15&mode=web`,
    );
    expect(web.status).toBe(200);
    const webRange = range.filter((row) => row.mode === "web");
    expect(web.body.data.headline.respondents).toBe(webRange.length);
    if (webRange.length >= 30) {
      expect(web.body.data.headline.score).toBeCloseTo(recompute(webRange).survey.overall.score as number, 9);
    }

    const quarter = (await getReport(qualityToken, `questionnaire=${ids.sancheng}&period=2026-Q4`)).body.data;
    const q4 = inPeriod(all, "2026-10-01", "2027-01-01");
    expect(quarter.headline.respondents).toBe(q4.length);
    expect(quarter.headline.score).toBeCloseTo(recompute(q4).survey.overall.score as number, 9);
    expect(quarter.previousPeriod.key).toBe("2026-Q3");
    const year = (await getReport(qualityToken, `questionnaire=${ids.sancheng}&period=2026`)).body.data;
    const y2026 = inPeriod(all, "2026-01-01", "2027-01-01");
    expect(y2026.length).toBeLessThanOrEqual(all.length);
    expect(year.headline.respondents).toBe(y2026.length);
    const regions = year.breakdowns.find((s: { attribute: string }) => s.attribute === "region");
    const shanghai = y2026.filter((row) => customerOf(row)?.region === "上海");
    expect(regions.rows.find((r: { value: string }) => r.value === "上海").score).toBeCloseTo(
      recompute(shanghai).survey.overall.score as number,
      9,
    );
  });

  it("a filtered population under 30 respondents is suppressed; 30–59 is flagged", async () => {
    const small = await getReport(
      qualityToken,
      `questionnaire=${ids.sancheng}&period=2026-10&region=${encodeURIComponent("广州")}`,
    );
    expect(small.body.data.suppressed).toBe(true);
    expect(small.body.data.headline.respondents).toBe(20);
    expect(small.body.data.headline.score).toBeNull();
    expect(small.body.data.dimensions).toEqual([]);
    expect(small.body.data.dissatisfaction.comments).toBeNull();
    const caution = await getReport(
      qualityToken,
      `questionnaire=${ids.sancheng}&period=2026-10&region=${encodeURIComponent("杭州")}`,
    );
    expect(caution.body.data.suppressed).toBe(false);
    expect(caution.body.data.headline.reportability).toBe("caution");
    expect(caution.body.data.headline.score).not.toBeNull();
  });

  it("Kano and SERVQUAL sections equal the scoring of the exported answer pairs", async () => {
    const kano = await getReport(qualityToken, `questionnaire=${ids.kano}&period=2026-10`);
    const rows = inPeriod(await exportRows(ids.kano as number), "2026-10-01", "2026-11-01");
    expect(rows).toHaveLength(45);
    expect(kano.body.data.headline.responses).toBe(45);
    for (const feature of kano.body.data.kano) {
      const pairs = rows.map(
        (row) =>
          JSON.parse(row[feature.itemKey] as string) as { functional: KanoAnswer; dysfunctional: KanoAnswer },
      );
      const expected = summarizeKano(tallyKano(pairs));
      expect(feature.counts).toEqual(expected.counts);
      expect(feature.category).toBe(expected.category as KanoCategory);
      expect(feature.better).toBeCloseTo(expected.better as number, 12);
      expect(feature.worse).toBeCloseTo(expected.worse as number, 12);
      expect(feature.fong.significant).toBe(expected.fong.significant);
      const importance = rows.map((row) => Number(row[`imp_${feature.itemKey}`]));
      expect(feature.importance).toBeCloseTo(importance.reduce((a, b) => a + b, 0) / importance.length, 12);
    }

    const servqual = await getReport(qualityToken, `questionnaire=${ids.servqual}&period=2026-10`);
    const sq = inPeriod(await exportRows(ids.servqual as number), "2026-10-01", "2026-11-01");
    const dimensionOf = (key: string) =>
      ({ t: "tangibles", r: "reliability", s: "responsiveness", a: "assurance", e: "empathy" })[
        key[0] as "t"
      ] as "tangibles" | "reliability";
    const weights = ["reliability", "responsiveness", "assurance", "empathy", "tangibles"].map(
      (dimension) => [
        dimension,
        sq.reduce((t, row) => t + (JSON.parse(row.importance as string)[dimension] as number), 0) / sq.length,
      ],
    );
    const expected = servqualScores({
      items: servqual.body.data.servqual.items.map((item: { key: string }) => ({
        key: item.key,
        dimension: dimensionOf(item.key),
        expectation: sq.map((row) => JSON.parse(row[item.key] as string).expectation as number),
        perception: sq.map((row) => JSON.parse(row[item.key] as string).perception as number),
      })),
      weights: Object.fromEntries(weights),
    });
    const got = servqual.body.data.servqual;
    expect(got.items).toHaveLength(22);
    expected.items.forEach((item, index) => {
      expect(got.items[index].gap).toBeCloseTo(item.gap, 12);
      expect(got.items[index].expectation).toBeCloseTo(item.expectation, 12);
    });
    expected.dimensions.forEach((dimension) => {
      const found = got.dimensions.find((d: { dimension: string }) => d.dimension === dimension.dimension);
      expect(found.gap).toBeCloseTo(dimension.gap, 12);
      expect(found.weight).toBeCloseTo(dimension.weight as number, 12);
    });
    expect(got.unweighted).toBeCloseTo(expected.unweighted, 12);
    expect(got.weighted).toBeCloseTo(expected.weighted as number, 12);
    // IPA of SERVQUAL: stated importance (the allocation) against perception, per dimension.
    expect(servqual.body.data.ipa.basis).toBe("stated");
    expect(servqual.body.data.ipa.level).toBe("dimension");
  });
});

describe("incremental rollups", () => {
  it("a new response is in the next report, and only new responses are added", async () => {
    const before = (await getReport(qualityToken, `questionnaire=${ids.sancheng}&period=2026-11`)).body.data;
    expect(before.headline.responses).toBe(0);
    clock = new Date("2026-11-10T08:00:00Z");
    const answers = Object.fromEntries(SANCHENG_ITEMS.map((key) => [key, "very_satisfied"]));
    await post(qualityToken, { questionnaireId: ids.sancheng, answers: { ...answers, recommend: 10 } });
    clock = new Date("2026-11-22T09:00:00Z");
    const pending = await app.database.db
      .selectFrom("response")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("rolled_up", "=", false)
      .where("status", "=", "submitted")
      .executeTakeFirstOrThrow();
    expect(Number(pending.n)).toBe(1);
    const after = (await getReport(qualityToken, `questionnaire=${ids.sancheng}&period=2026-11`)).body.data;
    expect(after.headline.responses).toBe(1);
    expect(after.headline.respondents).toBe(1);
    // one respondent: counted, but no score (fewer than 30)
    expect(after.suppressed).toBe(true);
    expect(after.headline.score).toBeNull();
  });
});

describe("response rate", () => {
  it("is the share of the invitations first sent in the period that were answered", async () => {
    const db = app.database.db;
    const version = await db
      .selectFrom("questionnaire_version")
      .select("id")
      .where("questionnaire_id", "=", ids.sancheng as number)
      .executeTakeFirstOrThrow();
    const wave = await db
      .insertInto("wave")
      .values({
        questionnaire_id: ids.sancheng as number,
        questionnaire_version_id: version.id,
        name: "2026 年 10 月邮件调查",
        channel: "email",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const rows = await db
      .selectFrom("customer")
      .select(["id", "region"])
      .where("external_ref", "like", "T%")
      .orderBy("id")
      .limit(12)
      .execute();
    await db
      .insertInto("invitation")
      .values(
        rows.map((customer, i) => ({
          wave_id: wave.id,
          customer_id: customer.id,
          region: customer.region,
          status: "sent",
          // ten sent in October (four answered), two in September
          first_sent_at: new Date(
            i < 10 ? `2026-10-${String(2 + i).padStart(2, "0")}T09:00:00Z` : "2026-09-20T09:00:00Z",
          ),
          completed_at: i < 4 || i === 10 ? new Date("2026-10-20T09:00:00Z") : null,
        })),
      )
      .execute();
    const { body } = await getReport(qualityToken, `questionnaire=${ids.sancheng}&period=2026-10`);
    expect(body.data.headline.responseRate).toEqual({ invited: 10, responded: 4, rate: 0.4 });
    const shanghai = rows.slice(0, 10).filter((c) => c.region === "上海");
    const filtered = await getReport(
      qualityToken,
      `questionnaire=${ids.sancheng}&period=2026-10&region=${encodeURIComponent("上海")}`,
    );
    expect(filtered.body.data.headline.responseRate.invited).toBe(shanghai.length);
    const phone = await getReport(qualityToken, `questionnaire=${ids.sancheng}&period=2026-10&mode=phone`);
    expect(phone.body.data.headline.responseRate).toBeNull();
  });
});

describe("who sees what", () => {
  it("management sees the numbers but no customer's name, reference or comment", async () => {
    const { status, body } = await getReport(managerToken, `questionnaire=${ids.sancheng}&period=2026-10`);
    expect(status).toBe(200);
    expect(body.data.dissatisfaction.comments).toBeNull();
    expect(body.data.dissatisfaction.answerCount).toBeGreaterThan(0);
    const json = JSON.stringify(body);
    for (const customer of customers) {
      expect(json).not.toContain(customer.name);
      expect(json).not.toContain(customer.ref);
    }
    const manager = new PageClient(app.baseUrl, { "accept-language": "en" });
    await manager.logIn("manager", "manyi-manager-demo");
    const page = await manager.get(`/admin/reports?questionnaire=${ids.sancheng}&period=2026-10`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Customers&#x27; comments are shown to quality staff only.");
    for (const customer of customers) expect(page.text).not.toContain(customer.name);
    const comments = await manager.fetchRaw(
      `/admin/reports/report.csv?questionnaire=${ids.sancheng}&period=2026-10&section=comments`,
    );
    expect(comments.status).toBe(404);
    const workbook = await manager.fetchRaw(
      `/admin/reports/report.xlsx?questionnaire=${ids.sancheng}&period=2026-10`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await workbook.arrayBuffer()) as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    for (const customer of customers) expect(cells.join("|")).not.toContain(customer.name);
  });

  it("quality staff see the comments with the customer, and a customer manager has no reports", async () => {
    const page = await quality.get(`/admin/reports?questionnaire=${ids.sancheng}&period=2026-10`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/希望改进 T\d{4}|承诺没有兑现 T\d{4}/);
    expect(page.text).toMatch(/测试客户\d{3}/);
    const cm = new PageClient(app.baseUrl, { "accept-language": "en" });
    await cm.logIn("cm.zhang", "manyi-cm-demo-1");
    expect((await cm.get("/admin/reports")).status).toBe(403);
    const cmToken = await createApiTokenThroughAdmin(app, "cm.zhang");
    expect((await getReport(cmToken, `questionnaire=${ids.sancheng}`)).status).toBe(403);
  });
});

describe("the report page and downloads", () => {
  it("shows the score, grade and charts, and serves the XLSX and every section's CSV", async () => {
    const { body } = await getReport(qualityToken, `questionnaire=${ids.sancheng}&period=2026-10`);
    const score = formatScore(body.data.headline.score);
    const page = await quality.get(`/admin/reports?questionnaire=${ids.sancheng}&period=2026-10`);
    expect(page.text).toContain(`data-score>${score}<`);
    expect(page.text).toContain('id="chart-dimensions"');
    expect(page.text).toContain('id="chart-trend"');
    const workbook = await quality.fetchRaw(
      `/admin/reports/report.xlsx?questionnaire=${ids.sancheng}&period=2026-10`,
    );
    expect(workbook.headers.get("content-type")).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await workbook.arrayBuffer()) as unknown as ArrayBuffer);
    const headline = book.worksheets[0];
    // the score as the page shows it (cut to one decimal), formatted with one decimal
    expect(headline?.getRow(5).getCell(2).value).toBe(shownScore(body.data.headline.score));
    expect(headline?.getRow(5).getCell(2).numFmt).toBe("0.0");
    const csv = await quality.fetchRaw(
      `/admin/reports/report.csv?questionnaire=${ids.sancheng}&period=2026-10&section=dimensions`,
    );
    expect(csv.status).toBe(200);
    const rows = parse((await csv.text()).replace(/^\uFEFF/, ""), { columns: false }) as string[][];
    expect(rows).toHaveLength(1 + body.data.dimensions.length);
    expect(rows[1]?.[1]).toBe(formatScore(body.data.dimensions[0].score));
    expect(rows[0]).toContain("CI lower");

    // every column is named in the table's language, the interval and the p-value too
    const chinese = await quality.fetchRaw(
      `/admin/reports/report.csv?questionnaire=${ids.sancheng}&period=2026-10&section=dimensions&lang=zh-CN`,
    );
    const header = (
      parse((await chinese.text()).replace(/^\uFEFF/, ""), { columns: false }) as string[][]
    )[0];
    expect(header).toEqual(expect.arrayContaining(["置信区间下限", "置信区间上限", "p 值"]));
    expect(header).not.toContain("CI lower");
  });

  it("the trend starts at the first period with responses and the page lists the report's period first", async () => {
    // quarters: of the twelve ending 2026-Q4 only Q3 (September) and Q4 (October) have responses
    const quarter = await getReport(qualityToken, `questionnaire=${ids.sancheng}&period=2026-Q4`);
    expect(quarter.body.data.trend.map((point: Json) => point.period.key)).toEqual(["2026-Q3", "2026-Q4"]);
    for (const [period, rows] of [
      ["2026-10", ["October 2026", "September 2026"]],
      ["2026-Q4", ["Q4 2026", "Q3 2026"]],
    ] as const) {
      const page = await quality.get(`/admin/reports?questionnaire=${ids.sancheng}&period=${period}`);
      const table = /<table class="trend-table">([\s\S]*?)<\/table>/.exec(page.text)?.[1] ?? "";
      expect([...table.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(rows);
      expect(table).toContain(`<tr class="trend-current"><th scope="row">${rows[0]}`);
      // each table scrolls in a frame a keyboard reaches, named in the page's language
      expect(page.text).toContain('<div class="table-wrap" tabindex="0" role="region" aria-label="Trend">');
      expect(page.text).toContain('role="region" aria-label="By customer attribute: Region"');
    }
  });

  it("names each download after the questionnaire, the period and the filters (RFC 5987 for Chinese)", async () => {
    const query = `questionnaire=${ids.sancheng}&period=2026-10`;
    const xlsx = await quality.fetchRaw(`/admin/reports/report.xlsx?${query}&lang=en`);
    expect(xlsx.headers.get("content-disposition")).toBe(
      'attachment; filename="manyi-report-Annual-customer-satisfaction-survey-2026-10.xlsx"',
    );
    const filtered = await quality.fetchRaw(
      `/admin/reports/report.xlsx?${query}&lang=zh-CN&region=${encodeURIComponent("上海")}`,
    );
    expect(filtered.status).toBe(200);
    const disposition = filtered.headers.get("content-disposition") ?? "";
    expect(disposition).toBe(
      `attachment; filename="manyi-report-${ids.sancheng}-2026-10-region.xlsx"; filename*=UTF-8''${encodeURIComponent("manyi-report-客户满意度年度调查-三诚-2026-10-region-上海.xlsx")}`,
    );
    const csv = await quality.fetchRaw(
      `/admin/reports/report.csv?${query}&lang=en&department=${encodeURIComponent("客户服务中心")}&section=dimensions`,
    );
    expect(csv.status).toBe(200);
    const csvDisposition = csv.headers.get("content-disposition") ?? "";
    expect(/filename="([^"]*)"/.exec(csvDisposition)?.[1]).toBe(
      "manyi-report-Annual-customer-satisfaction-survey-2026-10-department-dimensions.csv",
    );
    expect(decodeURIComponent(/filename\*=UTF-8''(\S+)$/.exec(csvDisposition)?.[1] ?? "")).toBe(
      "manyi-report-Annual-customer-satisfaction-survey-2026-10-department-客户服务中心-dimensions.csv",
    );
    const range = await quality.fetchRaw(
      `/admin/reports/report.csv?questionnaire=${ids.sancheng}&period=2026-10-01..2026-10-15&lang=en&section=headline`,
    );
    expect(range.headers.get("content-disposition")).toBe(
      'attachment; filename="manyi-report-Annual-customer-satisfaction-survey-2026-10-01_2026-10-15-headline.csv"',
    );
  });

  it("the PDF is named like the other downloads and numbers its pages at the foot of each", async () => {
    const pdf = await quality.fetchRaw(
      `/admin/reports/report.pdf?questionnaire=${ids.sancheng}&period=2026-10&lang=zh-CN`,
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-disposition")).toBe(
      `attachment; filename="manyi-report-${ids.sancheng}-2026-10.pdf"; filename*=UTF-8''${encodeURIComponent("manyi-report-客户满意度年度调查-三诚-2026-10.pdf")}`,
    );
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "manyi-report-pdf-")), "report.pdf");
    await writeFile(file, Buffer.from(await pdf.arrayBuffer()));
    // pdftotext ends every page with a form feed
    const pages = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"])
      .toString("utf8")
      .split("\f")
      .slice(0, -1);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, index) => {
      const lines = text.trimEnd().split("\n");
      expect(lines[lines.length - 1]?.trim(), `page ${index + 1}`).toBe(`${index + 1} / ${pages.length}`);
    });
  });

  it("the XLSX writes each share as a fraction formatted as a percentage", async () => {
    const { body } = await getReport(qualityToken, `questionnaire=${ids.sancheng}&period=2026-10`);
    const workbook = await quality.fetchRaw(
      `/admin/reports/report.xlsx?questionnaire=${ids.sancheng}&period=2026-10&lang=en`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await workbook.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Answer distribution");
    const first = body.data.distribution[0];
    const row = sheet?.getRow(5);
    expect(row?.getCell(1).value).toBe(first.text.en);
    // columns: item, then count and share of each level
    first.levels.forEach((level: Json, index: number) => {
      const cell = row?.getCell(3 + 2 * index);
      expect(cell?.value).toBeCloseTo(level.share, 12);
      expect(cell?.numFmt).toBe("0.0%");
    });
    const dissatisfaction = book.getWorksheet("Dissatisfaction")?.getRow(5).getCell(3);
    expect(dissatisfaction?.value).toBeCloseTo(body.data.dissatisfaction.items[0].share, 12);
    expect(dissatisfaction?.numFmt).toBe("0.0%");
  });

  it("numbers the sections it shows 1, 2, 3…, and a Kano survey (no satisfaction items) shows no empty score sections", async () => {
    const numbers = (html: string) =>
      [...html.matchAll(/<h2 id="h-[a-z]+">(\d+)\. /g)].map((match) => Number(match[1]));
    for (const id of [ids.sancheng, ids.kano, ids.servqual]) {
      const page = await quality.get(`/admin/reports?questionnaire=${id}&period=2026-10`);
      const shown = numbers(page.text);
      expect(shown.length).toBeGreaterThan(1);
      expect(shown).toEqual(shown.map((_, i) => i + 1));
    }
    const kano = await quality.get(`/admin/reports?questionnaire=${ids.kano}&period=2026-10`);
    expect(kano.text).toContain("This questionnaire has no satisfaction items");
    expect(kano.text).toContain('id="h-kano"');
    for (const empty of ["h-breakdowns", "h-trend", "h-dissatisfaction", "h-rankings", "data-score"])
      expect(kano.text).not.toContain(empty);
    expect(kano.text).not.toContain("section=trend");
    const sancheng = await quality.get(`/admin/reports?questionnaire=${ids.sancheng}&period=2026-10`);
    expect(sancheng.text).not.toContain("This questionnaire has no satisfaction items");
  });

  it("answers bad queries with the JSON error envelope", async () => {
    const bad = await getReport(qualityToken, `questionnaire=${ids.sancheng}&period=2026-13`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("validation_failed");
    expect(bad.body.error.details.issues[0].field).toBe("period");
    const half = await getReport(qualityToken, `questionnaire=${ids.sancheng}&attributeKey=x`);
    expect(half.status).toBe(422);
    expect(half.body.error.details.issues[0].field).toBe("attributeValue");
    const missing = await getReport(qualityToken, "period=2026-10");
    expect(missing.status).toBe(422);
    expect((await getReport(qualityToken, "questionnaire=99999")).status).toBe(404);
    const page = await quality.get(`/admin/reports?questionnaire=${ids.sancheng}&period=last-month`);
    expect(page.status).toBe(422);
    expect(page.text).toContain("must be a month");
  });
});
