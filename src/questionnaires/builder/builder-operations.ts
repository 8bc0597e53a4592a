import { createHash } from "node:crypto";
import { NotFoundError } from "../../errors.ts";
import type { Bilingual } from "../../i18n/bilingual.ts";
import { SERVQUAL_DIMENSIONS } from "../../scoring/index.ts";
import { PLACEHOLDER_TEXT, placeholderOptionLabel } from "../placeholders.ts";
import type { Item, ItemType, QuestionnaireDefinition, Section } from "../questionnaire-definition.ts";

/**
 * The builder's edit operations: each takes a draft definition and returns a new one, leaving its
 * input untouched. Pure: no I/O. The result may be invalid (a deleted item that a later condition
 * still refers to, an empty text typed in a form); the caller saves it with `editDraft`, which
 * validates it and names the item at fault.
 */

export type Direction = "up" | "down";

/** The position of an item: its section's index and its index within that section. */
export interface ItemPosition {
  sectionIndex: number;
  itemIndex: number;
  item: Item;
}

/**
 * A short digest of an item as saved. The item editor sends back the digest of the item it showed, so
 * a save over someone else's newer change to the same item is noticed instead of silently undoing it.
 */
export function itemFingerprint(item: Item): string {
  return createHash("sha256").update(JSON.stringify(item)).digest("base64url").slice(0, 16);
}

/** The smallest useful questionnaire: one section with one satisfaction item. */
export function blankDefinition(): QuestionnaireDefinition {
  return {
    title: { "zh-CN": "新问卷", en: "New questionnaire" },
    sections: [
      {
        key: "section_1",
        title: { "zh-CN": "第 1 部分", en: "Part 1" },
        items: [
          {
            key: "satisfaction_1",
            type: "satisfaction",
            text: {
              "zh-CN": "您对我们服务的总体满意程度",
              en: "Overall, how satisfied are you with our service?",
            },
            required: true,
          },
        ],
      },
    ],
  };
}

/** Where the item with `key` is, or undefined. */
export function findItem(definition: QuestionnaireDefinition, key: string): ItemPosition | undefined {
  for (const [sectionIndex, section] of definition.sections.entries()) {
    const itemIndex = section.items.findIndex((item) => item.key === key);
    const item = section.items[itemIndex];
    if (item) return { sectionIndex, itemIndex, item };
  }
  return undefined;
}

/** The items before the one with `key`, in questionnaire order (those a condition may refer to). */
export function itemsBefore(definition: QuestionnaireDefinition, key: string): Item[] {
  const all = definition.sections.flatMap((section) => section.items);
  const index = all.findIndex((item) => item.key === key);
  return index < 0 ? all : all.slice(0, index);
}

/**
 * A key for a new item: its type and the first free counter, e.g. `satisfaction_3`.
 * @example newItemKey(blankDefinition(), "satisfaction") // => "satisfaction_2"
 */
export function newItemKey(definition: QuestionnaireDefinition, type: ItemType): string {
  const used = new Set(definition.sections.flatMap((section) => section.items.map((item) => item.key)));
  return firstFree(type, used);
}

/** A key for a new section, e.g. `section_2`. */
export function newSectionKey(definition: QuestionnaireDefinition): string {
  return firstFree("section", new Set(definition.sections.map((section) => section.key)));
}

function firstFree(prefix: string, used: Set<string>): string {
  let n = 1;
  while (used.has(`${prefix}_${n}`)) n += 1;
  return `${prefix}_${n}`;
}

/**
 * A new item of `type` with placeholder texts (`placeholders.ts`: publishing asks before they reach customers) and the type's defaults, valid as it stands so the
 * draft can be saved at once and then edited. An importance item shares its points among the
 * questionnaire's custom dimensions when there are at least two, else among the five RATER ones.
 */
export function newItem(definition: QuestionnaireDefinition, type: ItemType, key: string): Item {
  const base = { key, text: { ...PLACEHOLDER_TEXT }, required: true };
  switch (type) {
    case "satisfaction":
    case "nps":
      return { ...base, type };
    case "rating":
      return { ...base, type, min: 1, max: 5 };
    case "kano":
      return {
        ...base,
        type,
        functional: {
          "zh-CN": "如果提供这项服务，您觉得如何？",
          en: "If this were offered, how would you feel?",
        },
        dysfunctional: {
          "zh-CN": "如果不提供这项服务，您觉得如何？",
          en: "If this were not offered, how would you feel?",
        },
      };
    case "servqual":
      return {
        ...base,
        type,
        expectation: {
          "zh-CN": "一家优秀的服务企业应当做到这一点（1 = 完全不同意，7 = 完全同意）",
          en: "An excellent service company would do this (1 = strongly disagree, 7 = strongly agree)",
        },
        perception: {
          "zh-CN": "我们公司做到了这一点（1 = 完全不同意，7 = 完全同意）",
          en: "Our company does this (1 = strongly disagree, 7 = strongly agree)",
        },
      };
    case "importance": {
      const custom = (definition.dimensions ?? []).map((dimension) => dimension.key);
      return { ...base, type, dimensions: custom.length >= 2 ? custom : [...SERVQUAL_DIMENSIONS] };
    }
    case "single_choice":
    case "multiple_choice":
      return {
        ...base,
        type,
        options: [1, 2].map((n) => ({ key: `option_${n}`, label: placeholderOptionLabel(n) })),
      };
    case "text":
      return { ...base, type, required: false, multiline: true, maxLength: 2000 };
  }
}

