import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "../../seeds/seed-demo.ts";
import { createStaffUser } from "../../src/accounts/staff-user.service.ts";
import { JOB_CASES } from "../../src/cases/case.jobs.ts";
import { openPendingCases } from "../../src/cases/case-opening.service.ts";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../helpers/smtp-server.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestDatabase } from "../helpers/test-database.ts";
import { waitUntil } from "../helpers/wait.ts";

// Issue 15, follow-up cases, through the API and the case job on a real PostgreSQL and a real SMTP
// server: a dissatisfied web response and a dissatisfied phone interview each open exactly one case,
// routed to the customer's manager; a satisfied or anonymous one opens none (by default); the steps are
// taken in order with the cause and the reply; overdue cases are escalated by e-mail; each role sees
// what it may.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field below
type Json = any;

let clock = new Date("2026-11-02T02:00:00Z");
let app: TestApp;
let smtp: TestSmtpServer;
const tokens: Record<string, string> = {};
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

async function api(who: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

async function respond(customerRef: string | null, level: (item: number) => number, mode = "web") {
  const answers: Record<string, unknown> = { recommend: 8 };
  ITEMS.forEach((key, index) => {
    answers[key] = LEVELS[level(index)];
  });
  const posted = await api("quality", "POST", "/responses", {
    questionnaireId: sancheng,
    answers,
    mode,
    ...(customerRef ? { customerRef } : {}),
  });
  expect(posted.status).toBe(201);
  return posted.body.data.id as number;
}

const casesOf = async (who: string, query = "status=all") => (await api(who, "GET", `/cases?${query}`)).body;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: () => clock, smtpUrl: smtp.url });
  const db = app.database.db;
  for (const row of await db
    .selectFrom("questionnaire_version")
    .select(["questionnaire_id", "definition"])
    .execute()) {
    const title = (row.definition as { title: { en: string } }).title.en;
    if (title.includes("三诚") || title.toLowerCase().includes("annual")) sancheng = row.questionnaire_id;
  }
  await createStaffUser(db, null, {
    username: "cm.li",
    displayName: "客户经理 李娜",
    role: "customer_manager",
    password: "manyi-cm-demo-2-long",
    email: "li@manyi.test",
  });
  await db
    .updateTable("staff_user")
    .set({ email: "zhang@manyi.test" })
    .where("username", "=", "cm.zhang")
    .execute();
  await db
    .updateTable("staff_user")
    .set({ email: "quality@manyi.test" })
    .where("username", "=", "quality")
    .execute();
  for (const who of ["quality", "manager", "cm.zhang", "cm.li"])
    tokens[who] = await createApiTokenThroughAdmin(app, who);
  const created = await api("quality", "POST", "/customers/bulk", [
    { externalRef: "F001", name: "跟进客户甲", phone: "13800000001", manager: "cm.zhang" },
    { externalRef: "F002", name: "跟进客户乙", phone: "13800000002", manager: "cm.zhang" },
    { externalRef: "F003", name: "跟进客户丙", phone: "13800000003" },
  ]);
  expect(created.body.data.failed).toBe(0);
}, 240_000);

afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe("rules open one case per dissatisfied response, off the submit path", () => {
  it("a dissatisfied web response and a dissatisfied phone interview each open exactly one case, for the customer's manager", async () => {
    const web = await respond("F001", (item) => (item === 6 || item === 7 ? 3 : 0));
    const phone = await respond("F002", (item) => (item === 0 ? 3 : 1), "phone");
    await respond("F003", () => 0); // very satisfied: no case
    await respond(null, () => 3); // anonymous: no case by default
    // the submit path opened nothing; the job (or a case page) does
    expect(await app.database.db.selectFrom("service_case").select("id").execute()).toHaveLength(0);
    // run the opening twice, concurrently: one case each, never two
    await Promise.all([
      openPendingCases(app.database.db, { now: () => clock, timeZone: "Asia/Shanghai" }),
      openPendingCases(app.database.db, { now: () => clock, timeZone: "Asia/Shanghai" }),
    ]);
    const list = await casesOf("quality");
    expect(list.total).toBe(2);
    const byResponse = new Map(
      (await app.database.db.selectFrom("service_case").select(["id", "response_id"]).execute()).map(
        (row) => [row.response_id, row.id],
      ),
    );
    const webCase = list.data.find((c: Json) => c.id === byResponse.get(web));
    expect(webCase.triggers).toEqual([
      { kind: "dissatisfied", itemKey: "speed" },
      { kind: "dissatisfied", itemKey: "resolution" },
    ]);
    expect(webCase.assignedTo.name).toBe("客户经理 张伟");
    expect(webCase.customer).toEqual({ ref: "F001", name: "跟进客户甲" });
    expect(webCase.status).toBe("open");
    // 48 hours to contact, 7 days to resolve, from the answer
    expect(new Date(webCase.contactDueAt).getTime() - clock.getTime()).toBe(48 * 3_600_000);
    const phoneCase = list.data.find((c: Json) => c.id === byResponse.get(phone));
    expect(phoneCase.triggers).toEqual([{ kind: "dissatisfied", itemKey: "attitude" }]);
  });

  it("a rule can open cases for anonymous respondents and low scores; they go to the quality queue with the worst item's department", async () => {
    await app.database.db
      .insertInto("case_rule")
      .values({ questionnaire_id: sancheng, anonymous: true, score_below: 85, on_dissatisfied: true })
      .execute();
    await respond(null, (item) => (item === 7 ? 3 : 2));
    await openPendingCases(app.database.db, { now: () => clock, timeZone: "Asia/Shanghai" });
    const queue = await casesOf("quality", "status=all&assignedTo=none");
    expect(queue.total).toBe(1);
    const [only] = queue.data;
    expect(only.customer).toBeNull();
    expect(only.department).toBe("理赔部");
    expect(only.triggers.map((t: Json) => t.kind)).toEqual(["dissatisfied", "score"]);
    await app.database.db.deleteFrom("case_rule").execute();
  });
});

describe("who sees what", () => {
  it("customer managers see their own cases; another manager's case is 404; management gets 403", async () => {
    const mine = await casesOf("cm.zhang");
    expect(mine.total).toBe(2);
    expect(mine.data.every((c: Json) => c.assignedTo?.name === "客户经理 张伟")).toBe(true);
    expect((await casesOf("cm.li")).total).toBe(0);
    const id = mine.data[0].id;
    expect((await api("cm.li", "GET", `/cases/${id}`)).status).toBe(404);
    expect((await api("manager", "GET", "/cases")).status).toBe(403);
    expect((await api("manager", "GET", `/cases/${id}`)).status).toBe(403);
    const read = await api("cm.zhang", "GET", `/cases/${id}`);
    expect(read.status).toBe(200);
    const audit = await app.database.db
      .selectFrom("audit_log")
      .select(["action", "target_id"])
      .where("action", "=", "case.viewed")
      .execute();
    expect(audit).toContainEqual({ action: "case.viewed", target_id: String(id) });
  });
});

