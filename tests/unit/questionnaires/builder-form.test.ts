import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Locale } from "../../../src/i18n/bilingual.ts";
import type { Message } from "../../../src/i18n/i18n.ts";
import {
  dimensionsFromForm,
  dimensionsToForm,
  type FormBody,
  itemFromForm,
  itemToForm,
  keptRows,
  lastRowIndex,
  scaleFromForm,
  scaleToForm,
  sectionFromForm,
  sectionToForm,
  settingsFromForm,
  settingsToForm,
  values,
} from "../../../src/questionnaires/builder/builder-form.ts";
import { issuesBelow, localizeMessage } from "../../../src/questionnaires/builder/builder-issues.ts";
import {
  addItem,
  blankDefinition,
  findItem,
} from "../../../src/questionnaires/builder/builder-operations.ts";
import {
  allItems,
  type DefinitionIssue,
  ITEM_TYPES,
  parseDefinition,
  type QuestionnaireDefinition,
} from "../../../src/questionnaires/questionnaire-definition.ts";

function template(name: string): QuestionnaireDefinition {
  const result = parseDefinition(
    JSON.parse(readFileSync(new URL(`../../../seeds/templates/${name}.json`, import.meta.url), "utf8")),
  );
  if (!result.ok) throw new Error(`template ${name} is invalid`);
  return result.definition;
}

describe("item forms", () => {
  it.each(["sancheng", "servqual", "kano", "post-service"])(
    "round-trips every item of the %s template through its form unchanged",
    (name) => {
      for (const item of allItems(template(name))) {
        expect(itemFromForm(item.type, itemToForm(item))).toEqual(item);
      }
    },
  );

  it.each(ITEM_TYPES)("round-trips a new %s item", (type) => {
    const { definition, itemKey } = addItem(blankDefinition(), "section_1", type);
    const item = findItem(definition, itemKey)?.item;
    if (!item) throw new Error("not added");
    expect(itemFromForm(type, itemToForm(item))).toEqual(item);
  });

  it("reads what a person typed: trimmed texts, optional parts left out, unticked boxes false", () => {
    const form: FormBody = {
      key: " promise ",
      "text.zh-CN": " 我们兑现了承诺 ",
      "text.en": "We kept our promises",
      "help.zh-CN": "",
      "help.en": "",
      dimension: "诚信",
      "indicator.0": "服务结果",
      "indicator.1": "",
      "indicator.2": "",
      department: "",
      "showIf.item": "",
      "showIf.mode": "in",
    };
    expect(itemFromForm("satisfaction", form)).toEqual({
      key: "promise",
      type: "satisfaction",
      text: { "zh-CN": "我们兑现了承诺", en: "We kept our promises" },
      required: false,
      dimension: "诚信",
      indicator: ["服务结果"],
    });
  });

  it("keeps a gap in the indicator levels so the save can point at it", () => {
    const item = itemFromForm("nps", { key: "n", "indicator.0": "", "indicator.1": "二级" });
    expect(item.indicator).toEqual(["", "二级"]);
  });

  it("turns numbers that are not whole numbers into NaN and fills the defaults of empty ones", () => {
    const rating = itemFromForm("rating", { key: "r", min: "0", max: "five" });
    expect(rating).toMatchObject({ min: 0, max: Number.NaN });
    const text = itemFromForm("text", { key: "t", maxLength: "" });
    expect(text).toMatchObject({ maxLength: 2000, multiline: false });
    const many = itemFromForm("multiple_choice", { key: "m", maxSelected: "" });
    expect(many).not.toHaveProperty("maxSelected");
  });

  it("drops removed and empty option rows and gives a keyless option the next free key", () => {
    const item = itemFromForm("single_choice", {
      key: "c",
      "options.0.key": "option_1",
      "options.0.label.zh-CN": "是",
      "options.0.label.en": "Yes",
      "options.1.key": "old",
      "options.1.label.zh-CN": "旧",
      "options.1.label.en": "Old",
      "options.1.remove": "on",
      "options.2.key": "",
      "options.2.label.zh-CN": "否",
      "options.2.label.en": "No",
      "options.3.key": "",
      "options.3.label.zh-CN": "",
      "options.3.label.en": "",
    });
    expect(item.type === "single_choice" && item.options).toEqual([
      { key: "option_1", label: { "zh-CN": "是", en: "Yes" } },
      { key: "option_2", label: { "zh-CN": "否", en: "No" } },
    ]);
  });

  it("reads a condition: the ticked answers of the chosen item only, or 'answered'", () => {
    const form: FormBody = {
      key: "d",
      "showIf.item": "c",
      "showIf.mode": "in",
      "showIf.in.c": ["x", "y"],
      "showIf.in.a": "satisfied",
    };
    expect(itemFromForm("nps", form).showIf).toEqual({ item: "c", in: ["x", "y"] });
    expect(itemFromForm("nps", { ...form, "showIf.mode": "answered" }).showIf).toEqual({
      item: "c",
      answered: true,
    });
    // an item without a list of answers (text, Kano …) can only be tested for being answered
    expect(itemFromForm("nps", form, () => false).showIf).toEqual({ item: "c", answered: true });
    expect(itemFromForm("nps", { ...form, "showIf.item": "" })).not.toHaveProperty("showIf");
  });
});

