// The monthly report at 1,000,000 responses × 10 answers: loads them with COPY, brings the rollups up
// to date (timed), then times the report's JSON (API), the same numbers computed straight from the raw
// answers in the same run (the baseline), the HTML page and the PDF. Prints the figures and the ratio.
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type Kysely, sql } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pino } from "pino";
import { sampleCorrelation } from "simple-statistics";
import { seedDemoIfEmpty } from "../seeds/seed-demo.ts";
import { createApiToken } from "../src/accounts/api-token.service.ts";
import { createStaffUser } from "../src/accounts/staff-user.service.ts";
import { createApp } from "../src/app.ts";
import { startBackground } from "../src/background.ts";
import type { Database } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { openDatabase } from "../src/db/open-database.ts";
import { closePdfBrowser } from "../src/reports/report-pdf.ts";
import { catchUpRollups } from "../src/reports/rollup.service.ts";
import { meanConfidenceInterval, reportability, scoreSurvey, welchTTest } from "../src/scoring/index.ts";
import { PageClient } from "../tests/helpers/http-client.ts";
import { benchDatabase, median } from "./harness.ts";

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
const LEVELS = ["very_satisfied", "satisfied", "basically_satisfied", "dissatisfied"] as const;
const POINTS = [100, 90, 75, 60];
const REGIONS = ["上海", "北京", "杭州", "广州", "深圳", "南京", "成都", "武汉", "西安", "天津"];
const CHANNELS = ["个险", "银保", "团险", "电销", "网销"];
const MODES = ["web", "email", "phone", "visit"];
const TIME_ZONE = "UTC";

function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function copy(pool: pg.Pool, statement: string, rows: () => Generator<string>) {
  const client = await pool.connect();
  try {
    const source = Readable.from(
      (function* () {
        let chunk = "";
        for (const line of rows()) {
          chunk += line;
          if (chunk.length > 1 << 20) {
            yield chunk;
            chunk = "";
          }
        }
        if (chunk) yield chunk;
      })(),
    );
    await pipeline(source, client.query(copyFrom(statement)));
  } finally {
    client.release();
  }
}

const time = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
};

