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

const ADMIN_PAGES = ["/admin/users", "/admin/users/new", "/admin/users/1", "/admin/tokens", "/admin/audit"];
const EVERYONE = ["/admin", "/admin/profile"];

describe.each(DEMO_STAFF)("the $role role", (staff) => {
  it("reaches its own pages and gets 403 on the others, enforced on the server", async () => {
    const browser = new PageClient(app.baseUrl, { "accept-language": "en" });
    expect((await browser.logIn(staff.username, staff.password)).status).toBe(303);
    for (const path of EVERYONE) {
      const page = await browser.get(path);
      expect(page.status, path).toBe(200);
    }
    for (const path of ADMIN_PAGES) {
      const page = await browser.get(path);
      if (staff.role === "admin") {
        expect(page.status, path).toBe(200);
      } else {
        expect(page.status, path).toBe(403);
        expect(heading(page.text)).toBe("No access");
      }
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

  it("sees only the menu entries its role may use", async () => {
    const browser = new PageClient(app.baseUrl, { "accept-language": "en" });
    await browser.logIn(staff.username, staff.password);
    const home = await browser.get("/admin");
    const links = [...home.text.matchAll(/<li><a href="(\/admin[^"]*)"/g)].map((m) => m[1]);
    const expected =
      staff.role === "admin"
        ? ["/admin", ...ADMIN_PAGES.filter((p) => !/new|\d/.test(p)), "/admin/profile"]
        : EVERYONE;
    expect(new Set(links)).toEqual(new Set(expected));
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
});