describe("handling a case step by step", () => {
  it("contact, resolve with cause and reply, close; a skipped step, a missing reply, a future contact are refused", async () => {
    const [first] = (await casesOf("cm.zhang", "status=open&customer=F001")).data;
    const id = first.id;
    const causes = (await api("cm.zhang", "GET", "/cases/causes")).body.data;
    const claims = causes.find((group: Json) => group.name["zh-CN"] === "理赔");
    const speed = claims.causes.find((cause: Json) => cause.name["zh-CN"] === "时效");
    const skip = await api("cm.zhang", "POST", `/cases/${id}/status`, {
      status: "resolved",
      causeId: speed.id,
      reply: "y",
    });
    expect(skip.status).toBe(422);
    expect(skip.body.error.details.issues[0].field).toBe("status");
    const future = await api("cm.zhang", "POST", `/cases/${id}/contacts`, {
      channel: "phone",
      outcome: "reached",
      contactedAt: new Date(clock.getTime() + 86_400_000).toISOString(),
    });
    expect(future.status).toBe(422);
    // a time that is no time is refused at its field
    const garbled = await api("cm.zhang", "POST", `/cases/${id}/contacts`, {
      channel: "phone",
      outcome: "reached",
      contactedAt: "yesterday-ish",
    });
    expect(garbled.status).toBe(422);
    expect(garbled.body.error.details.issues[0].field).toBe("contactedAt");
    const unknown = await api("cm.zhang", "POST", `/cases/${id}/contacts`, {
      channel: "pigeon",
      outcome: "reached",
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details.issues[0].field).toBe("channel");
    const noAnswer = await api("cm.zhang", "POST", `/cases/${id}/contacts`, {
      channel: "phone",
      outcome: "no_answer",
      notes: "无人接听",
    });
    expect(noAnswer.status).toBe(201);
    expect(noAnswer.body.data.status).toBe("open");
    const reached = await api("cm.zhang", "POST", `/cases/${id}/contacts`, {
      channel: "phone",
      outcome: "reached",
      notes: "客户说明理赔款迟迟未到账",
    });
    expect(reached.body.data.status).toBe("contacted");
    const bare = await api("cm.zhang", "POST", `/cases/${id}/status`, {
      status: "resolved",
      fix: "加急处理",
    });
    expect(bare.status).toBe(422);
    expect(bare.body.error.details.issues.map((issue: Json) => issue.field)).toEqual(["causeId", "reply"]);
    // an area is not a cause; an unknown id neither
    for (const causeId of [claims.id, 987654]) {
      const wrong = await api("cm.zhang", "POST", `/cases/${id}/status`, {
        status: "resolved",
        causeId,
        reply: "y",
      });
      expect(wrong.status).toBe(422);
      expect(wrong.body.error.details.issues[0].field).toBe("causeId");
    }
    expect((await api("cm.zhang", "GET", `/cases/${id}`)).body.data.status).toBe("contacted");
    const resolved = await api("cm.zhang", "POST", `/cases/${id}/status`, {
      status: "resolved",
      causeId: speed.id,
      causeNotes: "赔款审核积压",
      fix: "加急处理，款项已到账",
      reply: "已致电客户说明原因并致歉",
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.data).toMatchObject({
      status: "resolved",
      cause: {
        id: speed.id,
        name: { "zh-CN": "时效", en: "Speed" },
        group: { "zh-CN": "理赔", en: "Claims" },
      },
      causeNotes: "赔款审核积压",
    });
    expect((await api("cm.zhang", "POST", `/cases/${id}/status`, { status: "closed" })).status).toBe(403);
    const closed = await api("quality", "POST", `/cases/${id}/status`, { status: "closed" });
    expect(closed.body.data.status).toBe("closed");
    const log = (await api("quality", "GET", `/cases/${id}`)).body.data.contacts;
    expect(log.map((entry: Json) => entry.outcome)).toEqual(["reached", "no_answer"]);
    expect(
      (await api("cm.zhang", "POST", `/cases/${id}/contacts`, { channel: "phone", outcome: "reached" }))
        .status,
    ).toBe(422);
  });

  it("a case whose calls go unanswered as often as the rule allows becomes 'could not reach'; a call that reaches them brings it back", async () => {
    await respond("F003", (item) => (item === 2 ? 3 : 0));
    const [open] = (await casesOf("quality", "status=open&customer=F003")).data;
    expect(open).toBeDefined();
    for (const attempt of [1, 2, 3]) {
      const logged = await api("quality", "POST", `/cases/${open.id}/contacts`, {
        channel: "phone",
        outcome: "no_answer",
      });
      expect(logged.status).toBe(201);
      // the default rule: three unanswered attempts
      expect(logged.body.data.status, `attempt ${attempt}`).toBe(attempt < 3 ? "open" : "unreachable");
    }
    const audit = await app.database.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "case.contact_logged")
      .where("target_id", "=", String(open.id))
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ outcome: "no_answer", to: "unreachable", unanswered: 3 });
    const reached = await api("quality", "POST", `/cases/${open.id}/contacts`, {
      channel: "phone",
      outcome: "reached",
    });
    expect(reached.body.data.status).toBe("contacted");
    // the list filters by a cause, or by an area's causes
    const causes = (await api("quality", "GET", "/cases/causes")).body.data;
    const service = causes.find((group: Json) => group.name["zh-CN"] === "服务");
    const attitude = service.causes.find((cause: Json) => cause.name["zh-CN"] === "态度");
    const resolved = await api("quality", "POST", `/cases/${open.id}/status`, {
      status: "resolved",
      causeId: attitude.id,
      reply: "已致歉",
    });
    expect(resolved.status).toBe(200);
    for (const cause of [attitude.id, service.id]) {
      const listed = (await casesOf("quality", `status=all&cause=${cause}`)).data.map((c: Json) => c.id);
      expect(listed).toEqual([open.id]);
    }
    expect((await casesOf("quality", "status=all&cause=abc")).error.code).toBeDefined();
  });

  it("quality staff reassign (to an active customer manager only), and the new assignee is told by e-mail", async () => {
    const [open] = (await casesOf("quality", "status=open&customer=F002")).data;
    const li = await app.database.db
      .selectFrom("staff_user")
      .select("id")
      .where("username", "=", "cm.li")
      .executeTakeFirstOrThrow();
    const manager = await app.database.db
      .selectFrom("staff_user")
      .select("id")
      .where("username", "=", "manager")
      .executeTakeFirstOrThrow();
    expect(
      (await api("quality", "POST", `/cases/${open.id}/assignee`, { assignedTo: manager.id })).status,
    ).toBe(422);
    expect((await api("cm.zhang", "POST", `/cases/${open.id}/assignee`, { assignedTo: li.id })).status).toBe(
      403,
    );
    const moved = await api("quality", "POST", `/cases/${open.id}/assignee`, { assignedTo: li.id });
    expect(moved.body.data.assignedTo.name).toBe("客户经理 李娜");
    expect((await casesOf("cm.li")).total).toBe(1);
    await app.jobs.send(JOB_CASES);
    await waitUntil("the reassignment e-mail", async () =>
      smtp.received.some((mail) => mail.to === "li@manyi.test"),
    );
    // the cases' first e-mails went to their first assignee when they were opened
    await waitUntil(
      "the opening e-mails",
      async () => smtp.received.filter((mail) => mail.to === "zhang@manyi.test").length === 2,
    );
    const notice = smtp.received.find((mail) => mail.to === "li@manyi.test");
    expect(notice?.subject).toBe(`跟进工单 #${open.id} 已转派给您：跟进客户乙 (F002)`);
    expect(notice?.text).toContain(`/admin/cases/${open.id}`);
  });
});