/** The report's numbers straight from the raw answers: what the rollups spare every report. */
async function rawReport(
  db: Kysely<Database>,
  versionId: number,
  month: string,
  previous: string,
  yearStart: string,
) {
  const load = async (from: string, to: string) => {
    const rows = await sql<{
      id: number;
      item_key: string;
      text: string;
      region: string | null;
      channel: string | null;
      customer_type: string | null;
      value_tier: string | null;
      activity: string | null;
      mode: string;
      manager: number | null;
    }>`
      with counted as (
        -- a known customer once: their latest response of the period
        select distinct on (coalesce(customer_id, -id)) id from response
        where questionnaire_version_id = ${versionId} and status = 'submitted' and not is_test
          and submitted_at >= ${from}::timestamptz and submitted_at < ${to}::timestamptz
        order by coalesce(customer_id, -id), submitted_at desc, id desc
      )
      select r.id, a.item_key, a.text, r.region, r.channel, r.customer_type, r.value_tier, r.activity, r.mode,
        r.manager_user_id as manager
      from counted join response r on r.id = counted.id
        join answer a on a.response_id = r.id and a.part = ''
      where a.item_key = any(${ITEMS}::text[])`.execute(db);
    const byResponse = new Map<
      number,
      { answers: { itemKey: string; levelKey: string }[]; breakdowns: Record<string, string> }
    >();
    for (const row of rows.rows) {
      let entry = byResponse.get(row.id);
      if (!entry) {
        entry = {
          answers: [],
          breakdowns: {
            region: row.region ?? "",
            channel: row.channel ?? "",
            customerType: row.customer_type ?? "",
            valueTier: row.value_tier ?? "",
            activity: row.activity ?? "",
            mode: row.mode,
            manager: String(row.manager ?? ""),
          },
        };
        byResponse.set(row.id, entry);
      }
      entry.answers.push({ itemKey: row.item_key, levelKey: row.text });
    }
    return byResponse;
  };
  const nextMonth = (day: string) => {
    const date = new Date(`${day}T00:00:00Z`);
    return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  };
  const meta: Record<string, { dimension: string; department: string; indicatorPath: string[] }> = {
    attitude: { dimension: "诚心", department: "客户服务中心", indicatorPath: ["服务过程", "服务态度"] },
    listening: { dimension: "诚心", department: "客户服务中心", indicatorPath: ["服务过程", "沟通理解"] },
    care: { dimension: "诚心", department: "客户服务中心", indicatorPath: ["服务过程", "客户关怀"] },
    promise: { dimension: "诚信", department: "运营部", indicatorPath: ["服务结果", "承诺兑现"] },
    transparency: { dimension: "诚信", department: "产品部", indicatorPath: ["服务结果", "信息透明"] },
    accuracy: { dimension: "诚信", department: "运营部", indicatorPath: ["服务结果", "信息准确"] },
    speed: { dimension: "诚行", department: "运营部", indicatorPath: ["服务效率", "办理时效"] },
    resolution: { dimension: "诚行", department: "理赔部", indicatorPath: ["服务效率", "问题解决"] },
    channels: { dimension: "诚行", department: "信息技术部", indicatorPath: ["服务效率", "渠道便捷"] },
  };
  const items = ITEMS.map((key) => ({ key, ...meta[key] }));
  const current = await load(month, nextMonth(month));
  const before = await load(previous, month);
  const score = (data: typeof current) =>
    scoreSurvey({
      items,
      respondents: [...data].map(([id, entry]) => ({ respondentKey: String(id), answers: entry.answers })),
    });
  const now = score(current);
  const then = score(before);
  const scoresOf = (result: ReturnType<typeof score>) =>
    result.respondents.map((r) => r.score).filter((s): s is number => s !== null);
  const ci = meanConfidenceInterval(scoresOf(now));
  const change = welchTTest(scoresOf(now), scoresOf(then));
  // derived importance: the corrected item–total correlation (the item against the mean of the others)
  const overallByResponse = new Map(now.respondents.map((r) => [r.respondentKey, r.score]));
  const pointsOf = (levelKey: string) =>
    POINTS[LEVELS.indexOf(levelKey as (typeof LEVELS)[number])] as number;
  const importance = ITEMS.map((itemKey) => {
    const x: number[] = [];
    const y: number[] = [];
    for (const entry of current.values()) {
      const answer = entry.answers.find((a) => a.itemKey === itemKey);
      const others = entry.answers.filter((a) => a.itemKey !== itemKey);
      if (!answer || others.length === 0) continue;
      x.push(pointsOf(answer.levelKey));
      y.push(others.reduce((total, other) => total + pointsOf(other.levelKey), 0) / others.length);
    }
    return sampleCorrelation(x, y);
  });
  // breakdowns and managers
  const breakdowns: Record<string, Record<string, unknown>> = {};
  for (const attribute of ["region", "channel", "customerType", "valueTier", "activity", "mode", "manager"]) {
    const groups = new Map<string, number[]>();
    for (const [id, entry] of current) {
      const value = entry.breakdowns[attribute] ?? "";
      const list = groups.get(value) ?? [];
      list.push(overallByResponse.get(String(id)) as number);
      groups.set(value, list);
    }
    breakdowns[attribute] = Object.fromEntries(
      [...groups].map(([value, scores]) => [
        value,
        reportability(scores.length) === "suppress" ? null : meanConfidenceInterval(scores),
      ]),
    );
  }
  // trend: 12 months of respondent scores
  const trendRows = await sql<{ month: string; score: number }>`
    select distinct on (1, coalesce(customer_id, -id))
      to_char(submitted_at at time zone ${TIME_ZONE}, 'YYYY-MM') as month, respondent_score as score
    from response where questionnaire_version_id = ${versionId} and status = 'submitted' and not is_test
      and submitted_at >= ${yearStart}::timestamptz and submitted_at < ${nextMonth(month)}::timestamptz
      and respondent_score is not null
    order by 1, coalesce(customer_id, -id), submitted_at desc, id desc`.execute(db);
  const byMonth = new Map<string, number[]>();
  for (const row of trendRows.rows) {
    const list = byMonth.get(row.month) ?? [];
    list.push(row.score);
    byMonth.set(row.month, list);
  }
  const trend = [...byMonth].map(([key, scores]) => ({ key, ...meanConfidenceInterval(scores) }));
  return {
    overall: now.overall,
    ci,
    change,
    dimensions: now.byDimension,
    tree: now.indicatorTree,
    importance,
    breakdowns,
    trend,
  };
}

