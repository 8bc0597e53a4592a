import type { Bilingual } from "../i18n/bilingual.ts";
import { numberItems } from "./item-numbers.ts";
import type { QuestionnaireDefinition } from "./questionnaire-definition.ts";

/**
 * The texts the builder gives a new item (builder-operations' `newItem`) so the draft is valid at once,
 * and how to find those left as they were before publishing. Pure.
 */

/** A new item's text, to be replaced by the question. */
export const PLACEHOLDER_TEXT: Bilingual = {
  "zh-CN": "新题目（请修改题目文字）",
  en: "New item (edit this text)",
};

/** The label of a new choice item's option `n` (1-based), to be replaced by the answer it stands for. */
export function placeholderOptionLabel(n: number): Bilingual {
  return { "zh-CN": `选项 ${n}`, en: `Option ${n}` };
}

/** An item that still shows a placeholder: in its text, in its options' labels, or both. */
export interface UntouchedPlaceholder {
  itemKey: string;
  /** the item's number, as every page shows it (`numberItems`) */
  number: string;
  text: Bilingual;
  parts: ("text" | "options")[];
}

/**
 * The items whose text, in either language, or an option's label is still the placeholder the builder
 * wrote: a questionnaire published so would ask customers 「新题目（请修改题目文字）」. An option counts
 * only with the key the builder gave it (`option_2` labelled 「选项 2」), so an option someone named
 * "Option 2" on purpose under another key is left alone.
 *
 * @example
 * untouchedPlaceholders(definitionWithANewItem) // => [{ itemKey: "satisfaction_2", number: "3", text: …, parts: ["text"] }]
 */
export function untouchedPlaceholders(definition: QuestionnaireDefinition): UntouchedPlaceholder[] {
  const numbers = numberItems(definition);
  const found: UntouchedPlaceholder[] = [];
  for (const section of definition.sections) {
    for (const item of section.items) {
      const parts: UntouchedPlaceholder["parts"] = [];
      if (sameInEither(item.text, PLACEHOLDER_TEXT)) parts.push("text");
      if (
        "options" in item &&
        item.options.some((option) => {
          const n = /^option_(\d+)$/.exec(option.key)?.[1];
          return n !== undefined && sameInEither(option.label, placeholderOptionLabel(Number(n)));
        })
      )
        parts.push("options");
      if (parts.length > 0)
        found.push({ itemKey: item.key, number: numbers.get(item.key) ?? "", text: item.text, parts });
    }
  }
  return found;
}

function sameInEither(text: Bilingual, placeholder: Bilingual): boolean {
  return text["zh-CN"].trim() === placeholder["zh-CN"] || text.en.trim() === placeholder.en;
}
