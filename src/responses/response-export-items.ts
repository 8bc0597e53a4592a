import { type Bilingual, type Locale, pick } from "../i18n/bilingual.ts";
import type { MessageKey, MessageValues } from "../i18n/i18n.ts";
import { itemTypeKey } from "../questionnaires/builder/message-families.ts";
import {
  type Item,
  type QuestionnaireDefinition,
  scaleOf,
} from "../questionnaires/questionnaire-definition.ts";
import { KANO_ANSWERS, type KanoAnswer } from "../scoring/index.ts";
import { KANO_PARTS, kanoPartKey, SERVQUAL_PARTS, servqualPartKey } from "./message-families.ts";
import { KANO_LABELS, RATER_LABELS } from "./respondent-view.ts";
import { type Field, field, levelOf, lookupOf, type Row, unionOfItems } from "./response-export-cells.ts";

/**
 * The export's columns of a questionnaire's items, one per item and part, and the legend of its items
 * (the XLSX's second sheet). Pure.
 *
 * An item's column reads `key text` (`attitude 服务态度`), a part of an item `key.part text · part`
 * (`sq.expectation 按时兑现承诺 · 期望`); a second column of the same item says what the first one codes
 * (`attitude 服务态度（等级）`). Satisfaction items give their points and, beside them, the level;
 * choices their code and, beside it, the option's text; a multiple choice one column per option (1
 * chosen, 0 not, empty when the item was not answered).
 */

type Translate = (key: MessageKey, values?: MessageValues) => string;

/** What each item is (its full text, type, dimension, department, indicator, answers and points). */
export interface ExportLegend {
  title: string;
  header: readonly string[];
  rows: readonly (readonly string[])[];
}

/** At most this many characters of an item's text go into its header: the key says the rest. */
const LABEL_LENGTH = 40;

/** Texts in the reader's language, and a dimension's name (declared by a version, or RATER's). */
function wordsOf(definitions: readonly QuestionnaireDefinition[], locale: Locale) {
  const text = (value: Bilingual | undefined) => pick(value, locale);
  const declared = definitions.flatMap((definition) => definition.dimensions ?? []);
  const dimensionLabel = (key: string) =>
    text(declared.find((d) => d.key === key)?.label ?? RATER_LABELS[key]) || key;
  return { text, dimensionLabel };
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > LABEL_LENGTH ? `${flat.slice(0, LABEL_LENGTH - 1)}…` : flat;
}

