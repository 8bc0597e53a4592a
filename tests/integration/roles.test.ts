import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_STAFF } from "../../seeds/demo-staff.ts";
import { heading, PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

// The menu of each role, in order; every other console page answers 403 for that role.
const MENU: Record<string, string[]> = {
  admin: [
    "/admin",
    "/admin/questionnaires",
    "/admin/customers",
    "/admin/segments",
    "/admin/waves",
    "/admin/responses",
    "/admin/calls",
    "/admin/interviews/new",
    "/admin/cases",
    "/admin/reports",
    "/admin/report-schedules",
    "/admin/departments",
    "/admin/users",
    "/admin/tokens",
    "/admin/outbox",
    "/admin/audit",
    "/admin/profile",
  ],
  quality: [
    "/admin",
    "/admin/questionnaires",
    "/admin/customers",
    "/admin/segments",
    "/admin/waves",
    "/admin/responses",
    "/admin/calls",
    "/admin/interviews/new",
    "/admin/cases",
    "/admin/reports",
    "/admin/report-schedules",
    "/admin/departments",
    "/admin/outbox",
    "/admin/profile",
  ],
  manager: ["/admin", "/admin/reports", "/admin/report-schedules", "/admin/profile"],
  customer_manager: [
    "/admin",
    "/admin/customers",
    "/admin/calls",
    "/admin/interviews/new",
    "/admin/cases",
    "/admin/profile",
  ],
};
const ALL_PAGES = [
  ...(MENU.admin ?? []),
  "/admin/users/new",
  "/admin/users/1",
  "/admin/responses/export.csv",
  "/admin/responses/export.xlsx",
  "/admin/customers/new",
  "/admin/customers/import",
  "/admin/segments/new",
  "/admin/cases/rules",
  "/admin/departments/new",
];

describe.each(DEMO_STAFF)("the $role role", (staff) => {
  const menu = MENU[staff.role] ?? [];

  it("reaches its own pages and gets 403 on the others, enforced on the server", async () => {
    const browser = new PageClient(app.baseUrl, { "accept-language": "en" });
    expect((await browser.logIn(staff.username, staff.password)).status).toBe(303);
    for (const path of menu) {
      const page = await browser.get(path);
      expect(page.status, path).toBe(200);
    }
    for (const path of ALL_PAGES.filter((p) => !menu.some((m) => m !== "/admin" && p.startsWith(m)))) {
      if (path === "/admin") continue;
      const page = await browser.get(path);
      expect(page.status, path).toBe(403);
      expect(heading(page.text)).toBe("No access");
    }
    // A forbidden POST changes nothing, even with a valid CSRF token.
    await browser.get("/admin");
    const attempt = await browser.post("/admin/users", {
      username: `sneaky-${staff.role}`,
      displayName: "x",
      role: "admin",
      password: "long-enough-password",
    });
    const created = await app.database.db
      .selectFrom("staff_user")
      .select("id")
      .where("username", "=", `sneaky-${staff.role}`)
      .executeTakeFirst();
    if (staff.role === "admin") {
      expect(attempt.status).toBe(303);
      expect(created).toBeDefined();
    } else {
      expect(attempt.status).toBe(403);
      expect(created).toBeUndefined();
    }
  });

  it("sees exactly the menu entries its role may use", async () => {
    const browser = new PageClient(app.baseUrl, { "accept-language": "en" });
    await browser.logIn(staff.username, staff.password);
    const home = await browser.get("/admin");
    const sidebar = home.text.slice(home.text.indexOf('<aside class="sidebar"'));
    const links = [...sidebar.matchAll(/<li><a href="(\/admin[^"]*)"/g)].map((m) => m[1]);
    expect(links).toEqual(menu);
  });
});

describe("the home page", () => {
  const stats = (html: string) => [...html.matchAll(/<p class="stat">(\d+)<\/p>/g)].map((m) => Number(m[1]));
  const signedIn = async (username: string) => {
    const staff = DEMO_STAFF.find((s) => s.username === username);
    const browser = new PageClient(app.baseUrl, { "accept-language": "en" });
    await browser.logIn(username, staff?.password ?? "");
    return browser;
  };

  it("shows quality staff their published questionnaires, open waves and recent responses", async () => {
    const home = await (await signedIn("quality")).get("/admin");
    const db = app.database.db;
    const published = await db
      .selectFrom("questionnaire_version")
      .select((eb) => eb.fn.count<number>("questionnaire_id").distinct().as("n"))
      .where("status", "=", "published")
      .executeTakeFirstOrThrow();
    const open = (
      await db.selectFrom("wave").select(["channel", "launched_at", "opens_at", "closes_at"]).execute()
    ).filter(
      (w) =>
        (w.channel === "web" || w.launched_at !== null) &&
        (!w.opens_at || w.opens_at <= new Date()) &&
        (!w.closes_at || w.closes_at > new Date()),
    );
    expect(Number(published.n)).toBeGreaterThan(0);
    expect(open.length).toBeGreaterThan(0);
    expect(stats(home.text)).toEqual([Number(published.n), open.length, 0]);
    expect(home.text).not.toContain("No questionnaires yet");
  });

  it("shows a customer manager their customers and the calls still to make", async () => {
    const db = app.database.db;
    const cm = await db
      .selectFrom("staff_user")
      .select("id")
      .where("username", "=", "cm.zhang")
      .executeTakeFirstOrThrow();
    const own = await db
      .selectFrom("customer")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("manager_user_id", "=", cm.id)
      .executeTakeFirstOrThrow();
    expect(Number(own.n)).toBeGreaterThan(0);
    const home = await (await signedIn("cm.zhang")).get("/admin");
    expect(stats(home.text)[1]).toBe(Number(own.n));
    expect(home.text).not.toContain("No customers are assigned to you yet");
  });

  it("tells a manager there is no report until a response arrives", async () => {
    const home = await (await signedIn("manager")).get("/admin");
    const any = await app.database.db
      .selectFrom("response")
      .select("id")
      .where("status", "=", "submitted")
      .executeTakeFirst();
    expect(home.text.includes("No reports yet")).toBe(any === undefined);
    expect(home.text.includes('href="/admin/reports">Read the report')).toBe(any !== undefined);
  });
});

describe("pages that do not exist", () => {
  it("answer with a 404 page, signed in or not", async () => {
    const anonymous = new PageClient(app.baseUrl, { "accept-language": "en" });
    const missing = await anonymous.get("/no/such/page");
    expect(missing.status).toBe(404);
    expect(heading(missing.text)).toBe("Page not found");
    const admin = new PageClient(app.baseUrl, { "accept-language": "en" });
    await admin.logIn("admin", "manyi-admin-demo");
    expect((await admin.get("/admin/users/999999")).status).toBe(404);
    expect((await admin.get("/admin/users/not-a-number")).status).toBe(404);
    expect((await admin.get("/admin/nothing-here")).status).toBe(404);
  });

  it("reports the health of the process and the database", async () => {
    const response = await fetch(`${app.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("an error page says what happened in the page's language, with no English detail on a Chinese page", async () => {
    const zh = new PageClient(app.baseUrl, { "accept-language": "zh-CN" });
    await zh.logIn("quality", "manyi-quality-demo");
    const missing = await zh.get("/admin/waves/999999");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("页面不存在");
    expect(missing.text).not.toContain("No such wave");
    const en = new PageClient(app.baseUrl, { "accept-language": "en" });
    await en.logIn("quality", "manyi-quality-demo");
    expect((await en.get("/admin/waves/999999")).text).toContain("No such wave");
  });
});
