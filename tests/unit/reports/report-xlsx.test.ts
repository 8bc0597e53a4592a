import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { csvCell } from "../../../src/reports/report-format.ts";
import { buildReportModel } from "../../../src/reports/report-model.ts";
import { reportTables } from "../../../src/reports/report-tables.ts";
import { reportWorkbook } from "../../../src/reports/report-xlsx.ts";
import { reportInputs, totals, version1 } from "./sections/fixtures.ts";

// 60 respondents. a1: 30 very satisfied, 10 satisfied, 10 dissatisfied of 50 answers (60 %, 20 %, 0 %,
// 20 %); a2: 6 basically satisfied and 6 dissatisfied of 12 (50 %, 50 %); b1: not answered (0 %). 40 of
// 100 invitations answered.
const model = buildReportModel(
  reportInputs({
    current: version1({
      "set:a1,a2,b1": totals({ n: 60, sum: 5_100, sumSq: 440_000 }),
      "set:a1": totals({ n: 50, sum: 4_500, counts: [30, 10, 0, 10] }),
      "set:a2": totals({ n: 12, sum: 810, counts: [0, 0, 6, 6] }),
      responses: totals({ n: 60 }),
    }),
    invitations: { invited: 100, responded: 40 },
    dissatisfiedRespondents: 14,
  }),
);

async function readBack(locale: "en" | "zh-CN") {
  const book = new ExcelJS.Workbook();
  const buffer = await reportWorkbook(reportTables(model, locale), "heading");
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  return book;
}

/** The data cells (below the header in row 4) of the column whose header is `header`. */
function column(sheet: ExcelJS.Worksheet | undefined, header: string): ExcelJS.Cell[] {
  const headers = (sheet?.getRow(4).values ?? []) as unknown[];
  const index = headers.indexOf(header);
  if (!sheet || index < 1) throw new Error(`no column "${header}" in ${sheet?.name}`);
  return Array.from({ length: sheet.rowCount - 4 }, (_, row) => sheet.getRow(5 + row).getCell(index));
}

describe("the XLSX writes shares as percentages", () => {
  test("a fraction with Excel's percentage format, never text or 0–100", async () => {
    const book = await readBack("en");
    const headline = book.getWorksheet("Overall satisfaction");
    expect(column(headline, "Response rate").map((cell) => [cell.value, cell.numFmt])).toEqual([
      [0.4, "0.0%"],
    ]);

    const distribution = book.getWorksheet("Answer distribution");
    const verySatisfied = column(distribution, "Very satisfied %");
    expect(verySatisfied.map((cell) => [cell.value, cell.numFmt])).toEqual([
      [0.6, "0.0%"],
      [0, "0.0%"],
      [0, "0.0%"],
    ]);
    expect(column(distribution, "Dissatisfied %").map((cell) => cell.value)).toEqual([0.2, 0.5, 0]);
    // the counts beside them stay whole numbers
    expect(column(distribution, "Very satisfied (100)").map((cell) => [cell.value, cell.numFmt])).toEqual([
      [30, undefined],
      [0, undefined],
      [0, undefined],
    ]);

    const dissatisfaction = book.getWorksheet("Dissatisfaction");
    const shares = column(dissatisfaction, "Share of the item's answers");
    expect(shares.length).toBeGreaterThan(0);
    for (const cell of shares) {
      expect(typeof cell.value).toBe("number");
      expect(cell.value as number).toBeGreaterThan(0);
      expect(cell.value as number).toBeLessThanOrEqual(1);
      expect(cell.numFmt).toBe("0.0%");
    }
  });

  test("in Chinese too; the CSV writes the share as the page shows it", async () => {
    const book = await readBack("zh-CN");
    expect(column(book.getWorksheet("总体满意度"), "回收率")[0]?.numFmt).toBe("0.0%");
    expect(csvCell({ share: 0.4 })).toBe("40.0%");
    expect(csvCell({ share: 0.1234 })).toBe("12.3%");
  });
});
