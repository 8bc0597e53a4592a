import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultTimeZone } from "../../src/config.ts";
import { JOB_REPORT_ROLLUPS } from "../../src/reports/report.jobs.ts";
import { catchUpRollups } from "../../src/reports/rollup.service.ts";
import { claimScheduledRun, findSchedule } from "../../src/reports/schedule.repository.ts";
import { nextRunAfter } from "../../src/reports/schedule.ts";
import { PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { waitUntil } from "../helpers/wait.ts";

// Two apps in one process, as the tests run them: each must count only its own.
// `local`: no METRICS_TOKEN, its worker off (queued jobs stay queued).
// `guarded`: METRICS_TOKEN set, its worker on (it sends messages).
let local: TestApp;
let guarded: TestApp;
const TOKEN = "scrape-token-for-the-test-0123456789";
beforeAll(async () => {
  local = await startTestApp({ workers: false });
  guarded = await startTestApp({ metricsToken: TOKEN });
});
afterAll(async () => {
  await local?.close();
  await guarded?.close();
});

const SLUG = "sancheng-2026";
// the 三诚 questionnaire's open link, page by page
const PAGES: Record<string, string>[] = [
  { "a.attitude": "very_satisfied", "a.listening": "satisfied", "a.care": "satisfied" },
  { "a.promise": "satisfied", "a.transparency": "satisfied", "a.accuracy": "very_satisfied" },
  { "a.speed": "satisfied", "a.resolution": "satisfied", "a.channels": "satisfied" },
  { "a.recommend": "9" },
];

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comment lines skipped). */
function parseSamples(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key = "", value = ""] of (match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
        labels[key] = value;
      return { name: match[1] ?? "", labels, value: Number(match[3]) };
    });
}

