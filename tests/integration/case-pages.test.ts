import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffUser } from "../../src/accounts/staff-user.service.ts";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { heading, PageClient } from "../helpers/http-client.ts";
import { causeIdOf } from "../helpers/sancheng.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// Issue 15, the console's follow-up pages: dissatisfied responses posted through the API become cases
// that "My cases" lists (it opens the pending ones before reading); a customer manager sees only theirs,
// logs a call and resolves the case (refused, in Chinese, without the cause and the reply); quality
// staff see all, reassign and close, and set a questionnaire's rule; a manager is refused.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field below
type Json = any;

const T0 = new Date("2026-12-10T02:00:00Z");
const HOUR = 3_600_000;
let clock = T0;
let app: TestApp;
let token: string;
let sancheng: number;
let managerUserId: number;
const caseOf = { K001: 0, K002: 0, K003: 0 };
const TZ = "Asia/Shanghai";

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

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** Posts a response: every item "satisfied" but those given, for a customer or anonymous. */
async function answer(customerRef: string | null, levels: Record<string, string>, extra = {}) {
  const answers: Record<string, unknown> = { recommend: 8, ...extra };
  for (const key of ITEMS) answers[key] = levels[key] ?? "satisfied";
  const posted = await api("POST", "/api/v1/responses", {
    questionnaireId: sancheng,
    answers,
    ...(customerRef ? { customerRef } : {}),
  });
  expect(posted.status).toBe(201);
}

async function signIn(username: string, password: string, locale: "zh-CN" | "en") {
  const client = new PageClient(app.baseUrl, { "accept-language": locale });
  const login = await client.logIn(username, password);
  expect(login.status, `${username} signs in`).toBe(303);
  return client;
}

const caseRow = async (id: number) =>
  app.database.db.selectFrom("service_case").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

/** The id of a cause of the starting list, by its Chinese path ("理赔 › 时效"). */
const causeId = (path: string) => causeIdOf(app.database.db, path);

