import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

// An export from a CRM: Chinese headers, a BOM, a column to leave out, and three bad rows.
const CSV = `\uFEFF${[
  "客户编号,姓名,邮箱,手机,客户类型,渠道,价值等级,活跃度,分支机构,客户经理,保单数,内部备注",
  "E001,钱多多,qian@example.com,13900000001,个人,个险,MVC,活跃,南京,cm.zhang,5,老客户",
  "E002,孙小美,sun.xm@example,13900000002,个人,银保,MGC,活跃,南京,,2,",
  "E003,阿土伯物流有限公司,atu@example.com,025-88880000,企业,团险,MVC,活跃,南京,,30,",
  "E004,金贝贝,jin@example.com,13900000004,个人,电销,VIP,休眠,苏州,,1,",
  "E005,,nobody@example.com,13900000005,个人,网销,LVC,活跃,苏州,,0,",
  "E006,沙隆巴斯,sha@example.com,13900000006,个人,网销,MVC,半休眠,苏州,,7,",
].join("\r\n")}\r\n`;

describe("a quality user imports customers and builds a segment", () => {
  it("maps the Chinese columns, sees the bad rows reported, imports the rest and counts a segment live", async () => {
    const browser = await launchBrowser({ locale: "zh-CN" });
    try {
      const page = await browser.newPage();
      await page.goto(`${app.baseUrl}/login`);
      await page.getByLabel("用户名").fill("quality");
      await page.getByLabel("密码").fill("manyi-quality-demo");
      await page.getByRole("button", { name: "登录" }).click();
      await page.locator(".sidebar").getByRole("link", { name: "客户", exact: true }).click();
      await page.getByRole("link", { name: "导入客户" }).click();

      await page.getByLabel("CSV 文件").setInputFiles({
        name: "南京苏州客户.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(CSV, "utf8"),
      });
      await page.getByRole("button", { name: "上传并对应列" }).click();

      // The mapping is suggested from the Chinese headers; the internal note is left out by hand.
      await expect.poll(() => page.locator("h1").textContent()).toBe("对应列");
      expect(await page.getByLabel("客户编号").inputValue()).toBe("externalRef");
      expect(await page.getByLabel("分支机构").inputValue()).toBe("region");
      expect(await page.getByLabel("保单数").inputValue()).toBe("attr:保单数");
      await page.getByLabel("内部备注").selectOption("");
      await page.getByRole("button", { name: "检查数据" }).click();

      await expect.poll(() => page.locator("h1").textContent()).toBe("导入前检查");
      expect(await page.locator("#good-rows").textContent()).toBe("3");
      expect(await page.locator("#bad-rows").textContent()).toBe("3");
      const report = page.locator(".issues-table tbody tr");
      expect(await report.count()).toBe(3);
      expect(await report.nth(0).textContent()).toContain("3");
      expect(await report.nth(0).textContent()).toContain("“sun.xm@example”不是有效的电子邮件地址");
      expect(await report.nth(1).textContent()).toContain("“VIP”不是价值等级");
      expect(await report.nth(2).textContent()).toContain("姓名/名称：必填");
      await page.getByRole("button", { name: "导入 3 位客户" }).click();

      // The progress page reloads itself with the report when the import has finished.
      await expect
        .poll(() => page.locator(".import-state .badge").textContent(), { timeout: 20_000 })
        .toBe("已完成");
      expect(await page.locator('[data-field="insertedRows"]').textContent()).toBe("3");
      expect(await page.locator('[data-field="badRows"]').textContent()).toBe("3");
      expect(await page.locator(".issues-table tbody tr").count()).toBe(3);
      await page.screenshot({
        path: "tests/e2e/__screenshots__/customer-import-done-zh.png",
        fullPage: true,
      });

      await page.getByRole("link", { name: "查看导入的客户" }).click();
      const rows = page.locator(".customer-table tbody tr");
      expect(await rows.count()).toBe(3);
      expect(await page.locator(".customer-table").textContent()).toContain("阿土伯物流有限公司");

      // A segment: MVC customers of the 南京 branch; the count follows the ticks without a reload.
      await page.locator(".sidebar").getByRole("link", { name: "客户细分" }).click();
      await page.getByRole("link", { name: "新建细分" }).click();
      const count = page.locator("#segment-count");
      const everyone = Number(await count.textContent());
      expect(everyone).toBe(7); // the 4 demo customers and the 3 imported
      await page.getByLabel("名称", { exact: true }).fill("南京高价值客户");
      await page.getByRole("group", { name: "价值等级" }).getByLabel("MVC").check();
      await expect.poll(() => count.textContent()).toBe("5"); // C0001, C0003, E001, E003, E006
      await page.getByRole("group", { name: "地区/分支机构" }).getByLabel("南京").check();
      await expect.poll(() => count.textContent()).toBe("2");
      await page.getByRole("group", { name: "自定义属性" }).locator("#attr-key-0").fill("保单数");
      await page.getByRole("group", { name: "自定义属性" }).locator("#attr-value-0").fill("30");
      await expect.poll(() => count.textContent()).toBe("1");
      await page.getByRole("button", { name: "保存" }).click();
      await expect
        .poll(() => page.locator(".notice-success").textContent())
        .toBe("已保存客户细分 南京高价值客户。");
      expect(await count.textContent()).toBe("1");
      await page.screenshot({ path: "tests/e2e/__screenshots__/segment-zh.png", fullPage: true });
    } finally {
      await browser.close();
    }

    const saved = await app.database.db
      .selectFrom("segment")
      .select(["name", "filter"])
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({
      name: "南京高价值客户",
      filter: { valueTiers: ["MVC"], regions: ["南京"], attributes: [{ key: "保单数", value: "30" }] },
    });
  });
});
