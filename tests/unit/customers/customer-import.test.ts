import { describe, expect, it } from "vitest";
import { checkCustomerRecord, describeProblem, parseOptOut } from "../../../src/customers/customer.ts";
import { csvRecords, decodeCsvBytes } from "../../../src/customers/import/csv-records.ts";
import {
  applyMappingOverrides,
  checkMapping,
  importRows,
  suggestMapping,
} from "../../../src/customers/import/customer-import.ts";

const NOW = new Date("2026-11-22T08:00:00Z");

describe("csvRecords", () => {
  it.each([
    [
      "plain lines",
      "a,b\n1,2\n",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
      ],
    ],
    [
      "CRLF and a BOM",
      "\uFEFFa,b\r\n1,2\r\n",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
      ],
    ],
    [
      "blank lines skipped, numbers kept",
      "a\n\n\nb\n",
      [
        [1, ["a"]],
        [4, ["b"]],
      ],
    ],
    ["quoted commas and doubled quotes", 'x,"a,""b"""\n', [[1, ["x", 'a,"b"']]]],
    [
      "a line break inside quotes",
      'a,"1\n2"\nb,3\n',
      [
        [1, ["a", "1\n2"]],
        [3, ["b", "3"]],
      ],
    ],
    ["a quote inside an unquoted cell", 'a,5"6\n', [[1, ["a", '5"6']]]],
    ["no final line end", "a,b", [[1, ["a", "b"]]]],
    ["empty cells", ",,\n", [[1, ["", "", ""]]]],
  ])("%s", (_name, text, expected) => {
    expect([...csvRecords(text)].map((r) => [r.line, r.cells])).toEqual(expected);
  });

  it("reports text after a closing quote on its line and goes on", () => {
    const records = [...csvRecords('h\n"a"b,c\nok\n')];
    expect(records.map((r) => [r.line, r.cells ?? r.error])).toEqual([
      [1, ["h"]],
      [2, "text after a closing quote in cell 1"],
      [3, ["ok"]],
    ]);
  });

  it("reports a quote never closed on its line and reads the lines after it", () => {
    const records = [...csvRecords('h\n"open,1\nnext,2\nlast,3\n')];
    expect(records.map((r) => [r.line, r.cells ?? r.error])).toEqual([
      [1, ["h"]],
      [2, "a quoted cell is never closed"],
      [3, ["next", "2"]],
      [4, ["last", "3"]],
    ]);
  });
});

describe("decodeCsvBytes", () => {
  it("reads UTF-8, and GB18030 (Excel's Chinese CSV) when the bytes are not UTF-8", () => {
    expect(decodeCsvBytes(Buffer.from("姓名\n张三", "utf8"))).toEqual({
      text: "姓名\n张三",
      encoding: "utf-8",
    });
    // 姓名 in GBK
    expect(decodeCsvBytes(Uint8Array.from([0xd0, 0xd5, 0xc3, 0xfb]))).toEqual({
      text: "姓名",
      encoding: "gb18030",
    });
  });
});

describe("suggestMapping", () => {
  it("maps Chinese and English headers to fields and unknown ones to free attributes", () => {
    expect(
      suggestMapping([
        "客户编号",
        "姓名",
        "邮箱",
        "手机",
        "客户类型",
        "渠道",
        "价值等级",
        "活跃度",
        "分支机构",
        "客户经理",
        "保单数",
        "",
      ]),
    ).toEqual([
      "externalRef",
      "name",
      "email",
      "phone",
      "customerType",
      "channel",
      "valueTier",
      "activity",
      "region",
      "manager",
      "attr:保单数",
      "",
    ]);
    expect(suggestMapping(["Customer ID", "Full Name", "E-mail", "Value_Tier", "Region"])).toEqual([
      "externalRef",
      "name",
      "email",
      "valueTier",
      "region",
    ]);
  });

  it("gives a field to its first column only", () => {
    expect(suggestMapping(["电话", "手机"])).toEqual(["phone", "attr:手机"]);
  });

  it("takes hand-written overrides", () => {
    expect(applyMappingOverrides(["编号", "名字", "内部"], "名字=name,内部=")).toEqual([
      "externalRef",
      "name",
      "",
    ]);
    expect(() => applyMappingOverrides(["a"], "b=name")).toThrow('the file has no column "b"');
  });

  it("requires the reference and the name, each once", () => {
    expect(checkMapping(["email", "email"], ["a", "b"])).toEqual([
      { code: "duplicate_field", field: "email" },
      { code: "missing_field", field: "externalRef" },
      { code: "missing_field", field: "name" },
    ]);
    expect(checkMapping(["externalRef", "name", "attr:x", ""], ["a", "b", "c", "d"])).toEqual([]);
  });
});

