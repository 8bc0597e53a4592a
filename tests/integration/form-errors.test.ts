import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// A form given bad values answers 422 with the same form drawn again: what was typed is still in it,
// and each message sits at its field (the field-error paragraph, the field marked aria-invalid and
// described by it), worded in the page's language. Never the generic error page, never a 500.
let app: TestApp;
type Role = "admin" | "quality" | "manager" | "cm";
type Locale = "en" | "zh-CN";
const LOGINS: Record<Role, [string, string]> = {
  admin: ["admin", "manyi-admin-demo"],
  quality: ["quality", "manyi-quality-demo"],
  manager: ["manager", "manyi-manager-demo"],
  cm: ["cm.zhang", "manyi-cm-demo-1"],
};
const clients = new Map<string, PageClient>();
async function client(role: Role, locale: Locale): Promise<PageClient> {
  const key = `${role}:${locale}`;
  let found = clients.get(key);
  if (!found) {
    found = new PageClient(app.baseUrl, { "accept-language": locale });
    const [username, password] = LOGINS[role];
    const login = await found.logIn(username, password);
    expect(login.status, `${username} signs in`).toBe(303);
    clients.set(key, found);
  }
  return found;
}

/** One bad submission of one form. */
interface Case {
  form: string;
  role: Role;
  /** the page the form is on (opened first, as a person would) */
  page: string;
  /** the form's action: posted to, and found again in the answer */
  action: string;
  body: Record<string, string>;
  /** the id of the field whose message is expected (`<id>-error`) */
  field: string;
  /** a typed value that must come back in the redrawn form */
  kept?: string;
  /** where the form posts, when its own page holds a second form (the interview's start form) */
  to?: string;
  /** a GET form (the report's filters): the body goes in the query string */
  get?: boolean;
  /** a choice among radio buttons: the group is described by the message, not marked aria-invalid */
  group?: boolean;
  /** a button's own value (no field to mark): the message is in the page's alert */
  button?: boolean;
}

/** One bad value of a form: the field it is in, the values sent, a typed value to find again. */
interface Variant {
  field: string;
  body: Record<string, string>;
  kept?: string;
  group?: boolean;
}
const variants = (list: Variant[]) => list;

const LONG = (n: number, seed = "长") => seed.repeat(n);
const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const CJK = /[\u4e00-\u9fff]/;

let ids: {
  userId: number;
  customerId: number;
  cmCustomerId: number;
  questionnaireId: number;
  versionId: number;
  builderId: number;
  scheduleId: number;
  segmentId: number;
  importId: number;
};

