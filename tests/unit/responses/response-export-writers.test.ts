import { Writable } from "node:stream";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { ExportLayout } from "../../../src/responses/response-export.ts";
import type { ExportCell } from "../../../src/responses/response-export-cells.ts";
import { writeResponsesCsv, writeResponsesXlsx } from "../../../src/responses/response-export-writers.ts";

// The export writers wait for their reader: while the reader takes nothing, they stop asking for
// batches (so the database is not read and memory does not fill); when it reads again they finish.
// Without that wait the XLSX writer would pile every row up, uncompressed, inside the zip archive.

const BATCHES = 200;
const ROWS = 100;

const layout: ExportLayout = {
  columns: [{ header: "id" }, { header: "text" }, { header: "score", format: "score" }],
  legend: { title: "题目说明", header: ["题目编号", "题目"], rows: [["s1", "服务态度"]] },
  cells: () => [],
};

/** Text that compresses badly (a linear congruential sequence), so the zip cannot swallow it. */
function noise(seed: number): string {
  let x = seed;
  let text = "";
  for (let i = 0; i < 200; i += 1) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    text += String.fromCharCode(0x4e00 + (x % 2000));
  }
  return text;
}

/** Batches of rows, counting how many were asked for. */
function counted() {
  const state = { pulled: 0 };
  async function* batches(): AsyncGenerator<ExportCell[][]> {
    for (let b = 0; b < BATCHES; b += 1) {
      state.pulled += 1;
      yield Array.from({ length: ROWS }, (_, r) => {
        const id = b * ROWS + r;
        return [id, noise(id), 85];
      });
    }
  }
  return { state, batches: batches() };
}

/** A reader that takes nothing until `release()`, then everything. */
function stalledReader() {
  const chunks: Buffer[] = [];
  const held: (() => void)[] = [];
  let released = false;
  const sink = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      if (released) callback();
      else held.push(() => callback());
    },
  });
  return {
    sink,
    chunks,
    release() {
      released = true;
      for (const callback of held.splice(0)) callback();
    },
  };
}

/** Waits until the count stops moving (checked over several turns of the event loop and the thread pool). */
async function settled(read: () => number): Promise<number> {
  let last = -1;
  let still = 0;
  for (let i = 0; i < 200 && still < 5; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = read();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return last;
}

describe("the export writers follow their reader", () => {
  it("XLSX: a stalled reader stops the batches; released, the workbook is complete", async () => {
    const { state, batches } = counted();
    const reader = stalledReader();
    const done = writeResponsesXlsx(reader.sink, layout, batches, "答卷");
    const pulled = await settled(() => state.pulled);
    expect(pulled).toBeLessThan(BATCHES / 10);
    reader.release();
    await done;
    expect(state.pulled).toBe(BATCHES);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(reader.chunks) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe("答卷");
    expect(sheet.rowCount).toBe(BATCHES * ROWS + 1);
    expect(sheet.getRow(BATCHES * ROWS + 1).getCell(2).value).toBe(noise(BATCHES * ROWS - 1));
    expect(sheet.getRow(2).getCell(3).numFmt).toBe("0.0");
    // the items' legend follows the responses, as a second sheet
    expect(book.worksheets[1]?.name).toBe("题目说明");
    expect(book.worksheets[1]?.getRow(2).values).toEqual([undefined, "s1", "服务态度"]);
  });

  it("CSV: a stalled reader stops the batches; released, every line is there", async () => {
    const { state, batches } = counted();
    const reader = stalledReader();
    const done = writeResponsesCsv(reader.sink, layout, batches);
    const pulled = await settled(() => state.pulled);
    expect(pulled).toBeLessThan(BATCHES / 10);
    reader.release();
    await done;
    expect(state.pulled).toBe(BATCHES);
    const rows = parse(
      Buffer.concat(reader.chunks)
        .toString("utf8")
        .replace(/^\uFEFF/, ""),
      {
        columns: false,
      },
    ) as string[][];
    expect(rows).toHaveLength(BATCHES * ROWS + 1);
    // a shown score keeps its one decimal
    expect(rows[1]).toEqual(["0", noise(0), "85.0"]);
  });

  it("a reader that goes away ends the export without waiting for it", async () => {
    const { state, batches } = counted();
    const reader = stalledReader();
    const done = writeResponsesCsv(reader.sink, layout, batches);
    await settled(() => state.pulled);
    reader.sink.destroy();
    await done;
    expect(state.pulled).toBeLessThan(BATCHES / 10);
  });
});
