import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_CASES } from "../../src/cases/case.jobs.ts";
import { defaultTimeZone } from "../../src/config.ts";
import { JOB_DISPATCH } from "../../src/distribution/distribution.jobs.ts";
import { addDays, todayIn } from "../../src/lib/time.ts";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { axeViolations } from "../helpers/axe.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../helpers/smtp-server.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { waitUntil } from "../helpers/wait.ts";

// Issue 15's whole loop in a real browser, on the demo's year of data: quality staff set the rule's
// recovery survey; a customer answers 不满意 on a phone; their customer manager finds the case, logs the
// call and resolves it; the customer answers the recovery survey e-mailed to them; the report's
// follow-up section counts the case and the recovered customer. Every page visited passes axe.

// biome-ignore lint/suspicious/noExplicitAny: the report's JSON is read field by field
type Json = any;

const PHONE = { width: 390, height: 844 };
let app: TestApp;
let smtp: TestSmtpServer;
let token: string;
let sancheng: number;
/** The last 60 days to today: enough of the demo's respondents for the section to be shown. */
let period: string;

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, path).toBeLessThan(300);
  return (await response.json()) as Json;
}

const followup = async () =>
  (await api("GET", `/api/v1/reports?questionnaire=${sancheng}&period=${period}`)).data.followup;