describe("questionnaire-level forms", () => {
  it("round-trips the settings, sections and dimensions of a template", () => {
    const sancheng = template("sancheng");
    expect(settingsFromForm(settingsToForm(sancheng))).toEqual({
      title: sancheng.title,
      intro: sancheng.intro,
      thankYou: sancheng.thankYou,
    });
    const section = sancheng.sections[0];
    if (!section) throw new Error("no section");
    expect(sectionFromForm(sectionToForm(section))).toEqual({
      key: section.key,
      title: section.title,
      intro: undefined,
    });
    expect(dimensionsFromForm(dimensionsToForm(sancheng))).toEqual(
      sancheng.dimensions?.map((dimension) => ({ originalKey: dimension.key, ...dimension })),
    );
  });

  it("shows the standard scale when none is set, and reads levels back with their points", () => {
    const form = scaleToForm(template("post-service"));
    expect(form["levels.0.key"]).toBe("very_satisfied");
    expect(form["levels.3.points"]).toBe("60");
    form["levels.1.points"] = "87.5";
    form["levels.2.points"] = "a lot";
    form["levels.3.remove"] = "on";
    form["levels.4.key"] = "";
    form["levels.4.points"] = "";
    const rows = scaleFromForm(form);
    expect(rows.map((row) => [row.originalKey, row.key, row.points])).toEqual([
      ["very_satisfied", "very_satisfied", 100],
      ["satisfied", "satisfied", 87.5],
      ["basically_satisfied", "basically_satisfied", Number.NaN],
    ]);
  });

  it("names the form rows that become part of the definition", () => {
    const form: FormBody = {
      "options.0.key": "a",
      "options.1.key": "b",
      "options.1.remove": "on",
      "options.2.key": "",
      "options.2.label.zh-CN": "",
      "options.2.label.en": "",
      "options.3.label.en": "D",
      "levels.0.points": "5",
    };
    expect(keptRows(form, "options")).toEqual([0, 3]);
    expect(keptRows(form, "levels")).toEqual([0]);
    expect(keptRows(form, "dimensions")).toEqual([]);
  });

  it("leaves out dimension rows ticked for removal", () => {
    const form = dimensionsToForm(template("sancheng"));
    form["dimensions.1.remove"] = "on";
    expect(dimensionsFromForm(form).map((row) => row.key)).toEqual(["诚心", "诚行"]);
  });

  it("finds the last row of a repeated group and reads repeated fields as lists", () => {
    expect(
      lastRowIndex({ "options.0.key": "a", "options.11.key": "b", "optionsX.30.key": "c" }, "options"),
    ).toBe(11);
    expect(lastRowIndex({}, "options")).toBe(-1);
    expect(values({ a: ["x", " ", "y"] }, "a")).toEqual(["x", "y"]);
    expect(values({ a: "x" }, "a")).toEqual(["x"]);
    expect(values({}, "a")).toEqual([]);
  });
});

describe("issue messages", () => {
  const required: Message = { key: "validation.required" };
  it.each([
    [{ key: "builder.issue.enRequired" }, "en", undefined, "English text is required"],
    [{ key: "builder.issue.enRequired" }, "zh-CN", undefined, "请填写英文"],
    [
      { key: "builder.issue.unknownAllocated", values: { dimension: "诚意" } },
      "zh-CN",
      undefined,
      "未知维度“诚意”",
    ],
    [
      { key: "builder.issue.conditionEarlier", values: { item: "c" } },
      "zh-CN",
      undefined,
      "显示条件只能引用前面的题目；“c”不在本题之前",
    ],
    [{ key: "validation.number" }, "en", undefined, "enter a whole number"],
    [{ key: "validation.chooseOne" }, "en", "showIf.in", "tick at least one answer"],
    [{ key: "validation.chooseOne" }, "en", undefined, "choose at least one"],
    [{ key: "validation.tooBig", values: { maximum: 5000 } }, "zh-CN", undefined, "不能大于 5000"],
    [{ key: "validation.number" }, "en", "levels.2.points", "enter a number"],
    [required, "en", "indicator.1", "fill in this level, or clear the levels after it"],
  ] as [Message, Locale, string | undefined, string][])(
    "%o in %s (%s) → %s",
    (message, locale, field, expected) => {
      expect(localizeMessage(message, locale, field)).toBe(expected);
    },
  );

  it("names zod's own problems by key, so a page words them in its language", () => {
    const result = parseDefinition({ title: { "zh-CN": "", en: "x" }, sections: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { path: "title.zh-CN", message: { key: "builder.issue.zhRequired", values: { minimum: 1 } } },
      { path: "sections", message: { key: "builder.issue.noSection", values: { minimum: 1 } } },
    ]);
    expect(localizeMessage(result.issues[1]?.message ?? required, "zh-CN")).toBe("问卷至少需要一个部分");
  });

  it("keys the issues below a path by the rest of their path, first message first", () => {
    const issues = [
      { path: "sections.0.items.2.text.en", itemKey: "x", message: { key: "builder.issue.enRequired" } },
      {
        path: "sections.0.items.2.text.en",
        itemKey: "x",
        message: { key: "validation.tooLong", values: { maximum: 1000 } },
      },
      { path: "sections.0.items.2", itemKey: "x", message: { key: "builder.issue.optionKeys" } },
      { path: "sections.0.items.3.key", itemKey: "y", message: required },
      { path: "sections.0.items.21.key", itemKey: "z", message: required },
    ] satisfies DefinitionIssue[];
    expect(issuesBelow(issues, "sections.0.items.2", "en")).toEqual({
      "text.en": "English text is required",
      "": "option keys must be unique",
    });
  });
});
