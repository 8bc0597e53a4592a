import { activityKey, customerTypeKey } from "../customers/message-families.ts";
import { type Bilingual, type Locale, pick } from "../i18n/bilingual.ts";
import { type MessageKey, type MessageValues, translate } from "../i18n/i18n.ts";
import { shownScore } from "../lib/score-format.ts";
import { dayIn } from "../lib/time.ts";
import {
  allItems,
  type Item,
  type QuestionnaireDefinition,
  scaleOf,
} from "../questionnaires/questionnaire-definition.ts";
import { KANO_ANSWERS, type KanoAnswer } from "../scoring/index.ts";
import type { AnswerRow } from "./answers.ts";
import { KANO_PARTS, kanoPartKey, modeKey, SERVQUAL_PARTS, servqualPartKey } from "./message-families.ts";
import { KANO_LABELS, RATER_LABELS } from "./respondent-view.ts";
import type { ResponseListEntry } from "./response.repository.ts";

/**
 * The columns and cells of the responses export (CSV and XLSX alike), so that a spreadsheet can
 * recompute the report from it. Pure: no I/O.
 *
 * One header row, in the reader's language. An item's column reads `key label` (`attitude 服务态度`),
 * a part of an item `key.part label · part` (`e1.expectation 设备现代化 · 期望`); a second column of the
 * same item says what the first one codes (`attitude 服务态度 (level)`). Satisfaction items give their
 * points and, beside them, the level; choices their code and, beside it, the option's text; a multiple
 * choice one column per option (1 chosen, 0 not, empty when the item was not answered).
 *
 * The respondent score is shown as the report shows scores (one decimal, cut); beside it the
 * respondent's satisfaction points and the number of satisfaction items they answered, whose quotient
 * is the exact score: the report's score is the mean of those quotients over the respondents with at
 * least one satisfaction answer, an item's score the mean of its points column, its n the count.
 */

export type ExportCell = string | number | null;

export interface ExportColumn {
  header: string;
  /** `score`: a shown score (one decimal); the XLSX gives it that number format */
  format?: "score";
}

/** A response with what the export reads of its answers. */
export interface ExportResponse extends ResponseListEntry {
  answerRows: readonly AnswerRow[];
  /** the answers by item key, for the generic form (no questionnaire chosen) */
  answerObject?: Record<string, unknown>;
}

export interface ExportLayout {
  columns: readonly ExportColumn[];
  /** The cells of one response, in the columns' order; `definition` is its own version's. */
  cells(response: ExportResponse, definition: QuestionnaireDefinition | undefined): ExportCell[];
}

export interface ExportLayoutInput {
  locale: Locale;
  timeZone: string;
  /** the chosen questionnaire's versions, newest first: one column per item and part; none: the generic form */
  definitions: readonly QuestionnaireDefinition[];
  /** free attribute names seen among the responses' customers */
  attributeKeys: readonly string[];
  /** a column saying which responses are tests (only when tests are exported) */
  includeTests: boolean;
}

/** At most this many characters of an item's text go into its header: the key says the rest. */
const LABEL_LENGTH = 40;

/** One response as its cells read it: its answer rows indexed by item and part, its version's definition. */
interface Row {
  response: ExportResponse;
  definition: QuestionnaireDefinition | undefined;
  /** the answer row of an item's part ("" for an item of one part) */
  answer(itemKey: string, part?: string): AnswerRow | undefined;
  /** whether the item has any answer row */
  answered(itemKey: string): boolean;
  /** the respondent's satisfaction points and items answered (see satisfactionPoints) */
  satisfaction(): { points: number; answered: number } | undefined;
}

interface Field {
  column: ExportColumn;
  cell: (row: Row) => ExportCell;
}

