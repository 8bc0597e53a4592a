import { parse } from "csv-parse/sync";

/** A CSV line the analysis could not use, with its 1-based line number in the file. */
export interface BadRow {
  readonly line: number;
  readonly reason: string;
}

/** One record of the file and the line it is on. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

/** A CSV file split into its header, its records and the lines that could not be read. */
export interface CsvFile {
  readonly header: CsvRecord;
  readonly records: readonly CsvRecord[];
  readonly badRows: readonly BadRow[];
}

/** The file cannot be analysed at all (no header, unreadable header…). */
export class CsvFileError extends Error {
  override readonly name = "CsvFileError";
}

/**
 * Splits CSV text (UTF-8, with or without BOM, CRLF or LF) into a header and records, one record per
 * line so every record keeps its exact line number and a malformed line (e.g. a stray quote) is
 * reported on its own instead of swallowing the lines after it. Quoted fields may contain commas and
 * quotes ("") but not line breaks. Blank lines and lines of empty cells are skipped. Cells are trimmed.
 *
 * @throws {CsvFileError} when there is no header line or the header line is malformed
 */
export function readCsv(text: string): CsvFile {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  let header: CsvRecord | undefined;
  const records: CsvRecord[] = [];
  const badRows: BadRow[] = [];
  lines.forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === "") return;
    let cells: string[];
    try {
      const parsed = parse(content, { relax_column_count: true, trim: true }) as string[][];
      cells = parsed[0] ?? [];
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).replace(/ at line \d+/g, "");
      if (header === undefined)
        throw new CsvFileError(`the header (line ${line}) is not valid CSV: ${message}`);
      badRows.push({ line, reason: `not valid CSV: ${message}` });
      return;
    }
    if (cells.every((cell) => cell === "")) return;
    if (header === undefined) header = { line, cells };
    else records.push({ line, cells });
  });
  if (header === undefined) throw new CsvFileError("the file is empty (no header line)");
  return { header, records, badRows };
}

/** Normalizes a header or answer for lookup: trimmed, lower case, runs of space/_/- as one space. */
export function normalizeLabel(text: string): string {
  return text
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[\s_\-–]+/g, " ");
}

/**
 * Finds the columns of a long-format file by their accepted names (English or Chinese).
 *
 * @returns the index of each named column, or -1 for an optional column that is absent
 * @throws {CsvFileError} when a required column is missing or a column appears twice
 */
export function findColumns<K extends string>(
  header: CsvRecord,
  columns: Readonly<Record<K, { readonly names: readonly string[]; readonly required: boolean }>>,
): Record<K, number> {
  const normalized = header.cells.map(normalizeLabel);
  const found = {} as Record<K, number>;
  for (const key of Object.keys(columns) as K[]) {
    const { names, required } = columns[key];
    const matches = normalized.flatMap((cell, index) =>
      names.map(normalizeLabel).includes(cell) ? [index] : [],
    );
    if (matches.length > 1) {
      throw new CsvFileError(`the header (line ${header.line}) has more than one "${key}" column`);
    }
    const index = matches[0] ?? -1;
    if (index === -1 && required) {
      throw new CsvFileError(
        `the header (line ${header.line}) has no "${key}" column (accepted names: ${names.join(", ")})`,
      );
    }
    found[key] = index;
  }
  return found;
}

/** The bad-row reason for a record whose number of cells differs from the header's. */
export function columnCountProblem(record: CsvRecord, header: CsvRecord): string | null {
  return record.cells.length === header.cells.length
    ? null
    : `has ${record.cells.length} columns, the header has ${header.cells.length}`;
}

/** Accepted names of the respondent column. */
export const RESPONDENT_COLUMN = [
  "respondent",
  "respondent id",
  "respondent_id",
  "id",
  "受访者",
  "客户",
  "编号",
];

/** Nothing in the file could be analysed; `badRows` says why. */
export class NoUsableRowsError extends Error {
  override readonly name = "NoUsableRowsError";
  constructor(readonly badRows: readonly BadRow[]) {
    super(
      badRows.length === 0
        ? "no data rows"
        : `no usable rows (${badRows.length} bad row${badRows.length === 1 ? "" : "s"}; first: line ${badRows[0]?.line}: ${badRows[0]?.reason})`,
    );
  }
}

/** The outcome of reading one data row: the value, or why the row is bad. */
export type RowResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };
