import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heading, PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const SLUG = "/w/sancheng-2026";
const customer = () => new PageClient(app.baseUrl, { "accept-language": "zh-CN,zh;q=0.9" });
const responses = () => app.database.db.selectFrom("response").selectAll().orderBy("id").execute();

// One full set of answers for the 三诚 demo questionnaire, page by page.
const PAGES: Record<string, string>[] = [
  { "a.attitude": "very_satisfied", "a.listening": "satisfied", "a.care": "satisfied" },
  {
    "a.promise": "basically_satisfied",
    "a.promise_reason": "理赔款晚到了两周",
    "a.transparency": "satisfied",
    "a.accuracy": "very_satisfied",
  },
  { "a.speed": "satisfied", "a.resolution": "dissatisfied", "a.channels": "satisfied" },
  { "a.recommend": "8", "a.improve": "<b>请</b>缩短理赔时间" },
];
// 100, 90, 90, 75, 90, 100, 90, 60, 90 → 785 / 9
const EXPECTED_SCORE = 785 / 9;

async function answerPage(
  client: PageClient,
  page: number,
  nav: "next" | "submit" | "back" = "next",
  extra = {},
) {
  return client.post(SLUG, { page: String(page), nav, lang: "zh-CN", ...PAGES[page], ...extra });
}

