import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_DISPATCH, JOB_LAUNCH, JOB_REMINDERS } from "../../src/distribution/distribution.jobs.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../helpers/smtp-server.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { waitForQueueIdle } from "../helpers/wait.ts";

let smtp: TestSmtpServer;
let app: TestApp;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

// Customers of the 南京 branch from a CRM export: one already opted out, one bad row.
const CSV = `\uFEFF${[
  "客户编号,姓名,邮箱,客户类型,价值等级,分支机构,退订",
  "N001,钱多多,qian@example.com,个人,MVC,南京,",
  "N002,孙小美,sun@example.com,个人,MGC,南京,",
  "N003,阿土伯物流有限公司,atu@example.com,企业,MVC,南京,",
  "N004,金贝贝,jin@example.com,个人,LVC,南京,是",
  "N005,沙隆巴斯,not-an-address,个人,MVC,南京,",
].join("\r\n")}\r\n`;

async function choose(page: Page, question: string, label: string) {
  await page.locator(".question", { hasText: question }).getByLabel(label, { exact: true }).check();
}

describe("a quality user sends a wave by email and a customer answers it", () => {
  it("imports customers, builds a segment, sends, and follows the answers and the reminder", async () => {
    const staff = await launchBrowser({ locale: "zh-CN" });
    let waveUrl = "";
    try {
      const page = await staff.newPage();
      page.on("dialog", (dialog) => void dialog.accept());
      await page.goto(`${app.baseUrl}/login`);
      await page.getByLabel("用户名").fill("quality");
      await page.getByLabel("密码").fill("manyi-quality-demo");
      await page.getByRole("button", { name: "登录" }).click();

      // Import: the bad row is reported, the rest imported.
      await page.locator(".sidebar").getByRole("link", { name: "客户", exact: true }).click();
      await page.getByRole("link", { name: "导入客户" }).click();
      await page
        .getByLabel("CSV 文件")
        .setInputFiles({ name: "南京客户.csv", mimeType: "text/csv", buffer: Buffer.from(CSV, "utf8") });
      await page.getByRole("button", { name: "上传并对应列" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("对应列");
      await page.getByRole("button", { name: "检查数据" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("导入前检查");
      expect(await page.locator("#bad-rows").textContent()).toBe("1");
      await page.getByRole("button", { name: "导入 4 位客户" }).click();
      await expect
        .poll(() => page.locator(".import-state .badge").textContent(), { timeout: 20_000 })
        .toBe("已完成");

      // A segment: the 南京 branch.
      await page.locator(".sidebar").getByRole("link", { name: "客户细分" }).click();
      await page.getByRole("link", { name: "新建细分" }).click();
      await page.getByLabel("名称", { exact: true }).fill("南京客户");
      await page.getByRole("group", { name: "地区/分支机构" }).getByLabel("南京").check();
      await expect.poll(() => page.locator("#segment-count").textContent()).toBe("3"); // N004 opted out
      await page.getByRole("button", { name: "保存" }).click();
      await expect.poll(() => page.locator(".notice-success").count()).toBe(1);

      // The wave: email, to the segment, one reminder after 3 days.
      await page.locator(".sidebar").getByRole("link", { name: "调查批次" }).click();
      await page.getByRole("link", { name: "新建批次" }).first().click();
      await page.getByLabel("名称", { exact: true }).fill("南京分公司年末回访");
      await page.getByLabel("问卷").selectOption({ label: "客户满意度年度调查（三诚） (v1)" });
      await page.getByLabel("发送对象").selectOption({ label: "客户分群: 南京客户" });
      await page.getByLabel("提醒（邀请后第几天）").fill("3");
      await page.getByRole("button", { name: "创建批次" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("南京分公司年末回访");
      waveUrl = page.url();
      expect(await page.locator(".mail-preview").first().textContent()).toContain("尊敬的李女士");
      await page.getByRole("button", { name: "发送邀请" }).click();
      await expect
        .poll(() => page.locator('[data-counter="sent"]').textContent(), { timeout: 20_000 })
        .toBe("3");
      await page.screenshot({ path: "tests/e2e/__screenshots__/wave-sent-zh.png", fullPage: true });
    } finally {
      await staff.close();
    }

    // One message per customer of the segment; nothing to the opted-out customer.
    await smtp.waitFor(3);
    await waitForQueueIdle(app.database.db, [JOB_LAUNCH, JOB_DISPATCH, JOB_REMINDERS]);
    expect(smtp.received.map((m) => m.to).sort()).toEqual([
      "atu@example.com",
      "qian@example.com",
      "sun@example.com",
    ]);
    const toQian = smtp.received.find((m) => m.to === "qian@example.com");
    const link = /(http:\/\/127\.0\.0\.1:\d+\/s\/[\w-]+)/.exec(toQian?.text ?? "")?.[1];
    expect(link).toBeDefined();

    // 钱多多 opens the link on her phone and answers.
    const phone = await launchBrowser({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    try {
      const page = await phone.newPage();
      await page.goto(link ?? "");
      expect(await page.locator("h1").textContent()).toBe("客户满意度年度调查（三诚）");
      await choose(page, "客服人员的服务态度", "非常满意");
      await choose(page, "我们倾听并理解您的需求", "满意");
      await choose(page, "售后回访与关怀", "满意");
      await page.getByRole("button", { name: "下一页 →" }).click();
      await choose(page, "我们兑现了对您的承诺", "满意");
      await choose(page, "费用和条款向您解释得清楚透明", "满意");
      await choose(page, "保单、账单等信息准确无误", "非常满意");
      await page.getByRole("button", { name: "下一页 →" }).click();
      await choose(page, "业务办理的速度", "满意");
      await choose(page, "理赔或问题的处理结果", "满意");
      await choose(page, "服务渠道是否方便", "基本满意");
      await page.getByRole("button", { name: "下一页 →" }).click();
      await page.locator(".question", { hasText: "推荐" }).getByLabel("10", { exact: true }).check();
      await page.getByRole("button", { name: "提交" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("感谢您的参与！");
      // Opening the link again shows that it is done.
      await page.goto(link ?? "");
      expect(await page.locator("h1").textContent()).not.toBe("客户满意度年度调查（三诚）");
    } finally {
      await phone.close();
    }

    // The dashboard counts one completed; three days later the reminder goes only to the two others.
    const check = await launchBrowser({ locale: "zh-CN" });
    try {
      const page = await check.newPage();
      await page.goto(`${app.baseUrl}/login`);
      await page.getByLabel("用户名").fill("quality");
      await page.getByLabel("密码").fill("manyi-quality-demo");
      await page.getByRole("button", { name: "登录" }).click();
      await page.goto(waveUrl);
      expect(await page.locator('[data-counter="completed"]').textContent()).toBe("1");
      expect(await page.locator('[data-counter="responseRate"]').textContent()).toBe("33.3%");
    } finally {
      await check.close();
    }
    await app.database.db
      .updateTable("invitation")
      .set({ first_sent_at: new Date(Date.now() - 3.5 * 86_400_000) })
      .execute();
    await app.jobs.send(JOB_REMINDERS);
    await smtp.waitFor(5);
    await waitForQueueIdle(app.database.db, [JOB_LAUNCH, JOB_DISPATCH, JOB_REMINDERS]);
    expect(
      smtp.received
        .slice(3)
        .map((m) => m.to)
        .sort(),
    ).toEqual(["atu@example.com", "sun@example.com"]);
  });
});
