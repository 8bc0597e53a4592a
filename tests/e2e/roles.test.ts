import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_STAFF } from "../../seeds/demo-staff.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
let browser: BrowserContext;
beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const ADMIN_ONLY = ["/admin/users", "/admin/tokens", "/admin/audit"];
const PERSONAL_DATA = ["/admin/responses"];

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${app.baseUrl}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe.each(DEMO_STAFF)("in Chromium, $role", (staff) => {
  it("signs in, uses every menu entry, and is refused the pages of other roles", async () => {
    await browser.clearCookies();
    const page = await browser.newPage();
    await signIn(page, staff.username, staff.password);
    await expect.poll(() => page.url()).toBe(`${app.baseUrl}/admin`);
    expect(await page.locator("h1").textContent()).toBe(`Welcome, ${staff.displayName}`);

    // Follow each menu entry the role is shown, as a person would.
    const menu = page.locator(".sidebar nav a");
    const entries = await menu.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
    for (const path of entries) {
      const response = await page.goto(`${app.baseUrl}${path}`);
      expect(response?.status(), path).toBe(200);
      expect(await page.locator("h1").count(), path).toBe(1);
    }
    expect(entries.some((path) => ADMIN_ONLY.includes(path))).toBe(staff.role === "admin");

    for (const path of PERSONAL_DATA) {
      const response = await page.goto(`${app.baseUrl}${path}`);
      expect(response?.status(), path).toBe(staff.role === "admin" || staff.role === "quality" ? 200 : 403);
    }
    for (const path of ADMIN_ONLY) {
      const response = await page.goto(`${app.baseUrl}${path}`);
      if (staff.role === "admin") {
        expect(response?.status(), path).toBe(200);
      } else {
        expect(response?.status(), path).toBe(403);
        expect(await page.locator("h1").textContent()).toBe("No access");
      }
    }

    await page.goto(`${app.baseUrl}/admin`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.url()).toContain("/login");
    expect(await page.getByRole("status").textContent()).toContain("You have signed out.");
    await page.close();
  });
});

describe("in Chromium, on a phone", () => {
  it("an administrator creates a user in Chinese through the menu, and the new user signs in", async () => {
    const phone = await launchBrowser({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    try {
      const page = await phone.newPage();
      await page.goto(`${app.baseUrl}/login`);
      expect(await page.locator("h1").textContent()).toBe("登录");
      await page.getByLabel("用户名").fill("admin");
      await page.getByLabel("密码").fill("manyi-admin-demo");
      await page.getByRole("button", { name: "登录" }).click();
      await expect.poll(() => page.url()).toBe(`${app.baseUrl}/admin`);

      // The sidebar is hidden on a phone; the menu button opens the same links.
      expect(await page.locator(".sidebar").isVisible()).toBe(false);
      await page.locator("summary", { hasText: "菜单" }).click();
      await page.locator(".menu").getByRole("link", { name: "用户" }).click();
      await page.getByRole("link", { name: "添加用户" }).click();
      await page.getByLabel("用户名").fill("zhao.lei");
      await page.getByLabel("姓名").fill("赵磊");
      await page.getByLabel("管理层").check();
      await page.getByLabel("初始密码").fill("zhao-lei-password");
      await page.getByRole("button", { name: "创建" }).click();
      expect(await page.getByRole("status").textContent()).toContain("已创建用户 zhao.lei。");
      await page.screenshot({ path: "tests/e2e/__screenshots__/users-phone-zh.png", fullPage: true });

      await phone.clearCookies();
      await page.goto(`${app.baseUrl}/login`);
      await page.getByLabel("用户名").fill("zhao.lei");
      await page.getByLabel("密码").fill("zhao-lei-password");
      await page.getByRole("button", { name: "登录" }).click();
      await expect.poll(() => page.url()).toBe(`${app.baseUrl}/admin`);
      expect(await page.locator("h1").textContent()).toBe("欢迎，赵磊");
      const response = await page.goto(`${app.baseUrl}/admin/users`);
      expect(response?.status()).toBe(403);
    } finally {
      await phone.close();
    }
  });
});
