import type { Bilingual } from "../../i18n/bilingual.ts";
import {
  type Item,
  type ItemType,
  type QuestionnaireDefinition,
  type Section,
  scaleOf,
} from "../questionnaire-definition.ts";
import { type DimensionRow, isBlank, type ScaleLevelRow } from "./builder-operations.ts";

/**
 * The builder's HTML forms as flat name → value maps, and their conversion to and from definition
 * parts. Field names are the definition's own paths below the edited object (`text.en`,
 * `options.2.label.zh-CN`), so a validation issue's path finds its field. Pure: no I/O.
 *
 * The conversion is lenient on purpose: an empty text stays empty and a number that is not one
 * becomes NaN, so that `parseDefinition` reports it at the field instead of this code guessing.
 */

/** A urlencoded form body: repeated names (checkboxes) arrive as arrays. */
export type FormBody = Record<string, string | string[]>;

const LANGS = ["zh-CN", "en"] as const;

/** The first value of a field, trimmed; "" when absent. */
export function value(form: FormBody, name: string): string {
  const raw = form[name];
  return (Array.isArray(raw) ? (raw[0] ?? "") : (raw ?? "")).trim();
}

/** Every value of a repeated field (checkboxes). */
export function values(form: FormBody, name: string): string[] {
  const raw = form[name];
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).map((v) => v.trim()).filter((v) => v !== "");
}

function localized(form: FormBody, name: string): Bilingual {
  return { "zh-CN": value(form, `${name}.zh-CN`), en: value(form, `${name}.en`) };
}

function optionalLocalized(form: FormBody, name: string): Bilingual | undefined {
  const text = localized(form, name);
  return isBlank(text) ? undefined : text;
}

function putLocalized(form: FormBody, name: string, text: Bilingual | undefined) {
  for (const lang of LANGS) form[`${name}.${lang}`] = text?.[lang] ?? "";
}

/** A whole number, NaN when the field holds something else, undefined when it is empty. */
function integer(form: FormBody, name: string): number | undefined {
  const text = value(form, name);
  if (text === "") return undefined;
  return /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
}

const checked = (form: FormBody, name: string) => values(form, name).length > 0;