beforeAll(async () => {
  app = await startTestApp();
  const db = app.database.db;
  const user = await db
    .selectFrom("staff_user")
    .select("id")
    .where("username", "=", "manager")
    .executeTakeFirstOrThrow();
  const cm = await db
    .selectFrom("staff_user")
    .select("id")
    .where("username", "=", "cm.zhang")
    .executeTakeFirstOrThrow();
  const customer = await db.selectFrom("customer").select("id").orderBy("id").executeTakeFirstOrThrow();
  const cmCustomer = await db
    .selectFrom("customer")
    .select("id")
    .where("manager_user_id", "=", cm.id)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const version = await db
    .selectFrom("questionnaire_version")
    .select(["id", "questionnaire_id"])
    .where("status", "=", "published")
    .orderBy("id")
    .executeTakeFirstOrThrow();

  const quality = await client("quality", "en");
  await quality.get("/admin/questionnaires/new");
  const blank = await quality.post("/admin/questionnaires", { source: "blank" });
  const builderId = Number(/\/admin\/questionnaires\/(\d+)\/edit/.exec(blank.location ?? "")?.[1]);
  expect(builderId).toBeGreaterThan(0);
  // a second part, so the first one has a button to move it
  await quality.get(`/admin/questionnaires/${builderId}/edit`);
  expect((await quality.post(`/admin/questionnaires/${builderId}/sections`, {})).status).toBe(303);

  await quality.get("/admin/report-schedules/new");
  const schedule = await quality.post("/admin/report-schedules", {
    name: "Sweep schedule",
    questionnaire: String(version.questionnaire_id),
    cadence: "monthly",
    dayOfMonth: "2",
    time: "08:00",
    recipients: "boss@example.com",
    locale: "en",
  });
  expect(schedule.status).toBe(303);
  const scheduleRow = await db
    .selectFrom("report_schedule")
    .select("id")
    .where("name", "=", "Sweep schedule")
    .executeTakeFirstOrThrow();

  await quality.get("/admin/segments/new");
  const segment = await quality.post("/admin/segments", { name: "Sweep segment", action: "save" });
  const segmentId = Number(/\/admin\/segments\/(\d+)/.exec(segment.location ?? "")?.[1]);
  expect(segmentId).toBeGreaterThan(0);

  await quality.get("/admin/customers/import");
  const upload = await quality.postFile(
    "/admin/customers/import",
    {},
    { field: "file", name: "sweep.csv", content: "ref,full_name\r\nS0001,Sun Li\r\n" },
  );
  const importId = Number(/\/admin\/customers\/import\/(\d+)/.exec(upload.location ?? "")?.[1]);
  expect(importId).toBeGreaterThan(0);

  ids = {
    userId: user.id,
    customerId: customer.id,
    cmCustomerId: cmCustomer.id,
    questionnaireId: version.questionnaire_id,
    versionId: version.id,
    builderId,
    scheduleId: scheduleRow.id,
    segmentId,
    importId,
  };
});
afterAll(async () => {
  await app?.close();
});