async function checkAxe(page: Page, what: string) {
  const violations = await axeViolations(page);
  expect(violations.map((v) => `${what}: ${v.id} (${v.impact}) ${v.targets.join(", ")}`)).toEqual([]);
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${app.baseUrl}/login`);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
  await page.locator("button[type=submit].button-primary").click();
  await page.waitForURL(`${app.baseUrl}/admin`);
}

/** Picks the answer labelled `label` under the question whose text contains `question`. */
async function choose(page: Page, question: string, label: string) {
  await page.locator(".question", { hasText: question }).getByLabel(label, { exact: true }).check();
}

/** Answers the 三诚 questionnaire page by page: `speed` at its own level, the rest 满意. */
async function answerSancheng(page: Page, speed: string, comment: string) {
  const next = () => page.getByRole("button", { name: "下一页 →" }).click();
  await choose(page, "客服人员的服务态度", "满意");
  await choose(page, "我们倾听并理解您的需求", "满意");
  await choose(page, "售后回访与关怀", "满意");
  await next();
  await choose(page, "我们兑现了对您的承诺", "满意");
  await choose(page, "费用和条款向您解释得清楚透明", "满意");
  await choose(page, "保单、账单等信息准确无误", "满意");
  await next();
  await choose(page, "业务办理的速度", speed);
  await choose(page, "理赔或问题的处理结果", "满意");
  await choose(page, "服务渠道是否方便", "满意");
  await next();
  await page.locator(".question", { hasText: "推荐" }).getByLabel("6", { exact: true }).check();
  if (comment) await page.locator(".question", { hasText: "改进" }).locator("textarea").fill(comment);
  await page.getByRole("button", { name: "提交" }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe("感谢您的参与！");
}

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ demoResponses: true, smtpUrl: smtp.url });
  const today = todayIn(defaultTimeZone(), new Date());
  period = `${addDays(today, -60)}..${today}`;
  sancheng = (
    await app.database.db
      .selectFrom("questionnaire")
      .select("id")
      .where("name", "like", "%三诚%")
      .executeTakeFirstOrThrow()
  ).id;
  token = await createApiTokenThroughAdmin(app, "quality");
  await api("POST", "/api/v1/customers/bulk", [
    {
      externalRef: "J001",
      name: "钱多多",
      email: "qian@example.com",
      phone: "13900000001",
      manager: "cm.zhang",
    },
  ]);
}, 300_000);

afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe("the follow-up loop", () => {
  it("from a 不满意 on a phone to a recovered customer in the report's follow-up section", async () => {
    const before = await followup();
    expect(before.withheld).toBe(false);

    // quality staff name the recovery survey in the questionnaire's rule (and look at the cause list
    // and the working calendar on the way)
    const desk = await launchBrowser({ locale: "zh-CN" });
    try {
      const page = await desk.newPage();
      await signIn(page, "quality", "manyi-quality-demo");
      await page.goto(`${app.baseUrl}/admin/cases/causes`);
      await checkAxe(page, "causes");
      await page.screenshot({ path: "tests/e2e/__screenshots__/case-causes-zh.png", fullPage: true });
      await page.goto(`${app.baseUrl}/admin/cases/calendar`);
      await page.getByLabel("例外日期").fill("2027-02-16 休 春节\n2027-02-07 班 调休");
      await page.getByRole("button", { name: "保存" }).click();
      await expect.poll(() => page.locator(".notice-success").textContent()).toContain("2 个例外日期");
      await checkAxe(page, "calendar");
      await page.goto(`${app.baseUrl}/admin/cases/rules/${sancheng}`);
      await page.getByLabel("回访问卷").selectOption(String(sancheng));
      await page.getByLabel("邮件（个人问卷链接）").check();
      await checkAxe(page, "rule");
      await page.screenshot({ path: "tests/e2e/__screenshots__/case-rule-zh.png", fullPage: true });
      await page.getByRole("button", { name: "保存" }).click();
      await page.waitForURL(`${app.baseUrl}/admin/cases/rules`);
    } finally {
      await desk.close();
    }

    // the customer answers on a phone, through their own link, 不满意 with the speed
    const wave = await app.database.db
      .selectFrom("wave")
      .select("id")
      .where("slug", "=", "sancheng-2026")
      .executeTakeFirstOrThrow();
    const link = (await api("GET", `/api/v1/waves/${wave.id}/link?customerRef=J001`)).data.url as string;
    const customer = await launchBrowser({ locale: "zh-CN", viewport: PHONE });
    try {
      const page = await customer.newPage();
      await page.goto(link);
      await answerSancheng(page, "不满意", "理赔款迟迟未到账");
    } finally {
      await customer.close();
    }

    // the customer manager, on a phone, finds it under 我的跟进, logs the call and resolves the case
    const field = await launchBrowser({ locale: "zh-CN", viewport: PHONE });
    try {
      const page = await field.newPage();
      await signIn(page, "cm.zhang", "manyi-cm-demo-1");
      await page.goto(`${app.baseUrl}/admin/cases?customer=J001`);
      const row = page.locator(".case-table tbody tr", { hasText: "钱多多" });
      await row.getByRole("link", { name: "钱多多" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toContain("跟进工单 #");
      expect(await page.locator("body").textContent()).toContain("理赔款迟迟未到账");
      await checkAxe(page, "case");
      await page.getByLabel("联系方式").selectOption("phone");
      await page.getByRole("radio", { name: "已联系上" }).check();
      await page.getByLabel("备注").fill("已致歉，理赔款今天加急支付");
      await page.getByRole("button", { name: "保存联系记录" }).click();
      await expect.poll(() => page.locator(".notice-success").textContent()).toBe("已保存联系记录。");
      await page.getByLabel("原因", { exact: true }).selectOption({ label: "时效" });
      await page.getByLabel("给客户的答复").fill("已说明延误原因，款项今天到账");
      await page.getByRole("button", { name: "保存并标记为已解决" }).click();
      await expect.poll(() => page.locator(".notice-success").textContent()).toBe("工单已解决。");
      expect(await page.locator("#recovery").textContent()).toContain("回访问卷");
      await checkAxe(page, "resolved case");
      await page
        .locator("#recovery")
        .screenshot({ path: "tests/e2e/__screenshots__/case-recovery-phone-zh.png" });
    } finally {
      await field.close();
    }

    // the recovery survey reaches the customer by e-mail; they answer it, 满意 this time
    const sent = smtp.received.length;
    await app.jobs.send(JOB_DISPATCH);
    const mails = await smtp.waitFor(sent + 1, 60_000);
    const mail = mails.slice(sent).find((m) => m.to === "qian@example.com");
    expect(mail?.subject).toBe("钱多多，您反馈的问题是否已经解决？");
    const recoveryLink = /https?:\/\/\S+\/s\/\S+/.exec(mail?.text ?? "")?.[0] as string;
    const again = await launchBrowser({ locale: "zh-CN", viewport: PHONE });
    try {
      const page = await again.newPage();
      await page.goto(recoveryLink);
      await answerSancheng(page, "满意", "");
    } finally {
      await again.close();
    }
    await app.jobs.send(JOB_CASES);
    const c = await waitUntil("the recovery answer on the case", async () => {
      const row = await app.database.db
        .selectFrom("service_case as sc")
        .innerJoin("customer as cu", "cu.id", "sc.customer_id")
        .select(["sc.status", "sc.recovered", "sc.recovery_score"])
        .where("cu.external_ref", "=", "J001")
        .executeTakeFirst();
      return row?.recovered === null ? undefined : row;
    });
    expect(c).toEqual({ status: "resolved", recovered: true, recovery_score: 90 });

    // the report's follow-up section counts the case and the recovered customer
    const after = await followup();
    expect(after.figures.opened).toBe(before.figures.opened + 1);
    expect(after.figures.recovery.n).toBe(before.figures.recovery.n + 1);
    expect(after.figures.recovery.recovered).toBe(before.figures.recovery.recovered + 1);
    expect(after.causes.find((cause: Json) => cause.label["zh-CN"] === "理赔 › 时效").count).toBe(
      before.causes.find((cause: Json) => cause.label["zh-CN"] === "理赔 › 时效").count + 1,
    );
    const reader = await launchBrowser({ locale: "zh-CN" });
    try {
      const page = await reader.newPage();
      await signIn(page, "manager", "manyi-manager-demo");
      await page.goto(`${app.baseUrl}/admin/reports?questionnaire=${sancheng}&period=${period}`);
      const section = page.locator("#h-followup").locator("xpath=..");
      await expect.poll(() => page.locator("#h-followup").textContent()).toContain("跟进闭环");
      expect(await section.textContent()).toContain(String(after.figures.opened));
      expect(await section.textContent()).not.toContain("钱多多");
      await checkAxe(page, "report");
      await page
        .locator("#h-followup")
        .locator("xpath=..")
        .screenshot({ path: "tests/e2e/__screenshots__/report-followup-zh.png" });
    } finally {
      await reader.close();
    }
  }, 300_000);
});