function rowOf(response: ExportResponse, definition: QuestionnaireDefinition | undefined): Row {
  const byPart = new Map<string, AnswerRow>();
  const items = new Set<string>();
  let satisfaction: { value: ReturnType<typeof satisfactionPoints> } | undefined;
  for (const answer of response.answerRows) {
    byPart.set(`${answer.itemKey}\u0000${answer.part}`, answer);
    items.add(answer.itemKey);
  }
  return {
    response,
    definition,
    answer: (itemKey, part = "") => byPart.get(`${itemKey}\u0000${part}`),
    answered: (itemKey) => items.has(itemKey),
    satisfaction() {
      satisfaction ??= { value: satisfactionPoints(response.answerRows, definition) };
      return satisfaction.value;
    },
  };
}

export function exportLayout(input: ExportLayoutInput): ExportLayout {
  const { locale } = input;
  const t = (key: MessageKey, values?: MessageValues) => translate(locale, key, values);
  const asAnswered = (attribute: string) => t("responses.export.asAnswered", { attribute });
  const labelOf = (key: MessageKey | undefined, value: string | null) =>
    value === null ? null : key ? t(key) : value;
  const attributes = ({ response }: Row) => response.customerAsAnswered;
  const fields: Field[] = [
    field(t("responses.export.id"), ({ response: r }) => r.id),
    field(t("responses.export.submittedAt"), ({ response: r }) => r.submittedAt.toISOString()),
    field(t("responses.export.submittedOn", { zone: input.timeZone }), ({ response: r }) =>
      dayIn(r.submittedAt, input.timeZone),
    ),
    field(t("responses.export.startedAt"), ({ response: r }) => r.startedAt.toISOString()),
    field(t("responses.questionnaire"), ({ response: r }) => pick(r.questionnaireName, locale)),
    field(t("responses.export.version"), ({ response: r }) => r.versionNumber),
    field(t("responses.wave"), ({ response: r }) => r.waveName),
    field(t("responses.mode"), ({ response: r }) => labelOf(modeKey.keyOf(r.mode), r.mode)),
    field(t("customer.field.externalRef"), ({ response: r }) => r.customerRef),
    field(t("responses.customer"), ({ response: r }) => r.customerName),
    field(asAnswered(t("customer.field.customerType")), (r) => {
      const type = attributes(r).customerType;
      return labelOf(type === null ? undefined : customerTypeKey.keyOf(type), type);
    }),
    field(asAnswered(t("customer.field.channel")), (r) => attributes(r).channel),
    field(asAnswered(t("customer.field.valueTier")), (r) => attributes(r).valueTier),
    field(asAnswered(t("customer.field.activity")), (r) => {
      const activity = attributes(r).activity;
      return labelOf(activity === null ? undefined : activityKey.keyOf(activity), activity);
    }),
    field(asAnswered(t("customer.field.region")), (r) => attributes(r).region),
    field(asAnswered(t("customer.field.manager")), (r) => attributes(r).managerName),
    ...input.attributeKeys.map((key) =>
      field(asAnswered(key), (r) => attributeCell(attributes(r).attributes[key])),
    ),
    field(t("responses.export.recordedBy"), ({ response: r }) => r.recordedBy),
    ...(input.includeTests
      ? [field(t("responses.export.test"), ({ response: r }) => (r.isTest ? t("responses.test") : null))]
      : []),
    {
      column: { header: t("responses.export.score"), format: "score" },
      cell: ({ response: r }) => (r.score === null ? null : shownScore(r.score)),
    },
    field(t("responses.export.points"), (row) => {
      const satisfaction = row.satisfaction();
      return satisfaction && satisfaction.answered > 0 ? satisfaction.points : null;
    }),
    field(t("responses.export.answered"), (row) => row.satisfaction()?.answered ?? null),
    ...(input.definitions.length > 0
      ? itemFields(input.definitions, locale, t)
      : [field(t("responses.export.answers"), ({ response: r }) => JSON.stringify(r.answerObject ?? {}))]),
  ];
  return {
    columns: fields.map((f) => f.column),
    cells: (response, definition) => {
      const row = rowOf(response, definition);
      return fields.map((f) => f.cell(row));
    },
  };
}

function field(header: string, cell: Field["cell"]): Field {
  return { column: { header }, cell };
}

function attributeCell(value: unknown): ExportCell {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number") return value;
  return JSON.stringify(value);
}

