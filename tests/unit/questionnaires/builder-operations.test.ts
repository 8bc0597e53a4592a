import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NotFoundError } from "../../../src/errors.ts";
import {
  addItem,
  addSection,
  blankDefinition,
  deleteItem,
  deleteSection,
  findItem,
  isBlank,
  itemsBefore,
  moveItem,
  moveSection,
  newItem,
  newItemKey,
  newSectionKey,
  replaceDimensions,
  replaceItem,
  replaceScale,
  updateSection,
  updateSettings,
} from "../../../src/questionnaires/builder/builder-operations.ts";
import {
  ITEM_TYPES,
  type Item,
  parseDefinition,
  type QuestionnaireDefinition,
} from "../../../src/questionnaires/questionnaire-definition.ts";

/** A template as shipped, checked by parseDefinition, frozen so an operation that mutates its input fails. */
function template(name: string): QuestionnaireDefinition {
  const result = parseDefinition(
    JSON.parse(readFileSync(new URL(`../../../seeds/templates/${name}.json`, import.meta.url), "utf8")),
  );
  if (!result.ok) throw new Error(`template ${name} is invalid`);
  return deepFreeze(result.definition);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const keys = (definition: QuestionnaireDefinition) =>
  definition.sections.map((section) => `${section.key}: ${section.items.map((item) => item.key).join(" ")}`);

const valid = (definition: unknown) => parseDefinition(definition).ok;

/** Two sections: s1 holds a, b; s2 holds c, d, where d is shown when c is answered "x". */
const twoSections: QuestionnaireDefinition = deepFreeze({
  title: { "zh-CN": "测试", en: "Test" },
  sections: [
    {
      key: "s1",
      title: { "zh-CN": "一", en: "One" },
      items: [
        { key: "a", type: "satisfaction", text: { "zh-CN": "甲", en: "A" }, required: true },
        { key: "b", type: "nps", text: { "zh-CN": "乙", en: "B" }, required: true },
      ],
    },
    {
      key: "s2",
      title: { "zh-CN": "二", en: "Two" },
      items: [
        {
          key: "c",
          type: "single_choice",
          text: { "zh-CN": "丙", en: "C" },
          required: true,
          options: [
            { key: "x", label: { "zh-CN": "X", en: "X" } },
            { key: "y", label: { "zh-CN": "Y", en: "Y" } },
          ],
        },
        {
          key: "d",
          type: "text",
          text: { "zh-CN": "丁", en: "D" },
          required: false,
          multiline: true,
          maxLength: 2000,
          showIf: { item: "c", in: ["x"] },
        },
      ],
    },
  ],
});

describe("blankDefinition", () => {
  it("is a valid questionnaire with one section and one satisfaction item", () => {
    const blank = blankDefinition();
    expect(valid(blank)).toBe(true);
    expect(blank.sections).toHaveLength(1);
    expect(blank.sections[0]?.items.map((item) => item.type)).toEqual(["satisfaction"]);
  });
});

describe("keys for new parts", () => {
  it("numbers item keys by type, taking the first free counter", () => {
    expect(newItemKey(blankDefinition(), "satisfaction")).toBe("satisfaction_2");
    expect(newItemKey(blankDefinition(), "nps")).toBe("nps_1");
    expect(newItemKey(blankDefinition(), "multiple_choice")).toBe("multiple_choice_1");
  });

  it("numbers section keys", () => {
    expect(newSectionKey(blankDefinition())).toBe("section_2");
    expect(newSectionKey(twoSections)).toBe("section_1");
  });
});

describe("newItem", () => {
  it.each(ITEM_TYPES)("makes a %s item that is valid as it stands", (type) => {
    const added = addItem(blankDefinition(), "section_1", type);
    expect(parseDefinition(added.definition)).toEqual({ ok: true, definition: added.definition });
    expect(findItem(added.definition, added.itemKey)?.item.type).toBe(type);
  });

  it("shares importance points among the custom dimensions when there are at least two", () => {
    const sancheng = template("sancheng");
    const item = newItem(sancheng, "importance", "importance_1");
    expect(item.type === "importance" && item.dimensions).toEqual(["诚心", "诚信", "诚行"]);
    const plain = newItem(blankDefinition(), "importance", "importance_1");
    expect(plain.type === "importance" && plain.dimensions).toEqual([
      "reliability",
      "assurance",
      "tangibles",
      "empathy",
      "responsiveness",
    ]);
  });
});

describe("settings", () => {
  it("replaces the title and removes texts left empty in both languages", () => {
    const post = template("post-service");
    const changed = updateSettings(post, {
      title: { "zh-CN": "新标题", en: "New title" },
      intro: { "zh-CN": "", en: "" },
      thankYou: { "zh-CN": "谢谢", en: "" },
    });
    expect(changed.title).toEqual({ "zh-CN": "新标题", en: "New title" });
    expect(changed).not.toHaveProperty("intro");
    expect(changed.thankYou).toEqual({ "zh-CN": "谢谢", en: "" });
    expect(changed.sections).toBe(post.sections);
  });

  it.each([
    [undefined, true],
    [{ "zh-CN": "", en: "" }, true],
    [{ "zh-CN": "  ", en: "" }, true],
    [{ "zh-CN": "", en: "x" }, false],
  ])("isBlank(%j) is %s", (text, expected) => {
    expect(isBlank(text)).toBe(expected);
  });
});

describe("dimensions", () => {
  it("renames a custom dimension in the items that use it, importance items included", () => {
    const sancheng = template("sancheng");
    const withImportance = addItem(sancheng, "overall", "importance").definition;
    const renamed = replaceDimensions(withImportance, [
      { originalKey: "诚心", key: "真诚", label: { "zh-CN": "真诚", en: "Sincerity" } },
      { originalKey: "诚信", key: "诚信", label: { "zh-CN": "诚信", en: "Integrity" } },
      { originalKey: "诚行", key: "诚行", label: { "zh-CN": "诚行", en: "Action" } },
    ]);
    expect(valid(renamed)).toBe(true);
    expect(findItem(renamed, "attitude")?.item.dimension).toBe("真诚");
    const importance = findItem(renamed, "importance_1")?.item;
    expect(importance?.type === "importance" && importance.dimensions).toEqual(["真诚", "诚信", "诚行"]);
  });

  it("drops empty rows, and a removed dimension still in use makes the items invalid", () => {
    const sancheng = template("sancheng");
    const removed = replaceDimensions(sancheng, [
      { originalKey: "诚信", key: "诚信", label: { "zh-CN": "诚信", en: "Integrity" } },
      { originalKey: "诚行", key: "诚行", label: { "zh-CN": "诚行", en: "Action" } },
      { key: "", label: { "zh-CN": "", en: "" } },
    ]);
    expect(removed.dimensions?.map((d) => d.key)).toEqual(["诚信", "诚行"]);
    const result = parseDefinition(removed);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((issue) => issue.itemKey)).toEqual(["attitude", "listening", "care"]);
    }
  });

  it("removes the list when no row is left", () => {
    expect(replaceDimensions(template("post-service"), [])).not.toHaveProperty("dimensions");
  });
});

