import type { Kysely } from "kysely";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DEPARTMENTS } from "../../seeds/demo-departments.ts";
import { seedDemoIfEmpty } from "../../seeds/seed-demo.ts";
import { createStaffUser, setStaffUserDisabled } from "../../src/accounts/staff-user.service.ts";
import { JOB_CASES } from "../../src/cases/case.jobs.ts";
import { openPendingCases } from "../../src/cases/case-opening.service.ts";
import { migrateDownOne, migrateToLatest } from "../../src/db/migrate.ts";
import { MIGRATIONS } from "../../src/db/migrations/index.ts";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient, type PageResponse } from "../helpers/http-client.ts";
import { SANCHENG_ITEMS } from "../helpers/sancheng.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../helpers/smtp-server.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestDatabase } from "../helpers/test-database.ts";
import { waitUntil } from "../helpers/wait.ts";

// Issue 15, departments become records (部门): the console pages and their validation, the migration
// that makes a department of every text items and cases named, a follow-up case routed to a department
// seen and handled by its members (whatever their role) and no other customer manager, the department's
// mailbox told of the new case and its head of the overdue one (real SMTP), and the names shown in the
// viewer's language where the code used to be.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field below
type Json = any;

let clock = new Date("2026-11-02T02:00:00Z");
let app: TestApp;
let smtp: TestSmtpServer;
let admin: PageClient;
const tokens: Record<string, string> = {};
let sancheng: number;
const ids: Record<string, number> = {};
const ITEMS = SANCHENG_ITEMS;
const LEVELS = ["very_satisfied", "satisfied", "basically_satisfied", "dissatisfied"];

async function api(who: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** Posts a form whose fields may repeat (the members' checkboxes), with the page's CSRF token. */
function postForm(client: PageClient, path: string, fields: [string, string][]): Promise<PageResponse> {
  const body = new URLSearchParams([["_csrf", client.csrfToken ?? ""], ...fields]);
  return client.request("POST", path, body.toString(), "application/x-www-form-urlencoded");
}

const departments = (db: Kysely<Json>) =>
  db
    .selectFrom("department")
    .select(["code", "name_zh", "name_en", "email", "active"])
    .orderBy("code")
    .execute();

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
  const people = [
    { username: "cm.li", displayName: "客户经理 李娜", role: "customer_manager", email: "li@manyi.test" },
    { username: "head.wu", displayName: "理赔部 吴强", role: "customer_manager", email: "wu@manyi.test" },
    { username: "gone.zhao", displayName: "赵离职", role: "quality", email: null },
  ] as const;
  for (const person of people)
    ids[person.username] = (await createStaffUser(db, null, { ...person, password: "a-long-password-1" })).id;
  for (const username of ["admin", "quality", "manager", "cm.zhang"])
    ids[username] = (
      await db
        .selectFrom("staff_user")
        .select("id")
        .where("username", "=", username)
        .executeTakeFirstOrThrow()
    ).id;
  await db
    .updateTable("staff_user")
    .set({ email: "quality@manyi.test" })
    .where("username", "=", "quality")
    .execute();
  const adminUser = { user: { id: ids.admin, username: "admin" } as Json, ip: null };
  await setStaffUserDisabled(db, adminUser, ids["gone.zhao"] as number, true);
  for (const who of ["quality", "manager", "cm.zhang", "cm.li"])
    tokens[who] = await createApiTokenThroughAdmin(app, who);
  admin = new PageClient(app.baseUrl, { "accept-language": "en" });
  await admin.logIn("admin", "manyi-admin-demo");
}, 240_000);

afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe("the departments pages", () => {
  it("list (empty at first), create with a head and members, refuse bad input in the page's language, edit, deactivate after asking", async () => {
    const db = app.database.db;
    const empty = await admin.get("/admin/departments");
    expect(empty.status).toBe(200);
    expect(empty.text).toContain("No departments yet");
    expect(empty.text).toContain('href="/admin/departments"'); // the menu entry

    await admin.get("/admin/departments/new");
    const created = await postForm(admin, "/admin/departments", [
      ["code", "理赔部"],
      ["nameZh", "理赔部"],
      ["nameEn", "Claims"],
      ["email", "claims@manyi.test"],
      ["headUserId", String(ids["head.wu"])],
      ["memberIds", String(ids["cm.li"])],
      ["memberIds", String(ids.manager)],
    ]);
    expect(created.status).toBe(303);
    const claims = await db
      .selectFrom("department")
      .selectAll()
      .where("code", "=", "理赔部")
      .executeTakeFirstOrThrow();
    expect(claims).toMatchObject({
      name_en: "Claims",
      email: "claims@manyi.test",
      head_user_id: ids["head.wu"],
      active: true,
    });
    const members = await db
      .selectFrom("department_member")
      .select("user_id")
      .where("department_id", "=", claims.id)
      .execute();
    expect(members.map((m) => m.user_id).sort()).toEqual([ids["cm.li"], ids.manager].sort());
    const list = await admin.get("/admin/departments");
    expect(list.text).toContain("Claims");
    expect(list.text).toContain("2 members");
    expect(list.text).toContain("理赔部 吴强");

    // a taken code, a bad e-mail address, a disabled head and member: each said at its field, nothing written
    await admin.get("/admin/departments/new");
    const refused = await postForm(admin, "/admin/departments", [
      ["code", "理赔部"],
      ["nameZh", "理赔二部"],
      ["nameEn", "Claims 2"],
      ["email", "not-an-address"],
    ]);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("not an email address");
    expect(refused.text).toContain('value="Claims 2"'); // what was typed is kept
    const taken = await postForm(admin, "/admin/departments", [
      ["code", "理赔部"],
      ["nameZh", "理赔二部"],
      ["nameEn", "Claims 2"],
      ["headUserId", String(ids["gone.zhao"])],
      ["memberIds", String(ids["gone.zhao"])],
    ]);
    expect(taken.status).toBe(422);
    expect(taken.text).toContain("The code 理赔部 is already taken by another department");
    expect(taken.text).toContain("赵离职 is disabled: choose an active staff user");
    expect(taken.text).toContain("disabled staff users cannot be members: 赵离职");
    const chinese = new PageClient(app.baseUrl, { "accept-language": "zh-CN" });
    await chinese.logIn("quality", "manyi-quality-demo");
    await chinese.get("/admin/departments/new");
    const inChinese = await postForm(chinese, "/admin/departments", [
      ["code", "理赔部"],
      ["nameZh", "理赔二部"],
      ["nameEn", "Claims 2"],
    ]);
    expect(inChinese.status).toBe(422);
    expect(inChinese.text).toContain("代码 理赔部 已被其他部门使用");
    expect(await db.selectFrom("department").select("id").execute()).toHaveLength(1);

    // a second department, edited: a new code while nothing refers to it yet
    await admin.get("/admin/departments/new");
    await postForm(admin, "/admin/departments", [
      ["code", "ops"],
      ["nameZh", "运营部"],
      ["nameEn", "Operations"],
    ]);
    const ops = await db
      .selectFrom("department")
      .select("id")
      .where("code", "=", "ops")
      .executeTakeFirstOrThrow();
    await admin.get(`/admin/departments/${ops.id}`);
    const edited = await postForm(admin, `/admin/departments/${ops.id}`, [
      ["code", "运营部"],
      ["nameZh", "运营部"],
      ["nameEn", "Operations"],
      ["email", ""],
      ["headUserId", String(ids.quality)],
    ]);
    expect(edited.status).toBe(303);
    // …but not once a questionnaire names it (the demo 三诚 questionnaire's items do)
    await admin.get(`/admin/departments/${ops.id}`);
    const inUse = await postForm(admin, `/admin/departments/${ops.id}`, [
      ["code", "operations"],
      ["nameZh", "运营部"],
      ["nameEn", "Operations"],
    ]);
    expect(inUse.status).toBe(422);
    expect(inUse.text).toContain("The code 运营部 is used by questionnaires");

    // deactivating is asked first (without JavaScript: a page of its own), then done
    const asked = await admin.post(`/admin/departments/${ops.id}/status`, { active: "false" });
    expect(asked.status).toBe(200);
    expect(asked.text).toContain("Deactivate department Operations?");
    expect((await departments(db)).find((d) => d.code === "运营部")?.active).toBe(true);
    const done = await admin.post(`/admin/departments/${ops.id}/status`, { active: "false", confirmed: "1" });
    expect(done.status).toBe(303);
    expect((await departments(db)).find((d) => d.code === "运营部")?.active).toBe(false);

    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("target_type", "=", "department")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "department.created",
      "department.created",
      "department.updated",
      "department.deactivated",
    ]);
  });

  it("is for administrators and quality staff only", async () => {
    const management = new PageClient(app.baseUrl);
    await management.logIn("manager", "manyi-manager-demo");
    expect((await management.get("/admin/departments")).status).toBe(403);
    const cm = new PageClient(app.baseUrl);
    await cm.logIn("cm.zhang", "manyi-cm-demo-1");
    expect((await cm.get("/admin/departments/new")).status).toBe(403);
    expect((await admin.get("/admin/departments/999999")).status).toBe(404);
    expect((await admin.get("/admin/departments/x")).status).toBe(404);
  });

  it("offers the active departments for an item, by name, and keeps an item's code that none has", async () => {
    const quality = new PageClient(app.baseUrl, { "accept-language": "en" });
    await quality.logIn("quality", "manyi-quality-demo");
    const page = await quality.get(`/admin/questionnaires/${sancheng}/items/resolution`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<option value="理赔部" selected>Claims<\/option>/);
    // 运营部 is inactive now: offered only where an item already has it
    const speed = await quality.get(`/admin/questionnaires/${sancheng}/items/speed`);
    expect(speed.text).toMatch(/<option value="运营部" selected>Operations \(inactive\)<\/option>/);
    expect(page.text).not.toContain('value="运营部"');
    // 信息技术部 has no department record (the template's text): kept, and said so
    const channels = await quality.get(`/admin/questionnaires/${sancheng}/items/channels`);
    expect(channels.text).toContain("信息技术部 (no department has this code)");
  });
});

