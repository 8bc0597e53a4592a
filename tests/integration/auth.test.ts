import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_STAFF } from "../../seeds/demo-staff.ts";
import { logIn, MAX_FAILURES_PER_ACCOUNT } from "../../src/accounts/auth.service.ts";
import { createStaffUser } from "../../src/accounts/staff-user.service.ts";
import { openDatabase } from "../../src/db/open-database.ts";
import { TooManyRequestsError } from "../../src/errors.ts";
import { heading, PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

// Each test signs in from its own address (X-Forwarded-For is trusted from loopback) so the per-address
// throttle of one test does not leak into another.
let address = 10;
const client = (headers: Record<string, string> = {}) =>
  new PageClient(app.baseUrl, { "x-forwarded-for": `203.0.113.${address++}`, ...headers });

describe("sign-in", () => {
  it("shows the sign-in page in the browser's language", async () => {
    const zh = await client({ "accept-language": "zh-CN,zh;q=0.9,en;q=0.5" }).get("/login");
    expect(zh.status).toBe(200);
    expect(heading(zh.text)).toBe("登录");
    const en = await client({ "accept-language": "en-US,en;q=0.9" }).get("/login");
    expect(heading(en.text)).toBe("Sign in");
    expect(en.text).toContain('<html lang="en">');
  });

  it.each(DEMO_STAFF)("signs in $role ($username) and reaches the home page", async (staff) => {
    const browser = client({ "accept-language": "en" });
    const response = await browser.logIn(staff.username, staff.password);
    expect(response.status).toBe(303);
    expect(response.location).toBe("/admin");
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("manyi_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const home = await browser.get("/admin");
    expect(home.status).toBe(200);
    expect(heading(home.text)).toBe(`Welcome, ${staff.displayName}`);
    const audit = await app.database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "auth.login")
      .where("actor_name", "=", staff.username)
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it("rejects a wrong password with a clear message and records the failure", async () => {
    const browser = client({ "accept-language": "en" });
    const response = await browser.logIn("quality", "not-the-password");
    expect(response.status).toBe(401);
    expect(response.text).toContain("The username or password is not correct.");
    expect(response.headers.getSetCookie().some((c) => c.startsWith("manyi_session="))).toBe(false);
    const failures = await app.database.db
      .selectFrom("audit_log")
      .select(["actor_name", "details"])
      .where("action", "=", "auth.login_failed")
      .where("actor_name", "=", "quality")
      .execute();
    expect(failures.at(-1)?.details).toEqual({ reason: "wrong_password" });
  });

  it("throttles an account after repeated failures, even with the right password", async () => {
    // A dedicated account so the lock does not disturb other tests.
    await createStaffUser(app.database.db, null, {
      username: "throttled",
      displayName: "T",
      email: null,
      role: "quality",
      password: "right-password-1",
    });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      // from different addresses: the per-account limit must hold on its own
      const failed = await client({ "accept-language": "en" }).logIn("throttled", `wrong-${i}`);
      expect(failed.status).toBe(401);
    }
    const blocked = await client({ "accept-language": "en" }).logIn("throttled", "right-password-1");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBe("900");
    expect(blocked.text).toContain("Too many failed sign-in attempts. Wait 15 minutes, then try again.");
    expect(blocked.headers.getSetCookie().some((c) => c.startsWith("manyi_session="))).toBe(false);
  });

  it("checks exactly 5 of 40 simultaneous wrong passwords for one account, across two processes", async () => {
    await createStaffUser(app.database.db, null, {
      username: "stormed",
      displayName: "S",
      email: null,
      role: "quality",
      password: "right-password-2",
    });
    // A second pool on the same database stands for a second app process: the limit must hold in
    // PostgreSQL, not in one process's memory.
    const otherProcess = openDatabase(app.database.url);
    try {
      // Each browser fetches its form first, so that the 20 sign-ins through the form go out together.
      const browsers = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const browser = client({ "accept-language": "en" });
          await browser.get("/login");
          return browser;
        }),
      );
      const throughForm = browsers.map(async (browser, i) => {
        const response = await browser.post("/login", { username: "stormed", password: `wrong-${i}` });
        if (response.status === 401 && response.text.includes("The username or password is not correct."))
          return "checked";
        return response.status === 429 ? "throttled" : `status ${response.status}`;
      });
      const throughOtherProcess = Array.from({ length: 20 }, (_, i) =>
        logIn(
          otherProcess.db,
          { username: "STORMED", password: `other-${i}`, ip: `198.51.100.${i}`, userAgent: null },
          new Date(),
        ).then(
          (result) => (result.ok ? "signed in" : "checked"),
          (error: unknown) => (error instanceof TooManyRequestsError ? "throttled" : String(error)),
        ),
      );
      const outcomes = await Promise.all([...throughForm, ...throughOtherProcess]);
      expect(outcomes.filter((outcome) => outcome === "checked")).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
      expect(outcomes.filter((outcome) => outcome === "throttled")).toHaveLength(
        40 - MAX_FAILURES_PER_ACCOUNT,
      );
      const failures = await app.database.db
        .selectFrom("audit_log")
        .select("details")
        .where("action", "=", "auth.login_failed")
        .where("actor_name", "in", ["stormed", "STORMED"])
        .execute();
      expect(failures).toHaveLength(MAX_FAILURES_PER_ACCOUNT);

      // locked: the right password is refused too, through the form and in the other process
      const blocked = await client({ "accept-language": "en" }).logIn("stormed", "right-password-2");
      expect(blocked.status).toBe(429);
      expect(blocked.headers.getSetCookie().some((c) => c.startsWith("manyi_session="))).toBe(false);
      await expect(
        logIn(
          otherProcess.db,
          { username: "stormed", password: "right-password-2", ip: "198.51.100.99", userAgent: null },
          new Date(),
        ),
      ).rejects.toBeInstanceOf(TooManyRequestsError);
    } finally {
      await otherProcess.close();
    }
  });

  it("throttles one address that tries many accounts", async () => {
    const browser = client({ "accept-language": "zh-CN" });
    let last = await browser.logIn("nobody-0", "x");
    for (let i = 1; i <= 20; i++) last = await browser.logIn(`nobody-${i}`, "x");
    expect(last.status).toBe(429);
    expect(last.text).toContain("登录失败次数过多");
  });

  it.each([
    ["SQL in the username", "admin' OR '1'='1' --", "x"],
    ["SQL in the password", "admin", "' OR 1=1; DROP TABLE staff_user; --"],
    ["HTML in the username", '<script>alert("x")</script><img src=x onerror=alert(1)>', "x"],
    ["HTML in the password", "admin", '"><script>alert(1)</script>'],
    ["a very long username", "a".repeat(5000), "x"],
  ])("treats %s as plain text: no error page, nothing executed", async (_label, username, password) => {
    const browser = client({ "accept-language": "en" });
    const response = await browser.logIn(username, password);
    expect([401, 422]).toContain(response.status);
    expect(response.text).toContain("Sign in");
    expect(response.text).not.toContain("<script>alert");
    expect(response.text).not.toContain("<img src=x");
    const users = await app.database.db.selectFrom("staff_user").select("username").execute();
    expect(users.length).toBeGreaterThanOrEqual(DEMO_STAFF.length);
  });

  it("escapes HTML typed into the username when the form comes back", async () => {
    const response = await client().logIn('<b id="x">bold</b>', "x");
    expect(response.text).toContain("&lt;b id&#x3D;&quot;x&quot;&gt;bold&lt;/b&gt;");
  });

  it("refuses a form without its CSRF token (403) and signs nobody in", async () => {
    const browser = client({ "accept-language": "en" });
    await browser.get("/login");
    const response = await browser.post("/login", {
      _csrf: null,
      username: "admin",
      password: "manyi-admin-demo",
    });
    expect(response.status).toBe(403);
    expect(heading(response.text)).toBe("This form has expired");
    const forged = await browser.post("/login", {
      _csrf: "forged-token",
      username: "admin",
      password: "manyi-admin-demo",
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.getSetCookie().some((c) => c.startsWith("manyi_session="))).toBe(false);
  });

  it("signs out: the old session cookie no longer works", async () => {
    const browser = client();
    await browser.logIn("manager", "manyi-manager-demo");
    const session = browser.cookie("manyi_session");
    await browser.get("/admin");
    const out = await browser.post("/logout", {});
    expect(out.status).toBe(303);
    const replay = new PageClient(app.baseUrl, { cookie: `manyi_session=${session}` });
    const home = await replay.request("GET", "/admin");
    expect(home.status).toBe(303);
    expect(home.location).toBe("/login?next=%2Fadmin");
  });

  it("sends an anonymous visitor to sign in and back to the page they wanted", async () => {
    const browser = client();
    const users = await browser.get("/admin/users");
    expect(users.status).toBe(303);
    expect(users.location).toBe("/login?next=%2Fadmin%2Fusers");
    const login = await browser.get(users.location ?? "");
    expect(login.text).toContain('name="next" value="/admin/users"');
    const signedIn = await browser.post("/login", {
      username: "admin",
      password: "manyi-admin-demo",
      next: "/admin/users",
    });
    expect(signedIn.location).toBe("/admin/users");
    // never to another site
    const elsewhere = await client().logIn("admin", "manyi-admin-demo");
    expect(elsewhere.location).toBe("/admin");
    const evil = client();
    await evil.get("/login");
    const offsite = await evil.post("/login", {
      username: "admin",
      password: "manyi-admin-demo",
      next: "//evil.example/x",
    });
    expect(offsite.location).toBe("/admin");
  });

  it("switches the language and keeps a signed-in user's choice", async () => {
    const browser = client({ "accept-language": "en" });
    await browser.logIn("quality", "manyi-quality-demo");
    const responses = await browser.get("/admin/responses?page=1&mode=web");
    const back = /<input type="hidden" name="back" value="([^"]*)">/.exec(responses.text)?.[1];
    expect(back?.replace(/&#x3D;/g, "=").replace(/&amp;/g, "&")).toBe("/admin/responses?page=1&mode=web");
    const switched = await browser.post("/language", {
      locale: "zh-CN",
      back: "/admin/responses?page=1&mode=web",
    });
    expect(switched.location).toBe("/admin/responses?page=1&mode=web");
    const home = await browser.get("/admin");
    expect(heading(home.text)).toBe("欢迎，质量专员 王芳");
    const row = await app.database.db
      .selectFrom("staff_user")
      .select("locale")
      .where("username", "=", "quality")
      .executeTakeFirst();
    expect(row?.locale).toBe("zh-CN");
  });

  it("security headers are set on every page", async () => {
    const response = await client().get("/login");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-powered-by")).toBeNull();
    expect(response.headers.get("x-request-id")).toMatch(/[0-9a-f-]{36}/);
  });
});
