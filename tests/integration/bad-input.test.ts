import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// No input may answer 5xx: text PostgreSQL cannot store (NUL, a lone UTF-16 surrogate), impossible
// dates, and garbage in every query, path and body field reach each endpoint and are refused at the
// boundary with a 4xx that names the field.
let app: TestApp;
let admin: PageClient;
let token: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = new PageClient(app.baseUrl, { "accept-language": "en" });
  await admin.logIn("admin", "manyi-admin-demo");
  token = await createApiTokenThroughAdmin(app, "admin");
});
afterAll(async () => {
  await app?.close();
});

const BAD_QUERIES = [
  "q=%00",
  "q=%ED%A0%80",
  "q=a%00b&status=%00&sort=%00&page=%00&pageSize=%00",
  "from=2026-13-45&to=2026-02-30",
  "from=%00&to=%00",
  "period=2026-13&questionnaire=%00&wave=%00&segment=%00&breakdown=%00&mode=%00",
  "period=2026-02-30..2026-13-01",
  "region=%00&manager=%00&customerType=%00&channel=%00",
  "score=%00&minScore=%00&maxScore=1e999",
  "after=%00&include=%00&lang=%00",
  "after=1e999&include=answers&region=%ED%A0%80",
];
const API_PATHS = [
  "/me",
  "/users",
  "/customers",
  "/customers/imports/1",
  "/customers/%00",
  "/customers/%ED%A0%80",
  "/waves",
  "/waves/1",
  "/waves/%00",
  "/questionnaires",
  "/questionnaires/1",
  "/questionnaires/%00",
  "/reports",
  "/responses",
  "/responses/export.csv",
  "/responses/export.xlsx",
];
const PAGES = [
  "/admin",
  "/admin/responses",
  "/admin/responses/export.xlsx",
  "/admin/customers",
  "/admin/customers/%00",
  "/admin/waves",
  "/admin/waves/%00",
  "/admin/audit",
  "/admin/reports",
  "/admin/reports/report.csv",
  "/admin/calls",
  "/admin/cases",
  "/admin/cases/%00",
  "/admin/cases/1",
  "/admin/cases/rules",
  "/admin/cases/rules/%00",
  "/admin/segments",
  "/admin/outbox",
  "/admin/questionnaires",
  "/admin/users",
  "/admin/tokens",
  "/w/%00",
  "/w/sancheng-2026",
  "/s/%00",
  "/u/%00",
];

const failures: string[] = [];
const check = (what: string, status: number) => {
  if (status >= 500) failures.push(`${what} → ${status}`);
};