describe("a follow-up case routed to a department", () => {
  it("is seen by its members (whatever their role) and by no other customer manager; its mailbox is told, its head when it is overdue", async () => {
    const db = app.database.db;
    await db
      .insertInto("case_rule")
      .values({ questionnaire_id: sancheng, anonymous: true, on_dissatisfied: true })
      .execute();
    const answers: Record<string, unknown> = { recommend: 8 };
    ITEMS.forEach((key, index) => {
      answers[key] = LEVELS[index === 7 ? 3 : 1]; // 问题解决 (理赔部's) answered 不满意
    });
    const posted = await api("quality", "POST", "/responses", {
      questionnaireId: sancheng,
      answers,
      mode: "web",
    });
    expect(posted.status).toBe(201);
    await openPendingCases(db, { now: () => clock, timeZone: "Asia/Shanghai" });
    const [only] = (await api("quality", "GET", "/cases?status=all")).body.data;
    expect(only).toMatchObject({ department: "理赔部", assignedTo: null });

    // a member who is a customer manager, and one of management, who has no case permission of their own
    const li = await api("cm.li", "GET", "/cases?status=all");
    expect(li.body.data.map((c: Json) => c.id)).toEqual([only.id]);
    expect((await api("manager", "GET", "/cases?status=all")).body.data.map((c: Json) => c.id)).toEqual([
      only.id,
    ]);
    expect((await api("cm.zhang", "GET", "/cases?status=all")).body.total).toBe(0);
    expect((await api("cm.zhang", "GET", `/cases/${only.id}`)).status).toBe(404);
    // the member handles it; closing stays quality staff's
    const contacted = await api("cm.li", "POST", `/cases/${only.id}/contacts`, {
      channel: "phone",
      outcome: "no_answer",
    });
    expect(contacted.status).toBe(201);
    expect((await api("cm.li", "POST", `/cases/${only.id}/status`, { status: "closed" })).status).toBe(403);

    // the pages: the menu's "My cases" for the management member, the department's name on list and page
    const management = new PageClient(app.baseUrl, { "accept-language": "en" });
    await management.logIn("manager", "manyi-manager-demo");
    const home = await management.get("/admin");
    expect(home.text).toContain('href="/admin/cases"');
    const listPage = await management.get("/admin/cases?status=all");
    expect(listPage.status).toBe(200);
    expect(listPage.text).toContain("Claims queue (nobody yet)");
    const casePage = await management.get(`/admin/cases/${only.id}`);
    expect(casePage.status).toBe(200);
    expect(casePage.text).toMatch(/<dd>Claims<\/dd>/);
    const zhang = new PageClient(app.baseUrl);
    await zhang.logIn("cm.zhang", "manyi-cm-demo-1");
    expect((await zhang.get(`/admin/cases/${only.id}`)).status).toBe(404);

    // opened: the department's mailbox (no assignee to tell)
    await app.jobs.send(JOB_CASES);
    await waitUntil("the opening e-mail", async () =>
      smtp.received.some((m) => m.to === "claims@manyi.test"),
    );
    const opened = smtp.received.find((m) => m.to === "claims@manyi.test");
    expect(opened?.text).toContain(`/admin/cases/${only.id}`);

    // overdue: the department's head and the quality team
    clock = new Date(clock.getTime() + 3 * 86_400_000);
    await app.jobs.send(JOB_CASES);
    const escalated = () => smtp.received.filter((m) => m.subject.includes("已超时"));
    await waitUntil("the escalation e-mails", async () => escalated().length >= 2);
    expect(
      escalated()
        .map((m) => m.to)
        .sort(),
    ).toEqual(["quality@manyi.test", "wu@manyi.test"]);
    // the head sees the case the e-mail links to
    const head = new PageClient(app.baseUrl);
    await head.logIn("head.wu", "a-long-password-1");
    expect((await head.get(`/admin/cases/${only.id}`)).status).toBe(200);
    await db.deleteFrom("case_rule").execute();
  });

  it("the report names the department in the viewer's language, grouped by its code", async () => {
    const query = `questionnaire=${sancheng}&period=2026-11&department=${encodeURIComponent("理赔部")}`;
    // the clock moved on past the session's idle time
    await admin.logIn("admin", "manyi-admin-demo");
    const en = await admin.get(`/admin/reports?${query}`);
    expect(en.status).toBe(200);
    expect(en.text).toContain("Filtered: Department &#x3D; Claims");
    expect(en.text).toMatch(/<option value="理赔部" selected>Claims<\/option>/);
    // no record: the code itself
    expect(en.text).toMatch(
      /<option value="信息技术部" >信息技术部<\/option>|<option value="信息技术部">信息技术部<\/option>/,
    );
    const report = await api("quality", "GET", `/reports?${query}`);
    expect(report.status).toBe(200);
    expect(report.body.data.departmentNames).toEqual({
      理赔部: { "zh-CN": "理赔部", en: "Claims" },
      运营部: { "zh-CN": "运营部", en: "Operations" },
    });
  });
});

