import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { heading, PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// Customer references are sequential (C0001, C0002 …): an open link's `?ref=` is the customer only when
// the link carries the signature staff made for that customer. Anything else is kept as claimed,
// joined to no customer, and the report treats the response as anonymous.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field below
type Json = any;

const clock = new Date("2026-10-15T09:00:00Z");
const SLUG = "sancheng-2026";
let app: TestApp;
let quality: PageClient;
let qualityToken: string;
let waveId: number;
let questionnaireId: number;

beforeAll(async () => {
  app = await startTestApp({ now: () => clock });
  quality = new PageClient(app.baseUrl, { "accept-language": "en" });
  await quality.logIn("quality", "manyi-quality-demo");
  qualityToken = await createApiTokenThroughAdmin(app, "quality");
  const wave = await db()
    .selectFrom("wave")
    .select(["id", "questionnaire_id"])
    .where("slug", "=", SLUG)
    .executeTakeFirstOrThrow();
  waveId = wave.id;
  questionnaireId = wave.questionnaire_id;
});
afterAll(async () => {
  await app?.close();
});

const db = () => app.database.db;
const respondent = () => new PageClient(app.baseUrl, { "accept-language": "zh-CN,zh;q=0.9" });
const customer = (ref: string) =>
  db()
    .selectFrom("customer")
    .select(["id", "name"])
    .where("external_ref", "=", ref)
    .executeTakeFirstOrThrow();
const latestResponse = () =>
  db().selectFrom("response").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();

/** The signed link of one customer, as the API gives it. */
async function apiLink(customerRef: string, token = qualityToken) {
  const response = await fetch(
    `${app.baseUrl}/api/v1/waves/${waveId}/link?customerRef=${encodeURIComponent(customerRef)}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  return { status: response.status, body: (await response.json()) as Json };
}

/** The path and query of a full URL the app made (its public URL is the test server). */
const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

/** A hidden field of the respondent form, as a browser would send it back. */
const hidden = (html: string, name: string) =>
  new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html)?.[1];

// the 三诚 questionnaire, page by page; one dissatisfied answer (resolution) and a comment
const PAGES = (comment: string): Record<string, string>[] => [
  { "a.attitude": "satisfied", "a.listening": "satisfied", "a.care": "satisfied" },
  { "a.promise": "satisfied", "a.transparency": "satisfied", "a.accuracy": "satisfied" },
  { "a.speed": "satisfied", "a.resolution": "dissatisfied", "a.channels": "satisfied" },
  { "a.recommend": "5", "a.improve": comment },
];

/**
 * Answers every page from the page `html` on, sending back the form's hidden fields (the customer
 * reference and its signature) as a browser does; returns the stored response.
 */
async function answerFrom(client: PageClient, html: string, comment: string) {
  const pages = PAGES(comment);
  let text = html;
  for (const [index, answers] of pages.entries()) {
    const last = index === pages.length - 1;
    const form: Record<string, string> = {
      page: String(index),
      nav: last ? "submit" : "next",
      lang: "zh-CN",
    };
    for (const name of ["ref", "sig"]) {
      const value = hidden(text, name);
      if (value !== undefined) form[name] = value;
    }
    const sent = await client.post(`/w/${SLUG}`, { ...form, ...answers });
    expect(sent.status).toBe(303);
    if (!last) text = (await client.get(sent.location ?? "")).text;
    else expect(sent.location).toContain("/thanks");
  }
  const row = await latestResponse();
  expect(row.status).toBe("submitted");
  return row;
}

async function answerLink(path: string, comment: string) {
  const client = respondent();
  const first = await client.get(path);
  expect(first.status).toBe(200);
  return answerFrom(client, first.text, comment);
}

const responsePage = (id: number) => quality.get(`/admin/responses/${id}`);

describe("an open link's customer reference", () => {
  it("unsigned: the response is stored with the reference as claimed, joined to no customer, and the console does not show it as the customer", async () => {
    const chen = await customer("C0001");
    const row = await answerLink(`/w/${SLUG}?ref=C0001`, "未签名的意见");
    expect(row).toMatchObject({ customer_id: null, customer_ref: null, claimed_ref: "C0001" });
    const page = await responsePage(row.id);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(chen.name);
    expect(page.text).toContain("claimed reference C0001 (unverified)");
    const list = await quality.get(`/admin/responses?wave=${waveId}`);
    expect(list.text).not.toContain(chen.name);
  });

  it("badly signed: a made-up signature, or another customer's, is the same as none", async () => {
    const liu = await customer("C0002");
    const madeUp = await answerLink(`/w/${SLUG}?ref=C0002&sig=AAAAAAAAAAAAAAAAAAAAAA`, "伪造签名的意见");
    expect(madeUp).toMatchObject({ customer_id: null, customer_ref: null, claimed_ref: "C0002" });
    const page = await responsePage(madeUp.id);
    expect(page.text).not.toContain(liu.name);
    expect(page.text).toContain("claimed reference C0002 (unverified)");
    // the signature of C0004's link, with the reference changed to C0001
    const { body } = await apiLink("C0004");
    const sig = new URL(body.data.url).searchParams.get("sig");
    const swapped = await answerLink(`/w/${SLUG}?ref=C0001&sig=${sig}`, "换了编号的意见");
    expect(swapped).toMatchObject({ customer_id: null, customer_ref: null, claimed_ref: "C0001" });
  });

  it("signed, from the API: the response is the customer's, as before", async () => {
    const huadong = await customer("C0003");
    const { status, body } = await apiLink("C0003");
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ waveId, customerRef: "C0003" });
    const url = new URL(body.data.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${app.baseUrl}/w/${SLUG}`);
    expect(url.searchParams.get("ref")).toBe("C0003");
    expect(url.searchParams.get("sig")).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const row = await answerLink(pathOf(body.data.url), "签名链接的意见");
    expect(row).toMatchObject({ customer_id: huadong.id, customer_ref: "C0003", claimed_ref: null });
    const page = await responsePage(row.id);
    expect(page.text).toContain(`${huadong.name} (C0003)`);
    expect(page.text).not.toContain("unverified");
    // making a link is audited: its holder can answer as the customer
    const audit = await db()
      .selectFrom("audit_log")
      .select(["target_id", "details"])
      .where("action", "=", "wave.link_signed")
      .execute();
    expect(audit).toContainEqual({ target_id: String(waveId), details: { customerRef: "C0003" } });
  });

  it("the API refuses an unknown customer (422) and staff without the waves permission (403)", async () => {
    const unknown = await apiLink("C9999");
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details.issues[0].field).toBe("customerRef");
    const missing = await fetch(`${app.baseUrl}/api/v1/waves/${waveId}/link`, {
      headers: { authorization: `Bearer ${qualityToken}` },
    });
    expect(missing.status).toBe(422);
    const cmToken = await createApiTokenThroughAdmin(app, "cm.zhang");
    expect((await apiLink("C0001", cmToken)).status).toBe(403);
  });

  it("signed, from the wave page's form: the link the console shows is the customer's", async () => {
    const zhao = await customer("C0004");
    const wavePage = await quality.get(`/admin/waves/${waveId}`);
    expect(wavePage.text).toContain("Link for one customer");
    expect(wavePage.text).toContain('name="customerRef"');
    const asked = await quality.get(`/admin/waves/${waveId}?customerRef=C0004`);
    expect(asked.status).toBe(200);
    expect(asked.headers.get("cache-control")).toBe("no-store");
    const link = /<a href="([^"]+)" data-customer-link>/
      .exec(asked.text)?.[1]
      ?.replaceAll("&#x3D;", "=")
      .replaceAll("&amp;", "&");
    // the same link the API makes
    expect(link).toBe((await apiLink("C0004")).body.data.url);
    expect(asked.text).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,/);
    const row = await answerLink(pathOf(link ?? ""), "控制台链接的意见");
    expect(row).toMatchObject({ customer_id: zhao.id, customer_ref: "C0004", claimed_ref: null });
    // an unknown reference is said at the form, and no link is made
    const unknown = await quality.get(`/admin/waves/${waveId}?customerRef=C9999`);
    expect(unknown.status).toBe(200);
    expect(unknown.text).toContain("no customer has this reference");
    expect(unknown.text).not.toContain("data-customer-link");
  });

  it("the language switch keeps the reference and its signature, so the response is still the customer's", async () => {
    const huadong = await customer("C0003");
    const { body } = await apiLink("C0003");
    const sig = new URL(body.data.url).searchParams.get("sig") ?? "";
    const client = respondent();
    const first = await client.get(pathOf(body.data.url));
    expect(hidden(first.text, "ref")).toBe("C0003");
    expect(hidden(first.text, "sig")).toBe(sig);
    // switched before answering anything: only the link's query carries who the customer is
    const switched = await client.post(`/w/${SLUG}`, {
      page: "0",
      nav: "lang-en",
      lang: "zh-CN",
      ref: "C0003",
      sig,
    });
    expect(switched.status).toBe(303);
    const location = new URL(switched.location ?? "", app.baseUrl);
    expect(location.pathname).toBe(`/w/${SLUG}`);
    expect(location.searchParams.get("lang")).toBe("en");
    expect(location.searchParams.get("ref")).toBe("C0003");
    expect(location.searchParams.get("sig")).toBe(sig);
    const english = await client.get(`${location.pathname}${location.search}`);
    expect(heading(english.text)).toBe("Annual customer satisfaction survey");
    expect(hidden(english.text, "sig")).toBe(sig);
    const row = await answerFrom(client, english.text, "切换语言后的意见");
    expect(row).toMatchObject({ customer_id: huadong.id, customer_ref: "C0003", claimed_ref: null });
  });
});

