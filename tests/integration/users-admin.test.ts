import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { heading, PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
let admin: PageClient;
beforeAll(async () => {
  app = await startTestApp();
  admin = new PageClient(app.baseUrl, { "accept-language": "en" });
  await admin.logIn("admin", "manyi-admin-demo");
});
afterAll(async () => {
  await app?.close();
});

const userId = async (username: string) =>
  (
    await app.database.db
      .selectFrom("staff_user")
      .select("id")
      .where("username", "=", username)
      .executeTakeFirstOrThrow()
  ).id;
const auditActions = async (targetId: number) =>
  (
    await app.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("target_type", "=", "staff_user")
      .where("target_id", "=", String(targetId))
      .orderBy("id")
      .execute()
  ).map((row) => row.action);

describe("managing staff accounts", () => {
  it("creates a user, who can then sign in with the role given", async () => {
    await admin.get("/admin/users/new");
    const created = await admin.post("/admin/users", {
      username: "wang.li",
      displayName: "王丽",
      email: "wang.li@example.com",
      role: "customer_manager",
      password: "first-password-1",
    });
    expect(created.status).toBe(303);
    const list = await admin.get("/admin/users");
    expect(list.text).toContain("The user wang.li was created.");
    expect(list.text).toContain("王丽");
    const row = await app.database.db
      .selectFrom("staff_user")
      .selectAll()
      .where("username", "=", "wang.li")
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.role).toBe("customer_manager");
    expect(await auditActions(row.id)).toEqual(["user.created"]);
    const wang = new PageClient(app.baseUrl, { "accept-language": "en" });
    expect((await wang.logIn("wang.li", "first-password-1")).status).toBe(303);
  });

  it("re-renders the form with a message next to each bad field, and stores nothing", async () => {
    await admin.get("/admin/users/new");
    const before = await app.database.db.selectFrom("staff_user").select("id").execute();
    const response = await admin.post("/admin/users", {
      username: "x",
      displayName: "",
      email: "not-an-email",
      role: "superuser",
      password: "short",
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain("Please correct the fields marked below.");
    for (const id of ["username", "displayName", "email", "role", "password"]) {
      expect(response.text, id).toContain(`id="${id}-error"`);
    }
    expect(response.text).toContain('value="x"');
    expect(response.text).not.toContain('value="short"');
    const after = await app.database.db.selectFrom("staff_user").select("id").execute();
    expect(after.length).toBe(before.length);
  });

  it("refuses a username that is taken, whatever its case", async () => {
    await admin.get("/admin/users/new");
    const response = await admin.post("/admin/users", {
      username: "ADMIN",
      displayName: "Another",
      email: "",
      role: "admin",
      password: "long-enough-password",
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain("already taken");
  });

  it("resets a password: the old one and the old sessions stop working", async () => {
    const id = await userId("quality");
    const victim = new PageClient(app.baseUrl);
    await victim.logIn("quality", "manyi-quality-demo");
    expect((await victim.get("/admin")).status).toBe(200);
    await admin.get(`/admin/users/${id}`);
    const reset = await admin.post(`/admin/users/${id}/password`, { password: "new-password-123" });
    expect(reset.status).toBe(303);
    expect((await victim.get("/admin")).status).toBe(303);
    expect((await new PageClient(app.baseUrl).logIn("quality", "manyi-quality-demo")).status).toBe(401);
    expect((await new PageClient(app.baseUrl).logIn("quality", "new-password-123")).status).toBe(303);
    expect(await auditActions(id)).toContain("user.password_reset");
  });

  it("changes a role, which takes effect at once", async () => {
    const id = await userId("manager");
    const managerBrowser = new PageClient(app.baseUrl);
    await managerBrowser.logIn("manager", "manyi-manager-demo");
    await admin.get(`/admin/users/${id}`);
    expect((await admin.post(`/admin/users/${id}/role`, { role: "quality" })).status).toBe(303);
    expect((await managerBrowser.get("/admin")).status).toBe(303);
    const log = await app.database.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "user.role_changed")
      .where("target_id", "=", String(id))
      .executeTakeFirstOrThrow();
    expect(log.details).toMatchObject({ from: "manager", to: "quality" });
    await admin.post(`/admin/users/${id}/role`, { role: "manager" });
  });

  it("disables and enables an account", async () => {
    const id = await userId("cm.zhang");
    await admin.get(`/admin/users/${id}`);
    expect((await admin.post(`/admin/users/${id}/status`, { disabled: "true" })).status).toBe(303);
    const refused = await new PageClient(app.baseUrl, { "accept-language": "en" }).logIn(
      "cm.zhang",
      "manyi-cm-demo-1",
    );
    expect(refused.status).toBe(401);
    expect(refused.text).toContain("This account is disabled.");
    await admin.get(`/admin/users/${id}`);
    expect((await admin.post(`/admin/users/${id}/status`, { disabled: "false" })).status).toBe(303);
    expect((await new PageClient(app.baseUrl).logIn("cm.zhang", "manyi-cm-demo-1")).status).toBe(303);
    expect(await auditActions(id)).toEqual(expect.arrayContaining(["user.disabled", "user.enabled"]));
  });

  it("never leaves the installation without an active administrator", async () => {
    const id = await userId("admin");
    await admin.get(`/admin/users/${id}`);
    const selfDisable = await admin.post(`/admin/users/${id}/status`, { disabled: "true" });
    expect(selfDisable.status).toBe(409);
    expect(selfDisable.text).toContain("You cannot disable your own account");
    const demote = await admin.post(`/admin/users/${id}/role`, { role: "manager" });
    expect(demote.status).toBe(409);
    expect(demote.text).toContain("last active administrator");
    const row = await app.database.db
      .selectFrom("staff_user")
      .select(["role", "disabled_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: "admin", disabled_at: null });
  });

  it("lets every user change their own password and language", async () => {
    const browser = new PageClient(app.baseUrl, { "accept-language": "en" });
    await browser.logIn("cm.zhang", "manyi-cm-demo-1");
    const profile = await browser.get("/admin/profile");
    expect(heading(profile.text)).toBe("My profile");
    const wrong = await browser.post("/admin/profile/password", {
      currentPassword: "nope",
      newPassword: "another-password-1",
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain("not correct");
    const changed = await browser.post("/admin/profile/password", {
      currentPassword: "manyi-cm-demo-1",
      newPassword: "another-password-1",
    });
    expect(changed.status).toBe(303);
    expect(changed.location).toBe("/admin/profile");
    expect((await new PageClient(app.baseUrl).logIn("cm.zhang", "another-password-1")).status).toBe(303);
  });

  it("shows the audit log with filters and pages", async () => {
    const page = await admin.get("/admin/audit?action=user.created");
    expect(page.status).toBe(200);
    const rows = page.text.slice(page.text.indexOf("<tbody>"), page.text.indexOf("</tbody>"));
    expect(rows).toContain('<span title="user.created">User created</span>');
    expect(rows).not.toContain('title="auth.login"');
    expect(rows).toMatch(/<td>User #\d+<\/td>/);
    const bad = await admin.get("/admin/audit?action=drop-table");
    expect(bad.status).toBe(422);
    const second = await admin.get("/admin/audit?page=2&pageSize=2");
    expect(second.text).toMatch(/Page 2 of \d+/);
  });
});

describe("a new password ends what the old one gave", () => {
  const api = (token: string) =>
    fetch(`${app.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  const newUser = async (username: string, password: string) => {
    await admin.get("/admin/users/new");
    const created = await admin.post("/admin/users", {
      username,
      displayName: username,
      email: "",
      role: "quality",
      password,
    });
    expect(created.status).toBe(303);
    return userId(username);
  };
  const signedIn = async (username: string, password: string) => {
    const browser = new PageClient(app.baseUrl, { "accept-language": "en" });
    expect((await browser.logIn(username, password)).status).toBe(303);
    return browser;
  };
  const lastPasswordEntry = async (id: number) =>
    (
      await app.database.db
        .selectFrom("audit_log")
        .select("details")
        .where("action", "=", "user.password_reset")
        .where("target_id", "=", String(id))
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow()
    ).details;
  const tokenIds = async (id: number) =>
    (
      await app.database.db
        .selectFrom("api_token")
        .select(["id", "revoked_at"])
        .where("staff_user_id", "=", id)
        .orderBy("id")
        .execute()
    ).map((row) => ({ id: row.id, revoked: row.revoked_at !== null }));

  it("an administrator's reset revokes the user's API tokens, audited", async () => {
    const id = await newUser("reset.tokens", "first-password-1");
    const token = await createApiTokenThroughAdmin(app, "reset.tokens");
    expect((await api(token)).status).toBe(200);
    await admin.get(`/admin/users/${id}`);
    const reset = await admin.post(`/admin/users/${id}/password`, { password: "second-password-2" });
    expect(reset.status).toBe(303);

    const refused = await api(token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
    const page = await admin.get(`/admin/users/${id}`);
    expect(page.text).toContain("the user has been signed out everywhere and their API tokens revoked");
    const tokens = await tokenIds(id);
    expect(tokens).toEqual([{ id: tokens[0]?.id, revoked: true }]);
    expect(await lastPasswordEntry(id)).toEqual({
      username: "reset.tokens",
      self: false,
      signedOutEverywhere: true,
      revokedApiTokens: [tokens[0]?.id],
    });
  });

  it("changing one's own password with 'sign out everywhere else' revokes the tokens and the other sessions", async () => {
    const id = await newUser("own.everywhere", "first-password-1");
    const token = await createApiTokenThroughAdmin(app, "own.everywhere");
    const here = await signedIn("own.everywhere", "first-password-1");
    const elsewhere = await signedIn("own.everywhere", "first-password-1");
    await here.get("/admin/profile");
    const changed = await here.post("/admin/profile/password", {
      currentPassword: "first-password-1",
      newPassword: "second-password-2",
      signOutEverywhere: "on",
    });
    expect(changed.status).toBe(303);

    expect((await api(token)).status).toBe(401);
    expect(changed.location).toBe("/admin/profile");
    expect((await elsewhere.get("/admin")).status).toBe(303);
    const stays = await here.get("/admin/profile");
    expect(stays.status).toBe(200);
    expect(stays.text).toContain("Your other sessions were signed out and your API tokens revoked.");
    // the box is ticked unless the user unticks it
    expect(stays.text).toMatch(/<input type="checkbox" name="signOutEverywhere" checked>/);
    expect(stays.text).toContain("Sign out everywhere else");
    const tokens = await tokenIds(id);
    expect(await lastPasswordEntry(id)).toEqual({
      username: "own.everywhere",
      self: true,
      signedOutEverywhere: true,
      revokedApiTokens: tokens.map((token) => token.id),
    });
  });

  it("without the tick, the API tokens and the other sessions keep working", async () => {
    const id = await newUser("own.here", "first-password-1");
    const token = await createApiTokenThroughAdmin(app, "own.here");
    const here = await signedIn("own.here", "first-password-1");
    const elsewhere = await signedIn("own.here", "first-password-1");
    await here.get("/admin/profile");
    const changed = await here.post("/admin/profile/password", {
      currentPassword: "first-password-1",
      newPassword: "second-password-2",
    });
    expect(changed.status).toBe(303);

    expect((await api(token)).status).toBe(200);
    expect((await elsewhere.get("/admin")).status).toBe(200);
    const stays = await here.get("/admin/profile");
    expect(stays.text).toContain("Your password was changed.");
    expect(await tokenIds(id)).toEqual([expect.objectContaining({ revoked: false })]);
    expect(await lastPasswordEntry(id)).toEqual({
      username: "own.here",
      self: true,
      signedOutEverywhere: false,
      revokedApiTokens: [],
    });
    expect((await new PageClient(app.baseUrl).logIn("own.here", "first-password-1")).status).toBe(401);
  });
});

describe("form messages in Chinese", () => {
  it("shows field errors in the page's language", async () => {
    const zh = new PageClient(app.baseUrl, { "accept-language": "zh-CN" });
    await zh.logIn("admin", "manyi-admin-demo");
    await zh.post("/language", { locale: "zh-CN", back: "/admin/users/new" });
    await zh.get("/admin/users/new");
    const response = await zh.post("/admin/users", {
      username: "",
      displayName: "",
      email: "x",
      role: "",
      password: "",
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain("请更正下面标出的字段。");
    expect(response.text).toContain("至少 10 个字符");
    expect(response.text).toContain("不是有效的电子邮件地址");
    expect(response.text).toContain("请选择一个角色");
  });

  it("words a refusal, an audit entry's role and a stored mail's headers in Chinese", async () => {
    const zh = new PageClient(app.baseUrl, { "accept-language": "zh-CN" });
    await zh.logIn("admin", "manyi-admin-demo");
    const id = await userId("admin");
    await zh.get(`/admin/users/${id}`);
    const selfDisable = await zh.post(`/admin/users/${id}/status`, { disabled: "true" });
    expect(selfDisable.status).toBe(409);
    expect(selfDisable.text).toContain("不能停用您自己的账户");
    expect(selfDisable.text).not.toContain("You cannot disable");

    // wang.li was created as a customer manager: the entry names the role, not its code
    const audit = await zh.get("/admin/audit?action=user.created");
    const rows = audit.text.slice(audit.text.indexOf("<tbody>"), audit.text.indexOf("</tbody>"));
    expect(rows).toContain("role: 客户经理");
    expect(rows).not.toContain("customer_manager");

    const [mail] = await app.database.db
      .insertInto("outbox_message")
      .values({
        to_address: "li@example.com",
        subject: "满意度调查",
        text_body: "…",
        headers: JSON.stringify({
          From: "manyi <survey@manyi.test>",
          "List-Unsubscribe": "<https://x/u>",
          "X-Other": "1",
        }),
      })
      .returning("id")
      .execute();
    const stored = await zh.get(`/admin/outbox/${mail?.id}`);
    expect(stored.status).toBe(200);
    expect(stored.text).toContain("<dt>发件人</dt>");
    expect(stored.text).toContain("<dt>退订链接</dt>");
    expect(stored.text).toContain("<dt>X-Other</dt>");
    expect(stored.text).not.toContain("<dt>From</dt>");
  });
});