/** Replaces the title, intro and thank-you texts; an intro or thank-you left empty in both languages is removed. */
export function updateSettings(
  definition: QuestionnaireDefinition,
  settings: { title: Bilingual; intro?: Bilingual | undefined; thankYou?: Bilingual | undefined },
): QuestionnaireDefinition {
  const { intro: _intro, thankYou: _thankYou, ...rest } = definition;
  return {
    ...rest,
    title: settings.title,
    ...optional("intro", settings.intro),
    ...optional("thankYou", settings.thankYou),
  };
}

function optional<K extends string>(name: K, text: Bilingual | undefined): { [P in K]?: Bilingual } {
  return isBlank(text) ? {} : ({ [name]: text } as { [P in K]?: Bilingual });
}

/** True for an absent text or one empty in both languages. */
export function isBlank(text: Bilingual | undefined): boolean {
  return text === undefined || (text["zh-CN"].trim() === "" && text.en.trim() === "");
}

export interface DimensionRow {
  /** the key the dimension had before this edit; absent for a new one */
  originalKey?: string | undefined;
  key: string;
  label: Bilingual;
}

/**
 * Replaces the custom dimensions. Rows left entirely empty are dropped; a renamed key is renamed in
 * every item that uses it. A removed dimension that items still use makes those items invalid, so
 * the save fails at them.
 */
export function replaceDimensions(
  definition: QuestionnaireDefinition,
  rows: DimensionRow[],
): QuestionnaireDefinition {
  const kept = rows.filter((row) => row.key.trim() !== "" || !isBlank(row.label));
  const renames = new Map<string, string>();
  for (const row of kept) {
    if (row.originalKey && row.originalKey !== row.key) renames.set(row.originalKey, row.key);
  }
  const rename = (dimension: string) => renames.get(dimension) ?? dimension;
  const { dimensions: _dimensions, ...rest } = definition;
  return {
    ...rest,
    ...(kept.length > 0 ? { dimensions: kept.map((row) => ({ key: row.key, label: row.label })) } : {}),
    sections: definition.sections.map((section) => ({
      ...section,
      items: section.items.map((item) => {
        const renamed = item.dimension === undefined ? item : { ...item, dimension: rename(item.dimension) };
        return renamed.type === "importance"
          ? { ...renamed, dimensions: renamed.dimensions.map(rename) }
          : renamed;
      }),
    })),
  };
}

export interface ScaleLevelRow {
  /** the level's key before this edit; absent for a new level */
  originalKey?: string | undefined;
  key: string;
  points: number;
  label: Bilingual;
}

/**
 * Replaces the satisfaction scale of every satisfaction item, or restores the standard 100/90/75/60
 * scale with `undefined`. A renamed level key follows into the conditions that test a satisfaction
 * item for it; a removed one they still test makes those items invalid, so the save names them.
 */
export function replaceScale(
  definition: QuestionnaireDefinition,
  levels: ScaleLevelRow[] | undefined,
): QuestionnaireDefinition {
  const { scale: _scale, ...rest } = definition;
  if (levels === undefined) return rest;
  const renames = new Map<string, string>();
  for (const level of levels) {
    if (level.originalKey && level.originalKey !== level.key) renames.set(level.originalKey, level.key);
  }
  const satisfaction = new Set(
    definition.sections.flatMap((section) =>
      section.items.filter((item) => item.type === "satisfaction").map((item) => item.key),
    ),
  );
  return {
    ...rest,
    scale: { levels: levels.map((level) => ({ key: level.key, points: level.points, label: level.label })) },
    sections: definition.sections.map((section) => ({
      ...section,
      items: section.items.map((item) =>
        item.showIf?.in && satisfaction.has(item.showIf.item) && renames.size > 0
          ? { ...item, showIf: { ...item.showIf, in: item.showIf.in.map((v) => renames.get(v) ?? v) } }
          : item,
      ),
    })),
  };
}

/** Appends a section (default title "Part n") and returns it with its key. */
export function addSection(
  definition: QuestionnaireDefinition,
  title?: Bilingual,
): { definition: QuestionnaireDefinition; sectionKey: string } {
  const sectionKey = newSectionKey(definition);
  const n = definition.sections.length + 1;
  const section: Section = {
    key: sectionKey,
    title: isBlank(title) || !title ? { "zh-CN": `第 ${n} 部分`, en: `Part ${n}` } : title,
    items: [],
  };
  return { definition: { ...definition, sections: [...definition.sections, section] }, sectionKey };
}

