// Issue 21: Enter in a field of the respondent's page goes on to the next page (or submits on the last)
// in the same language, keeping what was typed; and a question has the same number for the customer
// and for staff reading the response, a conditional question before it or not.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { axeViolations } from "../helpers/axe.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

const text = (zh: string, en: string) => ({ "zh-CN": zh, en });
const SLUG = "enter-key-2026";

/** Page 1: a satisfaction question, its conditional follow-up, the 100-point allocation; page 2: two more. */
const DEFINITION = {
  title: text("回车键测试问卷", "Enter key survey"),
  sections: [
    {
      key: "first",
      title: text("服务", "Service"),
      items: [
        { key: "attitude", type: "satisfaction", text: text("服务态度", "Staff attitude") },
        {
          key: "why",
          type: "text",
          text: text("哪里让您不满意？", "What was wrong?"),
          required: false,
          multiline: false,
          maxLength: 200,
          showIf: { item: "attitude", in: ["dissatisfied"] },
        },
        {
          key: "weights",
          type: "importance",
          text: text("请把 100 分分配给以下五个方面", "Share 100 points among these five"),
          dimensions: ["tangibles", "reliability", "responsiveness", "assurance", "empathy"],
        },
      ],
    },
    {
      key: "second",
      title: text("办理", "Handling"),
      items: [
        { key: "speed", type: "satisfaction", text: text("办理速度", "Speed") },
        {
          key: "comment",
          type: "text",
          text: text("还有什么想说的？", "Anything else?"),
          required: false,
          multiline: false,
          maxLength: 200,
        },
      ],
    },
  ],
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  const token = await createApiTokenThroughAdmin(app, "quality", "enter key");
  const api = async (path: string, body: unknown) => {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return (await response.json()) as { data: { id: number } };
  };
  const questionnaire = await api("/api/v1/questionnaires", { definition: DEFINITION });
  await api(`/api/v1/questionnaires/${questionnaire.data.id}/publish`, {});
  await api("/api/v1/waves", {
    name: "回车键测试",
    questionnaireId: questionnaire.data.id,
    channel: "web",
    slug: SLUG,
    defaultLocale: "zh-CN",
  });
});
afterAll(async () => {
  await app?.close();
});

async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

/** The number shown before the question with `key` on the respondent's page, e.g. "2". */
async function shownNumber(page: Page, key: string) {
  return (await page.locator(`#q-${key} .question-number`).first().textContent())?.replace(/\.$/, "");
}

describe("a customer answers on a phone with the keyboard's Enter (Go) key", () => {
  it("goes on in Chinese, keeps every answer, and staff see the same question numbers", async () => {
    const phone = await launchBrowser({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    let respondentNumbers: Record<string, string | undefined>;
    try {
      const page = await phone.newPage();
      await page.goto(`${app.baseUrl}/w/${SLUG}`);
      expect(await page.locator(".progress-text").textContent()).toBe("第 1 页，共 2 页");
      await expectAccessible(page);

      // The conditional follow-up (1a) is hidden; the allocation after it is question 2 either way.
      await page.locator("#q-attitude").getByLabel("满意", { exact: true }).check();
      const rows = page.locator("#q-weights input[type=number]");
      for (const [i, points] of [30, 20, 20, 20].entries()) await rows.nth(i).fill(String(points));
      // The last number, then the phone keyboard's Go key.
      await rows.nth(4).fill("10");
      await rows.nth(4).press("Enter");

      await expect.poll(() => page.locator(".progress-text").textContent()).toBe("第 2 页，共 2 页");
      expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
      expect(await page.locator("h1").textContent()).toBe("回车键测试问卷");
      await expectAccessible(page);

      // Enter on a chosen radio button of the last page submits, in Chinese.
      const speed = page.locator("#q-speed").getByLabel("非常满意", { exact: true });
      await speed.check();
      respondentNumbers = {
        speed: await shownNumber(page, "speed"),
        comment: await shownNumber(page, "comment"),
      };
      // Back to page 1 first, to see that the numbers typed there were kept.
      await page.getByRole("button", { name: "← 上一页" }).click();
      await expect.poll(() => page.locator(".progress-text").textContent()).toBe("第 1 页，共 2 页");
      expect(
        await rows.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
      ).toEqual(["30", "20", "20", "20", "10"]);
      respondentNumbers = {
        ...respondentNumbers,
        attitude: await shownNumber(page, "attitude"),
        weights: await shownNumber(page, "weights"),
      };
      await page.locator("#q-attitude").getByLabel("满意", { exact: true }).press("Enter");
      await expect.poll(() => page.locator(".progress-text").textContent()).toBe("第 2 页，共 2 页");
      expect(await page.locator("#q-speed").getByLabel("非常满意", { exact: true }).isChecked()).toBe(true);
      await page.locator("#q-comment input").fill("很好");
      await page.locator("#q-comment input").press("Enter");
      await expect.poll(() => page.locator("h1").textContent()).toBe("感谢您的参与！");
      expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
      await expectAccessible(page);
    } finally {
      await phone.close();
    }
    // every question numbered in the definition's order; the follow-up would be 1a
    expect(respondentNumbers).toEqual({ attitude: "1", weights: "2", speed: "3", comment: "4" });

    // The response holds every answer, and staff read the same numbers on its page.
    const response = await app.database.db
      .selectFrom("response")
      .innerJoin("wave", "wave.id", "response.wave_id")
      .select(["response.id", "response.status"])
      .where("wave.slug", "=", SLUG)
      .executeTakeFirstOrThrow();
    expect(response.status).toBe("submitted");
    const staff = await launchBrowser({ locale: "zh-CN" });
    try {
      const page = await staff.newPage();
      await page.goto(`${app.baseUrl}/login`);
      await page.getByLabel("用户名").fill("quality");
      await page.getByLabel("密码").fill("manyi-quality-demo");
      await page.getByRole("button", { name: "登录" }).click();
      await expect.poll(() => page.url()).toBe(`${app.baseUrl}/admin`);
      await page.goto(`${app.baseUrl}/admin/responses/${response.id}`);
      const row = (question: string) => page.locator(".answer-row", { hasText: question });
      const number = async (question: string) =>
        (await row(question).locator("dt .muted").textContent())?.replace(/\.$/, "");
      expect({
        attitude: await number("服务态度"),
        weights: await number("请把 100 分分配"),
        speed: await number("办理速度"),
        comment: await number("还有什么想说的"),
      }).toEqual(respondentNumbers);
      expect(await row("请把 100 分分配").locator("dd").textContent()).toContain("10");
      expect(await row("还有什么想说的").locator("dd").textContent()).toContain("很好");
      await expectAccessible(page);
    } finally {
      await staff.close();
    }
  });
});
