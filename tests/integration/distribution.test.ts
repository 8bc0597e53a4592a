import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findStaffUserById } from "../../src/accounts/staff-user.repository.ts";
import { JOB_DISPATCH, JOB_LAUNCH, JOB_REMINDERS } from "../../src/distribution/distribution.jobs.ts";
import { launchWave } from "../../src/distribution/wave.service.ts";
import type { JobQueue } from "../../src/jobs/job-queue.ts";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient } from "../helpers/http-client.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../helpers/smtp-server.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { waitForQueueIdle } from "../helpers/wait.ts";

let smtp: TestSmtpServer;
let app: TestApp;
let quality: PageClient;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ smtpUrl: smtp.url });
  quality = new PageClient(app.baseUrl, { "accept-language": "en" });
  await quality.logIn("quality", "manyi-quality-demo");
  // Beside the four demo customers (with addresses): one who opted out, one without an address.
  await db()
    .insertInto("customer")
    .values([
      {
        external_ref: "OUT1",
        name: "退订客户",
        email: "out@example.com",
        opted_out_at: new Date(),
        opt_out_source: "phone",
      },
      { external_ref: "NOMAIL", name: "无邮箱客户" },
    ])
    .execute();
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const db = () => app.database.db;
/** The jobs that can lead to a mail: until they are all done, "no further mail" is not yet known. */
const DISTRIBUTION_QUEUES = [JOB_LAUNCH, JOB_DISPATCH, JOB_REMINDERS];

let apiToken: string | undefined;
/** The JSON API as the quality user. */
async function api(method: string, path: string, body?: unknown) {
  apiToken ??= await createApiTokenThroughAdmin(app, "quality");
  return fetch(`${app.baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${apiToken}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
const sanchengId = async () =>
  (
    await db()
      .selectFrom("wave")
      .select("questionnaire_id")
      .where("slug", "=", "sancheng-2026")
      .executeTakeFirstOrThrow()
  ).questionnaire_id;

async function waitUntil<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const linkIn = (text: string) => {
  const match = /http:\/\/127\.0\.0\.1:\d+(\/s\/[\w-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no personal link in: ${text}`);
  return match[1];
};

// the respondent form's fields are "a.<item key>"
const SANCHENG_ANSWERS = {
  "a.attitude": "very_satisfied",
  "a.listening": "satisfied",
  "a.care": "satisfied",
  "a.promise": "very_satisfied",
  "a.transparency": "satisfied",
  "a.accuracy": "very_satisfied",
  "a.speed": "basically_satisfied",
  "a.resolution": "satisfied",
  "a.channels": "satisfied",
  "a.recommend": "9",
};

