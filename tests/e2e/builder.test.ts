import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuestionnaireDefinition } from "../../src/questionnaires/questionnaire-definition.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

/** What the person reads on the screen, in the language of the run. */
const WORDS = {
  en: {
    username: "Username",
    password: "Password",
    signIn: "Sign in",
    menu: "Menu",
    questionnaires: "Questionnaires",
    newQuestionnaire: "New questionnaire",
    startBlank: "Start blank",
    editTexts: "Edit title and texts",
    title: "Title",
    chinese: "Chinese",
    english: "English",
    save: "Save",
    addSection: "Add a section",
    addItemLabel: "Add an item",
    add: "Add",
    questionText: "Question text",
    dimension: "Dimension",
    saveItem: "Save item",
    showThisItem: "Show this item",
    answersOf: "Answers of satisfaction_2",
    dissatisfied: "Dissatisfied",
    previewZh: "Preview in Chinese",
    previewEn: "Preview in English",
    next: "下一页",
    versions: "Versions",
    publish: "Publish v1",
    published: "Version 1 is published.",
    publishedBadge: "Published v1",
  },
  "zh-CN": {
    username: "用户名",
    password: "密码",
    signIn: "登录",
    menu: "菜单",
    questionnaires: "问卷",
    newQuestionnaire: "新建问卷",
    startBlank: "从空白开始",
    editTexts: "编辑标题与说明",
    title: "标题",
    chinese: "中文",
    english: "英文",
    save: "保存",
    addSection: "添加部分",
    addItemLabel: "添加题目",
    add: "添加",
    questionText: "题目文字",
    dimension: "维度",
    saveItem: "保存题目",
    showThisItem: "显示此题",
    answersOf: "satisfaction_2 的答案",
    dissatisfied: "不满意",
    previewZh: "中文预览",
    previewEn: "英文预览",
    next: "下一页",
    versions: "版本",
    publish: "发布 v1",
    published: "版本 1 已发布。",
    publishedBadge: "已发布 v1",
  },
} as const;

/** Fills the Chinese and English inputs of a text in both languages, found by its legend. */
async function fillBoth(
  page: Page,
  words: (typeof WORDS)["en"] | (typeof WORDS)["zh-CN"],
  legend: string,
  zh: string,
  en: string,
) {
  const group = page.getByRole("group", { name: legend, exact: true });
  await group.getByLabel(words.chinese, { exact: true }).fill(zh);
  await group.getByLabel(words.english, { exact: true }).fill(en);
}

