// Issue 21: a new item keeps the builder's placeholder text until someone edits it; publishing lists
// such items, in the page's language, and publishes only when the person confirms.
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

describe.each([
  {
    locale: "zh-CN" as const,
    title: "1 道题目仍是占位文字",
    anyway: "仍然发布 v1",
    item: "第 2 题",
    publish: "发布 v1",
  },
  {
    locale: "en" as const,
    title: "Placeholder text left in 1 item(s)",
    anyway: "Publish v1 anyway",
    item: "Item 2",
    publish: "Publish v1",
  },
])("publishing a draft with a new, unedited item ($locale)", ({ locale, title, anyway, item, publish }) => {
  it("lists the item, asks, and publishes only when confirmed", async () => {
    const browser = await launchBrowser({ locale: locale === "en" ? "en-US" : "zh-CN" });
    try {
      const page = await browser.newPage();
      await page.goto(`${app.baseUrl}/login`);
      await page.locator("#username").fill("quality");
      await page.locator("#password").fill("manyi-quality-demo");
      await page.locator("form:has(#password) button[type=submit]").click();
      await expect.poll(() => page.url()).toBe(`${app.baseUrl}/admin`);

      // A blank questionnaire, and one new single-choice item added and left as it came.
      await page.goto(`${app.baseUrl}/admin/questionnaires/new`);
      await page.locator("form:has(input[name=source][value=blank]) button[type=submit]").click();
      await expect.poll(() => page.url()).toMatch(/\/admin\/questionnaires\/\d+\/edit$/);
      const id = Number(/questionnaires\/(\d+)\/edit/.exec(page.url())?.[1]);
      await page.locator("#add-item-section_1").selectOption("single_choice");
      await page.locator("form.add-item:has(#add-item-section_1) button[type=submit]").click();
      await expect.poll(() => page.url()).toContain("/items/single_choice_1");

      // The versions page warns before publishing, naming the item and what is still a placeholder.
      await page.goto(`${app.baseUrl}/admin/questionnaires/${id}`);
      const warning = page.locator("#placeholders");
      expect(await warning.locator("#placeholders-title").textContent()).toBe(title);
      expect(await warning.getByRole("link").textContent()).toBe(item);
      expect(await warning.locator("li").textContent()).toContain(
        locale === "en" ? "New item (edit this text)" : "新题目（请修改题目文字）",
      );
      expect(await warning.locator("li").textContent()).toContain(
        locale === "en" ? "question text · option labels" : "题目文字 · 选项名称",
      );
      expect(await axeViolations(page)).toEqual([]);

      // Declining the confirmation publishes nothing; the question lists the items.
      const asked: string[] = [];
      page.once("dialog", (dialog) => {
        asked.push(dialog.message());
        void dialog.dismiss();
      });
      await page.getByRole("button", { name: anyway }).click();
      await expect.poll(() => asked.length).toBe(1);
      expect(asked[0]).toContain(
        locale === "en" ? "Items 2 still have placeholder text" : "第 2 题仍是占位文字",
      );
      const status = () =>
        app.database.db
          .selectFrom("questionnaire_version")
          .select("status")
          .where("questionnaire_id", "=", id)
          .executeTakeFirstOrThrow();
      expect((await status()).status).toBe("draft");

      // Editing the item's text leaves only its options to warn about; confirming then publishes.
      await page.getByRole("link", { name: item }).click();
      await expect.poll(() => page.url()).toContain("/items/single_choice_1");
      for (const field of await page.locator("[name='text.zh-CN'], [name='text.en']").all())
        await field.fill(locale === "en" ? "How did you hear of us?" : "您从哪里知道我们？");
      await page.locator("form:has([name='text.en']) button[type=submit]").last().click();
      await expect.poll(() => page.url()).toContain("/edit#item-single_choice_1");
      await page.goto(`${app.baseUrl}/admin/questionnaires/${id}`);
      expect(await warning.locator("li").textContent()).toContain(
        locale === "en" ? "option labels" : "选项名称",
      );
      expect(await warning.locator("li").textContent()).not.toContain(
        locale === "en" ? "question text" : "题目文字",
      );
      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("button", { name: anyway }).click();
      await expect.poll(async () => (await status()).status).toBe("published");
      expect(await page.getByRole("button", { name: publish }).count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