describe("an email wave", () => {
  let waveId: number;

  it("is created in the console, with errors at the fields for a bad form", async () => {
    await quality.get("/admin/waves/new");
    const bad = await quality.post("/admin/waves", {
      name: "",
      questionnaireId: String(await sanchengId()),
      channel: "email",
      audience: "all",
      body_zh: "请填写 {{link}}，{{nmae}}",
      body_en: "No link here",
      reminderDays: "3",
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("give the wave a name");
    expect(bad.text).toContain("unknown merge field {{nmae}}");
    expect(bad.text).toContain("the message must contain {{link}}");
    expect(await db().selectFrom("wave").select("id").where("channel", "=", "email").execute()).toHaveLength(
      0,
    );

    const created = await quality.post("/admin/waves", {
      name: "2026 年末满意度调查",
      questionnaireId: String(await sanchengId()),
      channel: "email",
      audience: "all",
      defaultLocale: "zh-CN",
      subject_zh: "{{name}}，请为我们的服务打分",
      body_zh: "尊敬的{{name}}：\n\n请点击 {{link}} 填写问卷，{{closeDate}} 截止。",
      reminderDays: "3",
    });
    expect(created.status).toBe(303);
    waveId = Number(/\/admin\/waves\/(\d+)/.exec(created.location ?? "")?.[1]);
    const page = await quality.get(`/admin/waves/${waveId}`);
    // the preview is in the wave's language, as most customers will read it
    expect(page.text).toContain("李女士，请为我们的服务打分");
  });

  it("sends one message per customer with an address, none to the opted-out, with a working personal link", async () => {
    await quality.get(`/admin/waves/${waveId}`);
    expect((await quality.post(`/admin/waves/${waveId}/launch`, {})).status).toBe(303);
    const mails = await smtp.waitFor(4);
    await waitForQueueIdle(db(), DISTRIBUTION_QUEUES);
    expect(smtp.received.map((m) => m.to).sort()).toEqual([
      "chen.jing@example.com",
      "liu.yang@example.com",
      "service@huadong-logistics.example.com",
      "zhao.min@example.com",
    ]);
    const toChen = mails.find((m) => m.to === "chen.jing@example.com");
    expect(toChen?.subject).toBe("陈静，请为我们的服务打分");
    expect(toChen?.text).toContain("尊敬的陈静");
    expect(String(toChen?.header("list-unsubscribe"))).toMatch(/\/u\/[\w-]+/);
    const counters = await waitUntil(async () => {
      const c = (await (await quality.fetchRaw(`/admin/waves/${waveId}/counters`)).json()) as {
        data: Record<string, number>;
      };
      return c.data.sent === 4 && c.data;
    });
    // the opted-out customer is not invited at all; the one without address is invited but not sent
    expect(counters).toMatchObject({ invited: 5, sent: 4, failed: 0, completed: 0 });

    // Chen answers through her link in a fresh browser: one page, submitted.
    const customer = new PageClient(app.baseUrl);
    const link = linkIn(toChen?.text ?? "");
    const first = await customer.get(link);
    expect(first.status).toBe(200);
    expect(first.text).toContain("<form");
    // four pages (三诚: 诚心, 诚信, 诚行, overall)
    let response = first;
    for (let page = 0; page < 4; page++) {
      response = await customer.post(link, {
        page: String(page),
        nav: page === 3 ? "submit" : "next",
        ...SANCHENG_ANSWERS,
      });
      expect(response.status).toBe(303);
    }
    expect(response.location).toContain(`${link}/thanks`);
    const again = await customer.get(link);
    expect(again.text).toMatch(/already|已经/);
    const stored = await db()
      .selectFrom("response")
      .innerJoin("customer", "customer.id", "response.customer_id")
      .select(["response.mode", "response.status", "customer.external_ref"])
      .where("response.wave_id", "=", waveId)
      .execute();
    expect(stored).toEqual([{ mode: "email", status: "submitted", external_ref: "C0001" }]);
    const after = (await (await quality.fetchRaw(`/admin/waves/${waveId}/counters`)).json()) as {
      data: Record<string, number>;
    };
    expect(after.data).toMatchObject({ opened: 1, started: 1, completed: 1 });
  });

  it("reminds only those who have not answered and have not opted out", async () => {
    // Liu unsubscribes with the one-click header link (no form token, as a mail client does it).
    const toLiu = smtp.received.find((m) => m.to === "liu.yang@example.com");
    const unsubscribe = /<(http[^>]+)>/.exec(String(toLiu?.header("list-unsubscribe")))?.[1] ?? "";
    const oneClick = await fetch(unsubscribe, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    // Three days pass.
    await db()
      .updateTable("invitation")
      .set({ first_sent_at: new Date(Date.now() - 3.1 * 86_400_000) })
      .where("wave_id", "=", waveId)
      .execute();
    const before = smtp.received.length;
    await app.jobs.send(JOB_REMINDERS);
    await smtp.waitFor(before + 2);
    await waitForQueueIdle(db(), DISTRIBUTION_QUEUES);
    const reminders = smtp.received.slice(before);
    expect(reminders.map((m) => m.to).sort()).toEqual([
      "service@huadong-logistics.example.com",
      "zhao.min@example.com",
    ]);
    expect(reminders[0]?.subject).toMatch(/提醒/);
    const liu = await db()
      .selectFrom("customer")
      .select(["opted_out_at", "opt_out_source"])
      .where("external_ref", "=", "C0002")
      .executeTakeFirstOrThrow();
    expect(liu.opt_out_source).toBe("unsubscribe_link");
    // a second run sends nothing more (one reminder configured)
    await app.jobs.send(JOB_REMINDERS);
    await waitForQueueIdle(db(), DISTRIBUTION_QUEUES);
    expect(smtp.received.length).toBe(before + 2);
  });
});

describe("launching a wave", () => {
  it("stores the launch job in the launch's own transaction: a job the queue refuses leaves the wave unsent", async () => {
    const created = await api("POST", "/waves", {
      name: "launch atomically",
      questionnaireId: await sanchengId(),
      channel: "email",
    });
    const { data } = (await created.json()) as { data: { id: number } };
    const quality_ = await db()
      .selectFrom("staff_user")
      .select("id")
      .where("username", "=", "quality")
      .executeTakeFirstOrThrow();
    const user = await findStaffUserById(db(), quality_.id);
    if (!user) throw new Error("no quality user");
    const actor = { user, ip: "127.0.0.1" };
    // the one stand-in: a queue that refuses to store the job, as a database error or a crash would
    const refusing: JobQueue = {
      send: async () => {
        throw new Error("the queue refused the job");
      },
      stop: async () => {},
    };
    await expect(launchWave(db(), refusing, actor, data.id, new Date())).rejects.toThrow("refused");
    const wave = () =>
      db().selectFrom("wave").select("launched_at").where("id", "=", data.id).executeTakeFirstOrThrow();
    expect((await wave()).launched_at).toBeNull();
    const audited = await db()
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "wave.launched")
      .where("target_id", "=", String(data.id))
      .execute();
    expect(audited).toHaveLength(0);

    await launchWave(db(), app.jobs, actor, data.id, new Date());
    expect((await wave()).launched_at).toBeInstanceOf(Date);
    await waitUntil(async () => {
      const invited = await db()
        .selectFrom("invitation")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("wave_id", "=", data.id)
        .executeTakeFirstOrThrow();
      return Number(invited.n) > 0;
    });
    // its messages all go out before the next test counts what arrives
    await waitForQueueIdle(db(), DISTRIBUTION_QUEUES);
  });
});

describe("an anonymous wave", () => {
  it("records that the customer answered without linking the answers to them; a closed wave's link says so", async () => {
    const created = await api("POST", "/waves", {
      name: "anonymous wave",
      questionnaireId: await sanchengId(),
      channel: "email",
      anonymous: true,
    });
    const { data } = (await created.json()) as { data: { id: number } };
    const before = smtp.received.length;
    expect((await api("POST", `/waves/${data.id}/send`)).status).toBe(202);
    await smtp.waitFor(before + 1);
    const mail = await waitUntil(async () =>
      smtp.received.slice(before).find((m) => m.to === "zhao.min@example.com"),
    );
    const link = linkIn(mail.text);
    const customer = new PageClient(app.baseUrl);
    await customer.get(link);
    for (let page = 0; page < 4; page++) {
      const response = await customer.post(link, {
        page: String(page),
        nav: page === 3 ? "submit" : "next",
        ...SANCHENG_ANSWERS,
      });
      expect(response.status).toBe(303);
    }
    const invitation = await db()
      .selectFrom("invitation")
      .innerJoin("customer", "customer.id", "invitation.customer_id")
      .select(["invitation.completed_at", "invitation.response_id"])
      .where("invitation.wave_id", "=", data.id)
      .where("customer.external_ref", "=", "C0004")
      .executeTakeFirstOrThrow();
    expect(invitation.completed_at).not.toBeNull();
    expect(invitation.response_id).toBeNull();
    const responses = await db()
      .selectFrom("response")
      .select(["customer_id", "customer_ref", "status"])
      .where("wave_id", "=", data.id)
      .execute();
    expect(responses).toEqual([{ customer_id: null, customer_ref: null, status: "submitted" }]);

    // Once the wave closes, its links show a friendly "closed" page.
    await db()
      .updateTable("wave")
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where("id", "=", data.id)
      .execute();
    const closed = await new PageClient(app.baseUrl).get(link);
    expect(closed.status).toBe(410);
  });

  it("sends a test of the message to the staff member's own address", async () => {
    await db()
      .updateTable("staff_user")
      .set({ email: "wang.fang@manyi.test" })
      .where("username", "=", "quality")
      .execute();
    const waves = (await (await api("GET", "/waves")).json()) as { data: { id: number }[] };
    const waveId = waves.data[0]?.id;
    await quality.get(`/admin/waves/${waveId}`);
    const before = smtp.received.length;
    const sent = await quality.post(`/admin/waves/${waveId}/test`, { locale: "en", kind: "invitation" });
    expect(sent.status).toBe(303);
    const [test] = await smtp.waitFor(before + 1).then((all) => all.slice(before));
    expect(test?.to).toBe("wang.fang@manyi.test");
    expect(test?.subject).toMatch(/^\[TEST\] /);
    // the notice names the address (it once showed a bare "{email}")
    const notice = await quality.get(`/admin/waves/${waveId}`);
    expect(notice.text).toContain("A test message went to wang.fang@manyi.test.");
    expect(notice.text).not.toContain("{email}");
  });
});

describe("an open-link wave", () => {
  it("is shown taking answers, with its responses, and offers nothing to send", async () => {
    const web = await app.database.db
      .selectFrom("wave")
      .select(["id", "slug", "questionnaire_version_id"])
      .where("channel", "=", "web")
      .where("closes_at", "is", null)
      .executeTakeFirstOrThrow();
    // two responses through the link, one of them a staff test (left out of the figure)
    await app.database.db
      .insertInto("response")
      .values(
        [false, false, true].map((isTest) => ({
          wave_id: web.id,
          questionnaire_version_id: web.questionnaire_version_id,
          mode: "web" as const,
          status: "submitted" as const,
          is_test: isTest,
          submitted_at: new Date(),
        })),
      )
      .execute();
    const page = await quality.get(`/admin/waves/${web.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Taking answers");
    expect(page.text).not.toContain(`action="/admin/waves/${web.id}/launch"`);
    expect(page.text).toContain(`href="/admin/responses?wave=${web.id}"`);
    expect(page.text).not.toContain("data-live=");
    // its figure is the number of responses it took (was printed as "true")
    const taken = await app.database.db
      .selectFrom("response")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("wave_id", "=", web.id)
      .where("status", "=", "submitted")
      .where("is_test", "=", false)
      .executeTakeFirstOrThrow();
    expect(Number(taken.n)).toBeGreaterThanOrEqual(2);
    expect(page.text).toContain(`<span class="figure-value">${Number(taken.n)}</span>`);
    const list = await quality.get("/admin/waves?pageSize=100");
    const row = list.text.slice(list.text.indexOf(`href="/admin/waves/${web.id}"`));
    expect(row.slice(0, row.indexOf("</tr>"))).toContain("Taking answers");
  });
});

describe("an SMTP server that refuses", () => {
  it("makes messages wait and retry on a temporary error, and marks a permanent refusal failed", async () => {
    const post = (path: string, body?: unknown) => api("POST", path, body);
    const created = await post("/waves", {
      name: "retry wave",
      questionnaireId: await sanchengId(),
      channel: "email",
    });
    const { data } = (await created.json()) as { data: { id: number } };
    smtp.refuse(451);
    const before = smtp.received.length;
    expect((await post(`/waves/${data.id}/send`)).status).toBe(202);
    const waiting = await waitUntil(async () => {
      const rows = await db()
        .selectFrom("invitation")
        .select(["status", "attempts", "last_error"])
        .where("wave_id", "=", data.id)
        .where("attempts", ">", 0)
        .execute();
      return rows.length === 3 && rows;
    });
    expect(
      waiting.every((row) => row.status === "queued" && /try again later/.test(row.last_error ?? "")),
    ).toBe(true);
    expect(smtp.received.length).toBe(before);
    // The server answers again, except for one mailbox that does not exist.
    smtp.refuse(550, "zhao.min@example.com");
    await app.jobs.send(JOB_DISPATCH);
    await smtp.waitFor(before + 2);
    const final = await waitUntil(async () => {
      const rows = await db()
        .selectFrom("invitation")
        .innerJoin("customer", "customer.id", "invitation.customer_id")
        .select(["customer.external_ref", "invitation.status", "invitation.last_error"])
        .where("wave_id", "=", data.id)
        .where("invitation.status", "in", ["sent", "failed"])
        .orderBy("customer.external_ref")
        .execute();
      return rows.length === 3 && rows;
    });
    expect(final.map((row) => [row.external_ref, row.status])).toEqual([
      ["C0001", "sent"],
      ["C0003", "sent"],
      ["C0004", "failed"],
    ]);
    expect(final[2]?.last_error).toMatch(/no such mailbox/);
    smtp.refuse(null);
    // the refusal is shown: on the wave's page with the server's answer, and in the API
    const page = await quality.get(`/admin/waves/${data.id}`);
    expect(page.text).toContain("Messages that were not delivered");
    const row = page.text.slice(page.text.lastIndexOf("<tr>", page.text.indexOf("zhao.min@example.com")));
    expect(row.slice(0, row.indexOf("</tr>"))).toMatch(
      /C0004[\s\S]*zhao\.min@example\.com[\s\S]*no such mailbox/,
    );
    const undelivered = (await (await api("GET", `/waves/${data.id}/undelivered`)).json()) as {
      data: { customerRef: string; email: string; lastError: string }[];
      total: number;
    };
    expect(undelivered.data.map((m) => [m.customerRef, m.email])).toEqual([
      ["C0004", "zhao.min@example.com"],
    ]);
    expect(undelivered.data[0]?.lastError).toMatch(/550.*no such mailbox/);
    expect(undelivered.total).toBe(1);
    // and on the customer's own messages page, linked from the customer's page
    const zhao = await db()
      .selectFrom("customer")
      .select("id")
      .where("external_ref", "=", "C0004")
      .executeTakeFirstOrThrow();
    const customerPage = await quality.get(`/admin/customers/${zhao.id}`);
    expect(customerPage.text).toContain(`href="/admin/customers/${zhao.id}/messages"`);
    const messages = await quality.get(`/admin/customers/${zhao.id}/messages`);
    expect(messages.status).toBe(200);
    const failedRow = messages.text.slice(messages.text.indexOf("retry wave"));
    expect(failedRow.slice(0, failedRow.indexOf("</tr>"))).toMatch(/not delivered[\s\S]*no such mailbox/);
  });
});

describe("a message waiting long for its retry", () => {
  it("does not hold back the next wave: its launch and the minute schedule still send at once", async () => {
    const post = (path: string, body?: unknown) => api("POST", path, body);
    const newWave = async (name: string) => {
      const created = await post("/waves", { name, questionnaireId: await sanchengId(), channel: "email" });
      return ((await created.json()) as { data: { id: number } }).data.id;
    };
    const stuck = await newWave("stuck wave");
    const zhao = await db()
      .selectFrom("customer")
      .select("id")
      .where("external_ref", "=", "C0004")
      .executeTakeFirstOrThrow();
    smtp.refuse(451, "zhao.min@example.com");
    expect((await post(`/waves/${stuck}/send`)).status).toBe(202);
    await waitUntil(async () => {
      const rows = await db()
        .selectFrom("invitation")
        .select("status")
        .where("wave_id", "=", stuck)
        .where((eb) => eb.or([eb("status", "=", "sent"), eb("attempts", ">", 0)]))
        .execute();
      return rows.length === 3;
    });
    // Zhao's message has failed six times already: its next retry waits 2^6 = 64 seconds.
    await db()
      .updateTable("invitation")
      .set({ attempts: 6, next_attempt_at: new Date(0) })
      .where("wave_id", "=", stuck)
      .where("customer_id", "=", zhao.id)
      .execute();
    await app.jobs.send(JOB_DISPATCH);
    await waitUntil(async () => {
      const row = await db()
        .selectFrom("invitation")
        .select("attempts")
        .where("wave_id", "=", stuck)
        .where("customer_id", "=", zhao.id)
        .executeTakeFirstOrThrow();
      return row.attempts === 7;
    });
    const before = smtp.received.length;
    const next = await newWave("next wave");
    expect((await post(`/waves/${next}/send`)).status).toBe(202);
    // the two customers whose mailbox answers get theirs now, not after Zhao's retry
    await smtp.waitFor(before + 2, 20_000);
    // Tidy up for the tests below: Zhao's two messages give up, and so do the runs waiting for them.
    await waitUntil(async () => {
      const sending = await db()
        .selectFrom("invitation")
        .select("id")
        .where("wave_id", "in", [stuck, next])
        .where((eb) =>
          eb.or([eb("status", "=", "sending"), eb("attempts", "=", 0).and("status", "=", "queued")]),
        )
        .execute();
      return sending.length === 0;
    });
    await db()
      .updateTable("invitation")
      .set({ status: "cancelled" })
      .where("wave_id", "in", [stuck, next])
      .where("status", "=", "queued")
      .execute();
    await sql`delete from pgboss.job where name = ${JOB_DISPATCH} and state = 'created'`.execute(db());
    smtp.refuse(null);
    await waitForQueueIdle(db(), DISTRIBUTION_QUEUES);
  });
});

describe("the waves API", () => {
  it("creates a wave, sends it and reads its status; bad input gets 422 naming the field", async () => {
    const call = api;
    const bad = await call("POST", "/waves", {
      name: "x",
      questionnaireId: await sanchengId(),
      channel: "fax",
    });
    expect(bad.status).toBe(422);
    const envelope = (await bad.json()) as { error: { details: { issues: { field: string }[] } } };
    expect(envelope.error.details.issues.map((i) => i.field)).toContain("channel");

    const before = smtp.received.length;
    const created = await call("POST", "/waves", {
      name: "API wave",
      questionnaireId: await sanchengId(),
      channel: "email",
      defaultLocale: "en",
    });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { id: number } };
    const sent = await call("POST", `/waves/${data.id}/send`);
    expect(sent.status).toBe(202);
    expect((await call("POST", `/waves/${data.id}/send`)).status).toBe(409);
    // Liu opted out above: three customers left with an address
    await smtp.waitFor(before + 3);
    const status = await waitUntil(async () => {
      const body = (await (await call("GET", `/waves/${data.id}`)).json()) as {
        data: { counters: { sent: number; invited: number } };
      };
      return body.data.counters.sent === 3 && body.data;
    });
    expect(status.counters.invited).toBe(4);
    expect(smtp.received.slice(before).every((m) => m.subject.includes("how did we do"))).toBe(true);
  });

  it("sends to a saved segment only, and refuses an unknown segment", async () => {
    const call = api;
    const segment = await db()
      .insertInto("segment")
      .values({ name: "企业客户", filter: JSON.stringify({ customerTypes: ["business"] }) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const created = await call("POST", "/waves", {
      name: "business wave",
      questionnaireId: await sanchengId(),
      channel: "email",
      audience: { kind: "segment", id: segment.id },
    });
    const { data } = (await created.json()) as { data: { id: number } };
    const before = smtp.received.length;
    expect((await call("POST", `/waves/${data.id}/send`)).status).toBe(202);
    await smtp.waitFor(before + 1);
    await waitForQueueIdle(db(), DISTRIBUTION_QUEUES);
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual(["service@huadong-logistics.example.com"]);

    // a segment or list that does not exist is refused when the wave is made, at the field
    for (const kind of ["segment", "list"] as const) {
      const unknown = await call("POST", "/waves", {
        name: `no such ${kind}`,
        questionnaireId: await sanchengId(),
        channel: "email",
        audience: { kind, id: 999_999 },
      });
      expect(unknown.status).toBe(422);
      const body = (await unknown.json()) as {
        error: { details: { issues: { field: string; message: string }[] } };
      };
      expect(body.error.details.issues).toEqual([
        {
          field: "audience.id",
          message:
            kind === "segment"
              ? "there is no such segment; choose one from the list"
              : "there is no such customer list; choose one from the list",
        },
      ]);
    }
    await quality.get("/admin/waves/new");
    const form = await quality.post("/admin/waves", {
      name: "form wave",
      questionnaireId: String(await sanchengId()),
      channel: "email",
      audience: "segment:999999",
    });
    expect(form.status).toBe(422);
    expect(form.text).toContain("there is no such segment");
    expect(
      await db()
        .selectFrom("wave")
        .select("id")
        .where("name", "in", ["form wave", "no such segment"])
        .execute(),
    ).toEqual([]);

    // and one deleted after the wave was made is refused when it is sent, leaving the wave unsent
    const doomed = await db()
      .insertInto("segment")
      .values({ name: "doomed", filter: JSON.stringify({ customerTypes: ["business"] }) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const orphan = await call("POST", "/waves", {
      name: "orphan wave",
      questionnaireId: await sanchengId(),
      channel: "email",
      audience: { kind: "segment", id: doomed.id },
    });
    const orphanId = ((await orphan.json()) as { data: { id: number } }).data.id;
    await db().deleteFrom("segment").where("id", "=", doomed.id).execute();
    const refused = await call("POST", `/waves/${orphanId}/send`);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      "has been deleted",
    );
    const unsent = await db()
      .selectFrom("wave")
      .select("launched_at")
      .where("id", "=", orphanId)
      .executeTakeFirstOrThrow();
    expect(unsent.launched_at).toBe(null);
  });
});