describe("a sweep of bad input over every endpoint", () => {
  it("answers no GET with a 5xx, in the API and on the pages", async () => {
    let requests = 0;
    for (const path of API_PATHS)
      for (const query of ["", ...BAD_QUERIES]) {
        const url = `${app.baseUrl}/api/v1${path}${query ? `?${query}` : ""}`;
        const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        check(`GET /api/v1${path}?${query}`, response.status);
        requests++;
      }
    for (const path of PAGES)
      for (const query of ["", ...BAD_QUERIES]) {
        const response = await admin.get(`${path}${query ? `?${query}` : ""}`);
        check(`GET ${path}?${query}`, response.status);
        requests++;
      }
    console.info(`bad-input sweep: ${requests} GET requests, ${failures.length} answered 5xx`);
    expect(failures).toEqual([]);
  });

  it("answers no POST or PUT of the API with a 5xx, whatever the body", async () => {
    const BODIES: unknown[] = [
      null,
      [],
      "text",
      42,
      {},
      { name: null, externalRef: Number.MAX_VALUE, questionnaireId: "x", answers: [] },
      { questionnaireId: -1, waveId: 2 ** 60, answers: { a: { b: { c: [] } } }, mode: "fax" },
      { customers: "all", items: [null], definition: 7 },
      { customers: Array.from({ length: 3 }, () => ({ externalRef: [] })) },
      { definition: { items: [{ key: null }] }, name: { "zh-CN": 5 } },
      {
        name: "x".repeat(100_000),
        channel: "email",
        questionnaireId: 1,
        audience: { kind: "segment", id: "1e400" },
      },
      { opensAt: "2026-13-45", closesAt: "yesterday", reminderDays: [-1, "a"] },
    ];
    const PATHS: [string, string][] = [
      ["POST", "/customers"],
      ["POST", "/customers/bulk"],
      ["POST", "/customers/imports"],
      ["POST", "/waves"],
      ["POST", "/waves/1/send"],
      ["POST", "/waves/%00/send"],
      ["POST", "/questionnaires"],
      ["PUT", "/questionnaires/1/draft"],
      ["POST", "/questionnaires/1/publish"],
      ["POST", "/responses"],
    ];
    let requests = 0;
    for (const [method, path] of PATHS)
      for (const body of BODIES) {
        const response = await fetch(`${app.baseUrl}/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        check(`${method} /api/v1${path} ${JSON.stringify(body).slice(0, 60)}`, response.status);
        requests++;
      }
    // not JSON at all, and a body cut short
    for (const [method, path] of PATHS) {
      for (const raw of ["{", "\u0000", '{"a":']) {
        const response = await fetch(`${app.baseUrl}/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: raw,
        });
        await response.arrayBuffer();
        check(`${method} /api/v1${path} raw ${JSON.stringify(raw)}`, response.status);
        requests++;
      }
    }
    console.info(`bad-input sweep: ${requests} API writes, ${failures.length} answered 5xx`);
    expect(failures).toEqual([]);
  });

  it("refuses text PostgreSQL cannot store with a 422 naming the field", async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${app.baseUrl}/api/v1${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const lone = await post("/customers", { externalRef: "\ud800", name: "Lone" });
    expect(lone.status).toBe(422);
    const loneBody = (await lone.json()) as { error: { details: { issues: { field: string }[] } } };
    expect(loneBody.error.details.issues.map((issue) => issue.field)).toContain("externalRef");
    const nul = await post("/customers", { externalRef: "C-NUL", name: "a\u0000b" });
    expect(nul.status).toBe(422);
    const nulBody = (await nul.json()) as { error: { details: { issues: { field: string }[] } } };
    expect(nulBody.error.details.issues.map((issue) => issue.field)).toContain("name");
    const nested = await post("/responses", {
      questionnaireId: 1,
      answers: { improve: "bad\u0000text" },
    });
    expect(nested.status).toBe(422);

    const login = new PageClient(app.baseUrl, { "accept-language": "en" });
    await login.get("/login");
    const refused = await login.post("/login", { username: "ad\u0000min", password: "x" });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("username");
    // an impossible day is refused, not rolled over into another month
    const impossible = await fetch(`${app.baseUrl}/api/v1/responses?from=2026-13-45`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(impossible.status).toBe(422);
    const impossibleBody = (await impossible.json()) as {
      error: { details: { issues: { field: string }[] } };
    };
    expect(impossibleBody.error.details.issues.map((issue) => issue.field)).toContain("from");
    // nothing was stored
    const stored = await app.database.db
      .selectFrom("customer")
      .select("id")
      .where("external_ref", "in", ["C-NUL"])
      .execute();
    expect(stored).toEqual([]);
  });
});

describe("the same thing created by several requests at once", () => {
  const post = (path: string, body: unknown) =>
    fetch(`${app.baseUrl}/api/v1${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("stores one and answers the others as a duplicate naming the field, never 500", async () => {
    const customers = await Promise.all(
      Array.from({ length: 8 }, (_, n) => post("/customers", { externalRef: "C-RACE", name: `Race ${n}` })),
    );
    const customerStatuses = customers.map((response) => response.status).sort();
    expect(customerStatuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const response of customers.filter((r) => r.status === 409)) {
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("conflict");
      expect(body.error.message).toContain("C-RACE");
    }

    const { id: questionnaireId } = await app.database.db
      .selectFrom("wave")
      .select("questionnaire_id as id")
      .where("slug", "=", "sancheng-2026")
      .executeTakeFirstOrThrow();
    const waves = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        post("/waves", { name: `race ${n}`, questionnaireId, channel: "web", slug: "race-link" }),
      ),
    );
    expect(waves.map((response) => response.status).sort()).toEqual([201, 422, 422, 422, 422, 422, 422, 422]);
    for (const response of waves.filter((r) => r.status === 422)) {
      const body = (await response.json()) as { error: { details: { issues: { field: string }[] } } };
      expect(body.error.details.issues.map((issue) => issue.field)).toEqual(["slug"]);
    }
    const stored = await app.database.db
      .selectFrom("wave")
      .select("id")
      .where("slug", "=", "race-link")
      .execute();
    expect(stored).toHaveLength(1);
  });
});
