import ExcelJS from "exceljs";
import { SCORE_NUMBER_FORMAT } from "../lib/score-format.ts";
import { csvCell, isPercentCell, isScoreCell, PERCENT_NUMBER_FORMAT } from "./report-format.ts";
import type { ReportTable } from "./report-tables.ts";

/** A workbook with one sheet per report section table; the first rows say what and when. */
export async function reportWorkbook(tables: readonly ReportTable[], heading: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "manyi";
  const used = new Set<string>();
  for (const table of tables) {
    let name =
      table.title
        .replace(/[[\]:*?/\\]/g, " ")
        .slice(0, 31)
        .trim() || table.key;
    while (used.has(name)) name = `${name.slice(0, 28)} ${used.size}`;
    used.add(name);
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([table.title]).font = { bold: true, size: 13 };
    sheet.addRow([heading]);
    sheet.addRow([]);
    const header = sheet.addRow([...table.columns]);
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE6F0F7" } };
    });
    for (const row of table.rows) {
      const added = sheet.addRow(
        row.map((cell) => (isScoreCell(cell) ? cell.score : isPercentCell(cell) ? cell.share : cell)),
      );
      row.forEach((cell, index) => {
        const written = added.getCell(index + 1);
        if (isScoreCell(cell)) written.numFmt = SCORE_NUMBER_FORMAT;
        else if (isPercentCell(cell)) written.numFmt = PERCENT_NUMBER_FORMAT;
        else if (typeof cell === "number" && !Number.isInteger(cell)) written.numFmt = "0.00";
      });
    }
    sheet.columns.forEach((column, index) => {
      const width = Math.max(
        8,
        ...[table.columns[index] ?? "", ...table.rows.map((row) => csvCell(row[index] ?? ""))].map(
          (value) => String(value).length + 2,
        ),
      );
      column.width = Math.min(60, width);
    });
    sheet.views = [{ state: "frozen", ySplit: 4 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
