import { execFileSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultTimeZone } from "../../src/config.ts";
import { formatScore } from "../../src/lib/score-format.ts";
import { createMailer } from "../../src/mail/mailer.ts";
import { JOB_REPORT_SCHEDULES } from "../../src/reports/report.jobs.ts";
import { defaultReportSettings } from "../../src/reports/report-settings.ts";
import { runDueSchedules, type ScheduleDependencies } from "../../src/reports/schedule.service.ts";
import { nextRunAfter } from "../../src/reports/schedule.ts";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient } from "../helpers/http-client.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../helpers/smtp-server.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { waitForQueueIdle } from "../helpers/wait.ts";

let clock = new Date("2026-10-01T00:00:00Z");
let app: TestApp;
let smtp: TestSmtpServer;
let quality: PageClient;
let token: string;
let questionnaireId: number;
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

async function post(day: string, index: number) {
  clock = new Date(`${day}T10:00:00Z`);
  const answers: Record<string, unknown> = Object.fromEntries(
    ITEMS.map((key, i) => [key, LEVELS[(index * 7 + i * 3) % 5 === 0 ? 3 : (index + i) % 3]]),
  );
  answers.recommend = index % 11;
  const response = await fetch(`${app.baseUrl}/api/v1/responses`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ questionnaireId, answers, mode: "phone" }),
  });
  expect(response.status).toBe(201);
}

function deps(): ScheduleDependencies {
  return {
    db: app.database.db,
    mailer: createMailer(app.database.db, {
      smtpUrl: smtp.url,
      from: "满意 <reports@manyi.test>",
      ratePerSecond: 0,
      connections: 1,
    }),
    settings: defaultReportSettings(defaultTimeZone()),
    publicUrl: app.baseUrl,
    logger: pino({ level: "silent" }),
    now: () => clock,
    processId: app.processId,
  };
}

async function pdfText(content: Buffer): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "manyi-snapshot-")), "report.pdf");
  await writeFile(file, content);
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8");
}

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ smtpUrl: smtp.url, now: () => clock });
  questionnaireId = (
    await app.database.db
      .selectFrom("wave")
      .select("questionnaire_id")
      .where("slug", "=", "sancheng-2026")
      .executeTakeFirstOrThrow()
  ).questionnaire_id;
  token = await createApiTokenThroughAdmin(app, "quality");
  for (let i = 0; i < 40; i += 1) await post(`2026-10-${String(1 + (i % 28)).padStart(2, "0")}`, i);
  for (let i = 0; i < 35; i += 1) await post(`2026-09-${String(1 + (i % 28)).padStart(2, "0")}`, i + 3);
  for (let i = 0; i < 32; i += 1) await post(`2026-08-${String(1 + (i % 28)).padStart(2, "0")}`, i + 5);
  clock = new Date("2026-10-20T09:00:00Z");
  quality = new PageClient(app.baseUrl, { "accept-language": "zh-CN" });
  await quality.logIn("quality", "manyi-quality-demo");
}, 180_000);

afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe("scheduled reports", () => {
  it("a schedule made in the console sends last month's report once, with charts inline and the PDF attached", async () => {
    await quality.get("/admin/report-schedules/new");
    const bad = await quality.post("/admin/report-schedules", {
      name: "月度满意度报告",
      questionnaire: String(questionnaireId),
      cadence: "monthly",
      dayOfMonth: "31",
      time: "8am",
      recipients: "ceo@example",
      locale: "zh-CN",
      department: "",
      breakdownAttribute: "",
      breakdownValue: "",
    });
    expect(bad.status).toBe(422);
    // the console is in Chinese: each problem is said in Chinese next to its field
    expect(bad.text).toContain('<p class="field-error" id="s-day-error">1 到 28 之间</p>');
    expect(bad.text).toContain('<p class="field-error" id="s-time-error">请输入时间，例如 08:00</p>');
    expect(bad.text).toContain(
      '<p class="field-error" id="s-recipients-error">每个收件人都必须是电子邮件地址</p>',
    );
    const saved = await quality.post("/admin/report-schedules", {
      name: "月度满意度报告",
      questionnaire: String(questionnaireId),
      cadence: "monthly",
      dayOfMonth: "2",
      time: "08:00",
      recipients: "ceo@example.com, board@example.com",
      locale: "zh-CN",
      department: "",
      breakdownAttribute: "",
      breakdownValue: "",
    });
    expect(saved.status).toBe(303);
    const schedule = await app.database.db
      .selectFrom("report_schedule")
      .selectAll()
      .executeTakeFirstOrThrow();
    const timing = { cadence: "monthly" as const, dayOfMonth: 2, hour: 8, minute: 0 };
    expect(schedule.next_run_at.toISOString()).toBe(
      nextRunAfter(timing, clock, defaultTimeZone()).toISOString(),
    );

    // Nothing is due yet.
    expect(await runDueSchedules(deps())).toBe(0);

    // The app was down on the 2nd; when it is back, the run goes out — once, even with two processes.
    clock = new Date("2026-11-22T09:00:00Z");
    const runs = await Promise.all([
      runDueSchedules(deps()),
      runDueSchedules(deps()),
      runDueSchedules(deps()),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    // Each call returned after its mail was accepted; the app's own minute job may look too.
    const [mail] = await smtp.waitFor(1);
    await waitForQueueIdle(app.database.db, [JOB_REPORT_SCHEDULES]);
    expect(smtp.received).toHaveLength(1);

    const api = await fetch(`${app.baseUrl}/api/v1/reports?questionnaire=${questionnaireId}&period=2026-10`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const model = ((await api.json()) as { data: { headline: { score: number } } }).data;
    const score = formatScore(model.headline.score);
    expect(mail?.subject).toContain("2026年10月");
    expect(mail?.subject).toContain(score);
    expect(mail?.html).toContain(score);
    // mailparser turns the cid: references into data: URLs of the attached images
    expect(mail?.html).toMatch(/<img src="(cid:trend|data:image\/png;base64,[^"]+)" alt="趋势"/);
    // the HTML part (views/pages/report-email.hbs): in the schedule's language, styled inline, with
    // the dimension scores and a link to the full report; the plain-text part says the same
    expect(mail?.html).toContain('<html lang="zh-CN">');
    expect(mail?.html).not.toMatch(/<style|\sclass=/);
    expect(mail?.html).toContain("各维度得分");
    expect(mail?.html).toContain(">诚心</td>");
    expect(mail?.html).toMatch(
      /<a href="http:\/\/[^"]+\/admin\/reports\?questionnaire[^"]*"[^>]*>查看完整报告<\/a>/,
    );
    expect(mail?.text).toContain(`得分: ${score}`);
    expect(mail?.text).toContain(
      `${app.baseUrl}/admin/reports?questionnaire=${questionnaireId}&period=2026-10`,
    );
    const pdf = mail?.attachments.find((a) => a.contentType === "application/pdf");
    expect(pdf).toBeDefined();
    expect(await pdfText(pdf?.content as Buffer)).toContain(score);
    const images = mail?.attachments.filter((a) => a.contentType === "image/png") ?? [];
    expect(images.map((image) => image.cid).sort()).toEqual(["dimensions", "distribution", "trend"]);
    expect(images.every((image) => image.content.subarray(1, 4).toString() === "PNG")).toBe(true);

    // The schedule moved on; the snapshot keeps exactly what was sent.
    const after = await app.database.db.selectFrom("report_schedule").selectAll().executeTakeFirstOrThrow();
    expect(after.next_run_at.toISOString()).toBe(
      nextRunAfter(timing, new Date("2026-11-02T12:00:00Z"), defaultTimeZone()).toISOString(),
    );
    const snapshot = await app.database.db
      .selectFrom("report_snapshot")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(snapshot).toMatchObject({ status: "sent", period_key: "2026-10", subject: mail?.subject });
    expect(Buffer.compare(snapshot.pdf as Buffer, pdf?.content as Buffer)).toBe(0);
  });

  it("a snapshot is viewable later by management and never recomputed", async () => {
    const snapshot = await app.database.db
      .selectFrom("report_snapshot")
      .selectAll()
      .executeTakeFirstOrThrow();
    // More October answers arrive after the report was sent.
    for (let i = 0; i < 5; i += 1) await post("2026-10-30", 100 + i);
    clock = new Date("2026-11-22T10:00:00Z");
    const manager = new PageClient(app.baseUrl, { "accept-language": "zh-CN" });
    await manager.logIn("manager", "manyi-manager-demo");
    const list = await manager.get("/admin/report-schedules");
    expect(list.status).toBe(200);
    expect(list.text).toContain(`/admin/report-schedules/snapshots/${snapshot.id}`);
    expect(list.text).not.toContain("/admin/report-schedules/new");
    const page = await manager.get(`/admin/report-schedules/snapshots/${snapshot.id}`);
    expect(page.status).toBe(200);
    const email = await manager.get(`/admin/report-schedules/snapshots/${snapshot.id}/email.html`);
    expect(email.text).toBe(
      (snapshot.html_body as string).replace(
        /src="cid:([a-z]+)"/g,
        `src="/admin/report-schedules/snapshots/${snapshot.id}/images/$1.png"`,
      ),
    );
    const image = await manager.fetchRaw(`/admin/report-schedules/snapshots/${snapshot.id}/images/trend.png`);
    expect(image.headers.get("content-type")).toBe("image/png");
    const stored = await manager.fetchRaw(`/admin/report-schedules/snapshots/${snapshot.id}/report.pdf`);
    expect(Buffer.compare(Buffer.from(await stored.arrayBuffer()), snapshot.pdf as Buffer)).toBe(0);
    // Managers read schedules but do not change them.
    expect((await manager.post(`/admin/report-schedules/${snapshot.schedule_id}/delete`, {})).status).toBe(
      403,
    );
  });

  it("every run missed while the app was down is sent for its own month, none twice", async () => {
    const schedule = await app.database.db
      .selectFrom("report_schedule")
      .selectAll()
      .executeTakeFirstOrThrow();
    await app.database.db
      .updateTable("report_schedule")
      .set({ next_run_at: new Date("2026-09-02T08:00:00Z") })
      .where("id", "=", schedule.id)
      .execute();
    const before = smtp.received.length;
    // September's and October's runs are due (August and September reports); November's was sent already.
    expect(await runDueSchedules(deps())).toBe(2);
    await smtp.waitFor(before + 2);
    const periods = (
      await app.database.db.selectFrom("report_snapshot").select("period_key").orderBy("id").execute()
    ).map((row) => row.period_key);
    expect(periods).toEqual(["2026-10", "2026-08", "2026-09"]);
    expect(await runDueSchedules(deps())).toBe(0);
  });

  it("takes over at once a run whose process died half-way, and never one whose process is alive", async () => {
    const schedule = await app.database.db
      .selectFrom("report_schedule")
      .selectAll()
      .executeTakeFirstOrThrow();
    const half = (scheduledFor: string, claimedBy: string) =>
      app.database.db
        .insertInto("report_snapshot")
        .values({
          schedule_id: schedule.id,
          questionnaire_id: schedule.questionnaire_id,
          period_key: "2026-07",
          scheduled_for: new Date(scheduledFor),
          status: "sending",
          // claimed a moment ago: no lease has run out, only the process's presence decides
          claimed_at: clock,
          claimed_by: claimedBy,
          recipients: schedule.recipients,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    const orphaned = await half("2026-08-01T08:00:00Z", "a-process-that-was-killed");
    const alive = await half("2026-08-01T09:00:00Z", app.processId);
    const before = smtp.received.length;
    expect(await runDueSchedules(deps())).toBe(1);
    await smtp.waitFor(before + 1);
    const status = async (id: number) =>
      await app.database.db
        .selectFrom("report_snapshot")
        .select(["status", "attempts", "claimed_by"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    expect(await status(orphaned.id)).toEqual({ status: "sent", attempts: 2, claimed_by: app.processId });
    expect(await status(alive.id)).toEqual({ status: "sending", attempts: 1, claimed_by: app.processId });
    expect(await runDueSchedules(deps())).toBe(0);
  });
});