/** The highest row index used by `prefix.N.*` fields, or -1. */
export function lastRowIndex(form: FormBody, prefix: string): number {
  let last = -1;
  const pattern = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d+)\\.`);
  for (const name of Object.keys(form)) {
    const match = pattern.exec(name);
    if (match) last = Math.max(last, Number(match[1]));
  }
  return last;
}

/** The repeated groups of the builder's forms: option rows, dimension rows, scale levels. */
export type RowGroup = "options" | "dimensions" | "levels";

/**
 * The form rows of a group that become part of the definition, in order: not ticked "remove" and not
 * left entirely empty. A definition issue at `options.K` concerns form row `keptRows(…)[K]`.
 */
export function keptRows(form: FormBody, group: RowGroup): number[] {
  const kept: number[] = [];
  for (let i = 0; i <= lastRowIndex(form, group); i += 1) {
    const at = (name: string) => value(form, `${group}.${i}.${name}`);
    const empty =
      at("key") === "" &&
      at("label.zh-CN") === "" &&
      at("label.en") === "" &&
      (group !== "levels" || at("points") === "");
    if (!checked(form, `${group}.${i}.remove`) && !empty) kept.push(i);
  }
  return kept;
}

/** The condition mode a form asks for: only when an answer is one of some values, or when answered at all. */
export type ConditionMode = "in" | "answered";

/** An item's form, as the editor first shows it. */
export function itemToForm(item: Item): FormBody {
  const form: FormBody = { key: item.key };
  putLocalized(form, "text", item.text);
  putLocalized(form, "help", item.help);
  if (item.required) form.required = "on";
  form.dimension = item.dimension ?? "";
  for (const level of [0, 1, 2]) form[`indicator.${level}`] = item.indicator?.[level] ?? "";
  form.department = item.department ?? "";
  form["showIf.item"] = item.showIf?.item ?? "";
  form["showIf.mode"] = item.showIf?.answered ? "answered" : "in";
  if (item.showIf?.in) form[`showIf.in.${item.showIf.item}`] = [...item.showIf.in];
  switch (item.type) {
    case "rating":
      form.min = String(item.min);
      form.max = String(item.max);
      putLocalized(form, "minLabel", item.minLabel);
      putLocalized(form, "maxLabel", item.maxLabel);
      break;
    case "kano":
      putLocalized(form, "functional", item.functional);
      putLocalized(form, "dysfunctional", item.dysfunctional);
      break;
    case "servqual":
      putLocalized(form, "expectation", item.expectation);
      putLocalized(form, "perception", item.perception);
      break;
    case "importance":
      form.dimensions = [...item.dimensions];
      break;
    case "single_choice":
    case "multiple_choice":
      item.options.forEach((option, i) => {
        form[`options.${i}.key`] = option.key;
        putLocalized(form, `options.${i}.label`, option.label);
      });
      if (item.type === "multiple_choice") form.maxSelected = item.maxSelected?.toString() ?? "";
      break;
    case "text":
      if (item.multiline) form.multiline = "on";
      form.maxLength = String(item.maxLength);
      break;
    default:
      break;
  }
  return form;
}

/**
 * The item an editor form describes, for an item of `type` (the type is fixed once created).
 * Empty optional parts are left out; option rows ticked "remove" or left entirely empty are dropped,
 * and an option without a key gets `option_n`. A condition on an item without a list of answers
 * (a text, Kano, SERVQUAL or importance item) can only be "answered".
 */
export function itemFromForm(
  type: ItemType,
  form: FormBody,
  /** whether the item with this key has a list of answers a condition can tick (not text, kano …) */
  hasAnswerList: (key: string) => boolean = () => true,
): Item {
  const indicator = [0, 1, 2].map((level) => value(form, `indicator.${level}`));
  while (indicator.length > 0 && indicator[indicator.length - 1] === "") indicator.pop();
  const conditionItem = value(form, "showIf.item");
  const mode: ConditionMode =
    value(form, "showIf.mode") === "answered" || !hasAnswerList(conditionItem) ? "answered" : "in";
  const base = {
    key: value(form, "key"),
    text: localized(form, "text"),
    ...optionalPart("help", optionalLocalized(form, "help")),
    required: checked(form, "required"),
    ...optionalPart("dimension", value(form, "dimension") || undefined),
    ...optionalPart("indicator", indicator.length > 0 ? indicator : undefined),
    ...optionalPart("department", value(form, "department") || undefined),
    ...optionalPart(
      "showIf",
      conditionItem === ""
        ? undefined
        : mode === "answered"
          ? { item: conditionItem, answered: true as const }
          : { item: conditionItem, in: values(form, `showIf.in.${conditionItem}`) },
    ),
  };
  switch (type) {
    case "satisfaction":
    case "nps":
      return { ...base, type };
    case "rating":
      return {
        ...base,
        type,
        min: integer(form, "min") ?? 1,
        max: integer(form, "max") ?? Number.NaN,
        ...optionalPart("minLabel", optionalLocalized(form, "minLabel")),
        ...optionalPart("maxLabel", optionalLocalized(form, "maxLabel")),
      };
    case "kano":
      return {
        ...base,
        type,
        functional: localized(form, "functional"),
        dysfunctional: localized(form, "dysfunctional"),
      };
    case "servqual":
      return {
        ...base,
        type,
        expectation: localized(form, "expectation"),
        perception: localized(form, "perception"),
      };
    case "importance":
      return { ...base, type, dimensions: values(form, "dimensions") };
    case "single_choice":
      return { ...base, type, options: optionsFromForm(form) };
    case "multiple_choice":
      return {
        ...base,
        type,
        options: optionsFromForm(form),
        ...optionalPart("maxSelected", integer(form, "maxSelected")),
      };
    case "text":
      return {
        ...base,
        type,
        multiline: checked(form, "multiline"),
        maxLength: integer(form, "maxLength") ?? 2000,
      };
  }
}

function optionalPart<K extends string, V>(name: K, part: V | undefined): { [P in K]?: V } {
  return part === undefined ? {} : ({ [name]: part } as { [P in K]?: V });
}

function optionsFromForm(form: FormBody): { key: string; label: Bilingual }[] {
  const rows = keptRows(form, "options").map((i) => ({
    key: value(form, `options.${i}.key`),
    label: localized(form, `options.${i}.label`),
  }));
  const used = new Set(rows.map((row) => row.key));
  for (const row of rows) {
    if (row.key !== "") continue;
    let n = 1;
    while (used.has(`option_${n}`)) n += 1;
    row.key = `option_${n}`;
    used.add(row.key);
  }
  return rows;
}

/** The questionnaire settings form: title, intro and thank-you texts. */
export function settingsToForm(definition: QuestionnaireDefinition): FormBody {
  const form: FormBody = {};
  putLocalized(form, "title", definition.title);
  putLocalized(form, "intro", definition.intro);
  putLocalized(form, "thankYou", definition.thankYou);
  return form;
}

export function settingsFromForm(form: FormBody): {
  title: Bilingual;
  intro: Bilingual | undefined;
  thankYou: Bilingual | undefined;
} {
  return {
    title: localized(form, "title"),
    intro: optionalLocalized(form, "intro"),
    thankYou: optionalLocalized(form, "thankYou"),
  };
}

/** A section's form: key, title and intro. */
export function sectionToForm(section: Section): FormBody {
  const form: FormBody = { key: section.key };
  putLocalized(form, "title", section.title);
  putLocalized(form, "intro", section.intro);
  return form;
}

export function sectionFromForm(form: FormBody): {
  key: string;
  title: Bilingual;
  intro: Bilingual | undefined;
} {
  return {
    key: value(form, "key"),
    title: localized(form, "title"),
    intro: optionalLocalized(form, "intro"),
  };
}

/**
 * The custom dimensions form: one row per dimension, remembering each row's key before the edit so a
 * renamed key can follow into the items. Rows ticked "remove" or left empty are dropped.
 */
export function dimensionsToForm(definition: QuestionnaireDefinition): FormBody {
  const form: FormBody = {};
  (definition.dimensions ?? []).forEach((dimension, i) => {
    form[`dimensions.${i}.originalKey`] = dimension.key;
    form[`dimensions.${i}.key`] = dimension.key;
    putLocalized(form, `dimensions.${i}.label`, dimension.label);
  });
  return form;
}

export function dimensionsFromForm(form: FormBody): DimensionRow[] {
  return keptRows(form, "dimensions").map((i) => {
    const originalKey = value(form, `dimensions.${i}.originalKey`);
    return {
      ...(originalKey === "" ? {} : { originalKey }),
      key: value(form, `dimensions.${i}.key`),
      label: localized(form, `dimensions.${i}.label`),
    };
  });
}

/** The satisfaction scale form: one row per level of the scale in use (the standard one when none is set). */
export function scaleToForm(definition: QuestionnaireDefinition): FormBody {
  const form: FormBody = {};
  scaleOf(definition).levels.forEach((level, i) => {
    form[`levels.${i}.originalKey`] = level.key;
    form[`levels.${i}.key`] = level.key;
    form[`levels.${i}.points`] = String(level.points);
    putLocalized(form, `levels.${i}.label`, level.label);
  });
  return form;
}

/** The scale's levels, best first; rows ticked "remove" or left empty are dropped. Points may be decimals. */
export function scaleFromForm(form: FormBody): ScaleLevelRow[] {
  return keptRows(form, "levels").map((i) => {
    const originalKey = value(form, `levels.${i}.originalKey`);
    const points = value(form, `levels.${i}.points`);
    return {
      ...(originalKey === "" ? {} : { originalKey }),
      key: value(form, `levels.${i}.key`),
      points: /^-?\d+(\.\d+)?$/.test(points) ? Number(points) : Number.NaN,
      label: localized(form, `levels.${i}.label`),
    };
  });
}
