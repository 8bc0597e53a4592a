import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatScore } from "../../src/lib/score-format.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

/** Picks the answer labelled `label` under the question whose text contains `question`. */
async function choose(page: Page, question: string, label: string) {
  await page.locator(".question", { hasText: question }).getByLabel(label, { exact: true }).check();
}

describe("a customer on a phone answers the 三诚 questionnaire in Chinese", () => {
  it("leaves half-way, comes back, finishes, and staff see the response with the right score", async () => {
    const phone = await launchBrowser({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    try {
      const page = await phone.newPage();
      await page.goto(`${app.baseUrl}/w/sancheng-2026`);
      expect(await page.locator("h1").textContent()).toBe("客户满意度年度调查（三诚）");
      expect(await page.locator(".progress-text").textContent()).toBe("第 1 页，共 4 页");

      await choose(page, "客服人员的服务态度", "非常满意");
      await choose(page, "我们倾听并理解您的需求", "满意");
      await choose(page, "售后回访与关怀", "满意");
      await page.getByRole("button", { name: "下一页 →" }).click();
      await expect.poll(() => page.locator(".progress-text").textContent()).toBe("第 2 页，共 4 页");

      // The follow-up question appears only when the promise was not kept.
      const reason = page.locator("#q-promise_reason");
      expect(await reason.isVisible()).toBe(false);
      await choose(page, "我们兑现了对您的承诺", "不满意");
      await expect.poll(() => reason.isVisible()).toBe(true);
      await reason.locator("textarea").fill("保单变更拖了一个月");
      await choose(page, "费用和条款向您解释得清楚透明", "基本满意");
      // The customer leaves before finishing this page; the answers were saved in the background.
      await expect
        .poll(() => page.locator("[data-autosave-status]").textContent(), { timeout: 10_000 })
        .toContain("已保存");
      await page.close();

      const again = await phone.newPage();
      await again.goto(`${app.baseUrl}/w/sancheng-2026`);
      expect(await again.locator(".progress-text").textContent()).toBe("第 2 页，共 4 页");
      expect(await again.locator("#q-promise_reason textarea").inputValue()).toBe("保单变更拖了一个月");
      await choose(again, "保单、账单等信息准确无误", "非常满意");
      await again.getByRole("button", { name: "下一页 →" }).click();
      await expect.poll(() => again.locator(".progress-text").textContent()).toBe("第 3 页，共 4 页");

      // Forgetting a question is explained next to it.
      await choose(again, "业务办理的速度", "满意");
      await choose(again, "理赔或问题的处理结果", "满意");
      await again.getByRole("button", { name: "下一页 →" }).click();
      expect(await again.locator("#q-channels .field-error").textContent()).toBe("请回答此题。");
      await choose(again, "服务渠道是否方便", "非常满意");
      await again.getByRole("button", { name: "下一页 →" }).click();

      await again.locator(".question", { hasText: "推荐" }).getByLabel("9", { exact: true }).check();
      await again.getByRole("button", { name: "提交" }).click();
      await expect.poll(() => again.locator("h1").textContent()).toBe("感谢您的参与！");
      await again.screenshot({ path: "tests/e2e/__screenshots__/respond-thanks-zh.png" });
    } finally {
      await phone.close();
    }

    // 100 + 90 + 90 + 60 + 75 + 100 + 90 + 90 + 100 = 795 over 9 items
    const expected = 795 / 9;
    const staff = await launchBrowser({ locale: "zh-CN" });
    try {
      const page = await staff.newPage();
      await page.goto(`${app.baseUrl}/login`);
      await page.getByLabel("用户名").fill("quality");
      await page.getByLabel("密码").fill("manyi-quality-demo");
      await page.getByRole("button", { name: "登录" }).click();
      await page.getByRole("link", { name: "答卷" }).first().click();
      const row = page.locator("tbody tr").first();
      expect(await row.locator("td.num").textContent()).toBe(formatScore(expected));
      await row.getByRole("link").click();
      expect(await page.locator(".meta .stat").textContent()).toBe(formatScore(expected));
      expect(
        await page.locator(".answer-row", { hasText: "我们兑现了对您的承诺" }).locator("dd").textContent(),
      ).toContain("不满意");
      await page.screenshot({ path: "tests/e2e/__screenshots__/response-detail-zh.png", fullPage: true });
    } finally {
      await staff.close();
    }
  });
});