/** Per definition, what the cells look up for every response: items by key, satisfaction item keys. */
const lookups = new WeakMap<
  QuestionnaireDefinition,
  { items: Map<string, Item>; satisfaction: Set<string> }
>();

function lookupOf(definition: QuestionnaireDefinition) {
  let found = lookups.get(definition);
  if (!found) {
    const items = new Map(allItems(definition).map((item) => [item.key, item]));
    const satisfaction = new Set(
      [...items.values()].filter((i) => i.type === "satisfaction").map((i) => i.key),
    );
    found = { items, satisfaction };
    lookups.set(definition, found);
  }
  return found;
}

/**
 * A respondent's satisfaction points (the sum over their answered satisfaction items) and how many
 * such items they answered, read from the answer rows as the reports' rollups read them (the level
 * key on the version's scale, else the points stored). Undefined without a definition.
 */
export function satisfactionPoints(
  answerRows: readonly AnswerRow[],
  definition: QuestionnaireDefinition | undefined,
): { points: number; answered: number } | undefined {
  if (!definition) return undefined;
  const { satisfaction } = lookupOf(definition);
  let points = 0;
  let answered = 0;
  for (const row of answerRows) {
    if (row.part !== "" || !satisfaction.has(row.itemKey)) continue;
    const value = levelOf(row, definition)?.points;
    if (value === undefined) continue;
    points += value;
    answered += 1;
  }
  return { points, answered };
}

/** A satisfaction answer's level on its version's scale: by its level key, else by the points stored. */
function levelOf(
  answer: AnswerRow,
  definition: QuestionnaireDefinition,
): { points: number; key: string; label: Bilingual | undefined } | undefined {
  const levels = scaleOf(definition).levels;
  const level =
    levels.find((candidate) => candidate.key === answer.text) ??
    levels.find((candidate) => candidate.points === answer.number);
  if (level) return { points: level.points, key: level.key, label: level.label };
  return answer.number === null
    ? undefined
    : { points: answer.number, key: answer.text ?? "", label: undefined };
}

/** Every item of the versions, newest version's first, then those only older versions had. */
function unionOfItems(definitions: readonly QuestionnaireDefinition[]): Item[] {
  const items = new Map<string, Item>();
  for (const definition of definitions) {
    for (const item of allItems(definition)) if (!items.has(item.key)) items.set(item.key, item);
  }
  return [...items.values()];
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > LABEL_LENGTH ? `${flat.slice(0, LABEL_LENGTH - 1)}…` : flat;
}

function itemFields(
  definitions: readonly QuestionnaireDefinition[],
  locale: Locale,
  t: (key: MessageKey, values?: MessageValues) => string,
): Field[] {
  const text = (value: Bilingual | undefined) => pick(value, locale);
  const newest = definitions[0] as QuestionnaireDefinition;
  const declared = definitions.flatMap((definition) => definition.dimensions ?? []);
  const dimensionLabel = (key: string) =>
    text(declared.find((d) => d.key === key)?.label ?? RATER_LABELS[key]) || key;
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

function isKanoAnswer(value: string): value is KanoAnswer {
  return (KANO_ANSWERS as readonly string[]).includes(value);
}

function optionLabel(item: Item, code: string, locale: Locale): string {
  if (item.type !== "single_choice" && item.type !== "multiple_choice") return code;
  return pick(item.options.find((option) => option.key === code)?.label, locale) || code;
}

/** One answer row as the API gives it: `points` for a satisfaction item's answer, else null. */
export interface AnswerWithPoints extends AnswerRow {
  points: number | null;
}

/** A response's answer rows with the points of its satisfaction answers (on its version's scale). */
export function answersWithPoints(
  answerRows: readonly AnswerRow[],
  definition: QuestionnaireDefinition | undefined,
): AnswerWithPoints[] {
  const satisfaction = definition ? lookupOf(definition).satisfaction : new Set<string>();
  return answerRows.map((row) => ({
    ...row,
    points:
      definition && row.part === "" && satisfaction.has(row.itemKey)
        ? (levelOf(row, definition)?.points ?? null)
        : null,
  }));
}