describe("sections", () => {
  it("adds a section at the end with a default title", () => {
    const { definition, sectionKey } = addSection(twoSections);
    expect(sectionKey).toBe("section_1");
    expect(definition.sections.at(-1)).toEqual({
      key: "section_1",
      title: { "zh-CN": "第 3 部分", en: "Part 3" },
      items: [],
    });
    expect(valid(definition)).toBe(true);
  });

  it("renames a section and drops an empty intro", () => {
    const changed = updateSection(twoSections, "s2", {
      key: "later",
      title: { "zh-CN": "后面", en: "Later" },
      intro: { "zh-CN": "", en: "" },
    });
    expect(changed.sections[1]).toMatchObject({ key: "later", title: { en: "Later" } });
    expect(changed.sections[1]).not.toHaveProperty("intro");
    expect(changed.sections[1]?.items).toBe(twoSections.sections[1]?.items);
  });

  it.each([
    ["s1", "down", ["s2: c d", "s1: a b"]],
    ["s2", "up", ["s2: c d", "s1: a b"]],
    ["s1", "up", ["s1: a b", "s2: c d"]],
    ["s2", "down", ["s1: a b", "s2: c d"]],
  ] as const)("moves %s %s", (key, direction, expected) => {
    expect(keys(moveSection(twoSections, key, direction))).toEqual(expected);
  });

  it("deletes a section with its items", () => {
    expect(keys(deleteSection(twoSections, "s1"))).toEqual(["s2: c d"]);
  });

  it("refuses an unknown section", () => {
    expect(() => deleteSection(twoSections, "nope")).toThrow(NotFoundError);
    expect(() => addItem(twoSections, "nope", "nps")).toThrow(NotFoundError);
  });
});

