import { describe, expect, test } from "vitest";
import { newItem } from "../../../src/questionnaires/builder/builder-operations.ts";
import { numberItems } from "../../../src/questionnaires/item-numbers.ts";
import { untouchedPlaceholders } from "../../../src/questionnaires/placeholders.ts";
import type { Item, QuestionnaireDefinition } from "../../../src/questionnaires/questionnaire-definition.ts";

const text = (en: string) => ({ en, "zh-CN": en });
const item = (key: string, showIf?: string): Item => ({
  key,
  type: "satisfaction",
  text: text(key),
  required: true,
  ...(showIf ? { showIf: { item: showIf, answered: true } } : {}),
});
const definition = (...sections: Item[][]): QuestionnaireDefinition => ({
  title: text("t"),
  sections: sections.map((items, i) => ({ key: `s${i}`, title: text(`s${i}`), items })),
});

describe("numberItems", () => {
  test.each([
    ["none", definition([]), []],
    ["unconditional, across sections", definition([item("a"), item("b")], [item("c")]), ["1", "2", "3"]],
    [
      "follow-ups take the number before them with a letter",
      definition([item("a"), item("why", "a"), item("more", "a")], [item("b"), item("c", "b")]),
      ["1", "1a", "1b", "2", "2a"],
    ],
  ])("%s", (_, input, expected) => {
    expect([...numberItems(input).values()]).toEqual(expected);
  });

  test("after z come aa, ab", () => {
    const followUps = Array.from({ length: 28 }, (_, i) => item(`f${i}`, "a"));
    const numbers = numberItems(definition([item("a"), ...followUps]));
    expect([numbers.get("f0"), numbers.get("f25"), numbers.get("f26"), numbers.get("f27")]).toEqual([
      "1a",
      "1z",
      "1aa",
      "1ab",
    ]);
  });
});

describe("untouchedPlaceholders", () => {
  const base = definition([item("a")]);
  test("a new item's text and a new choice item's options are found, with the item's number", () => {
    const choice = newItem(base, "single_choice", "choice_1");
    const found = untouchedPlaceholders(definition([item("a"), choice, newItem(base, "nps", "nps_1")]));
    expect(found.map(({ itemKey, number, parts }) => ({ itemKey, number, parts }))).toEqual([
      { itemKey: "choice_1", number: "2", parts: ["text", "options"] },
      { itemKey: "nps_1", number: "3", parts: ["text"] },
    ]);
  });

  test("edited texts are not, nor an option named like a placeholder under another key", () => {
    const choice = newItem(base, "single_choice", "choice_1");
    if (choice.type !== "single_choice") throw new Error("a choice item");
    const edited: Item = {
      ...choice,
      text: { "zh-CN": "您从哪里知道我们？", en: "How did you hear of us?" },
      options: [
        { key: "branch", label: { "zh-CN": "选项 1", en: "Option 1" } },
        { key: "option_2", label: { "zh-CN": "网上", en: "Online" } },
      ],
    };
    expect(untouchedPlaceholders(definition([item("a"), edited]))).toEqual([]);
  });

  test("a text left in one language is found", () => {
    const nps = newItem(base, "nps", "nps_1");
    const half: Item = { ...nps, text: { "zh-CN": "您会推荐我们吗？", en: nps.text.en } };
    expect(untouchedPlaceholders(definition([half])).map((p) => p.parts)).toEqual([["text"]]);
  });
});