export function itemFields(
  definitions: readonly QuestionnaireDefinition[],
  locale: Locale,
  t: Translate,
): Field[] {
  const { text, dimensionLabel } = wordsOf(definitions, locale);
  const newest = definitions[0] as QuestionnaireDefinition;
  const suffixed = (header: string, suffix: MessageKey) =>
    t("responses.export.suffixed", { header, suffix: t(suffix) });
  const fields: Field[] = [];
  for (const item of unionOfItems(definitions)) {
    const key = item.key;
    const label = shorten(text(item.text));
    const header = `${key} ${label}`;
    const partHeader = (part: string, partLabel: string) => `${key}.${part} ${label} · ${shorten(partLabel)}`;
    /** the item as the response's own version has it (its options' texts), else as the newest has it */
    const itemIn = (row: Row) => (row.definition && lookupOf(row.definition).items.get(key)) || item;
    switch (item.type) {
      case "satisfaction": {
        const level = (row: Row) => {
          const answer = row.answer(key);
          return answer && levelOf(answer, row.definition ?? newest);
        };
        fields.push(field(header, (row) => level(row)?.points ?? null));
        fields.push(
          field(suffixed(header, "responses.export.level"), (row) => {
            const found = level(row);
            return found ? text(found.label) || found.key : null;
          }),
        );
        break;
      }
      case "rating":
      case "nps":
        fields.push(field(header, (row) => row.answer(key)?.number ?? null));
        break;
      case "text":
        fields.push(field(header, (row) => row.answer(key)?.text ?? null));
        break;
      case "single_choice":
        fields.push(field(header, (row) => row.answer(key)?.text ?? null));
        fields.push(
          field(suffixed(header, "responses.export.answer"), (row) => {
            const code = row.answer(key)?.text;
            return code == null ? null : optionLabel(itemIn(row), code, locale);
          }),
        );
        break;
      case "multiple_choice":
        for (const option of item.options) {
          fields.push(
            field(partHeader(option.key, text(option.label)), (row) =>
              row.answered(key) ? (row.answer(key, option.key) ? 1 : 0) : null,
            ),
          );
        }
        break;
      case "kano":
        for (const part of KANO_PARTS) {
          const partHead = partHeader(part, t(kanoPartKey.key(part)));
          fields.push(field(partHead, (row) => row.answer(key, part)?.text ?? null));
          fields.push(
            field(suffixed(partHead, "responses.export.answer"), (row) => {
              const code = row.answer(key, part)?.text ?? null;
              return code !== null && isKanoAnswer(code) ? text(KANO_LABELS[code]) : code;
            }),
          );
        }
        break;
      case "servqual":
        for (const part of SERVQUAL_PARTS) {
          fields.push(
            field(
              partHeader(part, t(servqualPartKey.key(part))),
              (row) => row.answer(key, part)?.number ?? null,
            ),
          );
        }
        break;
      case "importance":
        for (const dimension of item.dimensions) {
          fields.push(
            field(
              partHeader(dimension, dimensionLabel(dimension)),
              (row) => row.answer(key, dimension)?.number ?? null,
            ),
          );
        }
        break;
    }
  }
  return fields;
}

/**
 * One row per item of the versions (as the item columns): what a spreadsheet needs besides the
 * answers to recompute the report's dimensions, departments and indicators.
 */
export function itemLegend(
  definitions: readonly QuestionnaireDefinition[],
  locale: Locale,
  t: Translate,
): ExportLegend {
  const { text, dimensionLabel } = wordsOf(definitions, locale);
  const newest = definitions[0] as QuestionnaireDefinition;
  const coded = (pairs: [string, string][]) => pairs.map(([code, label]) => `${code} = ${label}`).join("; ");
  const answersOf = (item: Item): string => {
    switch (item.type) {
      case "satisfaction":
        return coded(scaleOf(newest).levels.map((level) => [String(level.points), text(level.label)]));
      case "single_choice":
      case "multiple_choice":
        return coded(item.options.map((option) => [option.key, text(option.label)]));
      case "kano":
        return coded(KANO_ANSWERS.map((answer) => [answer, text(KANO_LABELS[answer])]));
      case "rating":
        return `${item.min}–${item.max}`;
      case "nps":
        return "0–10";
      case "servqual":
        return "1–7";
      case "importance":
        return coded(item.dimensions.map((dimension) => [dimension, dimensionLabel(dimension)]));
      case "text":
        return "";
    }
  };
  return {
    title: t("responses.export.legend"),
    header: [
      t("responses.export.legend.key"),
      t("responses.export.legend.text"),
      t("responses.export.legend.type"),
      t("builder.item.dimension"),
      t("builder.item.department"),
      t("builder.item.indicator"),
      t("responses.export.legend.answers"),
    ],
    rows: unionOfItems(definitions).map((item) => [
      item.key,
      text(item.text),
      t(itemTypeKey.key(item.type)),
      item.dimension ? dimensionLabel(item.dimension) : "",
      item.department ?? "",
      (item.indicator ?? []).join(" / "),
      answersOf(item),
    ]),
  };
}

function isKanoAnswer(value: string): value is KanoAnswer {
  return (KANO_ANSWERS as readonly string[]).includes(value);
}

function optionLabel(item: Item, code: string, locale: Locale): string {
  if (item.type !== "single_choice" && item.type !== "multiple_choice") return code;
  return pick(item.options.find((option) => option.key === code)?.label, locale) || code;
}
