import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../helpers/axe.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe("a quality user sets up a department and gives it an item", () => {
  it("creates 理赔部 with a head and a member, sees it in the list, and chooses it for an item by name", async () => {
    const browser = await launchBrowser({ locale: "zh-CN" });
    try {
      const page = await browser.newPage();
      await page.goto(`${app.baseUrl}/login`);
      await page.getByLabel("用户名").fill("quality");
      await page.getByLabel("密码").fill("manyi-quality-demo");
      await page.getByRole("button", { name: "登录" }).click();
      await page.locator(".sidebar").getByRole("link", { name: "部门", exact: true }).click();
      expect(await page.locator(".empty").textContent()).toContain("还没有部门");
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole("link", { name: "新建部门" }).click();
      await page.getByLabel("代码").fill("理赔部");
      await page.getByLabel("中文名称").fill("理赔部");
      await page.getByLabel("英文名称").fill("Claims");
      await page.getByLabel("电子邮箱").fill("not-an-address");
      await page.getByLabel("部门负责人").selectOption({ label: "质量专员 王芳 (quality)" });
      await page.getByLabel("客户经理 张伟").check();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "创建", exact: true }).click();
      // refused at the field, what was typed kept
      expect(await page.locator("#email-error").textContent()).toBe("不是有效的电子邮件地址");
      expect(await page.getByLabel("客户经理 张伟").isChecked()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel("电子邮箱").fill("claims@example.com");
      await page.getByRole("button", { name: "创建", exact: true }).click();

      await expect.poll(() => page.locator("h1").textContent()).toBe("部门");
      const row = page.locator("tbody tr", { hasText: "理赔部" });
      expect(await row.textContent()).toContain("质量专员 王芳");
      expect(await row.textContent()).toContain("1 人");

      // the builder offers it by name for an item of the 三诚 questionnaire
      const questionnaires = await app.database.db
        .selectFrom("questionnaire")
        .select(["id", "name"])
        .execute();
      const sancheng = questionnaires.find((q) => q.name.includes("三诚") || q.name.includes("年度"));
      expect(sancheng).toBeDefined();
      await page.goto(`${app.baseUrl}/admin/questionnaires/${sancheng?.id}/items/resolution`);
      const select = page.getByLabel("责任部门");
      expect(await select.inputValue()).toBe("理赔部");
      expect(await select.locator("option:checked").textContent()).toBe("理赔部");
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
