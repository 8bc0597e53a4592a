import {
  type Answer,
  DEFAULT_SCALE,
  type GroupScore,
  type Item,
  type Respondent,
  type RespondentScore,
  type Scale,
  scoreSurvey,
} from "../scoring/index.ts";
import {
  type BadRow,
  CsvFileError,
  type CsvRecord,
  columnCountProblem,
  NoUsableRowsError,
  normalizeLabel,
  RESPONDENT_COLUMN,
  type RowResult,
  readCsv,
} from "./csv.ts";
import { parseSatisfactionAnswer, satisfactionAnswerHint } from "./labels.ts";

/** Respondents and items read from a score CSV, with the lines that could not be used. */
export interface ScoreCsv {
  readonly items: readonly Item[];
  readonly respondents: readonly Respondent[];
  readonly badRows: readonly BadRow[];
}

/** What `manyi analyze score` reports (and prints with --json). Numbers are unrounded. */
export interface ScoreAnalysis {
  readonly kind: "score";
  readonly respondentCount: number;
  readonly overall: GroupScore;
  readonly byDimension: readonly (GroupScore & { readonly dimension: string })[];
  readonly byItem: readonly (GroupScore & { readonly itemKey: string; readonly dimension: string | null })[];
  readonly respondents: readonly RespondentScore[];
  readonly badRows: readonly BadRow[];
}

interface ItemColumn extends Item {
  readonly column: number;
}

/** `Q1[诚心]` → item Q1 in dimension 诚心 (full-width brackets too). */
const ITEM_HEADER = /^(.+?)\s*[[［【]\s*(.+?)\s*[\]］】]$/u;

function readItemColumns(header: CsvRecord, respondentIndex: number): ItemColumn[] {
  const items: ItemColumn[] = [];
  header.cells.forEach((cell, column) => {
    if (column === respondentIndex) return;
    if (cell === "") {
      throw new CsvFileError(
        `the header (line ${header.line}) has an empty column name (column ${column + 1})`,
      );
    }
    const match = ITEM_HEADER.exec(cell);
    const key = match?.[1] ?? cell;
    if (items.some((item) => item.key === key)) {
      throw new CsvFileError(`the header (line ${header.line}) names item "${key}" twice`);
    }
    items.push(match?.[2] === undefined ? { key, column } : { key, dimension: match[2], column });
  });
  if (items.length === 0) throw new CsvFileError(`the header (line ${header.line}) has no item columns`);
  return items;
}

function readRespondentRow(
  record: CsvRecord,
  header: CsvRecord,
  items: readonly ItemColumn[],
  respondentIndex: number,
  scale: Scale,
): RowResult<Respondent> {
  const columns = columnCountProblem(record, header);
  if (columns !== null) return { ok: false, reason: columns };
  const respondentKey =
    respondentIndex === -1 ? `line ${record.line}` : (record.cells[respondentIndex] ?? "");
  if (respondentKey === "") return { ok: false, reason: "empty respondent id" };
  const answers: Answer[] = [];
  for (const item of items) {
    const cell = record.cells[item.column] ?? "";
    const parsed = parseSatisfactionAnswer(cell, scale);
    if (!parsed.ok) {
      return {
        ok: false,
        reason: `column "${header.cells[item.column]}": unrecognised answer "${cell}" (use ${satisfactionAnswerHint(scale)}, or leave empty)`,
      };
    }
    answers.push({ itemKey: item.key, levelKey: parsed.value });
  }
  if (answers.every((answer) => "levelKey" in answer && answer.levelKey === null)) {
    return { ok: false, reason: "no item answered" };
  }
  return { ok: true, value: { respondentKey, answers } };
}

/**
 * Reads a wide satisfaction CSV: one row per respondent, one column per item.
 *
 * - An optional respondent column (respondent, id, 受访者, 客户, 编号); without it respondents are
 *   named after their line ("line 5").
 * - Every other column is a satisfaction item; `Q1[诚心]` tags item Q1 with dimension 诚心.
 * - Cells: a level key, English or Chinese label or points (very_satisfied, Very satisfied, 非常满意,
 *   100); empty, "-", "n/a" or 不适用 = unanswered (excluded, never 0).
 * - A row with an unrecognised answer, a wrong number of columns, an empty or repeated respondent id,
 *   or no answer at all is a bad row and left out; the other rows are analysed.
 *
 * @throws {CsvFileError} when the header is unusable (no item column, an item named twice)
 */
export function parseScoreCsv(text: string, scale: Scale = DEFAULT_SCALE): ScoreCsv {
  const { header, records, badRows: unreadable } = readCsv(text);
  const respondentNames = RESPONDENT_COLUMN.map(normalizeLabel);
  const respondentIndex = header.cells.findIndex((cell) => respondentNames.includes(normalizeLabel(cell)));
  const items = readItemColumns(header, respondentIndex);
  const badRows: BadRow[] = [...unreadable];
  const respondents: Respondent[] = [];
  const firstLine = new Map<string, number>();
  for (const record of records) {
    const row = readRespondentRow(record, header, items, respondentIndex, scale);
    if (!row.ok) {
      badRows.push({ line: record.line, reason: row.reason });
      continue;
    }
    const earlier = firstLine.get(row.value.respondentKey);
    if (earlier !== undefined) {
      badRows.push({
        line: record.line,
        reason: `respondent "${row.value.respondentKey}" already appears on line ${earlier}`,
      });
      continue;
    }
    firstLine.set(row.value.respondentKey, record.line);
    respondents.push(row.value);
  }
  badRows.sort((left, right) => left.line - right.line);
  return { items: items.map(({ column: _column, ...item }) => item), respondents, badRows };
}

/**
 * Reads a score CSV and scores it (`scoreSurvey`): overall, per dimension, per item, per respondent.
 *
 * @throws {CsvFileError} when the header is unusable
 * @throws {NoUsableRowsError} when no row could be analysed
 */
export function analyzeScoreCsv(text: string, scale: Scale = DEFAULT_SCALE): ScoreAnalysis {
  const { items, respondents, badRows } = parseScoreCsv(text, scale);
  if (respondents.length === 0) throw new NoUsableRowsError(badRows);
  const result = scoreSurvey({ items, respondents, scale });
  const dimensionOf = new Map(items.map((item) => [item.key, item.dimension ?? null]));
  return {
    kind: "score",
    respondentCount: respondents.length,
    overall: result.overall,
    byDimension: result.byDimension,
    byItem: result.byItem.map((row) => ({ ...row, dimension: dimensionOf.get(row.itemKey) ?? null })),
    respondents: result.respondents,
    badRows,
  };
}
