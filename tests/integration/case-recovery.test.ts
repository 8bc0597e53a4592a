import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_CASES } from "../../src/cases/case.jobs.ts";
import { dateTimeInputValue } from "../../src/cases/case-forms.ts";
import { JOB_DISPATCH } from "../../src/distribution/distribution.jobs.ts";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient } from "../helpers/http-client.ts";
import { causeIdOf, SANCHENG_ITEMS } from "../helpers/sancheng.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../helpers/smtp-server.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { waitUntil } from "../helpers/wait.ts";

// Issue 15, the recovery survey (跟进回访) on a real PostgreSQL and a real SMTP server: a resolved case's
// customer is e-mailed the rule's recovery questionnaire, answers it through the personal link, and
// the case records the answer, its score and whether the customer is recovered; a second case of the
// month is not surveyed again; a customer without e-mail is not sent one; the phone channel puts the
// customer on the handler's call list.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field below
type Json = any;

const clock = () => new Date(Date.now() - 60_000);
let app: TestApp;
let smtp: TestSmtpServer;
const tokens: Record<string, string> = {};
let sancheng: number;
let speed: number;
const ITEMS = SANCHENG_ITEMS;

async function api(who: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** A 三诚 response of the customer through the API, dissatisfied with the speed of claims. */
async function dissatisfied(customerRef: string) {
  const answers: Record<string, unknown> = { recommend: 6 };
  for (const key of ITEMS) answers[key] = key === "speed" ? "dissatisfied" : "satisfied";
  const posted = await api("quality", "POST", "/responses", {
    questionnaireId: sancheng,
    answers,
    customerRef,
  });
  expect(posted.status).toBe(201);
}

/** The customer's open case, handled: a call that reached them, then resolved with a cause and a reply. */
async function resolveCaseOf(customerRef: string) {
  const [open] = (await api("quality", "GET", `/cases?status=open&customer=${customerRef}`)).body.data;
  expect(open).toBeDefined();
  expect(
    (await api("quality", "POST", `/cases/${open.id}/contacts`, { channel: "phone", outcome: "reached" }))
      .status,
  ).toBe(201);
  const resolved = await api("quality", "POST", `/cases/${open.id}/status`, {
    status: "resolved",
    causeId: speed,
    reply: "已说明原因，赔款已加急支付",
  });
  expect(resolved.status).toBe(200);
  return resolved.body.data as Json;
}

async function signIn(username: string, password: string, locale: "zh-CN" | "en") {
  const client = new PageClient(app.baseUrl, { "accept-language": locale });
  expect((await client.logIn(username, password)).status).toBe(303);
  return client;
}

/** Answers the 三诚 questionnaire at a personal link, every item at `level`. */
async function answerAt(link: string, level: string) {
  const client = new PageClient(app.baseUrl, { "accept-language": "zh-CN,zh;q=0.9" });
  const path = new URL(link).pathname;
  expect((await client.get(path)).status).toBe(200);
  const pages = [
    ["attitude", "listening", "care"],
    ["promise", "transparency", "accuracy"],
    ["speed", "resolution", "channels"],
  ];
  for (const [index, keys] of pages.entries()) {
    const answers = Object.fromEntries(keys.map((key) => [`a.${key}`, level]));
    const sent = await client.post(path, { page: String(index), nav: "next", lang: "zh-CN", ...answers });
    expect(sent.status).toBe(303);
  }
  const last = await client.post(path, { page: "3", nav: "submit", lang: "zh-CN", "a.recommend": "9" });
  expect(last.status).toBe(303);
  expect(last.location).toContain("/thanks");
}

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: clock, smtpUrl: smtp.url, timeZone: "Asia/Shanghai" });
  const db = app.database.db;
  for (const row of await db
    .selectFrom("questionnaire_version")
    .select(["questionnaire_id", "definition"])
    .execute()) {
    const title = (row.definition as { title: { en: string } }).title.en;
    if (title.includes("三诚") || title.toLowerCase().includes("annual")) sancheng = row.questionnaire_id;
  }
  speed = await causeIdOf(db, "理赔 › 时效");
  for (const who of ["quality", "admin"]) tokens[who] = await createApiTokenThroughAdmin(app, who);
  const created = await api("quality", "POST", "/customers/bulk", [
    { externalRef: "R001", name: "回访客户甲", email: "jia@example.com" },
    { externalRef: "R002", name: "回访客户乙" },
    { externalRef: "R003", name: "回访客户丙", phone: "13800000003" },
  ]);
  expect(created.body.data.failed).toBe(0);
}, 240_000);

afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe("the recovery survey", () => {
  it("is refused for a questionnaire that is not published with satisfaction items", async () => {
    const quality = await signIn("quality", "manyi-quality-demo", "en");
    const refused = await quality.post(`/admin/cases/rules/${sancheng}`, {
      enabled: "on",
      onDissatisfied: "on",
      contactHours: "48",
      resolveDays: "7",
      recoveryQuestionnaireId: "987654",
      recoveryChannel: "email",
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(
      "The recovery questionnaire must be published and have satisfaction items",
    );
    const saved = await quality.post(`/admin/cases/rules/${sancheng}`, {
      enabled: "on",
      onDissatisfied: "on",
      contactHours: "48",
      resolveDays: "7",
      recoveryQuestionnaireId: String(sancheng),
      recoveryChannel: "email",
    });
    expect(saved.status).toBe(303);
  });

  it("e-mails a resolved case's customer, records the answer and counts them recovered", async () => {
    await dissatisfied("R001");
    const resolved = await resolveCaseOf("R001");
    expect(resolved.recovery).toMatchObject({ skipped: null, responseId: null, channel: "email" });
    expect(resolved.recovery.invitationId).toEqual(expect.any(Number));
    const before = smtp.received.length;
    await app.jobs.send(JOB_DISPATCH);
    const mails = await smtp.waitFor(before + 1);
    const mail = mails.slice(before).find((m) => m.to === "jia@example.com");
    expect(mail?.subject).toBe("回访客户甲，您反馈的问题是否已经解决？");
    const link = /https?:\/\/\S+\/s\/\S+/.exec(mail?.text ?? "")?.[0];
    expect(link).toBeDefined();
    // the standing wave of the month is listed with the others, and adds no one when launched again
    const wave = await app.database.db
      .selectFrom("wave")
      .select(["id", "name", "standing_key", "audience"])
      .where("standing_key", "like", "recovery:%")
      .executeTakeFirstOrThrow();
    expect(wave.audience).toEqual({ kind: "individual" });
    expect(wave.name).toMatch(/^跟进回访（邮件）\d{4}-\d{2}$/);
    await answerAt(link as string, "satisfied");
    await app.jobs.send(JOB_CASES);
    const answered = await waitUntil("the recovery answer on the case", async () => {
      const detail = (await api("quality", "GET", `/cases/${resolved.id}`)).body.data;
      return detail.recovery.responseId === null ? undefined : detail;
    });
    expect(answered.recovery).toMatchObject({ score: 90, recovered: true });
    const invitations = await app.database.db
      .selectFrom("invitation")
      .select("id")
      .where("wave_id", "=", wave.id)
      .execute();
    expect(invitations).toHaveLength(1);
    // the case's page says so, with a link to the answer
    const quality = await signIn("quality", "manyi-quality-demo", "zh-CN");
    const page = await quality.get(`/admin/cases/${resolved.id}`);
    expect(page.text).toContain("客户已回答回访问卷，得分 90.0。");
    expect(page.text).toContain("已挽回");
  });

  it("does not survey a customer twice in a month, nor one without an e-mail address", async () => {
    await dissatisfied("R001");
    const again = await resolveCaseOf("R001");
    expect(again.recovery).toMatchObject({ invitationId: null, skipped: "surveyed" });
    await dissatisfied("R002");
    const noEmail = await resolveCaseOf("R002");
    expect(noEmail.recovery).toMatchObject({ invitationId: null, skipped: "no_email" });
    const quality = await signIn("quality", "manyi-quality-demo", "en");
    expect((await quality.get(`/admin/cases/${noEmail.id}`)).text).toContain(
      "The customer has no usable e-mail address (or opted out): no recovery survey went out.",
    );
  });

  it("by phone, puts the customer on the call list of who resolved the case", async () => {
    const quality = await signIn("quality", "manyi-quality-demo", "zh-CN");
    const saved = await quality.post(`/admin/cases/rules/${sancheng}`, {
      enabled: "on",
      onDissatisfied: "on",
      contactHours: "48",
      resolveDays: "7",
      recoveryQuestionnaireId: String(sancheng),
      recoveryChannel: "phone",
    });
    expect(saved.status).toBe(303);
    await dissatisfied("R003");
    // a contact's time without an offset is the organisation's wall time (Shanghai), not the server's
    const hourAgo = new Date(Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000);
    const [open] = (await api("quality", "GET", "/cases?status=open&customer=R003")).body.data;
    const wall = await api("quality", "POST", `/cases/${open.id}/contacts`, {
      channel: "phone",
      outcome: "no_answer",
      contactedAt: dateTimeInputValue(hourAgo, "Asia/Shanghai"),
    });
    expect(wall.status).toBe(201);
    const detail = (await api("quality", "GET", `/cases/${open.id}`)).body.data;
    expect(new Date(detail.contacts[0].contactedAt).toISOString()).toBe(hourAgo.toISOString());
    const resolved = await resolveCaseOf("R003");
    expect(resolved.recovery).toMatchObject({ channel: "staff", skipped: null });
    const calls = await quality.get("/admin/calls");
    expect(calls.text).toContain("回访客户丙");
    expect(calls.text).toContain("跟进回访（电话）");
    expect((await quality.get(`/admin/cases/${resolved.id}`)).text).toContain("回访清单");
  });
});
