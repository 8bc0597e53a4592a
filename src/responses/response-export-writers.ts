import { once } from "node:events";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { csvLine } from "../lib/csv.ts";
import { SCORE_DECIMALS, SCORE_NUMBER_FORMAT } from "../lib/score-format.ts";
import type { ExportLayout } from "./response-export.ts";
import type { ExportCell } from "./response-export-cells.ts";

/**
 * The responses export written as CSV or XLSX onto a stream (the HTTP response), a batch at a time.
 * Each waits for the stream to take what it was given before it asks for the next batch, so a slow
 * reader slows the export down instead of filling memory; a reader that goes away stops it.
 */

/**
 * Resolves when `stream` has drained: true, or false when `out` closed first (the reader went away;
 * the export stops there).
 */
async function drain(stream: Writable | NodeJS.EventEmitter, out: Writable): Promise<boolean> {
  if (out.destroyed) return false;
  const stop = new AbortController();
  try {
    return await Promise.race([
      once(stream, "drain", { signal: stop.signal }).then(() => true),
      once(out, "close", { signal: stop.signal }).then(() => false),
    ]);
  } finally {
    stop.abort();
  }
}

/** UTF-8 with a byte-order mark (so Excel reads the Chinese), one header row, formula-safe cells. */
export async function writeResponsesCsv(
  out: Writable,
  layout: ExportLayout,
  batches: AsyncIterable<ExportCell[][]>,
): Promise<void> {
  const scoreColumns = layout.columns.map((column) => column.format === "score");
  out.write(`\uFEFF${csvLine(layout.columns.map((column) => column.header))}`);
  for await (const rows of batches) {
    let chunk = "";
    for (const cells of rows) {
      // a shown score keeps its decimal (85.0), as the report's CSV writes it
      chunk += csvLine(
        cells.map((cell, index) =>
          scoreColumns[index] && typeof cell === "number" ? cell.toFixed(SCORE_DECIMALS) : cell,
        ),
      );
    }
    if (!out.write(chunk) && !(await drain(out, out))) return;
  }
  out.end();
}

/**
 * The responses' sheet, one header row (frozen), then with a questionnaire a second sheet describing its
 * items (dimension, department, indicator, answers and points). Written with exceljs's streaming WorkbookWriter: each row is
 * committed as it is added, strings are written inline (no shared-strings table kept in memory), and
 * shown scores carry the report's one-decimal number format.
 */
export async function writeResponsesXlsx(
  out: Writable,
  layout: ExportLayout,
  batches: AsyncIterable<ExportCell[][]>,
  sheetName: string,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = "manyi";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = layout.columns.map((column) => ({
    width: Math.min(40, Math.max(10, column.header.length + 4)),
  }));
  const header = sheet.addRow(layout.columns.map((column) => column.header));
  header.font = { bold: true };
  header.commit();
  const scoreColumns = layout.columns.flatMap((column, index) =>
    column.format === "score" ? [index + 1] : [],
  );
  for await (const rows of batches) {
    for (const cells of rows) {
      const row = sheet.addRow(cells);
      for (const index of scoreColumns) row.getCell(index).numFmt = SCORE_NUMBER_FORMAT;
      row.commit();
    }
    if (!(await drained(sheet, out))) return;
  }
  sheet.commit();
  if (layout.legend) {
    const legend = workbook.addWorksheet(layout.legend.title.slice(0, 31), {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    legend.columns = layout.legend.header.map((_, index) => ({
      width: index === 1 || index === 6 ? 60 : 16,
    }));
    legend.addRow([...layout.legend.header]).font = { bold: true };
    for (const row of layout.legend.rows) legend.addRow([...row]);
    legend.commit();
  }
  await workbook.commit();
}

/**
 * Waits until the sheet's rows have been taken by the zip compressor and the stream by its reader.
 * exceljs hands a committed row's XML to the zip archive's entry stream without looking at its
 * back-pressure, so under a slow reader it would pile up there, uncompressed: that entry stream (the
 * one the sheet's buffer pipes into) is watched too. Without those internals (another exceljs), only
 * `out` is.
 */
async function drained(sheet: ExcelJS.Worksheet, out: Writable): Promise<boolean> {
  const entries = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes ?? [];
  for (const entry of entries) {
    const state = (entry as { _writableState?: { needDrain?: boolean } })._writableState;
    if (state?.needDrain && !(await drain(entry as NodeJS.EventEmitter, out))) return false;
  }
  return !out.writableNeedDrain || (await drain(out, out));
}