describe("checkCustomerRecord", () => {
  const managers = new Map([["cm.zhang", 7]]);

  it("accepts the Chinese words of each attribute", () => {
    const result = checkCustomerRecord(
      {
        externalRef: " C1 ",
        name: "张三",
        customerType: "企业",
        valueTier: "mgc",
        activity: "半休眠",
        locale: "英文",
        manager: "CM.Zhang",
        optedOut: "2026-03-01",
        attributes: { 保单数: "3", 空: "" },
      },
      managers,
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        externalRef: "C1",
        customerType: "business",
        valueTier: "MGC",
        activity: "semi_dormant",
        locale: "en",
        managerUserId: 7,
        optedOutAt: new Date("2026-03-01T00:00:00Z"),
        optOutSource: "import",
        attributes: { 保单数: "3" },
      }),
    });
  });

  it("lists every problem of a record", () => {
    const result = checkCustomerRecord(
      { name: "", email: "not-mail", phone: "12", valueTier: "VIP", manager: "nobody" },
      managers,
      NOW,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(describeProblem)).toEqual([
      "externalRef: is required",
      "name: is required",
      'email: "not-mail" is not an email address',
      'phone: "12" is not a phone number',
      'valueTier: "VIP" is not a value tier (MVC, MGC, LVC or BZ)',
      'manager: "nobody" is not the username of an active staff user',
    ]);
  });

  it.each([
    ["是", NOW],
    ["yes", NOW],
    ["2026/3/1", new Date("2026-03-01T00:00:00Z")],
    ["2026年3月1日", new Date("2026-03-01T00:00:00Z")],
    ["否", null],
    ["", null],
  ])("reads the opt-out cell %s", (cell, at) => {
    expect(parseOptOut(cell, NOW)).toEqual({ at });
  });

  it.each(["maybe", "2026-02-30"])("refuses the opt-out cell %s", (cell) => {
    expect(parseOptOut(cell, NOW)).toBeUndefined();
  });
});

describe("importRows", () => {
  it("reports bad rows with their line numbers and keeps the first of a repeated reference", () => {
    const text = [
      "客户编号,姓名,邮箱,备注",
      "C1,张三,zhang@example.com,老客户",
      "C2,,li@example.com,",
      "C1,张三二,,",
      '"C3,李四',
      "C4,王五,wang@example.com,,extra",
      "C5,赵六,,",
    ].join("\n");
    const rows = [...importRows(text, suggestMapping(["客户编号", "姓名", "邮箱", "备注"]), new Map(), NOW)];
    expect(rows.map((row) => [row.line, row.ok])).toEqual([
      [2, true],
      [3, false],
      [4, false],
      [5, false],
      [6, false],
      [7, true],
    ]);
    const bad = rows.flatMap((row) => (row.ok ? [] : [[row.line, row.problems.map(describeProblem)]]));
    expect(bad).toEqual([
      [3, ["name: is required"]],
      [4, ["externalRef: appears again (first on line 2); only the first is imported"]],
      [5, ["row: is not valid CSV: a quoted cell is never closed"]],
      [6, ["row: has more cells than the header (4)"]],
    ]);
    expect(rows[0]).toMatchObject({ ok: true, value: { attributes: { 备注: "老客户" } } });
  });
});
