import {
  type ServqualDimension,
  type ServqualDimensionScore,
  type ServqualItemScore,
  type ServqualScores,
  servqualScores,
} from "../scoring/index.ts";
import {
  type BadRow,
  type CsvRecord,
  columnCountProblem,
  findColumns,
  NoUsableRowsError,
  RESPONDENT_COLUMN,
  type RowResult,
  readCsv,
} from "./csv.ts";
import { parseServqualDimension } from "./labels.ts";

/** The answer scale of SERVQUAL items (the published 7-point instrument; 5-point versions fit in it). */
export const SERVQUAL_RANGE = { min: 1, max: 7 } as const;

interface ServqualItemPairs {
  readonly key: string;
  readonly dimension: ServqualDimension;
  readonly expectation: number[];
  readonly perception: number[];
}

export interface ServqualCsv {
  readonly items: readonly ServqualItemPairs[];
  readonly badRows: readonly BadRow[];
}

/** What `manyi analyze servqual` reports (and prints with --json). Numbers are unrounded. */
export interface ServqualAnalysis {
  readonly kind: "servqual";
  readonly items: readonly ServqualItemScore[];
  readonly dimensions: readonly ServqualDimensionScore[];
  readonly unweighted: number;
  readonly weighted: number | null;
  readonly badRows: readonly BadRow[];
}

const COLUMNS = {
  respondent: { names: RESPONDENT_COLUMN, required: false },
  item: { names: ["item", "question", "题目", "条目", "题项"], required: true },
  dimension: { names: ["dimension", "维度"], required: true },
  expectation: { names: ["expectation", "expected", "e", "期望"], required: true },
  perception: { names: ["perception", "perceived", "p", "感知", "实际"], required: true },
} as const;

function readScore(cell: string, name: string): RowResult<number> {
  const value = cell === "" ? Number.NaN : Number(cell);
  if (!Number.isFinite(value)) return { ok: false, reason: `${name} "${cell}" is not a number` };
  if (value < SERVQUAL_RANGE.min || value > SERVQUAL_RANGE.max) {
    return { ok: false, reason: `${name} ${value} is outside ${SERVQUAL_RANGE.min}..${SERVQUAL_RANGE.max}` };
  }
  return { ok: true, value };
}

function readItemRow(
  record: CsvRecord,
  header: CsvRecord,
  columns: Record<keyof typeof COLUMNS, number>,
): RowResult<{
  item: string;
  dimension: ServqualDimension;
  respondent: string | null;
  e: number;
  p: number;
}> {
  const problem = columnCountProblem(record, header);
  if (problem !== null) return { ok: false, reason: problem };
  const item = record.cells[columns.item] ?? "";
  if (item === "") return { ok: false, reason: "empty item" };
  const dimensionCell = record.cells[columns.dimension] ?? "";
  const dimension = parseServqualDimension(dimensionCell);
  if (!dimension.ok) {
    return {
      ok: false,
      reason: `unknown dimension "${dimensionCell}" (use reliability, assurance, tangibles, empathy, responsiveness or 信赖度, 专业度, 有形度, 同理度, 反应度)`,
    };
  }
  const e = readScore(record.cells[columns.expectation] ?? "", "expectation");
  if (!e.ok) return e;
  const p = readScore(record.cells[columns.perception] ?? "", "perception");
  if (!p.ok) return p;
  const respondent = columns.respondent === -1 ? null : (record.cells[columns.respondent] ?? "");
  if (respondent === "") return { ok: false, reason: "empty respondent id" };
  return { ok: true, value: { item, dimension: dimension.value, respondent, e: e.value, p: p.value } };
}

/**
 * Reads a long-format SERVQUAL CSV: one row per respondent and item, columns `respondent` (optional),
 * `item`, `dimension`, `expectation`, `perception` (Chinese headers 题目, 维度, 期望, 感知 also work).
 * Dimensions in English or Chinese; scores 1..7. A row with a missing or non-numeric score, an
 * unknown dimension, an item tagged with two dimensions, or a repeated respondent × item is bad.
 *
 * @throws {CsvFileError} when a required column is missing
 */
export function parseServqualCsv(text: string): ServqualCsv {
  const { header, records, badRows: unreadable } = readCsv(text);
  const columns = findColumns(header, COLUMNS);
  const badRows: BadRow[] = [...unreadable];
  const items = new Map<string, ServqualItemPairs & { readonly line: number }>();
  const firstLine = new Map<string, number>();
  for (const record of records) {
    const row = readItemRow(record, header, columns);
    if (!row.ok) {
      badRows.push({ line: record.line, reason: row.reason });
      continue;
    }
    const { item, dimension, respondent, e, p } = row.value;
    const existing = items.get(item);
    if (existing !== undefined && existing.dimension !== dimension) {
      badRows.push({
        line: record.line,
        reason: `item "${item}" is tagged ${dimension} here but ${existing.dimension} on line ${existing.line}`,
      });
      continue;
    }
    if (respondent !== null) {
      const key = JSON.stringify([respondent, item]);
      const earlier = firstLine.get(key);
      if (earlier !== undefined) {
        badRows.push({
          line: record.line,
          reason: `respondent "${respondent}" already answered "${item}" on line ${earlier}`,
        });
        continue;
      }
      firstLine.set(key, record.line);
    }
    const target = existing ?? { key: item, dimension, expectation: [], perception: [], line: record.line };
    target.expectation.push(e);
    target.perception.push(p);
    items.set(item, target);
  }
  badRows.sort((left, right) => left.line - right.line);
  return {
    items: [...items.values()].map(({ line: _line, ...item }) => item),
    badRows,
  };
}

/**
 * Reads a SERVQUAL CSV and scores it (`servqualScores`): per item and per dimension E, P and gap,
 * unweighted and (with importance points) weighted SERVQUAL.
 *
 * @throws {CsvFileError} when a required column is missing
 * @throws {NoUsableRowsError} when no row could be analysed
 * @throws {RangeError} when the weights do not fit the dimensions present
 */
export function analyzeServqualCsv(
  text: string,
  weights?: Partial<Record<ServqualDimension, number>>,
): ServqualAnalysis {
  const { items, badRows } = parseServqualCsv(text);
  if (items.length === 0) throw new NoUsableRowsError(badRows);
  const result: ServqualScores = servqualScores(
    weights === undefined ? { items, range: SERVQUAL_RANGE } : { items, weights, range: SERVQUAL_RANGE },
  );
  return { kind: "servqual", ...result, badRows };
}

/**
 * Reads `--weights` such as "reliability=32,responsiveness=22,assurance=19,empathy=16,tangibles=11"
 * (dimension names in English or Chinese).
 *
 * @throws {RangeError} on a malformed entry, an unknown dimension or a repeated one
 */
export function parseWeights(text: string): Partial<Record<ServqualDimension, number>> {
  const weights: Partial<Record<ServqualDimension, number>> = {};
  for (const entry of text.split(/[,，;]/)) {
    if (entry.trim() === "") continue;
    const match = /^\s*(.+?)\s*[=:：]\s*(.+?)\s*$/u.exec(entry);
    const dimension = match ? parseServqualDimension(match[1] ?? "") : { ok: false as const };
    const points = match ? Number(match[2]) : Number.NaN;
    if (!match || !dimension.ok || !Number.isFinite(points)) {
      throw new RangeError(
        `--weights: cannot read "${entry.trim()}" (expected dimension=points, e.g. reliability=32)`,
      );
    }
    if (weights[dimension.value] !== undefined)
      throw new RangeError(`--weights: ${dimension.value} is given twice`);
    weights[dimension.value] = points;
  }
  return weights;
}