function cases(): Case[] {
  const q = `/admin/questionnaires/${ids.builderId}`;
  const customerEdit = `/admin/customers/${ids.customerId}`;
  const schedule = {
    name: "Monthly to the board",
    questionnaire: String(ids.questionnaireId),
    cadence: "monthly",
    dayOfMonth: "2",
    time: "08:00",
    recipients: "boss@example.com",
    locale: "en",
  };
  const wave = {
    name: "Spring wave typed",
    questionnaireId: String(ids.questionnaireId),
    channel: "web",
    audience: "all",
    defaultLocale: "zh-CN",
    closesAt: "2099-01-31",
  };
  const customer = {
    externalRef: "SWEEP-1",
    name: "Typed Customer",
    email: "",
    phone: "",
    customerType: "",
    channel: "",
    valueTier: "",
    activity: "",
    region: "",
    manager: "",
    locale: "",
    attributes: "",
  };
  return [
    // ---- staff accounts (administrators) ----
    ...variants([
      { field: "username", body: { username: "" }, kept: "Typed Display" },
      { field: "username", body: { username: "a b c" }, kept: "Typed Display" },
      { field: "displayName", body: { displayName: "" }, kept: "typed-user" },
      { field: "displayName", body: { displayName: LONG(101, "d") }, kept: "typed-user" },
      { field: "email", body: { email: "not-an-address" }, kept: "not-an-address" },
      { field: "role", body: { role: "emperor" }, kept: "typed-user", group: true },
      { field: "password", body: { password: "short" }, kept: "typed-user" },
    ]).map(
      ({ field, body, kept, group }): Case => ({
        form: "new user",
        role: "admin",
        page: "/admin/users/new",
        action: "/admin/users",
        body: {
          username: "typed-user",
          displayName: "Typed Display",
          email: "",
          role: "quality",
          password: "a-long-enough-password",
          ...body,
        },
        field,
        kept,
        ...(group ? { group } : {}),
      }),
    ),
    {
      form: "user role",
      role: "admin",
      page: `/admin/users/${ids.userId}`,
      action: `/admin/users/${ids.userId}/role`,
      body: { role: "emperor" },
      field: "role",
      group: true,
    },
    {
      form: "user password",
      role: "admin",
      page: `/admin/users/${ids.userId}`,
      action: `/admin/users/${ids.userId}/password`,
      body: { password: "short" },
      field: "password",
    },
    {
      form: "user status",
      role: "admin",
      page: `/admin/users/${ids.userId}`,
      action: `/admin/users/${ids.userId}/status`,
      body: { disabled: "perhaps" },
      field: "disabled",
      button: true,
    },
    // ---- API tokens ----
    {
      form: "new token",
      role: "admin",
      page: "/admin/tokens",
      action: "/admin/tokens",
      body: { name: "", staffUserId: String(ids.userId) },
      field: "name",
    },
    {
      form: "new token",
      role: "admin",
      page: "/admin/tokens",
      action: "/admin/tokens",
      body: { name: LONG(101, "t"), staffUserId: String(ids.userId) },
      field: "name",
      kept: LONG(101, "t"),
    },
    {
      form: "new token",
      role: "admin",
      page: "/admin/tokens",
      action: "/admin/tokens",
      body: { name: "Typed token", staffUserId: "nobody" },
      field: "staffUserId",
      kept: "Typed token",
    },
    // ---- one's own profile (every role) ----
    ...(["admin", "quality", "manager", "cm"] as const).flatMap((role): Case[] => [
      {
        form: "profile",
        role,
        page: "/admin/profile",
        action: "/admin/profile",
        body: { displayName: "", email: "typed@example.com", locale: "" },
        field: "displayName",
        kept: "typed@example.com",
      },
      {
        form: "profile",
        role,
        page: "/admin/profile",
        action: "/admin/profile",
        body: { displayName: "Typed Name", email: "typed@", locale: "" },
        field: "email",
        kept: "typed@",
      },
      {
        form: "profile",
        role,
        page: "/admin/profile",
        action: "/admin/profile",
        body: { displayName: "Typed Name", email: "", locale: "klingon" },
        field: "locale",
        kept: "Typed Name",
      },
      {
        form: "profile password",
        role,
        page: "/admin/profile",
        action: "/admin/profile/password",
        body: { currentPassword: "not-the-password", newPassword: "a-long-enough-password" },
        field: "currentPassword",
      },
      {
        form: "profile password",
        role,
        page: "/admin/profile",
        action: "/admin/profile/password",
        body: { currentPassword: LOGINS[role][1], newPassword: "short" },
        field: "newPassword",
      },
    ]),
    // ---- questionnaires and the builder ----
    {
      form: "import questionnaire",
      role: "quality",
      page: "/admin/questionnaires/new",
      action: "/admin/questionnaires",
      body: { source: "import", definitionJson: "" },
      field: "definitionJson",
    },
    {
      form: "import questionnaire",
      role: "quality",
      page: "/admin/questionnaires/new",
      action: "/admin/questionnaires",
      body: { source: "import", definitionJson: LONG(190_001, "a") },
      field: "definitionJson",
    },
    {
      form: "builder settings",
      role: "quality",
      page: `${q}/edit`,
      action: `${q}/settings`,
      body: { "title.zh-CN": "", "title.en": "Typed title", "intro.zh-CN": "", "intro.en": "" },
      field: "settings-title-zh-CN",
      kept: "Typed title",
    },
    {
      form: "builder settings",
      role: "quality",
      page: `${q}/edit`,
      action: `${q}/settings`,
      body: { "title.zh-CN": "标题", "title.en": "Typed title", "intro.zh-CN": LONG(10_001), "intro.en": "" },
      field: "settings-intro-zh-CN",
      kept: "Typed title",
    },
    {
      form: "builder section",
      role: "quality",
      page: `${q}/edit`,
      action: `${q}/sections/section_1`,
      body: { key: "section_1", "title.zh-CN": LONG(10_001), "title.en": "Typed part" },
      field: "section-section_1-title-zh-CN",
      kept: "Typed part",
    },
    {
      form: "builder item",
      role: "quality",
      page: `${q}/items/satisfaction_1`,
      action: `${q}/items/satisfaction_1`,
      body: { key: "satisfaction_1", "text.zh-CN": "", "text.en": "Typed question", required: "on" },
      field: "item-text-zh-CN",
      kept: "Typed question",
    },
    {
      form: "builder item",
      role: "quality",
      page: `${q}/items/satisfaction_1`,
      action: `${q}/items/satisfaction_1`,
      body: {
        key: "satisfaction_1",
        "text.zh-CN": LONG(10_001),
        "text.en": "Typed question",
        required: "on",
      },
      field: "item-text-zh-CN",
      kept: "Typed question",
    },
    {
      form: "builder move",
      role: "quality",
      page: `${q}/edit`,
      action: `${q}/sections/section_1/move`,
      body: { direction: "sideways" },
      field: "direction",
      button: true,
    },
    {
      form: "builder add item",
      role: "quality",
      page: `${q}/edit`,
      action: `${q}/sections/section_1/items`,
      body: { type: "hologram" },
      field: "type",
      button: true,
    },
    // ---- customers ----
    ...variants([
      { field: "name", body: { name: "" }, kept: "SWEEP-1" },
      { field: "email", body: { email: "typed-at-nowhere" }, kept: "typed-at-nowhere" },
      { field: "externalRef", body: { externalRef: LONG(1001, "R") }, kept: "Typed Customer" },
      { field: "name", body: { name: LONG(1001, "N") }, kept: "SWEEP-1" },
      { field: "customerType", body: { customerType: "alien" }, kept: "Typed Customer" },
      { field: "customerType", body: { customerType: LONG(101, "a") }, kept: "Typed Customer" },
      { field: "manager", body: { manager: LONG(101, "m") }, kept: "Typed Customer" },
      { field: "attributes", body: { attributes: "no separator here" }, kept: "no separator here" },
    ]).flatMap(({ field, body, kept }): Case[] => [
      {
        form: "new customer",
        role: "quality",
        page: "/admin/customers/new",
        action: "/admin/customers",
        body: { ...customer, ...body },
        field,
        kept,
      },
      {
        form: "edit customer",
        role: "quality",
        page: `${customerEdit}/edit`,
        action: customerEdit,
        body: { ...customer, ...body },
        field,
        kept,
      },
    ]),
    ...(["quality", "cm"] as const).flatMap((role): Case[] => {
      const id = role === "cm" ? ids.cmCustomerId : ids.customerId;
      return [
        {
          form: "opt-out",
          role,
          page: `/admin/customers/${id}`,
          action: `/admin/customers/${id}/opt-out`,
          body: { at: "2026-02-30", source: "phone" },
          field: "optout-at",
          kept: "2026-02-30",
        },
        {
          form: "opt-out",
          role,
          page: `/admin/customers/${id}`,
          action: `/admin/customers/${id}/opt-out`,
          body: { at: "2999-01-01", source: "phone" },
          field: "optout-at",
          kept: "2999-01-01",
        },
        {
          form: "opt-out",
          role,
          page: `/admin/customers/${id}`,
          action: `/admin/customers/${id}/opt-out`,
          body: { at: "2026-01-05", source: "carrier-pigeon" },
          field: "optout-source",
          kept: "2026-01-05",
        },
      ];
    }),
    // ---- segments ----
    ...variants([
      { field: "name", body: { name: "" }, kept: "Typed description" },
      { field: "name", body: { name: LONG(101, "s") }, kept: LONG(101, "s") },
      { field: "description", body: { description: LONG(501, "d") }, kept: "Typed segment" },
      { field: "valueTiers", body: { valueTiers: "GOLDEN" }, kept: "Typed segment", group: true },
    ]).flatMap(({ field, body, kept, group }): Case[] => [
      {
        form: "new segment",
        role: "quality",
        page: "/admin/segments/new",
        action: "/admin/segments",
        body: { name: "Typed segment", description: "Typed description", action: "save", ...body },
        field,
        kept,
        ...(group ? { group } : {}),
      },
      {
        form: "edit segment",
        role: "quality",
        page: `/admin/segments/${ids.segmentId}`,
        action: `/admin/segments/${ids.segmentId}`,
        body: { name: "Typed segment", description: "Typed description", action: "save", ...body },
        field,
        kept,
        ...(group ? { group } : {}),
      },
    ]),
    // ---- waves ----
    ...variants([
      { field: "name", body: { name: "" }, kept: "2099-01-31" },
      { field: "name", body: { name: LONG(121, "w") }, kept: LONG(121, "w") },
      { field: "closesAt", body: { closesAt: "2026-02-30" }, kept: "Spring wave typed" },
      { field: "opensAt", body: { opensAt: "2026-13-01" }, kept: "Spring wave typed" },
      { field: "questionnaireId", body: { questionnaireId: "" }, kept: "Spring wave typed" },
      { field: "channel", body: { channel: "pigeon" }, kept: "Spring wave typed", group: true },
      { field: "defaultLocale", body: { defaultLocale: "tlh" }, kept: "Spring wave typed" },
      { field: "reminderDays", body: { reminderDays: "soon" }, kept: "soon" },
      { field: "slug", body: { slug: "Not A Slug" }, kept: "Not A Slug" },
    ]).map(
      ({ field, body, kept, group }): Case => ({
        form: "new wave",
        role: "quality",
        page: "/admin/waves/new",
        action: "/admin/waves",
        body: { ...wave, ...body },
        field,
        kept,
        ...(group ? { group } : {}),
      }),
    ),
    // ---- interviews ----
    ...(["quality", "cm"] as const).flatMap((role): Case[] => [
      {
        form: "interview",
        role,
        page: "/admin/interviews/new",
        action: "/admin/interviews/new",
        to: "/admin/interviews",
        body: { version: "", customer: "", mode: "phone", submitKey: crypto.randomUUID() },
        field: "i-version",
      },
      {
        form: "interview",
        role,
        page: "/admin/interviews/new",
        action: "/admin/interviews/new",
        to: "/admin/interviews",
        body: {
          version: String(ids.versionId),
          customer: String(role === "cm" ? ids.cmCustomerId : ids.customerId),
          mode: "telepathy",
          submitKey: crypto.randomUUID(),
        },
        field: "i-mode",
      },
    ]),
    // ---- report schedules and the report's filters ----
    ...variants([
      { field: "s-name", body: { name: "" }, kept: "boss@example.com" },
      { field: "s-name", body: { name: LONG(101, "n") }, kept: LONG(101, "n") },
      { field: "s-day", body: { dayOfMonth: "31" }, kept: "Monthly to the board" },
      { field: "s-day", body: { dayOfMonth: "first" }, kept: "Monthly to the board" },
      { field: "s-time", body: { time: "25:00" }, kept: "Monthly to the board" },
      { field: "s-recipients", body: { recipients: "boss-at-example" }, kept: "boss-at-example" },
      { field: "s-recipients", body: { recipients: "" }, kept: "Monthly to the board" },
      { field: "cadence", body: { cadence: "hourly" }, kept: "Monthly to the board", group: true },
      { field: "s-locale", body: { locale: "tlh" }, kept: "Monthly to the board" },
      { field: "s-questionnaire", body: { questionnaire: "x" }, kept: "Monthly to the board" },
      { field: "s-department", body: { department: LONG(101, "p") }, kept: LONG(101, "p") },
      {
        field: "s-breakdown-value",
        body: { breakdownAttribute: "region", breakdownValue: "" },
        kept: "Monthly to the board",
      },
      { field: "s-breakdown", body: { breakdownAttribute: "shoe_size" }, kept: "Monthly to the board" },
    ]).flatMap(({ field, body, kept, group }): Case[] => [
      {
        form: "new report schedule",
        role: "quality",
        page: "/admin/report-schedules/new",
        action: "/admin/report-schedules",
        body: { ...schedule, ...body },
        field,
        kept,
        ...(group ? { group } : {}),
      },
      {
        form: "edit report schedule",
        role: "quality",
        page: `/admin/report-schedules/${ids.scheduleId}`,
        action: `/admin/report-schedules/${ids.scheduleId}`,
        body: { ...schedule, ...body },
        field,
        kept,
        ...(group ? { group } : {}),
      },
    ]),
    ...(["quality", "manager"] as const).flatMap((role): Case[] => [
      {
        form: "report filters",
        role,
        page: "/admin/reports",
        action: "/admin/reports",
        body: { questionnaire: String(ids.questionnaireId), period: "2026-13" },
        field: "r-period",
        kept: "2026-13",
        get: true,
      },
    ]),
    // ---- the customer import's column mapping ----
    {
      form: "import mapping",
      role: "quality",
      page: `/admin/customers/import/${ids.importId}`,
      action: `/admin/customers/import/${ids.importId}/mapping`,
      body: { col0: "externalRef", col1: "shoe_size" },
      field: "col1",
    },
    {
      form: "import mapping",
      role: "quality",
      page: `/admin/customers/import/${ids.importId}`,
      action: `/admin/customers/import/${ids.importId}/mapping`,
      body: { col0: "externalRef", col1: "externalRef" },
      field: "col1",
    },
  ];
}