describe("the report", () => {
  it("treats a claimed reference as anonymous: not in the dissatisfied customers, the attribute breakdowns or the managers' ranking", async () => {
    // enough satisfied respondents for the report to show its analyses (30 or more)
    const satisfied = Object.fromEntries(
      [
        "attitude",
        "listening",
        "care",
        "promise",
        "transparency",
        "accuracy",
        "speed",
        "resolution",
        "channels",
      ].map((key) => [key, "satisfied"]),
    );
    for (let i = 0; i < 30; i += 1) {
      const posted = await fetch(`${app.baseUrl}/api/v1/responses`, {
        method: "POST",
        headers: { authorization: `Bearer ${qualityToken}`, "content-type": "application/json" },
        body: JSON.stringify({ questionnaireId, answers: { ...satisfied, recommend: 9 } }),
      });
      expect(posted.status).toBe(201);
    }
    const response = await fetch(
      `${app.baseUrl}/api/v1/reports?questionnaire=${questionnaireId}&period=2026-10`,
      {
        headers: { authorization: `Bearer ${qualityToken}` },
      },
    );
    expect(response.status).toBe(200);
    const model = ((await response.json()) as Json).data;
    const comments: Json[] = model.dissatisfaction.comments;
    // the responses through signed links are listed with their customer, a customer once (their latest
    // response of the period: 华东物流 answered twice)…
    const named = comments
      .map((c) => c.customerName)
      .filter(Boolean)
      .sort();
    const huadong = (await customer("C0003")).name;
    const zhao = (await customer("C0004")).name;
    expect(named).toEqual([huadong, zhao].sort());
    // …the three claimed ones are anonymous
    const texts = (c: Json) => c.comments.map((x: Json) => x.text).join(" ");
    for (const text of ["未签名的意见", "伪造签名的意见", "换了编号的意见"]) {
      const comment = comments.find((c) => texts(c).includes(text));
      expect(comment).toMatchObject({ customerName: null, customerRef: null });
    }
    // C0001 (上海) and C0002 (北京), both managed by cm.zhang, are in no breakdown nor ranking
    const regions = model.breakdowns.find((b: Json) => b.attribute === "region");
    expect(regions.rows.map((r: Json) => r.value).sort()).toEqual(["", "广州", "杭州"]);
    const cmZhang = await db()
      .selectFrom("staff_user")
      .select("id")
      .where("username", "=", "cm.zhang")
      .executeTakeFirstOrThrow();
    expect((model.rankings.managers ?? []).map((r: Json) => r.key)).not.toContain(String(cmZhang.id));
    // and the page quality staff read shows neither customer
    const page = await quality.get(`/admin/reports?questionnaire=${questionnaireId}&period=2026-10`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(huadong);
    for (const ref of ["C0001", "C0002"]) {
      const { name } = await customer(ref);
      expect(page.text).not.toContain(name);
      expect(JSON.stringify(model)).not.toContain(name);
    }
  });
});
