import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// Pages and API answers that show a customer's name, e-mail or phone must not be kept by a browser or a
// proxy (Cache-Control: no-store): a shared computer would show them again after sign-out.

let app: TestApp;
let quality: PageClient;
let token: string;
let customerId: number;
let responseId: number;
let questionnaireId: number;

const CUSTOMER = {
  externalRef: "NS-0001",
  name: "赵敏 Zhao Min",
  email: "zhao.min@example.com",
  phone: "13800138000",
};

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${app.baseUrl}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  });

beforeAll(async () => {
  app = await startTestApp();
  quality = new PageClient(app.baseUrl, { "accept-language": "en" });
  await quality.logIn("quality", "manyi-quality-demo");
  token = await createApiTokenThroughAdmin(app, "quality");
  expect((await api("/customers", { method: "POST", body: JSON.stringify(CUSTOMER) })).status).toBe(201);
  const wave = await app.database.db
    .selectFrom("wave")
    .select(["id", "questionnaire_id"])
    .where("slug", "=", "sancheng-2026")
    .executeTakeFirstOrThrow();
  questionnaireId = wave.questionnaire_id;
  const answered = await api("/responses", {
    method: "POST",
    body: JSON.stringify({
      waveId: wave.id,
      customerRef: CUSTOMER.externalRef,
      mode: "phone",
      answers: {
        attitude: "very_satisfied",
        listening: "satisfied",
        care: "satisfied",
        promise: "satisfied",
        transparency: "basically_satisfied",
        accuracy: "very_satisfied",
        speed: "satisfied",
        resolution: "satisfied",
        channels: "dissatisfied",
        recommend: 6,
        improve: "更多网点",
      },
    }),
  });
  expect(answered.status).toBe(201);
  const db = app.database.db;
  customerId = (
    await db
      .selectFrom("customer")
      .select("id")
      .where("external_ref", "=", CUSTOMER.externalRef)
      .executeTakeFirstOrThrow()
  ).id;
  responseId = (
    await db
      .selectFrom("response")
      .select("id")
      .where("customer_id", "=", customerId)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await app?.close();
});

describe("personal data is never cached", () => {
  it("on the customer's and the response's detail pages, which show the name, e-mail and phone", async () => {
    const customer = await quality.get(`/admin/customers/${customerId}`);
    expect(customer.status).toBe(200);
    expect(customer.text).toContain(CUSTOMER.email);
    expect(customer.text).toContain(CUSTOMER.phone);
    expect(customer.headers.get("cache-control")).toBe("no-store");
    const response = await quality.get(`/admin/responses/${responseId}`);
    expect(response.status).toBe(200);
    expect(response.text).toContain(CUSTOMER.name);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  // :customer and :questionnaire are filled in once the test data exists
  const filled = (path: string) =>
    path.replace(":customer", String(customerId)).replace(":questionnaire", String(questionnaireId));

  it.each([
    "/admin/customers",
    "/admin/customers?q=Zhao",
    "/admin/customers/:customer/edit",
    "/admin/customers/export.csv",
    "/admin/customers/import",
    "/admin/responses",
    "/admin/responses/export.csv",
    "/admin/responses/export.xlsx",
    "/admin/interviews/new?customer=:customer",
    "/admin/calls",
    "/admin/outbox",
    "/admin/reports?questionnaire=:questionnaire",
  ])("on the console page %s", async (path) => {
    const page = await quality.get(filled(path));
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
  });

  it.each([
    "/api/v1/customers",
    "/api/v1/customers/NS-0001",
    "/api/v1/responses",
    "/api/v1/responses?include=answers&after=0",
    "/api/v1/responses/export.xlsx",
    "/api/v1/reports?questionnaire=:questionnaire",
    "/api/v1/me",
  ])("in the API answer %s", async (path) => {
    const answer = await api(filled(path).replace("/api/v1", ""));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });

  it("in the API answer for one customer, which carries the name, e-mail and phone", async () => {
    const answer = await api(`/customers/${CUSTOMER.externalRef}`);
    expect(await answer.json()).toMatchObject({ data: CUSTOMER });
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });
});