/** What is wrong with one answer, or nothing. */
function problemsOf(c: Case, locale: Locale, status: number, html: string): string[] {
  const problems: string[] = [];
  if (status !== 422) problems.push(`status ${status}`);
  if (!html.includes(`action="${c.action}"`)) problems.push(`no form with action ${c.action}`);
  if (c.kept && !html.includes(escapeHtml(c.kept)))
    problems.push(`typed value "${c.kept.slice(0, 20)}" lost`);
  if (c.button) {
    const alert = /<div class="notice notice-error" role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1];
    const text = alert?.replace(/<[^>]+>/g, " ").trim();
    if (!text) problems.push("no message in an alert");
    else if (locale === "zh-CN" && !CJK.test(text)) problems.push(`alert not in Chinese: ${text}`);
    else if (locale === "en" && CJK.test(text)) problems.push(`alert not in English: ${text}`);
    return problems;
  }
  const id = escapeRegExp(`${c.field}-error`);
  const message = new RegExp(`<p class="field-error" id="${id}">([^<]+)</p>`).exec(html)?.[1]?.trim();
  if (!message) problems.push(`no message at ${c.field}`);
  else if (locale === "zh-CN" && !CJK.test(message)) problems.push(`message not in Chinese: ${message}`);
  else if (locale === "en" && CJK.test(message)) problems.push(`message not in English: ${message}`);
  const described = [...html.matchAll(/<(?:input|select|textarea|fieldset)\b[^>]*>/g)].filter((tag) =>
    new RegExp(`aria-describedby="[^"]*\\b${id}\\b`).test(tag[0]),
  );
  if (described.length === 0) problems.push(`no field described by ${c.field}-error`);
  else if (!c.group && !described.some((tag) => tag[0].includes('aria-invalid="true"')))
    problems.push(`${c.field} not marked aria-invalid`);
  return problems;
}

describe("every console form, given bad values", () => {
  it("answers 422 with the form redrawn: the typed values kept, each message at its field, in the page's language", async () => {
    const all = cases();
    const failures: string[] = [];
    let swept = 0;
    // every case in English; every third also in Chinese (and the first of each form)
    const seenForms = new Set<string>();
    for (const [index, c] of all.entries()) {
      const locales: Locale[] = ["en"];
      if (index % 3 === 0 || !seenForms.has(c.form)) locales.push("zh-CN");
      seenForms.add(c.form);
      for (const locale of locales) {
        const page = await client(c.role, locale);
        await page.get(c.page);
        const response = c.get
          ? await page.get(`${c.action}?${new URLSearchParams(c.body).toString()}`)
          : await page.post(c.to ?? c.action, c.body);
        swept++;
        const problems = problemsOf(c, locale, response.status, response.text);
        if (problems.length > 0)
          failures.push(`${c.form} [${c.role}, ${locale}] ${c.field}: ${problems.join("; ")}`);
      }
    }
    console.info(
      `form-errors sweep: ${seenForms.size} forms, ${all.length} cases, ${swept} requests, ${failures.length} failed`,
    );
    expect(failures).toEqual([]);
  });
});