describe("the migration", () => {
  it("makes a department of every text items (drafts and published versions) and cases named, code and names the text", async () => {
    const database = await createTestDatabase({ migrate: false });
    try {
      const db = database.db as Kysely<Json>;
      await migrateToLatest(db);
      // down to just before the departments (the migrations after it first)
      const names = Object.keys(MIGRATIONS);
      const after = names.slice(names.indexOf("2026-12-06T01-00-00_departments"));
      for (const _ of after) await migrateDownOne(db);
      const definition = (departmentsOf: (string | undefined)[]) =>
        JSON.stringify({
          title: { "zh-CN": "问卷", en: "Survey" },
          sections: [
            {
              key: "s",
              title: { "zh-CN": "一", en: "One" },
              items: departmentsOf.map((department, i) => ({
                key: `i${i}`,
                type: "satisfaction",
                text: { "zh-CN": "题", en: "Item" },
                ...(department === undefined ? {} : { department }),
              })),
            },
          ],
        });
      const { id } = await db
        .insertInto("questionnaire")
        .values({ name: "问卷" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("questionnaire_version")
        .values([
          {
            questionnaire_id: id,
            version_number: 1,
            status: "published",
            definition: definition(["理赔部", "运营部", undefined]),
          },
          {
            questionnaire_id: id,
            version_number: 2,
            status: "draft",
            definition: definition(["运营部", " 产品部 ", ""]),
          },
        ])
        .execute();
      await sql`insert into service_case (questionnaire_id, triggers, department, contact_due_at, resolve_due_at)
        values (${id}, '[]', '客户服务中心', now(), now()), (${id}, '[]', '理赔部', now(), now())`.execute(
        db,
      );
      expect(await migrateToLatest(db)).toEqual(after);
      expect(await departments(db)).toEqual(
        ["产品部", "客户服务中心", "理赔部", "运营部"].map((code) => ({
          code,
          name_zh: code,
          name_en: code,
          email: null,
          active: true,
        })),
      );
    } finally {
      await database.drop();
    }
  });
});

describe("the demo organisation", () => {
  it("has a department for each department its questionnaires name, with English names, a mailbox, a head and members", async () => {
    const database = await createTestDatabase();
    try {
      const db = database.db;
      await seedDemoIfEmpty(db, new Date("2026-07-02T02:00:00Z"), { departments: true });
      const named = new Set<string>();
      for (const row of await db.selectFrom("questionnaire_version").select("definition").execute())
        for (const section of (row.definition as Json).sections)
          for (const item of section.items) if (item.department) named.add(item.department);
      const rows = await db
        .selectFrom("department as d")
        .innerJoin("staff_user as h", "h.id", "d.head_user_id")
        .select(["d.code", "d.name_en", "d.email", "h.username as head"])
        .execute();
      expect(rows.map((row) => row.code).sort()).toEqual([...named].sort());
      expect(rows.every((row) => row.name_en !== row.code && row.email?.includes("@"))).toBe(true);
      const members = await db.selectFrom("department_member").select("user_id").execute();
      expect(members.length).toBe(DEMO_DEPARTMENTS.flatMap((d) => d.members).length);
      // a second run adds nothing
      await seedDemoIfEmpty(db, new Date("2026-07-02T02:00:00Z"), { departments: true });
      expect(await db.selectFrom("department").select("id").execute()).toHaveLength(rows.length);
    } finally {
      await database.drop();
    }
  });
});
