import { describe, expect, test } from "vitest";
import {
  CsvFileError,
  columnCountProblem,
  findColumns,
  NoUsableRowsError,
  normalizeLabel,
  readCsv,
} from "../../../src/analyze/csv.ts";

describe("readCsv", () => {
  test("strips a BOM, accepts CRLF, keeps the file's line numbers, skips blank lines", () => {
    const csv = readCsv('\uFEFFa,b\r\n1,2\r\n\r\n,\r\n3,"x, y"\r\n');
    expect(csv.header).toEqual({ line: 1, cells: ["a", "b"] });
    expect(csv.records).toEqual([
      { line: 2, cells: ["1", "2"] },
      { line: 5, cells: ["3", "x, y"] },
    ]);
    expect(csv.badRows).toEqual([]);
  });

  test("a malformed line is a bad row of its own; the lines after it are still read", () => {
    const csv = readCsv('a,b\n1,"2"x\n3,"4\n5,6\n');
    expect(csv.records).toEqual([{ line: 4, cells: ["5", "6"] }]);
    expect(csv.badRows.map((row) => row.line)).toEqual([2, 3]);
    expect(csv.badRows[0]?.reason).toMatch(/^not valid CSV: Invalid Closing Quote/);
    expect(csv.badRows[0]?.reason).not.toMatch(/at line/);
  });

  test("trims cells and keeps rows of a different length for the caller to judge", () => {
    const csv = readCsv("a, b\n 1 ,2,3\n");
    expect(csv.header.cells).toEqual(["a", "b"]);
    expect(csv.records[0]?.cells).toEqual(["1", "2", "3"]);
    expect(columnCountProblem(csv.records[0] as never, csv.header)).toBe("has 3 columns, the header has 2");
  });

  test.each([
    ["an empty file", "", /the file is empty/],
    ["blank lines only", "\n  \n,,\n", /the file is empty/],
    ["a malformed header", '"a,b\n1,2\n', /the header \(line 1\) is not valid CSV/],
  ])("throws a CsvFileError on %s", (_case, text, message) => {
    expect(() => readCsv(text)).toThrow(CsvFileError);
    expect(() => readCsv(text)).toThrow(message);
  });
});

describe("normalizeLabel", () => {
  test.each([
    ["Very Satisfied", "very satisfied"],
    ["very_satisfied", "very satisfied"],
    ["  must-be ", "must be"],
    ["ＲＥＳＰＯＮＤＥＮＴ", "respondent"], // full-width letters (NFKC)
    ["非常满意", "非常满意"],
  ])("%s → %s", (input, output) => {
    expect(normalizeLabel(input)).toBe(output);
  });
});

describe("findColumns", () => {
  const spec = {
    respondent: { names: ["respondent", "受访者"], required: false },
    item: { names: ["item", "题目"], required: true },
  };
  test("finds columns by any accepted name, case-insensitively; -1 for an absent optional one", () => {
    expect(findColumns({ line: 1, cells: ["x", "Item"] }, spec)).toEqual({ respondent: -1, item: 1 });
    expect(findColumns({ line: 1, cells: ["题目", "受访者"] }, spec)).toEqual({ respondent: 1, item: 0 });
  });
  test.each([
    [["respondent"], /has no "item" column \(accepted names: item, 题目\)/],
    [["item", "题目"], /more than one "item" column/],
  ])("throws a CsvFileError for header %j", (cells, message) => {
    expect(() => findColumns({ line: 3, cells }, spec)).toThrow(CsvFileError);
    expect(() => findColumns({ line: 3, cells }, spec)).toThrow(message);
  });
});

describe("NoUsableRowsError", () => {
  test("says how many rows were bad and why the first one was", () => {
    expect(
      new NoUsableRowsError([
        { line: 4, reason: "empty feature" },
        { line: 9, reason: "x" },
      ]).message,
    ).toBe("no usable rows (2 bad rows; first: line 4: empty feature)");
    expect(new NoUsableRowsError([]).message).toBe("no data rows");
  });
});