describe("the open link of the 三诚 questionnaire", () => {
  it("shows the first page in Chinese with a progress indicator and accessible questions", async () => {
    const page = await customer().get(SLUG);
    expect(page.status).toBe(200);
    expect(heading(page.text)).toBe("客户满意度年度调查（三诚）");
    expect(page.text).toContain("第 1 页，共 4 页");
    expect(page.text).toContain('<legend class="question-text">');
    expect(page.text).toContain('name="a.attitude" value="very_satisfied"');
    expect(page.headers.get("cache-control")).toBe("no-store");
    const english = await new PageClient(app.baseUrl).get(`${SLUG}?lang=en`);
    expect(heading(english.text)).toBe("Annual customer satisfaction survey");
    expect(english.text).toContain("Very satisfied");
  });

  it("switches language from the page without losing what was chosen or the customer reference", async () => {
    const client = customer();
    const first = await client.get(`${SLUG}?ref=CUST-LANG-1`);
    expect(first.text).toContain('name="ref" value="CUST-LANG-1"');
    expect(first.text).toMatch(/<button type="submit" form="respond-form" name="nav" value="lang-en"/);
    const switched = await client.post(SLUG, {
      page: "0",
      nav: "lang-en",
      lang: "zh-CN",
      ref: "CUST-LANG-1",
      "a.attitude": "very_satisfied",
    });
    expect(switched.status).toBe(303);
    expect(switched.location).toBe(`${SLUG}?page=0&lang=en&ref=CUST-LANG-1`);
    const english = await client.get(switched.location ?? "");
    expect(heading(english.text)).toBe("Annual customer satisfaction survey");
    expect(english.text).toMatch(/name="a\.attitude" value="very_satisfied"[^>]* checked/);
    expect(english.text).toContain('name="ref" value="CUST-LANG-1"');
    // the error summary reads naturally in each language
    const missing = await client.post(SLUG, {
      page: "0",
      nav: "next",
      lang: "zh-CN",
      "a.attitude": "satisfied",
    });
    expect(missing.status).toBe(422);
    expect(missing.text).toMatch(/<\/a>：请回答此题。/);
    expect(missing.text).toMatch(
      /id="a_listening-\w+"[^>]* aria-invalid="true" aria-describedby="e-listening"/,
    );
  });

  it("sends a customer whose form expired back to the survey, not to the staff sign-in", async () => {
    const expired = await fetch(`${app.baseUrl}${SLUG}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "zh-CN" },
      body: "page=0&nav=next&lang=zh-CN",
      redirect: "manual",
    });
    expect(expired.status).toBe(403);
    const html = await expired.text();
    expect(html).toContain(`<a class="button button-primary" href="${SLUG}">返回问卷</a>`);
  });

  it("answers unknown and closed links with a friendly page", async () => {
    const unknown = await customer().get("/w/no-such-survey");
    expect(unknown.status).toBe(404);
    expect(heading(unknown.text)).toBe("找不到调查");
    const weird = await customer().get("/w/%3Cscript%3E");
    expect(weird.status).toBe(404);
    const version = await app.database.db
      .selectFrom("wave")
      .select(["questionnaire_id", "questionnaire_version_id"])
      .where("slug", "=", "sancheng-2026")
      .executeTakeFirstOrThrow();
    await app.database.db
      .insertInto("wave")
      .values({
        ...version,
        name: "closed",
        channel: "web",
        slug: "closed-wave",
        closes_at: new Date(Date.now() - 1000),
      })
      .execute();
    const closed = await customer().get("/w/closed-wave");
    expect(closed.status).toBe(410);
    expect(heading(closed.text)).toBe("本次调查已结束");
  });

  it("keeps required answers, explains problems next to each item, and stores nothing invalid", async () => {
    const client = customer();
    await client.get(SLUG);
    const before = (await responses()).length;
    const empty = await client.post(SLUG, { page: "0", nav: "next", lang: "zh-CN" });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("请检查以下回答");
    expect(empty.text.match(/请回答此题。/g)?.length).toBeGreaterThanOrEqual(3);
    expect((await responses()).length).toBe(before);

    const invalid = await client.post(SLUG, {
      page: "0",
      nav: "next",
      lang: "zh-CN",
      "a.attitude": "excellent",
      "a.listening": "satisfied",
    });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain("请从给出的选项中选择。");
    const [row] = (await responses()).slice(before);
    expect(row?.draft_answers).toEqual({ listening: "satisfied" });
  });

  it("saves as the customer goes, resumes after leaving half-way, and takes one response on submit", async () => {
    const client = customer();
    await client.get(SLUG);
    expect((await answerPage(client, 0)).location).toBe(`${SLUG}?page=1&lang=zh-CN`);
    await client.get(`${SLUG}?page=1`);
    expect((await answerPage(client, 1)).status).toBe(303);

    // The customer closes the tab and opens the link again: the third page, answers kept.
    const reopened = await client.get(SLUG);
    expect(reopened.text).toContain("第 3 页，共 4 页");
    const back = await client.get(`${SLUG}?page=1`);
    expect(back.text).toMatch(/value="basically_satisfied" checked/);
    expect(back.text).toContain("理赔款晚到了两周");

    await answerPage(client, 2);
    await client.get(`${SLUG}?page=3`);
    const submitted = await answerPage(client, 3, "submit");
    expect(submitted.location).toBe(`${SLUG}/thanks?lang=zh-CN`);
    const thanks = await client.get(submitted.location ?? "");
    expect(thanks.text).toContain("感谢您的宝贵意见");

    // A retried or double-clicked submit stores nothing more.
    const again = await answerPage(client, 3, "submit");
    expect(again.location).toBe(`${SLUG}/thanks?lang=zh-CN`);
    const reopenedAfter = await client.get(SLUG);
    expect(heading(reopenedAfter.text)).toBe("您已经回答过了");

    const mine = (await responses()).filter((r) => r.status === "submitted");
    expect(mine).toHaveLength(1);
    const response = mine[0];
    expect(response?.mode).toBe("web");
    expect(response?.respondent_score).toBeCloseTo(EXPECTED_SCORE, 10);
    expect(response?.submitted_at).toBeInstanceOf(Date);
    const rows = await app.database.db
      .selectFrom("answer")
      .selectAll()
      .where("response_id", "=", response?.id ?? 0)
      .orderBy("item_key")
      .execute();
    expect(rows.map((r) => r.item_key)).toEqual([
      "accuracy",
      "attitude",
      "care",
      "channels",
      "improve",
      "listening",
      "promise",
      "promise_reason",
      "recommend",
      "resolution",
      "speed",
      "transparency",
    ]);
    expect(rows.find((r) => r.item_key === "resolution")).toMatchObject({ number: 60, text: "dissatisfied" });
    expect(rows.find((r) => r.item_key === "recommend")).toMatchObject({ number: 8, text: null });
    expect(rows.find((r) => r.item_key === "improve")?.text).toBe("<b>请</b>缩短理赔时间");
  });

  it("drops the answer to a follow-up question when the answer it depended on changes", async () => {
    const client = customer();
    await client.get(SLUG);
    await answerPage(client, 0);
    await answerPage(client, 1);
    await answerPage(client, 1, "next", { "a.promise": "very_satisfied" });
    const back = await client.get(`${SLUG}?page=1`);
    expect(back.text).not.toContain("理赔款晚到了两周");
    const partial = (await responses()).at(-1);
    expect(partial?.draft_answers).not.toHaveProperty("promise_reason");
    expect(partial?.draft_answers).toMatchObject({ promise: "very_satisfied" });
  });

  it("keeps an unsigned ?ref= as claimed only: references are sequential, so it links no customer", async () => {
    const client = customer();
    const first = await client.get(`${SLUG}?ref=C0003`);
    expect(first.text).toContain('name="ref" value="C0003"');
    await answerPage(client, 0, "next", { ref: "C0003" });
    const row = (await responses()).at(-1);
    expect(row).toMatchObject({ customer_id: null, customer_ref: null, claimed_ref: "C0003" });
    // signed links, made by staff for one customer: tests/integration/open-link-refs.test.ts
  });

  it("autosaves in the background with a JSON answer", async () => {
    const client = customer();
    await client.get(SLUG);
    const saved = await client.post(`${SLUG}/autosave`, {
      page: "0",
      nav: "save",
      "a.attitude": "satisfied",
    });
    expect(saved.status).toBe(200);
    expect(JSON.parse(saved.text)).toEqual({ saved: true, issues: 0 });
    expect(
      client.cookie("manyi_w1") ?? [...Array(10)].map((_, i) => client.cookie(`manyi_w${i}`)).find(Boolean),
    ).toBeTruthy();
  });

  it("refuses an oversized form with 413 and stores nothing", async () => {
    const client = customer();
    await client.get(SLUG);
    const before = (await responses()).length;
    const huge = await client.post(SLUG, { page: "3", nav: "next", "a.improve": "x".repeat(300_000) });
    expect(huge.status).toBe(413);
    expect((await responses()).length).toBe(before);
  });

  it("refuses a form without its CSRF token", async () => {
    const client = customer();
    await client.get(SLUG);
    const forged = await client.post(SLUG, { _csrf: null, page: "0", nav: "next", ...PAGES[0] });
    expect(forged.status).toBe(403);
  });
});
