import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatScore } from "../../src/lib/score-format.ts";
import { findPublishedVersion } from "../../src/questionnaires/published-versions.ts";
import { createSubmittedResponse } from "../../src/responses/response.service.ts";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { heading, PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
let quality: PageClient;
beforeAll(async () => {
  app = await startTestApp();
  quality = new PageClient(app.baseUrl, { "accept-language": "en" });
  await quality.logIn("quality", "manyi-quality-demo");
});
afterAll(async () => {
  await app?.close();
});

const db = () => app.database.db;
const sancheng = async () =>
  db()
    .selectFrom("wave")
    .select(["id", "questionnaire_id", "questionnaire_version_id"])
    .where("slug", "=", "sancheng-2026")
    .executeTakeFirstOrThrow();
const customerId = async (ref: string) =>
  (await db().selectFrom("customer").select("id").where("external_ref", "=", ref).executeTakeFirstOrThrow())
    .id;

const FULL = {
  attitude: "very_satisfied",
  listening: "very_satisfied",
  care: "satisfied",
  promise: "satisfied",
  transparency: "basically_satisfied",
  accuracy: "very_satisfied",
  speed: "satisfied",
  resolution: "satisfied",
  channels: "dissatisfied",
  recommend: 9,
  improve: '<script>alert("x")</script> 希望网点多一些',
};
// 100 100 90 90 75 100 90 90 60 → 795 / 9
const FULL_SCORE = 795 / 9;

const apiToken = (username: string) => createApiTokenThroughAdmin(app, username);

const postResponse = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.baseUrl}/api/v1/responses`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("staff-recorded interviews", () => {
  it("a quality staff member records a phone interview; the response keeps the mode, the recorder and the score", async () => {
    const wave = await sancheng();
    const customer = await customerId("C0003");
    const form = await quality.get(
      `/admin/interviews/new?version=${wave.questionnaire_version_id}&customer=${customer}&mode=phone`,
    );
    expect(form.status).toBe(200);
    expect(form.text).toContain("华东物流有限公司");
    const fields: Record<string, string> = {
      version: String(wave.questionnaire_version_id),
      customer: String(customer),
      mode: "phone",
      submitKey: /name="submitKey" value="([^"]+)"/.exec(form.text)?.[1] ?? "",
    };
    for (const [key, value] of Object.entries(FULL)) fields[`a.${key}`] = String(value);
    const saved = await quality.post("/admin/interviews", fields);
    expect(saved.status).toBe(303);
    // A double-clicked save stores one response.
    const again = await quality.post("/admin/interviews", fields);
    expect(again.status).toBe(303);
    expect(again.location).toBe(saved.location);
    const rows = await db().selectFrom("response").selectAll().where("customer_id", "=", customer).execute();
    expect(rows).toHaveLength(1);
    const quality_ = await db()
      .selectFrom("staff_user")
      .select("id")
      .where("username", "=", "quality")
      .executeTakeFirstOrThrow();
    expect(rows[0]).toMatchObject({
      mode: "phone",
      recorded_by: quality_.id,
      status: "submitted",
      wave_id: null,
    });
    expect(rows[0]?.respondent_score).toBeCloseTo(FULL_SCORE, 10);

    const detail = await quality.get(saved.location ?? "");
    expect(detail.status).toBe(200);
    // 795/9 = 88.33…, shown as the reports show scores (one decimal, cut)
    expect(detail.text).toContain(`>${formatScore(FULL_SCORE)}<`);
    expect(detail.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 希望网点多一些");
    expect(detail.text).not.toContain('<script>alert("x")</script>');
    const viewed = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "customer.viewed")
      .execute();
    expect(viewed.length).toBeGreaterThanOrEqual(1);
  });

  it("stores a call-list interview and completes the call in one transaction: a failure between them keeps neither", async () => {
    const wave = await sancheng();
    const customer = await customerId("C0002");
    const staff = await db()
      .selectFrom("staff_user")
      .select("id")
      .where("username", "=", "quality")
      .executeTakeFirstOrThrow();
    const calls = await db()
      .insertInto("wave")
      .values({
        questionnaire_id: wave.questionnaire_id,
        questionnaire_version_id: wave.questionnaire_version_id,
        name: "回访电话",
        channel: "staff",
        launched_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const call = await db()
      .insertInto("invitation")
      .values({ wave_id: calls.id, customer_id: customer, assigned_to: staff.id, status: "not_sent" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const form = await quality.get(
      `/admin/interviews/new?version=${wave.questionnaire_version_id}&customer=${customer}&invitation=${call.id}`,
    );
    expect(form.status).toBe(200);
    const submitKey = /name="submitKey" value="([^"]+)"/.exec(form.text)?.[1] ?? "";
    const fields: Record<string, string> = {
      version: String(wave.questionnaire_version_id),
      customer: String(customer),
      invitation: String(call.id),
      mode: "phone",
      submitKey,
    };
    for (const [key, value] of Object.entries(FULL)) fields[`a.${key}`] = String(value);
    const stored = () =>
      db().selectFrom("response").select("id").where("submit_key", "=", `interview:${submitKey}`).execute();
    const completedAt = async () =>
      (
        await db()
          .selectFrom("invitation")
          .select("completed_at")
          .where("id", "=", call.id)
          .executeTakeFirstOrThrow()
      ).completed_at;

    // The call's completion fails after the response was written: nothing of the interview stays.
    await sql`create function refuse_completion() returns trigger language plpgsql as $$
      begin if new.completed_at is not null then raise exception 'completion refused by the test'; end if;
      return new; end $$`.execute(db());
    await sql`create trigger refuse_completion before update on invitation
      for each row execute function refuse_completion()`.execute(db());
    try {
      const failed = await quality.post("/admin/interviews", fields);
      expect(failed.status).toBe(500);
      expect(await stored()).toHaveLength(0);
      expect(await completedAt()).toBeNull();
    } finally {
      await sql`drop trigger refuse_completion on invitation`.execute(db());
      await sql`drop function refuse_completion()`.execute(db());
    }

    // Saved again (the same form), both are written.
    const saved = await quality.post("/admin/interviews", fields);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe("/admin/calls");
    expect(await stored()).toHaveLength(1);
    expect(await completedAt()).toBeInstanceOf(Date);
  });

  it("re-renders the interview with messages at the items when answers are missing, storing nothing", async () => {
    const wave = await sancheng();
    const customer = await customerId("C0004");
    const form = await quality.get(
      `/admin/interviews/new?version=${wave.questionnaire_version_id}&customer=${customer}`,
    );
    const result = await quality.post("/admin/interviews", {
      version: String(wave.questionnaire_version_id),
      customer: String(customer),
      mode: "visit",
      submitKey: /name="submitKey" value="([^"]+)"/.exec(form.text)?.[1] ?? "",
      "a.attitude": "satisfied",
      "a.recommend": "11",
    });
    expect(result.status).toBe(422);
    expect(result.text).toContain("Please answer this question.");
    expect(result.text).toContain("Please give a number from 0 to 10.");
    expect(result.text).toMatch(/value="satisfied" checked/);
    expect(
      await db().selectFrom("response").select("id").where("customer_id", "=", customer).execute(),
    ).toHaveLength(0);
  });

  it("a customer manager may interview only the customers assigned to them", async () => {
    const cm = new PageClient(app.baseUrl, { "accept-language": "en" });
    await cm.logIn("cm.zhang", "manyi-cm-demo-1");
    const page = await cm.get("/admin/interviews/new");
    expect(page.status).toBe(200);
    expect(page.text).toContain("陈静");
    expect(page.text).not.toContain("华东物流有限公司");
    const wave = await sancheng();
    const notMine = await cm.get(
      `/admin/interviews/new?version=${wave.questionnaire_version_id}&customer=${await customerId("C0003")}`,
    );
    expect(notMine.status).toBe(403);
    expect((await cm.get("/admin/responses")).status).toBe(403);
  });
});

describe("choosing whom to interview", () => {
  it("offers the first 200 customers by name and finds any other by name, number or phone", async () => {
    const quality = new PageClient(app.baseUrl, { "accept-language": "en" });
    await quality.logIn("quality", "manyi-quality-demo");
    const options = (html: string) =>
      [...html.slice(html.indexOf('id="i-customer"')).matchAll(/<option value="(\d+)"/g)].map((m) =>
        Number(m[1]),
      );
    const db = app.database.db;
    await db
      .insertInto("customer")
      .values(
        Array.from({ length: 210 }, (_, i) => ({
          external_ref: `IV${String(i).padStart(4, "0")}`,
          name: `访谈客户 ${String(i).padStart(3, "0")}`,
          email: null,
          phone: null,
          customer_type: null,
          channel: null,
          value_tier: null,
          activity: null,
          region: null,
          manager_user_id: null,
          opted_out_at: null,
          opt_out_source: null,
        })),
      )
      .execute();
    const open = await db
      .selectFrom("customer")
      .select(["id", "name", "external_ref"])
      .where("opted_out_at", "is", null)
      .orderBy("name")
      .orderBy("id")
      .execute();
    expect(open.length).toBeGreaterThan(200);
    const first = await quality.get("/admin/interviews/new");
    expect(options(first.text)).toHaveLength(200);
    expect(first.text).toContain("Only the first 200 customers by name are listed");
    const last = open[open.length - 1];
    expect(options(first.text)).not.toContain(last?.id);
    const found = await quality.get(
      `/admin/interviews/new?q=${encodeURIComponent(last?.external_ref ?? "")}`,
    );
    expect(options(found.text)).toContain(last?.id);
    expect(options(found.text).length).toBeLessThan(200);
    const none = await quality.get("/admin/interviews/new?q=no-such-customer-xyz");
    expect(options(none.text)).toEqual([]);
    expect(none.text).toContain("No customer you may interview matches “no-such-customer-xyz”.");
  });
});

describe("the responses console", () => {
  it("lists responses with filters and pages, and exports them as CSV", async () => {
    const token = await apiToken("quality");
    const wave = await sancheng();
    for (const [i, channels] of ["very_satisfied", "dissatisfied", "satisfied"].entries()) {
      const created = await postResponse(token, {
        waveId: wave.id,
        answers: { ...FULL, channels },
        mode: i === 0 ? "letter" : "web",
      });
      expect(created.status).toBe(201);
    }
    const all = await quality.get("/admin/responses");
    expect(heading(all.text)).toBe("Responses");
    const low = await quality.get("/admin/responses?maxScore=88.4&mode=web");
    const rowsLow = low.text.match(/<tr>\s*<td class="stack-title">/g)?.length ?? 0;
    expect(rowsLow).toBe(1);
    expect(low.text).toContain(`>${formatScore(FULL_SCORE)}<`);
    const letters = await quality.get("/admin/responses?mode=letter");
    expect(letters.text).toContain("Letter");
    expect((await quality.get("/admin/responses?minScore=abc")).status).toBe(422);
    const paged = await quality.get("/admin/responses?pageSize=1&page=2");
    expect(paged.text).toMatch(/Page 2 of \d+/);

    const csv = await quality.get(`/admin/responses/export.csv?questionnaire=${wave.questionnaire_id}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    // The body starts with a UTF-8 byte-order mark for Excel (fetch's text() strips it, so read bytes).
    const bytes = new Uint8Array(
      await (
        await quality.fetchRaw(`/admin/responses/export.csv?questionnaire=${wave.questionnaire_id}`)
      ).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text.trim().split("\r\n");
    // headers in the reader's language; one column per item (key and text), points then level
    const [header = []] = parse(lines[0] ?? "", { columns: false }) as string[][];
    expect(header.slice(0, 2)).toEqual(["Response ID", "Submitted at (ISO 8601, UTC)"]);
    expect(header).toContain("Customer reference");
    expect(header.filter((cell) => cell.startsWith("attitude ")).length).toBe(2);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    // the script in a text answer is data, not markup; a leading = would be neutralised
    expect(csv.text).toContain('<script>alert(""x"")</script> 希望网点多一些');
    const exported = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "customer.exported")
      .execute();
    expect(exported.length).toBe(2);
  });

  it("is closed to management, who see no customer personal data", async () => {
    const manager = new PageClient(app.baseUrl);
    await manager.logIn("manager", "manyi-manager-demo");
    expect((await manager.get("/admin/responses")).status).toBe(403);
    expect((await manager.get("/admin/responses/export.csv")).status).toBe(403);
    expect((await manager.get("/admin/interviews/new")).status).toBe(403);
  });
});