export async function benchReport(options: { responses: number; rounds: number }) {
  const total = options.responses;
  const database = await benchDatabase();
  const handle = openDatabase(database.url, { max: 10 });
  const { db, pool } = handle;
  const log = (message: string) => process.stderr.write(`[report bench] ${message}\n`);
  try {
    await migrateToLatest(db as Kysely<unknown>);
    await seedDemoIfEmpty(db, new Date(), { responses: false });
    const wave = await db
      .selectFrom("wave")
      .select(["id", "questionnaire_id", "questionnaire_version_id"])
      .where("slug", "=", "sancheng-2026")
      .executeTakeFirstOrThrow();
    const versionId = wave.questionnaire_version_id;

    // 40 customer managers (one password hash shared: signing in is not what is measured).
    const hash = (await db.selectFrom("staff_user").select("password_hash").executeTakeFirstOrThrow())
      .password_hash;
    const managers = await db
      .insertInto("staff_user")
      .values(
        Array.from({ length: 40 }, (_, i) => ({
          username: `cm.bench${i}`,
          display_name: `客户经理 ${i + 1}`,
          role: "customer_manager",
          password_hash: hash,
        })),
      )
      .returning("id")
      .execute();

    const rand = generator(61);
    // One customer per response but for 3% of the responses, whose customer answered before (a known
    // customer counts once per period: those are taken back out of the rollups' totals).
    const customerCount = total;
    const loadStarted = performance.now();
    // Each customer's attributes, as the rows to copy onto their responses (the customer as they answered).
    const attributesOf: string[] = new Array(customerCount);
    await copy(
      pool,
      "copy customer (external_ref, name, customer_type, channel, value_tier, activity, region, manager_user_id) from stdin",
      function* () {
        for (let i = 0; i < customerCount; i += 1) {
          const region = i % REGIONS.length;
          const attributes = `${rand() < 0.2 ? "business" : "individual"}\t${CHANNELS[Math.floor(rand() * 5)]}\t${
            ["MVC", "MGC", "LVC", "BZ"][Math.floor(rand() * 4)]
          }\t${["active", "semi_dormant", "dormant"][Math.floor(rand() * 3)]}\t${REGIONS[region]}\t${
            rand() < 0.85 ? managers[(region * 4 + Math.floor(rand() * 4)) % managers.length]?.id : "\\N"
          }`;
          attributesOf[i] = attributes;
          yield `B${i}\t客户${i}\t${attributes}\n`;
        }
      },
    );
    const firstCustomer = (
      await db.selectFrom("customer").select("id").where("external_ref", "=", "B0").executeTakeFirstOrThrow()
    ).id;

    // 1,000,000 responses over the 12 months ending last month, 9 satisfaction answers and an NPS each.
    const today = new Date();
    const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1);
    const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 12, 1);
    const firstId = 1_000_000;
    const scores: number[] = new Array(total);
    const levels: Uint8Array = new Uint8Array(total * ITEMS.length);
    for (let i = 0; i < total; i += 1) {
      const mood = rand();
      let sum = 0;
      for (let j = 0; j < ITEMS.length; j += 1) {
        const r = rand() * 0.6 + mood * 0.4 + (j % 3) * 0.03;
        const level = r > 0.62 ? 0 : r > 0.38 ? 1 : r > 0.2 ? 2 : 3;
        levels[i * ITEMS.length + j] = level;
        sum += POINTS[level] as number;
      }
      scores[i] = sum / ITEMS.length;
    }
    await copy(
      pool,
      "copy response (id, wave_id, questionnaire_version_id, customer_id, mode, status, submitted_at, respondent_score, draft_answers, customer_ref, customer_type, channel, value_tier, activity, region, manager_user_id) from stdin",
      function* () {
        for (let i = 0; i < total; i += 1) {
          const at = new Date(start + ((end - start) * (i + 0.5)) / total).toISOString();
          const index = i > 0 && rand() < 0.03 ? Math.floor(rand() * i) : i;
          yield `${firstId + i}\t${wave.id}\t${versionId}\t${firstCustomer + index}\t${MODES[i % 4]}\tsubmitted\t${at}\t${scores[i]}\t{}\tB${index}\t${attributesOf[index]}\n`;
        }
      },
    );
    await sql`select setval(pg_get_serial_sequence('response', 'id'), ${firstId + total})`.execute(db);
    await copy(pool, "copy answer (response_id, item_key, part, number, text) from stdin", function* () {
      for (let i = 0; i < total; i += 1) {
        for (let j = 0; j < ITEMS.length; j += 1) {
          const level = levels[i * ITEMS.length + j] as number;
          yield `${firstId + i}\t${ITEMS[j]}\t\t${POINTS[level]}\t${LEVELS[level]}\n`;
        }
        yield `${firstId + i}\trecommend\t\t${Math.floor(rand() * 11)}\t\\N\n`;
      }
    });
    await sql`analyze`.execute(db);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    log(`loaded ${total} responses × 10 answers in ${loadSeconds.toFixed(0)} s`);

    const catchUp = await time(() => catchUpRollups(db, { timeZone: TIME_ZONE, batchSize: 20_000 }));
    const rollupRows = await sql<{ n: number }>`select count(*)::int as n from report_rollup`.execute(db);
    log(
      `rollups: ${catchUp.value} responses in ${(catchUp.ms / 1000).toFixed(0)} s, ${rollupRows.rows[0]?.n} rows`,
    );

    const logger = pino({ level: "silent" });
    const background = await startBackground({
      db,
      pool,
      logger,
      publicUrl: "http://localhost",
      timeZone: TIME_ZONE,
      mail: {
        smtpUrl: undefined,
        from: "bench <bench@localhost>",
        ratePerSecond: 0,
        connections: 1,
        retrySeconds: 60,
      },
    });
    const app = createApp({
      db,
      pool,
      jobs: background.jobs,
      mailer: background.mailer,
      processId: background.processId,
      logger,
      sessionSecret: "bench-secret-bench-secret-bench-secret",
      publicUrl: "http://localhost",
      timeZone: TIME_ZONE,
      reports: { chromiumPath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const viewer = await createStaffUser(db, null, {
        username: "bench.manager",
        displayName: "总经理 Bench",
        role: "manager",
        password: "bench-manager-password",
        email: null,
      });
      const admin = await db
        .selectFrom("staff_user")
        .selectAll()
        .where("username", "=", "admin")
        .executeTakeFirstOrThrow();
      const { token } = await createApiToken(
        db,
        { user: { id: admin.id, username: admin.username } as never, ip: null },
        { name: "bench", staffUserId: viewer.id },
      );
      const month = new Date(end - 86_400_000).toISOString().slice(0, 7);
      const monthStart = `${month}-01`;
      const previousStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 2, 1))
        .toISOString()
        .slice(0, 10);
      const yearStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 12, 1))
        .toISOString()
        .slice(0, 10);
      const query = `questionnaire=${wave.questionnaire_id}&period=${month}`;

      const json: number[] = [];
      const raw: number[] = [];
      let report: { headline: { score: number; respondents: number } } | undefined;
      let rawResult: Awaited<ReturnType<typeof rawReport>> | undefined;
      for (let round = 0; round < options.rounds; round += 1) {
        const api = await time(async () => {
          const response = await fetch(`${base}/api/v1/reports?${query}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          return ((await response.json()) as { data: typeof report }).data;
        });
        json.push(api.ms);
        report = api.value;
        const baseline = await time(() => rawReport(db, versionId, monthStart, previousStart, yearStart));
        raw.push(baseline.ms);
        rawResult = baseline.value;
      }
      if (
        !report ||
        !rawResult ||
        Math.abs(report.headline.score - (rawResult.overall.score as number)) > 1e-9
      ) {
        throw new Error(
          `the report (${report?.headline.score}) and the raw computation (${rawResult?.overall.score}) differ`,
        );
      }

      const client = new PageClient(base, { "accept-language": "zh-CN" });
      await client.logIn("bench.manager", "bench-manager-password");
      const html: number[] = [];
      const pdf: number[] = [];
      for (let round = 0; round < options.rounds; round += 1) {
        html.push((await time(() => client.get(`/admin/reports?${query}`))).ms);
        pdf.push(
          (
            await time(async () => {
              const response = await client.fetchRaw(`/admin/reports/report.pdf?${query}`);
              if (response.status !== 200) throw new Error(`PDF answered ${response.status}`);
              return response.arrayBuffer();
            })
          ).ms,
        );
      }
      const result = {
        name: "monthly report at 1,000,000 responses × 10 answers",
        responses: total,
        respondentsInMonth: report.headline.respondents,
        loadSeconds: Math.round(loadSeconds),
        rollupCatchUpSeconds: Math.round(catchUp.ms / 1000),
        rollupRows: rollupRows.rows[0]?.n,
        reportJsonMs: Math.round(median(json)),
        rawAnswersMs: Math.round(median(raw)),
        ratio: Math.round((median(raw) / median(json)) * 10) / 10,
        htmlPageMs: Math.round(median(html)),
        pdfMs: Math.round(median(pdf)),
      };
      log(
        `report JSON ${result.reportJsonMs} ms vs raw answers ${result.rawAnswersMs} ms (×${result.ratio}); HTML ${result.htmlPageMs} ms; PDF ${result.pdfMs} ms`,
      );
      return result;
    } finally {
      server.closeAllConnections();
      server.close();
      await closePdfBrowser();
      await background.stop();
    }
  } finally {
    await handle.close();
    await database.stop();
  }
}