/** The one sample of `name` whose labels include `labels`; undefined when there is none. */
function sampleValue(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = samples.filter(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

async function scrape(app: TestApp, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.baseUrl}/metrics`, { headers });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type"), text };
}

async function scrapeSamples(app: TestApp, headers: Record<string, string> = {}) {
  const { status, text } = await scrape(app, headers);
  expect(status).toBe(200);
  return parseSamples(text);
}

describe("GET /metrics from this machine (no METRICS_TOKEN)", () => {
  it("answers in the Prometheus text format with the database pool and the figures read from the database", async () => {
    const response = await scrape(local);
    expect(response.status).toBe(200);
    expect(response.type).toBe("text/plain; version=0.0.4; charset=utf-8");
    for (const name of [
      "manyi_http_requests_total",
      "manyi_http_request_duration_seconds",
      "manyi_messages_sent_total",
      "manyi_messages_failed_total",
      "manyi_db_pool_total_clients",
      "manyi_db_pool_idle_clients",
      "manyi_db_pool_waiting_clients",
      "manyi_job_queue_jobs",
      "manyi_job_queue_oldest_waiting_seconds",
      "manyi_report_rollup_pending_responses",
      "manyi_report_rollup_lag_seconds",
      "manyi_report_schedule_last_run_timestamp_seconds",
      "manyi_report_schedules_due",
      "manyi_database_up",
      "process_cpu_seconds_total",
    ])
      expect(response.text).toContain(`# TYPE ${name} `);
    const samples = parseSamples(response.text);
    expect(sampleValue(samples, "manyi_database_up")).toBe(1);
    // the scrape's own query has been given back: the pool holds at least that connection, idle
    expect(sampleValue(samples, "manyi_db_pool_total_clients")).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, "manyi_db_pool_idle_clients")).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, "manyi_db_pool_waiting_clients")).toBe(0);
    expect(sampleValue(samples, "manyi_db_pool_max_clients")).toBe(10);
    expect(sampleValue(samples, "manyi_report_schedules_due")).toBe(0);
    expect(sampleValue(samples, "manyi_messages_sent_total")).toBe(0);
  });

  it("counts each request under its route's pattern and its status class, 5xx included, with no id or slug in a label", async () => {
    const quality = new PageClient(local.baseUrl, { "accept-language": "en" });
    await quality.logIn("quality", "manyi-quality-demo");
    const wave = await local.database.db
      .selectFrom("wave")
      .select("id")
      .where("slug", "=", SLUG)
      .executeTakeFirstOrThrow();
    expect((await quality.get(`/admin/waves/${wave.id}`)).status).toBe(200);
    expect((await fetch(`${local.baseUrl}/w/${SLUG}`)).status).toBe(200);
    expect((await fetch(`${local.baseUrl}/no-such-page/98765`)).status).toBe(404);
    // A real failure: the open link's table is away for a moment.
    await sql`alter table wave rename to wave_away`.execute(local.database.db);
    try {
      expect((await fetch(`${local.baseUrl}/w/${SLUG}`)).status).toBe(500);
    } finally {
      await sql`alter table wave_away rename to wave`.execute(local.database.db);
    }

    const samples = await scrapeSamples(local);
    const requests = (route: string, statusClass: string) =>
      sampleValue(samples, "manyi_http_requests_total", { method: "GET", route, status_class: statusClass });
    expect(requests("/admin/waves/:id", "2xx")).toBe(1);
    expect(requests("/w/:key", "2xx")).toBe(1);
    expect(requests("/w/:key", "5xx")).toBe(1);
    expect(requests("unmatched", "4xx")).toBeGreaterThanOrEqual(1);
    expect(
      sampleValue(samples, "manyi_http_request_duration_seconds_count", { method: "GET", route: "/w/:key" }),
    ).toBe(2);
    const routes = new Set(samples.flatMap((sample) => sample.labels.route ?? []));
    for (const route of routes) {
      expect(route === "unmatched" || route.startsWith("/")).toBe(true);
      expect(route).not.toContain(SLUG);
      expect(route).not.toContain(String(wave.id));
      expect(route).not.toContain("98765");
    }
  });

  it("shows the queues' depth: a job queued while no worker runs waits, and how long", async () => {
    const before = await scrapeSamples(local);
    const waiting = (samples: Sample[]) =>
      sampleValue(samples, "manyi_job_queue_jobs", { queue: JOB_REPORT_ROLLUPS, state: "created" });
    expect(waiting(before)).toBe(0);
    await local.jobs.send(JOB_REPORT_ROLLUPS);
    const after = await scrapeSamples(local);
    expect(waiting(after)).toBe(1);
    expect(sampleValue(after, "manyi_job_queue_jobs", { queue: JOB_REPORT_ROLLUPS, state: "active" })).toBe(
      0,
    );
    expect(
      sampleValue(after, "manyi_job_queue_oldest_waiting_seconds", { queue: JOB_REPORT_ROLLUPS }),
    ).toBeGreaterThanOrEqual(0);
  });

  it("shows the rollups' backlog: a submitted response is pending until the rollups catch up", async () => {
    expect(sampleValue(await scrapeSamples(local), "manyi_report_rollup_pending_responses")).toBe(0);
    const customer = new PageClient(local.baseUrl, { "accept-language": "zh-CN" });
    await customer.get(`/w/${SLUG}`);
    for (const [page, answers] of PAGES.entries()) {
      const answered = await customer.post(`/w/${SLUG}`, {
        page: String(page),
        nav: page === PAGES.length - 1 ? "submit" : "next",
        lang: "zh-CN",
        ...answers,
      });
      expect(answered.status).toBe(303);
    }
    const pending = await scrapeSamples(local);
    expect(sampleValue(pending, "manyi_report_rollup_pending_responses")).toBe(1);
    expect(sampleValue(pending, "manyi_report_rollup_lag_seconds")).toBeGreaterThanOrEqual(0);

    await catchUpRollups(local.database.db, { timeZone: defaultTimeZone() });
    const caughtUp = await scrapeSamples(local);
    expect(sampleValue(caughtUp, "manyi_report_rollup_pending_responses")).toBe(0);
    expect(sampleValue(caughtUp, "manyi_report_rollup_lag_seconds")).toBe(0);
  });

  it("shows the report schedules: one due while no worker runs, then the time its run was taken", async () => {
    const quality = new PageClient(local.baseUrl, { "accept-language": "en" });
    await quality.logIn("quality", "manyi-quality-demo");
    const { questionnaire_id: questionnaireId } = await local.database.db
      .selectFrom("wave")
      .select("questionnaire_id")
      .where("slug", "=", SLUG)
      .executeTakeFirstOrThrow();
    await quality.get("/admin/report-schedules/new");
    const saved = await quality.post("/admin/report-schedules", {
      name: "monthly report",
      questionnaire: String(questionnaireId),
      cadence: "monthly",
      dayOfMonth: "2",
      time: "08:00",
      recipients: "ceo@example.com",
      locale: "en",
      department: "",
      breakdownAttribute: "",
      breakdownValue: "",
    });
    expect(saved.status).toBe(303);
    const lastRuns = (samples: Sample[]) =>
      samples.filter((sample) => sample.name === "manyi_report_schedule_last_run_timestamp_seconds");
    const planned = await scrapeSamples(local);
    expect(sampleValue(planned, "manyi_report_schedules_due")).toBe(0);
    expect(lastRuns(planned)).toEqual([]);

    // Its time came an hour ago, and no worker has taken the run.
    const { id } = await local.database.db
      .selectFrom("report_schedule")
      .select("id")
      .executeTakeFirstOrThrow();
    const dueAt = new Date(Date.now() - 3_600_000);
    await local.database.db
      .updateTable("report_schedule")
      .set({ next_run_at: dueAt })
      .where("id", "=", id)
      .execute();
    expect(sampleValue(await scrapeSamples(local), "manyi_report_schedules_due")).toBe(1);

    // A worker takes the run as the scheduler does (the report itself is not needed here).
    const schedule = await findSchedule(local.database.db, id);
    if (!schedule) throw new Error("the schedule is gone");
    const claimedAt = new Date();
    const snapshotId = await local.database.db
      .transaction()
      .execute((trx) =>
        claimScheduledRun(
          trx,
          schedule,
          { dueAt, nextRunAt: nextRunAfter(schedule, claimedAt, defaultTimeZone()), periodKey: "2026-01" },
          local.processId,
          claimedAt,
        ),
      );
    expect(snapshotId).toBeDefined();
    const taken = await scrapeSamples(local);
    expect(sampleValue(taken, "manyi_report_schedules_due")).toBe(0);
    expect(lastRuns(taken)).toEqual([
      {
        name: "manyi_report_schedule_last_run_timestamp_seconds",
        labels: { status: "sending" },
        value: claimedAt.getTime() / 1000,
      },
    ]);
  });

  it("is not found for a request that came through a proxy", async () => {
    const proxied = await scrape(local, { "x-forwarded-for": "203.0.113.7" });
    expect(proxied.status).toBe(404);
    expect(proxied.text).not.toContain("manyi_");
  });
});

