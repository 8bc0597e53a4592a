import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { axeViolations } from "../helpers/axe.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// On a phone (390 px) each row's main action of the call list ("录入访谈") and of the responses ("查看")
// is on screen without scrolling sideways, the pages pass axe, and the first page logs no console error
// (the favicon was missing).

const PHONE = { width: 390, height: 844 };
let app: TestApp;

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
  const answers = Object.fromEntries(
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
  const response = await fetch(`${app.baseUrl}/api/v1/responses`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      questionnaireId: sancheng,
      customerRef: "C0003",
      answers: { ...answers, recommend: 9 },
    }),
  });
  expect(response.status).toBeLessThan(300);
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

/** The action lies wholly inside the phone's viewport, the page does not scroll sideways, axe is content. */
async function expectActionOnScreen(page: Page, action: Locator, what: string) {
  const box = await action.boundingBox();
  expect(box, what).not.toBeNull();
  if (box) {
    expect(box.x, what).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, what).toBeLessThanOrEqual(PHONE.width);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(
    PHONE.width,
  );
  const violations = await axeViolations(page);
  expect(
    violations.map((v) => `${what}: ${v.id} (${v.impact}) ${v.targets.join(", ")}`),
    what,
  ).toEqual([]);
}

describe("lists on a phone", () => {
  it("the call list: every customer's “录入访谈” is on screen, and it opens the interview (zh-CN)", async () => {
    const browser = await launchBrowser({ locale: "zh-CN", viewport: PHONE });
    try {
      const page = await browser.newPage();
      await signIn(page, "cm.zhang", "manyi-cm-demo-1");
      await page.goto(`${app.baseUrl}/admin/calls`);
      const rows = page.locator("main tbody tr");
      expect(await rows.count()).toBe(2);
      for (let i = 0; i < 2; i++) {
        const action = rows.nth(i).getByRole("link", { name: "录入访谈" });
        await expectActionOnScreen(page, action, `call row ${i + 1}`);
      }
      await page.screenshot({ path: "tests/e2e/__screenshots__/calls-phone-zh.png", fullPage: true });
      await rows.first().getByRole("link", { name: "录入访谈" }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe("/admin/interviews/new");
    } finally {
      await browser.close();
    }
  }, 60_000);

  it("the responses: each row’s “Open” is on screen (en)", async () => {
    const browser = await launchBrowser({ locale: "en-US", viewport: PHONE });
    try {
      const page = await browser.newPage();
      await signIn(page, "quality", "manyi-quality-demo");
      await page.goto(`${app.baseUrl}/admin/responses`);
      const rows = page.locator("main tbody tr");
      expect(await rows.count()).toBe(1);
      const view = rows.first().getByRole("link", { name: /^Open/ });
      await expectActionOnScreen(page, view, "responses row");
      await page.screenshot({ path: "tests/e2e/__screenshots__/responses-phone-en.png", fullPage: true });
      await view.click();
      await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/admin\/responses\/\d+$/);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it("the first page logs no console error, and its icon answers 200", async () => {
    const browser = await launchBrowser({ locale: "zh-CN", viewport: PHONE });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      const icons: number[] = [];
      page.on("response", (response) => {
        if (/favicon/.test(response.url())) icons.push(response.status());
      });
      await page.goto(`${app.baseUrl}/login`);
      await page.waitForLoadState("networkidle");
      expect(errors).toEqual([]);
      expect(await page.locator('link[rel="icon"]').count()).toBe(1);
      const href = await page.locator('link[rel="icon"]').getAttribute("href");
      expect(href).toBe("/static/favicon.svg");
      const icon = await page.request.get(`${app.baseUrl}${href}`);
      expect(icon.status()).toBe(200);
      expect(icons.every((status) => status === 200)).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
