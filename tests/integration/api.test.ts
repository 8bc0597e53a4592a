import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PageClient } from "../helpers/http-client.ts";
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

/** Creates a token through the admin page, as an administrator would, and reads it off the page once. */
async function createToken(name: string, username: string): Promise<string> {
  const { id } = await app.database.db
    .selectFrom("staff_user")
    .select("id")
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  await admin.get("/admin/tokens");
  const page = await admin.post("/admin/tokens", { name, staffUserId: String(id) });
  expect(page.status).toBe(201);
  expect(page.headers.get("cache-control")).toBe("no-store");
  const token = /<code class="token" id="created-token">([^<]+)<\/code>/.exec(page.text)?.[1];
  expect(token).toMatch(/^manyi_[A-Za-z0-9_-]{43}$/);
  return token ?? "";
}

const api = (path: string, token?: string, init: RequestInit = {}) =>
  fetch(`${app.baseUrl}/api/v1${path}`, {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) },
  });

describe("API tokens and /api/v1", () => {
  it("creates a token shown once, stores only its hash, and authenticates with it", async () => {
    const token = await createToken("reporting script", "manager");
    const rows = await app.database.db.selectFrom("api_token").selectAll().execute();
    expect(rows.some((row) => row.token_hash === token || JSON.stringify(row).includes(token))).toBe(false);
    const list = await admin.get("/admin/tokens");
    expect(list.text).not.toContain(token);
    expect(list.text).toContain(`${token.slice(0, 12)}…`);

    const me = await api("/me", token);
    expect(me.status).toBe(200);
    const body = (await me.json()) as { data: { username: string; role: string; permissions: string[] } };
    expect(body.data).toMatchObject({ username: "manager", role: "manager", permissions: ["reports.view"] });
    const used = await app.database.db
      .selectFrom("api_token")
      .select("last_used_at")
      .where("name", "=", "reporting script")
      .executeTakeFirstOrThrow();
    expect(used.last_used_at).toBeInstanceOf(Date);
  });

  it("answers every error with the JSON envelope and a fitting status", async () => {
    const missing = await api("/me");
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: { code: "unauthenticated", message: "Send an API token as: Authorization: Bearer <token>" },
    });
    const unknown = await api("/me", "manyi_this-token-does-not-exist-at-all");
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");

    const managerToken = await createToken("manager token", "manager");
    const forbidden = await api("/users", managerToken);
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe("forbidden");

    const nowhere = await api("/nothing", managerToken);
    expect(nowhere.status).toBe(404);
    expect(((await nowhere.json()) as { error: { code: string } }).error.code).toBe("not_found");

    const badJson = await api("/me", managerToken, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { code: string } }).error.code).toBe("bad_request");

    const huge = await api("/me", managerToken, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ blob: "x".repeat(2_000_000) }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  it("paginates lists and validates the paging parameters", async () => {
    const token = await createToken("admin token", "admin");
    const page = await api("/users?page=1&pageSize=2", token);
    expect(page.status).toBe(200);
    const body = (await page.json()) as {
      data: { username: string }[];
      page: number;
      pageSize: number;
      total: number;
    };
    expect(body.data).toHaveLength(2);
    expect(body).toMatchObject({ page: 1, pageSize: 2, total: 4 });
    expect(JSON.stringify(body)).not.toContain("password");
    const bad = await api("/users?pageSize=100000", token);
    expect(bad.status).toBe(422);
    const envelope = (await bad.json()) as {
      error: { code: string; details: { issues: { field: string }[] } };
    };
    expect(envelope.error.code).toBe("validation_failed");
    expect(envelope.error.details.issues[0]?.field).toBe("pageSize");
  });

  it("stops accepting a token once it is revoked", async () => {
    const token = await createToken("short-lived", "quality");
    expect((await api("/me", token)).status).toBe(200);
    const { id } = await app.database.db
      .selectFrom("api_token")
      .select("id")
      .where("name", "=", "short-lived")
      .executeTakeFirstOrThrow();
    await admin.get("/admin/tokens");
    expect((await admin.post(`/admin/tokens/${id}/revoke`, {})).status).toBe(303);
    expect((await api("/me", token)).status).toBe(401);
    const audit = await app.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("target_type", "=", "api_token")
      .execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(["api_token.created", "api_token.revoked"]),
    );
  });

  it("stops accepting a token at once when its user is disabled or changes role", async () => {
    const token = await createToken("cm-token", "cm.zhang");
    expect((await api("/me", token)).status).toBe(200);
    const { id } = await app.database.db
      .selectFrom("staff_user")
      .select("id")
      .where("username", "=", "cm.zhang")
      .executeTakeFirstOrThrow();
    await admin.get("/admin/users");
    expect((await admin.post(`/admin/users/${id}/status`, { disabled: "true" })).status).toBe(303);
    expect((await api("/me", token)).status).toBe(401);
    expect((await admin.post(`/admin/users/${id}/status`, { disabled: "false" })).status).toBe(303);
    const before = (await (await api("/me", token)).json()) as { data: { role: string } };
    expect(before.data.role).toBe("customer_manager");
    expect((await admin.post(`/admin/users/${id}/role`, { role: "quality" })).status).toBe(303);
    const after = (await (await api("/me", token)).json()) as { data: { role: string } };
    expect(after.data.role).toBe("quality");
    expect((await admin.post(`/admin/users/${id}/role`, { role: "customer_manager" })).status).toBe(303);
  });

  it("does not accept a session cookie in place of a token", async () => {
    const response = await fetch(`${app.baseUrl}/api/v1/me`, {
      headers: { cookie: `manyi_session=${admin.cookie("manyi_session")}` },
    });
    expect(response.status).toBe(401);
  });
});