describe("POST /api/v1/responses", () => {
  it("stores a complete response with its score, and one response per Idempotency-Key", async () => {
    const token = await apiToken("admin");
    const wave = await sancheng();
    const first = await postResponse(
      token,
      { waveId: wave.id, answers: FULL, customerRef: "C0001" },
      { "idempotency-key": "order-12345" },
    );
    expect(first.status).toBe(201);
    const body = (await first.json()) as {
      data: { id: number; respondentScore: number; duplicate: boolean };
    };
    expect(body.data.respondentScore).toBeCloseTo(FULL_SCORE, 10);
    const retry = await postResponse(
      token,
      { waveId: wave.id, answers: FULL, customerRef: "C0001" },
      { "idempotency-key": "order-12345" },
    );
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { data: { id: number; duplicate: boolean } }).data).toMatchObject({
      id: body.data.id,
      duplicate: true,
    });
    const stored = await db()
      .selectFrom("answer")
      .select("item_key")
      .where("response_id", "=", body.data.id)
      .execute();
    expect(stored).toHaveLength(11);
  });

  it("under concurrent posts keeps one response per request and one per repeated Idempotency-Key", async () => {
    const token = await apiToken("quality");
    const wave = await sancheng();
    const before = await db()
      .selectFrom("response")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const distinct = Array.from({ length: 30 }, (_, i) =>
      postResponse(token, { waveId: wave.id, answers: { ...FULL, recommend: i % 11 } }),
    );
    const doubleClicks = Array.from({ length: 10 }, () =>
      postResponse(token, { waveId: wave.id, answers: FULL }, { "idempotency-key": "double-click-77" }),
    );
    const answered = await Promise.all([...distinct, ...doubleClicks]);
    const bodies = (await Promise.all(answered.map((r) => r.json()))) as {
      data: { id: number; duplicate: boolean };
    }[];
    expect(answered.slice(0, 30).map((r) => r.status)).toEqual(Array(30).fill(201));
    const clickIds = new Set(bodies.slice(30).map((b) => b.data.id));
    expect(clickIds.size).toBe(1);
    expect(bodies.slice(30).filter((b) => !b.data.duplicate)).toHaveLength(1);
    const ids = bodies.slice(0, 30).map((b) => b.data.id);
    expect(new Set(ids).size).toBe(30);
    const after = await db()
      .selectFrom("response")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n - before.n).toBe(31);
    // each response has its own answers: recommend i % 11 went to the response posted i-th
    const recommends = await db()
      .selectFrom("answer")
      .select(["response_id", "number"])
      .where("response_id", "in", ids)
      .where("item_key", "=", "recommend")
      .execute();
    const byId = new Map(recommends.map((row) => [row.response_id, row.number]));
    expect(ids.map((id) => byId.get(id))).toEqual(ids.map((_, i) => i % 11));
  });

  it("a response the database refuses fails alone when it was written together with others", async () => {
    const wave = await sancheng();
    const version = await findPublishedVersion(db(), wave.questionnaire_version_id);
    if (!version) throw new Error("no version");
    const input = (questionnaireVersionId: number) => ({
      questionnaireVersionId,
      definition: version.definition,
      waveId: wave.id,
      raw: FULL,
      mode: "web" as const,
      customerId: null,
      customerRef: null,
      recordedBy: null,
      submitKey: null,
      locale: "zh-CN",
    });
    const results = await Promise.allSettled([
      createSubmittedResponse(db(), input(version.id), new Date()),
      createSubmittedResponse(db(), input(version.id), new Date()),
      createSubmittedResponse(db(), input(987_654_321), new Date()),
      createSubmittedResponse(db(), input(version.id), new Date()),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const stored = await db()
      .selectFrom("answer")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where(
        "response_id",
        "in",
        results.flatMap((r) => (r.status === "fulfilled" ? [r.value.id] : [])),
      )
      .executeTakeFirstOrThrow();
    expect(stored.n).toBe(3 * 11);
  });

  it.each([
    ["an unknown item", { answers: { ...FULL, nonsense: 1 } }, "answers.nonsense"],
    ["a value out of range", { answers: { ...FULL, recommend: 12 } }, "answers.recommend"],
    ["a wrong type", { answers: { ...FULL, attitude: 100 } }, "answers.attitude"],
    ["a missing required answer", { answers: { ...FULL, attitude: undefined } }, "answers.attitude"],
    ["an unknown field", { answers: FULL, extra: true }, "extra"],
    ["answers that are not an object", { answers: "all good" }, "answers"],
  ])("refuses %s with 422 naming the field, storing nothing", async (_label, body, field) => {
    const token = await apiToken("quality");
    const wave = await sancheng();
    const before = await db().selectFrom("response").select("id").execute();
    const response = await postResponse(token, { waveId: wave.id, ...body });
    expect(response.status).toBe(422);
    const envelope = (await response.json()) as {
      error: { code: string; message: string; details: { issues: { field: string }[] } };
    };
    expect(envelope.error.code).toBe("validation_failed");
    expect(envelope.error.details.issues.map((i) => i.field)).toContain(field);
    expect(await db().selectFrom("response").select("id").execute()).toHaveLength(before.length);
  });

  it("refuses an oversized body with 413 and a manager's token with 403", async () => {
    const token = await apiToken("quality");
    const wave = await sancheng();
    const huge = await postResponse(token, {
      waveId: wave.id,
      answers: { ...FULL, improve: "x".repeat(1_100_000) },
    });
    expect(huge.status).toBe(413);
    const managerToken = await apiToken("manager");
    expect((await postResponse(managerToken, { waveId: wave.id, answers: FULL })).status).toBe(403);
    const list = await fetch(`${app.baseUrl}/api/v1/responses?pageSize=2`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await list.json()) as { data: unknown[]; total: number; pageSize: number };
    expect(page.pageSize).toBe(2);
    expect(page.data.length).toBeLessThanOrEqual(2);
    expect(page.total).toBeGreaterThanOrEqual(1);
  });
});