describe("items", () => {
  it("appends a new item to its section", () => {
    const { definition, itemKey } = addItem(twoSections, "s1", "rating");
    expect(itemKey).toBe("rating_1");
    expect(keys(definition)).toEqual(["s1: a b rating_1", "s2: c d"]);
  });

  it.each([
    ["b", "up", ["s1: b a", "s2: c d"]],
    ["a", "down", ["s1: b a", "s2: c d"]],
    // across the section boundary
    ["b", "down", ["s1: a", "s2: b c d"]],
    ["c", "up", ["s1: a b c", "s2: d"]],
    // at the very start and end nothing moves
    ["a", "up", ["s1: a b", "s2: c d"]],
    ["d", "down", ["s1: a b", "s2: c d"]],
  ] as const)("moves %s %s", (key, direction, expected) => {
    expect(keys(moveItem(twoSections, key, direction))).toEqual(expected);
  });

  it("moves into an empty neighbouring section", () => {
    const withEmpty = addSection(twoSections).definition;
    expect(keys(moveItem(withEmpty, "d", "down"))).toEqual(["s1: a b", "s2: c", "section_1: d"]);
  });

  it("lets the save name the item whose condition a move breaks", () => {
    const moved = moveItem(twoSections, "d", "up");
    expect(keys(moved)).toEqual(["s1: a b", "s2: d c"]);
    const result = parseDefinition(moved);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues[0]).toMatchObject({ itemKey: "d", path: "sections.1.items.0.showIf.item" });
  });

  it("deletes an item, leaving conditions on it for the save to report", () => {
    expect(keys(deleteItem(twoSections, "b"))).toEqual(["s1: a", "s2: c d"]);
    const result = parseDefinition(deleteItem(twoSections, "c"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.itemKey).toBe("d");
  });

  it("replaces an item in place, and a new key follows into later conditions", () => {
    const c = findItem(twoSections, "c")?.item as Item;
    const renamed = replaceItem(twoSections, "c", { ...c, key: "choice" });
    expect(keys(renamed)).toEqual(["s1: a b", "s2: choice d"]);
    expect(findItem(renamed, "d")?.item.showIf).toEqual({ item: "choice", in: ["x"] });
    expect(valid(renamed)).toBe(true);
  });

  it("lists the items before one, across sections", () => {
    expect(itemsBefore(twoSections, "d").map((item) => item.key)).toEqual(["a", "b", "c"]);
    expect(itemsBefore(twoSections, "a")).toEqual([]);
  });

  it("refuses an unknown item", () => {
    expect(() => moveItem(twoSections, "zz", "up")).toThrow(NotFoundError);
    expect(() => deleteItem(twoSections, "zz")).toThrow(NotFoundError);
    expect(() => replaceItem(twoSections, "zz", findItem(twoSections, "a")?.item as Item)).toThrow(
      NotFoundError,
    );
    expect(findItem(twoSections, "zz")).toBeUndefined();
  });

  it("never changes its input (the inputs are frozen)", () => {
    const before = JSON.stringify(twoSections);
    moveItem(twoSections, "b", "down");
    deleteSection(twoSections, "s1");
    replaceDimensions(twoSections, [{ key: "k", label: { "zh-CN": "k", en: "k" } }]);
    expect(JSON.stringify(twoSections)).toBe(before);
  });
});

describe("scale", () => {
  const levels = [
    {
      originalKey: "very_satisfied",
      key: "excellent",
      points: 100,
      label: { "zh-CN": "很好", en: "Excellent" },
    },
    { originalKey: "satisfied", key: "satisfied", points: 85, label: { "zh-CN": "好", en: "Good" } },
    { originalKey: "basically_satisfied", key: "fair", points: 70, label: { "zh-CN": "一般", en: "Fair" } },
    { originalKey: "dissatisfied", key: "poor", points: 50, label: { "zh-CN": "差", en: "Poor" } },
  ];

  it("sets a questionnaire's own scale, and renamed levels follow into conditions on satisfaction items", () => {
    const sancheng = template("sancheng");
    const changed = replaceScale(sancheng, levels);
    expect(changed.scale?.levels.map((level) => [level.key, level.points])).toEqual([
      ["excellent", 100],
      ["satisfied", 85],
      ["fair", 70],
      ["poor", 50],
    ]);
    // promise_reason is shown when promise is dissatisfied or basically_satisfied
    expect(findItem(changed, "promise_reason")?.item.showIf).toEqual({
      item: "promise",
      in: ["poor", "fair"],
    });
    expect(valid(changed)).toBe(true);
  });

  it("leaves conditions on other item types alone and restores the standard scale with undefined", () => {
    const changed = replaceScale(twoSections, [
      { originalKey: "x", key: "renamed", points: 1, label: { "zh-CN": "a", en: "a" } },
      { key: "other", points: 0, label: { "zh-CN": "b", en: "b" } },
    ]);
    expect(findItem(changed, "d")?.item.showIf).toEqual({ item: "c", in: ["x"] });
    expect(replaceScale(changed, undefined)).not.toHaveProperty("scale");
  });

  it("lets the save name the items whose condition tests for a removed level", () => {
    const result = parseDefinition(replaceScale(template("sancheng"), levels.slice(0, 2)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.itemKey)).toEqual(["promise_reason"]);
  });
});
