import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { axeViolations } from "../helpers/axe.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// The follow-up pages on a phone (customer managers are in the field): "My cases" and a case's page
// read and work at 390 px in both languages, with no serious or critical axe violation, and a customer
// manager handles a case there from the list to "resolved".

const PHONE = { width: 390, height: 844 };
let app: TestApp;

async function api(token: string, path: string, body: unknown) {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status, path).toBeLessThan(300);
}

beforeAll(async () => {
  app = await startTestApp();
  const sancheng = (
    await app.database.db
      .selectFrom("questionnaire")
      .select("id")
      .where("name", "like", "%三诚%")
      .executeTakeFirstOrThrow()
  ).id;
  const token = await createApiTokenThroughAdmin(app, "quality");
  await api(token, "/api/v1/customers/bulk", [
    { externalRef: "P001", name: "钱多多", phone: "13900000001", manager: "cm.zhang" },
    { externalRef: "P002", name: "阿土伯物流有限公司", phone: "025-88880000" },
  ]);
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
  await api(token, "/api/v1/responses", {
    questionnaireId: sancheng,
    customerRef: "P001",
    answers: {
      ...satisfied,
      speed: "dissatisfied",
      resolution: "dissatisfied",
      recommend: 3,
      improve: "理赔款迟迟未到账，打了三次电话都没有人回复",
    },
  });
  await api(token, "/api/v1/responses", {
    questionnaireId: sancheng,
    customerRef: "P002",
    answers: { ...satisfied, attitude: "dissatisfied", recommend: 6 },
  });
});
afterAll(async () => {
  await app?.close();
});

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${app.baseUrl}/login`);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
  await page.locator("button[type=submit].button-primary").click();
  await page.waitForURL(`${app.baseUrl}/admin`);
}

/** The page fits the phone (nothing scrolls sideways) and axe finds nothing serious or critical. */
async function checkPage(page: Page, what: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(
    PHONE.width,
  );
  const violations = await axeViolations(page);
  expect(
    violations.map((v) => `${what}: ${v.id} (${v.impact}) ${v.targets.join(", ")}`),
    what,
  ).toEqual([]);
}

describe("on a phone", () => {
  it("a customer manager finds the case through the menu, logs a call and resolves it (zh-CN)", async () => {
    const browser = await launchBrowser({ locale: "zh-CN", viewport: PHONE });
    try {
      const page = await browser.newPage();
      await signIn(page, "cm.zhang", "manyi-cm-demo-1");
      await page.locator(".menu summary").click();
      const entry = page.locator(".menu nav").getByRole("link", { name: /我的跟进/ });
      expect(await entry.textContent()).toContain("1");
      await entry.click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("我的跟进");
      const rows = page.locator(".case-table tbody tr");
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain("钱多多");
      expect(await rows.first().textContent()).toContain("距联系期限还有 47 小时");
      await checkPage(page, "list zh-CN");
      await page.screenshot({ path: "tests/e2e/__screenshots__/cases-phone-zh.png", fullPage: true });

      await rows.first().getByRole("link", { name: "钱多多" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toContain("跟进工单 #");
      expect(await page.getByRole("link", { name: "拨打 13900000001" }).getAttribute("href")).toBe(
        "tel:13900000001",
      );
      await checkPage(page, "case zh-CN");
      await page.screenshot({ path: "tests/e2e/__screenshots__/case-phone-zh.png", fullPage: true });

      // the call, as the customer manager logs it after hanging up
      await page.getByLabel("联系方式").selectOption("phone");
      await page.getByRole("radio", { name: "已联系上" }).check();
      await page.getByLabel("备注").fill("已向客户致歉，理赔款今天加急支付");
      await page.getByRole("button", { name: "保存联系记录" }).click();
      await expect.poll(() => page.locator(".notice-success").textContent()).toBe("已保存联系记录。");
      expect(await page.locator(".case-log").textContent()).toContain("已向客户致歉，理赔款今天加急支付");
      expect(await page.locator("h1 .badge").textContent()).toBe("已联系");

      // resolving asks for the cause and the reply first
      await page.getByLabel("采取的措施").fill("理赔款已加急支付");
      await page.getByRole("button", { name: "保存并标记为已解决" }).click();
      await expect.poll(() => page.locator("#h-cause-error").textContent()).toBe("解决前请填写原因");
      expect(await page.getByLabel("采取的措施").inputValue()).toBe("理赔款已加急支付");
      await checkPage(page, "case with errors zh-CN");
      await page.getByLabel("原因", { exact: true }).selectOption({ label: "时效" });
      await page.getByLabel("给客户的答复").fill("已说明延误原因，款项今天到账");
      await page.getByRole("button", { name: "保存并标记为已解决" }).click();
      await expect.poll(() => page.locator(".notice-success").textContent()).toBe("工单已解决。");
      expect(await page.locator("h1 .badge").textContent()).toBe("已解决");
      await page.screenshot({ path: "tests/e2e/__screenshots__/case-resolved-phone-zh.png", fullPage: true });
    } finally {
      await browser.close();
    }
    const c = await app.database.db
      .selectFrom("service_case")
      .innerJoin("customer", "customer.id", "service_case.customer_id")
      .innerJoin("case_cause", "case_cause.id", "service_case.cause_id")
      .select(["service_case.status", "case_cause.name_zh as cause"])
      .where("customer.external_ref", "=", "P001")
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ status: "resolved", cause: "时效" });
  });

  it("quality staff read the list, a case of the queue and the rules (en)", async () => {
    const browser = await launchBrowser({ locale: "en-US", viewport: PHONE });
    try {
      const page = await browser.newPage();
      await signIn(page, "quality", "manyi-quality-demo");
      await page.goto(`${app.baseUrl}/admin/cases?status=all`);
      expect(await page.locator(".case-table tbody tr").count()).toBe(2);
      await page.locator(".case-filters-more summary").click();
      await checkPage(page, "list en");
      await page.screenshot({ path: "tests/e2e/__screenshots__/cases-phone-en.png", fullPage: true });

      await page.getByRole("link", { name: "阿土伯物流有限公司" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toContain("Case #");
      expect(await page.getByLabel("Give the case to").count()).toBe(1);
      expect(await page.getByRole("button", { name: "Close the case" }).count()).toBe(0);
      await checkPage(page, "case en");
      await page.screenshot({ path: "tests/e2e/__screenshots__/case-phone-en.png", fullPage: true });

      await page.goto(`${app.baseUrl}/admin/cases/rules`);
      await checkPage(page, "rules en");
      await page.locator(".case-table a").last().click();
      await expect.poll(() => page.locator("h1").textContent()).toContain("Follow-up rule");
      await checkPage(page, "rule en");
      await page.screenshot({ path: "tests/e2e/__screenshots__/case-rule-phone-en.png", fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