describe("GET /metrics with METRICS_TOKEN set", () => {
  it("is not found without the token or with a wrong one, even from this machine", async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: "Bearer wrong-token-wrong-token-0123" },
      { authorization: `Basic ${TOKEN}` },
      { authorization: `Bearer ${TOKEN}x` },
    ]) {
      const refused = await scrape(guarded, headers);
      expect(refused.status).toBe(404);
      expect(refused.text).not.toContain("manyi_");
    }
  });

  it("answers the bearer of the token, with this app's own counts, the messages its sender sent among them", async () => {
    const quality = new PageClient(guarded.baseUrl, { "accept-language": "en" });
    await quality.logIn("quality", "manyi-quality-demo");
    const questionnaire = await guarded.database.db
      .selectFrom("wave")
      .select("questionnaire_id")
      .where("slug", "=", SLUG)
      .executeTakeFirstOrThrow();
    await quality.get("/admin/waves/new");
    const created = await quality.post("/admin/waves", {
      name: "metrics wave",
      questionnaireId: String(questionnaire.questionnaire_id),
      channel: "email",
      audience: "all",
      defaultLocale: "zh-CN",
      subject_zh: "{{name}}，请为我们的服务打分",
      body_zh: "请点击 {{link}} 填写问卷，{{closeDate}} 截止。",
      reminderDays: "3",
    });
    expect(created.status).toBe(303);
    const waveId = Number(/\/admin\/waves\/(\d+)/.exec(created.location ?? "")?.[1]);
    await quality.get(`/admin/waves/${waveId}`);
    expect((await quality.post(`/admin/waves/${waveId}/launch`, {})).status).toBe(303);
    const sent = await waitUntil("the wave's messages to be sent", async () => {
      const rows = await guarded.database.db
        .selectFrom("invitation")
        .select("status")
        .where("wave_id", "=", waveId)
        .execute();
      const settled =
        rows.length > 0 && rows.every((row) => row.status !== "queued" && row.status !== "sending");
      return settled && rows.filter((row) => row.status === "sent").length;
    });

    const samples = await scrapeSamples(guarded, { authorization: `Bearer ${TOKEN}` });
    expect(sampleValue(samples, "manyi_messages_sent_total")).toBe(sent);
    expect(sampleValue(samples, "manyi_messages_failed_total", { given_up: "true" })).toBe(0);
    expect(
      sampleValue(samples, "manyi_http_requests_total", {
        method: "POST",
        route: "/admin/waves/:id/launch",
        status_class: "3xx",
      }),
    ).toBe(1);
    // the other app's requests are not counted here
    expect(samples.some((sample) => sample.labels.route === "/w/:key")).toBe(false);
  });
});
