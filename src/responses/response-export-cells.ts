import type { Bilingual } from "../i18n/bilingual.ts";
import {
  allItems,
  type Item,
  type QuestionnaireDefinition,
  scaleOf,
} from "../questionnaires/questionnaire-definition.ts";
import type { AnswerRow } from "./answers.ts";
import type { ResponseListEntry } from "./response.repository.ts";

/**
 * What the export's columns read of one response: its answer rows by item and part, and its
 * satisfaction points on its own version's scale, as the reports' rollups read them. Pure.
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
  /**
   * false when a report of the exported dates leaves the response out: a test, or a known customer's
   * response followed by a later one of theirs to the same questionnaire in those dates
   */
  countedInReport: boolean;
  /** the answers by item key, for the generic form (no questionnaire chosen) */
  answerObject?: Record<string, unknown>;
}

/** One response as its cells read it: its answer rows indexed by item and part, its version's definition. */
export interface Row {
  response: ExportResponse;
  definition: QuestionnaireDefinition | undefined;
  /** the answer row of an item's part ("" for an item of one part) */
  answer(itemKey: string, part?: string): AnswerRow | undefined;
  /** whether the item has any answer row */
  answered(itemKey: string): boolean;
  /** the respondent's satisfaction points and items answered (see satisfactionPoints) */
  satisfaction(): { points: number; answered: number } | undefined;
}

export interface Field {
  column: ExportColumn;
  cell: (row: Row) => ExportCell;
}

export function rowOf(response: ExportResponse, definition: QuestionnaireDefinition | undefined): Row {
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

export function field(header: string, cell: Field["cell"]): Field {
  return { column: { header }, cell };
}

/** Per definition, what the cells look up for every response: items by key, satisfaction item keys. */
const lookups = new WeakMap<
  QuestionnaireDefinition,
  { items: Map<string, Item>; satisfaction: Set<string> }
>();

export function lookupOf(definition: QuestionnaireDefinition) {
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
export function levelOf(
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
export function unionOfItems(definitions: readonly QuestionnaireDefinition[]): Item[] {
  const items = new Map<string, Item>();
  for (const definition of definitions) {
    for (const item of allItems(definition)) if (!items.has(item.key)) items.set(item.key, item);
  }
  return [...items.values()];
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