describe("escalation", () => {
  it("an overdue case is escalated once, by e-mail to its assignee and the quality team", async () => {
    const before = smtp.received.length;
    clock = new Date(clock.getTime() + 3 * 86_400_000); // past the 48 hours to contact
    await app.jobs.send(JOB_CASES);
    // F002's case (李娜's now): to her and to quality; the anonymous case in the queue: to quality
    const escalated = () => smtp.received.slice(before).filter((mail) => mail.subject.includes("已超时"));
    await waitUntil("the escalation e-mails", async () => escalated().length >= 3);
    const escalations = escalated();
    expect(escalations.map((mail) => mail.to).sort()).toEqual([
      "li@manyi.test",
      "quality@manyi.test",
      "quality@manyi.test",
    ]);
    const overdue = await casesOf("quality", "status=all&overdue=1");
    expect(overdue.data.every((c: Json) => c.overdue && c.escalatedAt)).toBe(true);
    // a second run sends nothing more about them
    const sent = smtp.received.length;
    await app.jobs.send(JOB_CASES);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.received.length).toBe(sent);
  });
});

describe("the demo year", () => {
  it("has a case for every demo response with a 不满意 answer of a known customer, handled as the year went", async () => {
    const database = await createTestDatabase();
    try {
      const now = new Date("2026-07-02T02:00:00Z");
      await seedDemoIfEmpty(database.db, now, { responses: true });
      const db = database.db;
      const dissatisfied = await db
        .selectFrom("answer as a")
        .innerJoin("response as r", "r.id", "a.response_id")
        .select((eb) => eb.fn.count<number>("r.id").distinct().as("n"))
        .where("a.text", "=", "dissatisfied")
        .where("r.customer_id", "is not", null)
        .executeTakeFirstOrThrow();
      const cases = await db
        .selectFrom("service_case")
        .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy("status")
        .execute();
      const byStatus = Object.fromEntries(cases.map((row) => [row.status, Number(row.n)]));
      const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
      expect(total).toBe(Number(dissatisfied.n));
      expect(total).toBeGreaterThan(100);
      for (const status of ["open", "contacted", "resolved", "closed"])
        expect(byStatus[status]).toBeGreaterThan(0);
      // closed cases carry their cause and reply; nothing is mailed about the past
      const bare = await db
        .selectFrom("service_case")
        .select("id")
        .where("status", "in", ["resolved", "closed"])
        .where((eb) => eb.or([eb("cause_id", "is", null), eb("reply", "is", null)]))
        .where(
          "id",
          "not in",
          db.selectFrom("case_contact").select("case_id").where("outcome", "=", "no_answer"),
        )
        .execute();
      expect(bare).toEqual([]);
      expect(await db.selectFrom("case_notice").select("id").execute()).toEqual([]);
      // every response was looked at by the rules
      expect(
        await db
          .selectFrom("response")
          .select("id")
          .where("case_checked", "=", false)
          .where("status", "=", "submitted")
          .execute(),
      ).toEqual([]);
    } finally {
      await database.drop();
    }
  }, 240_000);
});