/** The value of a form field as the page drew it. */
const fieldValue = (html: string, name: string) =>
  new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ??
  new RegExp(`name="${name}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1];

beforeAll(async () => {
  app = await startTestApp({ now: () => clock, timeZone: TZ });
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
    email: null,
    password: "manyi-cm-demo-2",
  });
  managerUserId = (
    await db.selectFrom("staff_user").select("id").where("username", "=", "manager").executeTakeFirstOrThrow()
  ).id;
  token = await createApiTokenThroughAdmin(app, "quality");
  const created = await api("POST", "/api/v1/customers/bulk", [
    {
      externalRef: "K001",
      name: "钱多多",
      phone: "13900000001",
      email: "qian@example.com",
      manager: "cm.zhang",
    },
    { externalRef: "K002", name: "孙小美", phone: "13900000002", manager: "cm.li" },
    { externalRef: "K003", name: "阿土伯物流", phone: "025-88880000" },
  ]);
  expect(created.body.data.failed).toBe(0);
  // At T0: K001 not satisfied with the speed (and says why), K002 with the claim's result, K003 with
  // the attitude; one satisfied response of K001 opens nothing.
  await answer("K001", { speed: "dissatisfied" }, { improve: "理赔款迟迟未到账" });
  await answer("K002", { resolution: "dissatisfied" });
  await answer("K003", { attitude: "dissatisfied" });
  await answer("K001", {});
}, 240_000);

afterAll(async () => {
  await app?.close();
});

describe("a customer manager's cases (zh-CN)", () => {
  let zhang: PageClient;
  beforeAll(async () => {
    clock = new Date(T0.getTime() + HOUR);
    zhang = await signIn("cm.zhang", "manyi-cm-demo-1", "zh-CN");
  });

  it("lists only their own cases, opened from the responses on first look, with the countdown", async () => {
    const list = await zhang.get("/admin/cases");
    expect(list.status).toBe(200);
    expect(heading(list.text)).toBe("我的跟进");
    const cases = await app.database.db
      .selectFrom("service_case as sc")
      .innerJoin("customer as c", "c.id", "sc.customer_id")
      .select(["sc.id", "c.external_ref", "sc.status", "sc.assigned_to", "sc.department"])
      .execute();
    // one case per dissatisfied response, none for the satisfied one
    expect(cases.map((c) => c.external_ref).sort()).toEqual(["K001", "K002", "K003"]);
    for (const c of cases) caseOf[c.external_ref as keyof typeof caseOf] = c.id;
    expect(cases.find((c) => c.external_ref === "K003")?.assigned_to).toBeNull();

    expect(list.text).toContain("钱多多");
    expect(list.text).toContain("对“业务办理的速度”不满意");
    expect(list.text).toContain("距联系期限还有 47 小时");
    expect(list.text).not.toContain("孙小美");
    expect(list.text).not.toContain("阿土伯物流");
    // the menu counts the active case
    expect(list.text).toMatch(/我的跟进 <span class="nav-count">1<\/span>/);
  });

  it("another manager's case, and a case of the quality queue, are not found", async () => {
    for (const ref of ["K002", "K003"] as const) {
      expect((await zhang.get(`/admin/cases/${caseOf[ref]}`)).status, ref).toBe(404);
      await zhang.get("/admin/cases");
      const post = await zhang.post(`/admin/cases/${caseOf[ref]}/contacts`, {
        channel: "phone",
        outcome: "reached",
        contactedAt: "2026-12-10T10:00",
      });
      expect(post.status, ref).toBe(404);
    }
    expect((await zhang.get("/admin/cases/rules")).status).toBe(403);
  });

  it("shows the case: triggers, the comment, the answers, the customer to call; the view is audited", async () => {
    const page = await zhang.get(`/admin/cases/${caseOf.K001}`);
    expect(page.status).toBe(200);
    expect(heading(page.text)).toContain(`跟进工单 #${caseOf.K001}`);
    expect(page.text).toContain("对“业务办理的速度”不满意");
    expect(page.text).toContain("理赔款迟迟未到账");
    expect(page.text).toContain('href="tel:13900000001"');
    expect(page.text).toContain("业务办理的速度");
    expect(page.text).toContain("标记为已联系");
    // closing is quality staff's: no button for a customer manager
    expect(page.text).not.toContain("关闭工单");
    const audit = await app.database.db
      .selectFrom("audit_log")
      .select(["actor_name", "target_type"])
      .where("action", "=", "case.viewed")
      .where("target_id", "=", String(caseOf.K001))
      .execute();
    expect(audit).toContainEqual({ actor_name: "cm.zhang", target_type: "case" });
  });

  it("the customer's page lists their responses and the cases the viewer may see", async () => {
    const customerId = async (ref: string) =>
      (
        await app.database.db
          .selectFrom("customer")
          .select("id")
          .where("external_ref", "=", ref)
          .executeTakeFirstOrThrow()
      ).id;
    const page = await zhang.get(`/admin/customers/${await customerId("K001")}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h2 id="responses-title">答卷</h2>');
    expect(page.text).not.toContain("这位客户还没有答卷。");
    expect(page.text).toContain(`href="/admin/cases/${caseOf.K001}"`);
    // quality staff see the case of the quality queue on its customer's page, and may open the response
    const quality = await signIn("quality", "manyi-quality-demo", "zh-CN");
    const queue = await quality.get(`/admin/customers/${await customerId("K003")}`);
    expect(queue.text).toContain(`href="/admin/cases/${caseOf.K003}"`);
    expect(queue.text).toMatch(/href="\/admin\/responses\/\d+"/);
    // a customer manager sees their customer's responses but may not open them (no identity permission)
    expect(page.text).not.toMatch(/href="\/admin\/responses\/\d+"/);
    // a manager (aggregates only) may not open a customer's page at all
    const manager = await signIn("manager", "manyi-manager-demo", "en");
    expect((await manager.get(`/admin/customers/${await customerId("K003")}`)).status).toBe(403);
  });

  it("a call-back without its time is refused at the field, in Chinese, the notes kept", async () => {
    const page = await zhang.get(`/admin/cases/${caseOf.K001}`);
    const contactedAt = fieldValue(page.text, "contactedAt") ?? "";
    expect(contactedAt).toBe("2026-12-10T11:00"); // T0 + 1 h in Shanghai
    const refused = await zhang.post(`/admin/cases/${caseOf.K001}/contacts`, {
      channel: "phone",
      outcome: "call_back",
      contactedAt,
      callBackAt: "",
      notes: "客户在开会，稍后回电",
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(
      '<p class="field-error" id="c-callback-error">请填写晚于现在的回电时间</p>',
    );
    expect(refused.text).toContain("客户在开会，稍后回电</textarea>");
    const none = await app.database.db.selectFrom("case_contact").select("id").execute();
    expect(none).toEqual([]);
  });

  it("logs a call that reaches the customer: the case is contacted", async () => {
    await zhang.get(`/admin/cases/${caseOf.K001}`);
    const logged = await zhang.post(`/admin/cases/${caseOf.K001}/contacts`, {
      channel: "phone",
      outcome: "reached",
      contactedAt: "2026-12-10T10:45",
      notes: "已致电客户，理赔款今天加急处理",
    });
    expect(logged.status).toBe(303);
    expect(logged.location).toBe(`/admin/cases/${caseOf.K001}`);
    const c = await caseRow(caseOf.K001);
    expect(c.status).toBe("contacted");
    expect(c.contacted_at).toEqual(new Date("2026-12-10T02:45:00Z"));
    const page = await zhang.get(`/admin/cases/${caseOf.K001}`);
    expect(page.text).toContain("已保存联系记录。");
    expect(page.text).toContain("已致电客户，理赔款今天加急处理");
    expect(page.text).toContain("距解决期限还有 6 天");
  });

  it("resolving without the cause and the reply is refused in Chinese, the typed values kept", async () => {
    await zhang.get(`/admin/cases/${caseOf.K001}`);
    const refused = await zhang.post(`/admin/cases/${caseOf.K001}/handling`, {
      causeId: "",
      fix: "理赔款已加急支付",
      reply: "",
      action: "resolve",
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('<p class="field-error" id="h-cause-error">解决前请填写原因</p>');
    expect(refused.text).toContain(
      '<p class="field-error" id="h-reply-error">解决前请填写向客户回复的内容</p>',
    );
    expect(refused.text).toContain("理赔款已加急支付</textarea>");
    expect((await caseRow(caseOf.K001)).status).toBe("contacted");
  });

  it("resolves the case with the cause, the fix and the reply", async () => {
    await zhang.get(`/admin/cases/${caseOf.K001}`);
    // the cause is chosen from the list, grouped by area
    const form = await zhang.get(`/admin/cases/${caseOf.K001}`);
    expect(form.text).toContain('<optgroup label="理赔">');
    const speed = await causeId("理赔 › 时效");
    const unknown = await zhang.post(`/admin/cases/${caseOf.K001}/handling`, {
      causeId: "99999",
      reply: "x",
      action: "resolve",
    });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('<p class="field-error" id="h-cause-error">请从列表中选择一个原因</p>');
    const resolved = await zhang.post(`/admin/cases/${caseOf.K001}/handling`, {
      causeId: String(speed),
      causeNotes: "审核积压",
      fix: "理赔款已加急支付",
      reply: "已向客户说明延误原因，款项今天到账",
      action: "resolve",
    });
    expect(resolved.status).toBe(303);
    const c = await caseRow(caseOf.K001);
    expect(c).toMatchObject({
      status: "resolved",
      cause_id: speed,
      cause_notes: "审核积压",
      reply: "已向客户说明延误原因，款项今天到账",
    });
    // a customer manager may not close it
    const page = await zhang.get(`/admin/cases/${caseOf.K001}`);
    expect(page.text).toContain("工单已解决。");
    expect(page.text).toContain(`<option value="${speed}" selected>时效</option>`);
    expect((await zhang.post(`/admin/cases/${caseOf.K001}/status`, { to: "closed" })).status).toBe(403);
    // resolved is no longer active: the list (still to handle) is empty, the menu has no count
    const list = await zhang.get("/admin/cases");
    expect(list.text).toContain("暂无待处理的工单");
    expect(list.text).not.toContain('class="nav-count"');
    expect((await zhang.get("/admin/cases?status=resolved")).text).toContain("钱多多");
  });
});

describe("quality staff (en), four days on", () => {
  let quality: PageClient;
  beforeAll(async () => {
    clock = new Date(T0.getTime() + 96 * HOUR);
    quality = await signIn("quality", "manyi-quality-demo", "en");
  });

  it("sees every active case, the overdue ones in red, and the quality queue", async () => {
    const list = await quality.get("/admin/cases");
    expect(list.status).toBe(200);
    expect(heading(list.text)).toBe("My cases");
    expect(list.text).toContain("孙小美");
    expect(list.text).toContain("阿土伯物流");
    expect(list.text).not.toContain("钱多多"); // resolved
    expect(list.text).toContain("contact overdue by 2 days");
    expect(list.text).toContain("Dissatisfied with “How your claim or problem was resolved”");
    expect(list.text).toMatch(
      /My cases <span class="nav-count">2<\/span> <span class="nav-count nav-count-overdue">2 overdue<\/span>/,
    );
    const queue = await quality.get("/admin/cases?assignedTo=none");
    expect(queue.text).toContain("阿土伯物流");
    expect(queue.text).not.toContain("孙小美");
    const search = await quality.get(`/admin/cases?status=all&customer=${encodeURIComponent("K001")}`);
    expect(search.text).toContain("钱多多");
    expect(search.text).not.toContain("孙小美");
    const none = await quality.get("/admin/cases?trigger=nps");
    expect(none.text).toContain("No case matches these filters.");
  });

  it("reassigns a case of the queue; a manager cannot be given one", async () => {
    const page = await quality.get(`/admin/cases/${caseOf.K003}`);
    expect(page.status).toBe(200);
    const refused = await quality.post(`/admin/cases/${caseOf.K003}/assign`, {
      assignedTo: String(managerUserId),
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(
      '<p class="field-error" id="a-to-error">choose an active quality staff member or customer manager</p>',
    );
    const zhangId = (
      await app.database.db
        .selectFrom("staff_user")
        .select("id")
        .where("username", "=", "cm.zhang")
        .executeTakeFirstOrThrow()
    ).id;
    const given = await quality.post(`/admin/cases/${caseOf.K003}/assign`, { assignedTo: String(zhangId) });
    expect(given.status).toBe(303);
    expect((await caseRow(caseOf.K003)).assigned_to).toBe(zhangId);
    // now cm.zhang sees it
    const zhang = await signIn("cm.zhang", "manyi-cm-demo-1", "zh-CN");
    expect((await zhang.get(`/admin/cases/${caseOf.K003}`)).status).toBe(200);
  });

  it("closes the resolved case; a step that skips one is refused in English", async () => {
    await quality.get(`/admin/cases/${caseOf.K002}`);
    const skip = await quality.post(`/admin/cases/${caseOf.K002}/status`, { to: "closed" });
    expect(skip.status).toBe(422);
    expect(skip.text).toContain("a case that is open cannot become closed");
    const page = await quality.get(`/admin/cases/${caseOf.K001}`);
    expect(page.text).toContain("Close the case");
    const closed = await quality.post(`/admin/cases/${caseOf.K001}/status`, { to: "closed" });
    expect(closed.status).toBe(303);
    expect((await caseRow(caseOf.K001)).status).toBe("closed");
    const after = await quality.get(`/admin/cases/${caseOf.K001}`);
    expect(after.text).toContain("The case is closed.");
    expect(after.text).not.toContain(`action="/admin/cases/${caseOf.K001}/contacts"`);
    expect(after.text).not.toContain(`action="/admin/cases/${caseOf.K001}/handling"`);
    expect(after.text).toContain("<dd>Claims › Speed</dd>");
    // a closed case is not rewritten afterwards, even by a form sent from an old page
    const rewrite = await quality.post(`/admin/cases/${caseOf.K001}/handling`, {
      causeNotes: "另一个原因",
      fix: "",
      reply: "",
      action: "save",
    });
    expect(rewrite.status).toBe(422);
    expect(rewrite.text).toContain("the case is closed: nothing more can be logged");
    expect((await caseRow(caseOf.K001)).cause_notes).toBe("审核积压");
  });

  it("sets a questionnaire's rule: checked, saved with an audit entry, used for the next responses", async () => {
    const rules = await quality.get("/admin/cases/rules");
    expect(rules.status).toBe(200);
    expect(rules.text).toContain("Default");
    const form = await quality.get(`/admin/cases/rules/${sancheng}`);
    expect(form.text).toContain("No rule saved for this questionnaire");
    expect(fieldValue(form.text, "contactHours")).toBe("48");
    const nothing = await quality.post(`/admin/cases/rules/${sancheng}`, {
      enabled: "on",
      contactHours: "24",
      resolveDays: "5",
    });
    expect(nothing.status).toBe(422);
    expect(nothing.text).toContain("choose at least one condition, or switch the rule off");
    const late = await quality.post(`/admin/cases/rules/${sancheng}`, {
      enabled: "on",
      onDissatisfied: "on",
      contactHours: "200",
      resolveDays: "5",
    });
    expect(late.status).toBe(422);
    expect(late.text).toContain('id="r-hours-error"');
    expect(fieldValue(late.text, "contactHours")).toBe("200");
    const saved = await quality.post(`/admin/cases/rules/${sancheng}`, {
      enabled: "on",
      onDissatisfied: "on",
      onBasicallySatisfied: "on",
      anonymous: "on",
      scoreBelow: "",
      commentScoreBelow: "80",
      contactHours: "24",
      resolveDays: "5",
      unreachableAfter: "2",
      workingDays: "on",
    });
    expect(saved.status).toBe(303);
    const rule = await app.database.db
      .selectFrom("case_rule")
      .selectAll()
      .where("questionnaire_id", "=", sancheng)
      .executeTakeFirstOrThrow();
    expect(rule).toMatchObject({
      on_basically_satisfied: true,
      anonymous: true,
      score_below: null,
      comment_score_below: 80,
      contact_hours: 24,
      resolve_days: 5,
      unreachable_after: 2,
      working_days: true,
    });
    const audit = await app.database.db
      .selectFrom("audit_log")
      .select(["target_type", "target_id", "actor_name"])
      .where("action", "=", "case_rule.saved")
      .execute();
    expect(audit).toEqual([{ target_type: "case_rule", target_id: String(sancheng), actor_name: "quality" }]);

    // an anonymous respondent, only basically satisfied: a case now, contacted within 24 hours
    await answer(null, { channels: "basically_satisfied" });
    const list = await quality.get("/admin/cases?assignedTo=none");
    expect(list.text).toContain("Anonymous respondent");
    expect(list.text).toContain("Only basically satisfied with");
    expect(list.text).toContain("contact due in 24 h");
  });

  it("keeps the cause list: an area and a cause added, a duplicate refused in place, a cause retired and no longer offered", async () => {
    const page = await quality.get("/admin/cases/causes");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Claims");
    const group = await quality.post("/admin/cases/causes", { nameZh: "核保", nameEn: "Underwriting" });
    expect(group.status).toBe(303);
    const { id: groupId } = await app.database.db
      .selectFrom("case_cause")
      .select("id")
      .where("name_zh", "=", "核保")
      .executeTakeFirstOrThrow();
    const added = await quality.post("/admin/cases/causes", {
      parentId: String(groupId),
      nameZh: "体检要求",
      nameEn: "Medical checks",
    });
    expect(added.status).toBe(303);
    const twice = await quality.post("/admin/cases/causes", {
      parentId: String(groupId),
      nameZh: "体检要求",
      nameEn: "Checks again",
    });
    expect(twice.status).toBe(422);
    expect(twice.text).toContain(`id="a${groupId}-zh-error"`);
    expect(twice.text).toContain("This level already has a cause of this name");
    expect(fieldValue(twice.text, "nameEn")).toBeDefined();
    expect(twice.text).toContain('value="Checks again"');
    const blank = await quality.post("/admin/cases/causes", { nameZh: "", nameEn: "" });
    expect(blank.status).toBe(422);
    const checks = await causeId("核保 › 体检要求");
    // a cause under a retired area, or a retired cause, is no longer offered on a case's page
    const open = await app.database.db
      .selectFrom("service_case")
      .select("id")
      .where("status", "in", ["open", "contacted"])
      .orderBy("id")
      .executeTakeFirstOrThrow();
    expect((await quality.get(`/admin/cases/${open.id}`)).text).toContain(
      `<option value="${checks}" >Medical checks</option>`,
    );
    expect((await quality.post(`/admin/cases/causes/${checks}/active`, { active: "0" })).status).toBe(303);
    expect((await quality.get(`/admin/cases/${open.id}`)).text).not.toContain(`value="${checks}"`);
    const refused = await quality.post(`/admin/cases/${open.id}/handling`, {
      causeId: String(checks),
      action: "save",
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("Choose a cause from the list");
    expect((await quality.post(`/admin/cases/causes/${checks}/active`, { active: "1" })).status).toBe(303);
    expect(
      (await quality.post(`/admin/cases/causes/${checks}`, { nameZh: "体检", nameEn: "Medical" })).status,
    ).toBe(303);
    const audit = await app.database.db
      .selectFrom("audit_log")
      .select("target_id")
      .where("action", "=", "case_cause.saved")
      .execute();
    expect(audit.length).toBe(5);
  });
});

describe("bad input", () => {
  it("answers no query or form of the case pages with a 5xx; each bad value is refused with a 4xx", async () => {
    const quality = await signIn("quality", "manyi-quality-demo", "zh-CN");
    const failures: string[] = [];
    for (const query of [
      "status=nope",
      "status=",
      `questionnaire=1e999&department=${"x".repeat(300)}`,
      "assignedTo=-1&trigger=fax&overdue=2",
      "customer=%25_%5C&page=999999",
      "assignedTo=abc",
      "status=open&status=closed",
    ]) {
      const page = await quality.get(`/admin/cases?${query}`);
      if (page.status >= 500) failures.push(`GET ?${query} → ${page.status}`);
    }
    for (const path of [
      "/admin/cases/0",
      "/admin/cases/1e30",
      "/admin/cases/abc",
      "/admin/cases/rules/99999",
    ]) {
      const page = await quality.get(path);
      if (page.status !== 404) failures.push(`GET ${path} → ${page.status}`);
    }
    await quality.get(`/admin/cases/${caseOf.K002}`);
    const posts: [string, Record<string, string>][] = [
      ["contacts", { channel: "fax", outcome: "reached", contactedAt: "2026-12-10T10:00" }],
      ["contacts", { channel: "phone", outcome: "reached", contactedAt: "2026-02-30T10:00" }],
      ["contacts", { channel: "phone", outcome: "reached", contactedAt: "2026-12-10T25:61" }],
      ["contacts", { channel: "phone", outcome: "reached", contactedAt: "2099-01-01T10:00" }],
      [
        "contacts",
        { channel: "phone", outcome: "call_back", contactedAt: "2026-12-13T10:00", callBackAt: "tomorrow" },
      ],
      [
        "contacts",
        { channel: "phone", outcome: "reached", contactedAt: "2026-12-13T10:00", notes: "长".repeat(2001) },
      ],
      ["handling", { causeNotes: "x".repeat(2001), fix: "", reply: "", action: "save" }],
      ["handling", { causeId: "abc", reply: "b", action: "save" }],
      ["handling", { causeId: "1", reply: "b", action: "explode" }],
      ["status", { to: "open" }],
      ["status", { to: "resolved" }],
      ["assign", { assignedTo: "" }],
      ["assign", { assignedTo: "1e999" }],
      ["assign", { assignedTo: "99999999" }],
    ];
    for (const [form, body] of posts) {
      const answer = await quality.post(`/admin/cases/${caseOf.K002}/${form}`, body);
      if (answer.status !== 422)
        failures.push(`POST ${form} ${JSON.stringify(body).slice(0, 80)} → ${answer.status}`);
    }
    await quality.get(`/admin/cases/rules/${sancheng}`);
    const rules: Record<string, string>[] = [
      { enabled: "on", onDissatisfied: "on", contactHours: "0", resolveDays: "7" },
      { enabled: "on", onDissatisfied: "on", contactHours: "48", resolveDays: "1e999" },
      { enabled: "on", onDissatisfied: "on", scoreBelow: "101", contactHours: "48", resolveDays: "7" },
      { enabled: "yes", onDissatisfied: "on", contactHours: "48", resolveDays: "7" },
      { enabled: "on", onDissatisfied: "on", contactHours: "", resolveDays: "" },
      { enabled: "on", onDissatisfied: "on", contactHours: "48", resolveDays: "7", unreachableAfter: "0" },
      { enabled: "on", onDissatisfied: "on", contactHours: "48", resolveDays: "7", unreachableAfter: "" },
      { enabled: "on", onDissatisfied: "on", contactHours: "48", resolveDays: "7", recoveryChannel: "fax" },
      {
        enabled: "on",
        onDissatisfied: "on",
        contactHours: "48",
        resolveDays: "7",
        recoveryQuestionnaireId: "x",
      },
    ];
    for (const body of rules) {
      const answer = await quality.post(`/admin/cases/rules/${sancheng}`, body);
      if (answer.status !== 422) failures.push(`POST rule ${JSON.stringify(body)} → ${answer.status}`);
    }
    expect(failures).toEqual([]);
    // nothing was written by any of them
    expect(
      await app.database.db
        .selectFrom("case_contact")
        .select("id")
        .where("case_id", "=", caseOf.K002)
        .execute(),
    ).toEqual([]);
    expect((await caseRow(caseOf.K002)).status).toBe("open");
  });
});

describe("a manager", () => {
  it("is refused the case pages and has no menu entry", async () => {
    const manager = await signIn("manager", "manyi-manager-demo", "en");
    const home = await manager.get("/admin");
    expect(home.status).toBe(200);
    expect(home.text).not.toContain('href="/admin/cases"');
    for (const path of [
      "/admin/cases",
      `/admin/cases/${caseOf.K002}`,
      "/admin/cases/rules",
      "/admin/cases/causes",
    ]) {
      expect((await manager.get(path)).status, path).toBe(403);
    }
  });
});