function sectionIndexOf(definition: QuestionnaireDefinition, sectionKey: string): number {
  const index = definition.sections.findIndex((section) => section.key === sectionKey);
  if (index < 0) throw new NotFoundError(`No section "${sectionKey}" in this questionnaire`);
  return index;
}

/** Changes a section's key, title and intro (an intro empty in both languages is removed). */
export function updateSection(
  definition: QuestionnaireDefinition,
  sectionKey: string,
  patch: { key: string; title: Bilingual; intro?: Bilingual | undefined },
): QuestionnaireDefinition {
  const index = sectionIndexOf(definition, sectionKey);
  return {
    ...definition,
    sections: definition.sections.map((section, i) => {
      if (i !== index) return section;
      const { intro: _intro, ...rest } = section;
      return { ...rest, key: patch.key, title: patch.title, ...optional("intro", patch.intro) };
    }),
  };
}

/** Swaps a section with its neighbour; the first cannot go up nor the last down (unchanged then). */
export function moveSection(
  definition: QuestionnaireDefinition,
  sectionKey: string,
  direction: Direction,
): QuestionnaireDefinition {
  const index = sectionIndexOf(definition, sectionKey);
  const target = direction === "up" ? index - 1 : index + 1;
  if (target < 0 || target >= definition.sections.length) return definition;
  return { ...definition, sections: swap(definition.sections, index, target) };
}

/** Removes a section with its items. */
export function deleteSection(
  definition: QuestionnaireDefinition,
  sectionKey: string,
): QuestionnaireDefinition {
  const index = sectionIndexOf(definition, sectionKey);
  return { ...definition, sections: definition.sections.filter((_, i) => i !== index) };
}

/** Appends a new item of `type` (see `newItem`) to a section and returns it with its key. */
export function addItem(
  definition: QuestionnaireDefinition,
  sectionKey: string,
  type: ItemType,
): { definition: QuestionnaireDefinition; itemKey: string } {
  const index = sectionIndexOf(definition, sectionKey);
  const itemKey = newItemKey(definition, type);
  const item = newItem(definition, type, itemKey);
  return {
    definition: {
      ...definition,
      sections: definition.sections.map((section, i) =>
        i === index ? { ...section, items: [...section.items, item] } : section,
      ),
    },
    itemKey,
  };
}

function requireItem(definition: QuestionnaireDefinition, key: string): ItemPosition {
  const position = findItem(definition, key);
  if (!position) throw new NotFoundError(`No item "${key}" in this questionnaire`);
  return position;
}

/**
 * Puts `item` in the place of the item with `key`. When the key changes, later conditions that
 * referred to the old key follow the new one.
 */
export function replaceItem(
  definition: QuestionnaireDefinition,
  key: string,
  item: Item,
): QuestionnaireDefinition {
  const { sectionIndex, itemIndex } = requireItem(definition, key);
  const renamed = item.key !== key;
  return {
    ...definition,
    sections: definition.sections.map((section, s) => ({
      ...section,
      items: section.items.map((current, i) => {
        if (s === sectionIndex && i === itemIndex) return item;
        if (renamed && current.showIf?.item === key) {
          return { ...current, showIf: { ...current.showIf, item: item.key } };
        }
        return current;
      }),
    })),
  };
}

/**
 * Moves an item one place up or down. At the edge of its section it crosses into the neighbouring
 * section (to its end going up, to its start going down); at the very start or end it stays.
 */
export function moveItem(
  definition: QuestionnaireDefinition,
  key: string,
  direction: Direction,
): QuestionnaireDefinition {
  const { sectionIndex, itemIndex, item } = requireItem(definition, key);
  const section = definition.sections[sectionIndex] as Section;
  const sections = [...definition.sections];
  const within = direction === "up" ? itemIndex - 1 : itemIndex + 1;
  if (within >= 0 && within < section.items.length) {
    sections[sectionIndex] = { ...section, items: swap(section.items, itemIndex, within) };
    return { ...definition, sections };
  }
  const neighbourIndex = direction === "up" ? sectionIndex - 1 : sectionIndex + 1;
  const neighbour = sections[neighbourIndex];
  if (!neighbour) return definition;
  sections[sectionIndex] = { ...section, items: section.items.filter((_, i) => i !== itemIndex) };
  sections[neighbourIndex] = {
    ...neighbour,
    items: direction === "up" ? [...neighbour.items, item] : [item, ...neighbour.items],
  };
  return { ...definition, sections };
}

/** Removes an item. Conditions that referred to it are left as they are, so the save names them. */
export function deleteItem(definition: QuestionnaireDefinition, key: string): QuestionnaireDefinition {
  const { sectionIndex, itemIndex } = requireItem(definition, key);
  return {
    ...definition,
    sections: definition.sections.map((section, s) =>
      s === sectionIndex ? { ...section, items: section.items.filter((_, i) => i !== itemIndex) } : section,
    ),
  };
}

function swap<T>(list: readonly T[], a: number, b: number): T[] {
  const copy = [...list];
  [copy[a], copy[b]] = [copy[b] as T, copy[a] as T];
  return copy;
}