describe.each([
  { locale: "en" as const, viewport: { width: 390, height: 844 }, device: "phone" },
  { locale: "zh-CN" as const, viewport: { width: 1280, height: 860 }, device: "desktop" },
])("in Chromium on a $device ($locale)", ({ locale, viewport, device }) => {
  it("a quality staff member builds a small questionnaire, previews it in both languages and publishes it", async () => {
    const words = WORDS[locale];
    const browser = await launchBrowser({ locale: locale === "en" ? "en-US" : "zh-CN", viewport });
    try {
      const page = await browser.newPage();
      page.on("dialog", (dialog) => dialog.accept());
      await page.goto(`${app.baseUrl}/login`);
      await page.getByLabel(words.username).fill("quality");
      await page.getByLabel(words.password).fill("manyi-quality-demo");
      await page.getByRole("button", { name: words.signIn }).click();
      await expect.poll(() => page.url()).toBe(`${app.baseUrl}/admin`);

      // Through the menu to the questionnaires, and a new blank questionnaire.
      if (device === "phone") {
        await page.locator("summary", { hasText: words.menu }).click();
        await page.locator(".menu").getByRole("link", { name: words.questionnaires }).click();
      } else {
        await page.locator(".sidebar").getByRole("link", { name: words.questionnaires }).click();
      }
      await page.getByRole("link", { name: words.newQuestionnaire }).click();
      await page.getByRole("button", { name: words.startBlank }).click();
      await expect.poll(() => page.url()).toMatch(/\/admin\/questionnaires\/\d+\/edit$/);
      const builderUrl = page.url();
      const id = Number(/questionnaires\/(\d+)\/edit/.exec(builderUrl)?.[1]);

      // Title in both languages.
      await page.getByText(words.editTexts).click();
      await fillBoth(page, words, words.title, `网点服务评价（${device}）`, `Branch service (${device})`);
      await page.locator("#settings").getByRole("button", { name: words.save, exact: true }).click();
      await expect
        .poll(() => page.locator("h1").textContent())
        .toBe(locale === "en" ? `Branch service (${device})` : `网点服务评价（${device}）`);

      // A second section with a satisfaction item in a RATER dimension …
      await page.getByRole("button", { name: words.addSection }).click();
      await expect.poll(() => page.url()).toContain("#section-section_2");
      const section = page.locator("#section-section_2");
      await section.getByLabel(words.addItemLabel).selectOption("satisfaction");
      await section.getByRole("button", { name: words.add }).click();
      await expect.poll(() => page.url()).toContain("/items/satisfaction_2");
      await fillBoth(
        page,
        words,
        words.questionText,
        "网点环境是否整洁舒适",
        "How clean and comfortable the branch is",
      );
      await page.getByLabel(words.dimension, { exact: true }).selectOption("tangibles");
      await page.getByRole("button", { name: words.saveItem }).click();
      await expect.poll(() => page.url()).toContain("/edit#item-satisfaction_2");

      // … and a text item shown only to the dissatisfied.
      await page.locator("#section-section_2").getByLabel(words.addItemLabel).selectOption("text");
      await page.locator("#section-section_2").getByRole("button", { name: words.add }).click();
      await expect.poll(() => page.url()).toContain("/items/text_1");
      await fillBoth(page, words, words.questionText, "哪里需要改进？", "What should we improve?");
      await page.getByLabel(words.showThisItem).selectOption("satisfaction_2");
      await page
        .getByRole("group", { name: words.answersOf })
        .getByLabel(words.dissatisfied, { exact: false })
        .check();
      await page.getByRole("button", { name: words.saveItem }).click();
      await expect.poll(() => page.url()).toContain("/edit#item-text_1");
      await page.screenshot({
        path: path.join(os.tmpdir(), `manyi-builder-${device}-${locale}.png`),
        fullPage: true,
      });

      // Preview in Chinese, then page 2, then the respondent's own switch to English.
      await page.getByRole("link", { name: words.previewZh }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe(`网点服务评价（${device}）`);
      expect(await page.getByRole("note").textContent()).toContain("预览");
      await page.getByRole("link", { name: words.next }).click();
      expect(await page.locator("#q-satisfaction_2").textContent()).toContain("网点环境是否整洁舒适");
      await page.getByRole("link", { name: "English" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe(`Branch service (${device})`);
      expect(await page.locator("#q-satisfaction_2").textContent()).toContain(
        "How clean and comfortable the branch is",
      );
      await page.goto(builderUrl);
      await page.getByRole("link", { name: words.previewEn }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe(`Branch service (${device})`);
      expect(await page.getByRole("note").textContent()).toContain("Preview");

      // Publish from the versions page (it asks for confirmation).
      await page.goto(builderUrl);
      await page
        .getByRole("navigation", { name: locale === "en" ? "Questionnaire pages" : "问卷页面" })
        .getByRole("link", { name: words.versions })
        .click();
      await page.getByRole("button", { name: words.publish }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toContain(words.published);
      expect(await page.locator(".builder-status").textContent()).toContain(words.publishedBadge);

      // The outcome: version 1 is published with what was built.
      const versions = await app.database.db
        .selectFrom("questionnaire_version")
        .select(["version_number", "status", "definition"])
        .where("questionnaire_id", "=", id)
        .execute();
      expect(versions.map((v) => [v.version_number, v.status])).toEqual([[1, "published"]]);
      const definition = versions[0]?.definition as QuestionnaireDefinition;
      expect(definition.title).toEqual({
        "zh-CN": `网点服务评价（${device}）`,
        en: `Branch service (${device})`,
      });
      expect(definition.sections.map((s) => s.items.map((item) => item.key))).toEqual([
        ["satisfaction_1"],
        ["satisfaction_2", "text_1"],
      ]);
      expect(definition.sections[1]?.items).toEqual([
        {
          key: "satisfaction_2",
          type: "satisfaction",
          text: { "zh-CN": "网点环境是否整洁舒适", en: "How clean and comfortable the branch is" },
          required: true,
          dimension: "tangibles",
        },
        {
          key: "text_1",
          type: "text",
          text: { "zh-CN": "哪里需要改进？", en: "What should we improve?" },
          required: false,
          showIf: { item: "satisfaction_2", in: ["dissatisfied"] },
          multiline: true,
          maxLength: 2000,
        },
      ]);
    } finally {
      await browser.close();
    }
  });
});
