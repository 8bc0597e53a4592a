import type { Message } from "../../i18n/i18n.ts";
import {
  type CheckResult,
  CUSTOMER_FIELDS,
  type CustomerField,
  type CustomerRecord,
  type CustomerUpsert,
  checkCustomerRecord,
  normalizeWord,
  type Problem,
} from "../customer.ts";
import { csvRecords } from "./csv-records.ts";

/**
 * What one CSV column becomes: a customer field, a free attribute (`attr:<name>`), or nothing (`""`,
 * the column is ignored). A mapping has one target per header cell, in order.
 */
export type ColumnTarget = CustomerField | `attr:${string}` | "";
export type ImportMapping = ColumnTarget[];

/** Header names people use for each field, English and Chinese (compared after normalizeWord). */
const HEADER_NAMES: Record<CustomerField, readonly string[]> = {
  externalRef: [
    "客户编号",
    "客户号",
    "客户代码",
    "客户id",
    "客户编码",
    "编号",
    "external_ref",
    "externalref",
    "ref",
    "reference",
    "customer id",
    "customer no",
    "customer number",
    "customer_ref",
    "id",
  ],
  name: ["姓名", "客户姓名", "客户名称", "名称", "客户名", "单位名称", "name", "customer name", "full name"],
  email: ["邮箱", "电子邮箱", "电子邮件", "邮件", "email", "e-mail", "mail", "email address"],
  phone: [
    "手机",
    "手机号",
    "手机号码",
    "电话",
    "联系电话",
    "电话号码",
    "phone",
    "mobile",
    "tel",
    "telephone",
  ],
  customerType: ["客户类型", "类型", "客户类别", "type", "customer type", "customer_type"],
  channel: ["渠道", "销售渠道", "业务渠道", "channel", "sales channel"],
  valueTier: ["价值等级", "客户价值", "价值分类", "价值", "value tier", "value_tier", "tier", "value"],
  activity: ["活跃度", "活跃状态", "活跃程度", "activity", "activity status"],
  region: ["地区", "区域", "分支机构", "机构", "分公司", "所属机构", "region", "branch", "area"],
  manager: ["客户经理", "经理", "负责人", "manager", "customer manager", "account manager"],
  locale: ["语言", "首选语言", "language", "locale", "preferred language"],
  optedOut: ["退订", "已退订", "退订日期", "opted out", "opted_out", "opt out", "unsubscribed"],
};

const NAME_INDEX = new Map<string, CustomerField>(
  CUSTOMER_FIELDS.flatMap((field) =>
    HEADER_NAMES[field].map((name) => [normalizeWord(name), field] as const),
  ),
);

/**
 * Suggests a target for every header cell: a known English or Chinese name gives its field (each field
 * once, the first matching column wins), any other non-empty header becomes a free attribute of that
 * name, an empty header is ignored.
 */
export function suggestMapping(header: readonly string[]): ImportMapping {
  const used = new Set<CustomerField>();
  return header.map((cell): ColumnTarget => {
    const label = cell.normalize("NFC").trim();
    if (label === "") return "";
    const field = NAME_INDEX.get(normalizeWord(label));
    if (field && !used.has(field)) {
      used.add(field);
      return field;
    }
    return `attr:${label}`;
  });
}

/** Problems of a mapping as message codes (the console translates, the API and CLI print English). */
export type MappingProblem =
  | { code: "missing_field"; field: CustomerField }
  | { code: "duplicate_field"; field: CustomerField }
  | { code: "bad_target"; column: number }
  | { code: "wrong_length"; expected: number };

export function checkMapping(mapping: readonly string[], header: readonly string[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  if (mapping.length !== header.length) problems.push({ code: "wrong_length", expected: header.length });
  const seen = new Set<string>();
  mapping.forEach((target, column) => {
    if (target === "") return;
    if (target.startsWith("attr:")) {
      const key = target.slice(5).trim();
      if (key === "" || key.length > 60) problems.push({ code: "bad_target", column });
      return;
    }
    if (!(CUSTOMER_FIELDS as readonly string[]).includes(target)) {
      problems.push({ code: "bad_target", column });
      return;
    }
    if (seen.has(target)) problems.push({ code: "duplicate_field", field: target as CustomerField });
    seen.add(target);
  });
  for (const field of ["externalRef", "name"] as const)
    if (!seen.has(field)) problems.push({ code: "missing_field", field });
  return problems;
}

/** A mapping problem as a catalogue message (the field named as the API spells it). */
export function mappingProblemMessage(problem: MappingProblem): Message {
  switch (problem.code) {
    case "missing_field":
    case "duplicate_field":
      return { key: `customerImport.mapping.${problem.code}`, values: { field: problem.field } };
    case "bad_target":
      return { key: "customerImport.mapping.bad_target", values: { column: String(problem.column + 1) } };
    case "wrong_length":
      return { key: "customerImport.mapping.wrong_length" };
  }
}

export function describeMappingProblem(problem: MappingProblem): string {
  switch (problem.code) {
    case "missing_field":
      return `no column is mapped to ${problem.field} (required)`;
    case "duplicate_field":
      return `more than one column is mapped to ${problem.field}`;
    case "bad_target":
      return `column ${problem.column + 1} has an unknown target`;
    case "wrong_length":
      return `the mapping must have one target per header column (${problem.expected})`;
  }
}

/**
 * Reads a mapping written by hand (CLI `--mapping`, API `?mapping=`): `header=target` pairs separated by
 * commas or new lines, e.g. `客户编号=externalRef,备注=attr:备注,内部代码=`; columns not named keep their
 * suggested target. Targets are field names, `attr:<name>`, or empty (ignore).
 */
export function applyMappingOverrides(header: readonly string[], overrides: string): ImportMapping {
  const mapping = suggestMapping(header);
  for (const pair of overrides.split(/[,\n]/)) {
    if (pair.trim() === "") continue;
    const eq = pair.lastIndexOf("=");
    if (eq === -1) throw new MappingSyntaxError(`"${pair.trim()}" is not header=target`);
    const name = pair.slice(0, eq).trim();
    const target = pair.slice(eq + 1).trim();
    const column = header.findIndex((cell) => cell.trim() === name);
    if (column === -1) throw new MappingSyntaxError(`the file has no column "${name}"`);
    mapping[column] = target as ColumnTarget;
  }
  return mapping;
}

export class MappingSyntaxError extends Error {
  override readonly name = "MappingSyntaxError";
}

/** The header of a CSV text, or undefined for a file with no readable header line. */
export function readHeader(text: string): { line: number; cells: string[] } | undefined {
  for (const record of csvRecords(text)) {
    if (record.error !== undefined) return undefined;
    if (record.cells.every((cell) => cell.trim() === "")) continue;
    return { line: record.line, cells: record.cells.map((cell) => cell.trim()) };
  }
  return undefined;
}

/** One data row of an import: its line, its external reference as written, and the checked customer. */
export type ImportRow =
  | { line: number; externalRef: string | null; ok: true; value: CustomerUpsert }
  | { line: number; externalRef: string | null; ok: false; problems: Problem[] };

/**
 * The data rows of a CSV text under a mapping, each checked (see checkCustomerRecord). A repeated
 * external reference is a bad row: the first occurrence is imported. Rows of empty cells are skipped.
 */
export function* importRows(
  text: string,
  mapping: readonly string[],
  managers: ReadonlyMap<string, number>,
  now: Date,
): Generator<ImportRow> {
  const seen = new Map<string, number>();
  let header = true;
  const width = mapping.length;
  for (const record of csvRecords(text)) {
    if (record.error !== undefined) {
      if (header) continue;
      yield {
        line: record.line,
        externalRef: null,
        ok: false,
        problems: [{ field: "row", code: "malformed_csv", value: record.error }],
      };
      continue;
    }
    if (record.cells.every((cell) => cell.trim() === "")) continue;
    if (header) {
      header = false;
      continue;
    }
    const fields: CustomerRecord = {};
    const attributes: Record<string, string> = {};
    for (let i = 0; i < width; i++) {
      const target = mapping[i];
      const cell = record.cells[i];
      if (!target || cell === undefined) continue;
      if (target.startsWith("attr:")) attributes[target.slice(5).trim()] = cell;
      else fields[target as CustomerField] = cell;
    }
    fields.attributes = attributes;
    const extra = record.cells.slice(width).some((cell) => cell.trim() !== "");
    const checked: CheckResult = checkCustomerRecord(fields, managers, now);
    const externalRef = fields.externalRef?.trim() || null;
    const problems = checked.ok ? [] : [...checked.problems];
    if (extra) problems.push({ field: "row", code: "too_many_cells", max: width });
    if (externalRef !== null) {
      const first = seen.get(externalRef);
      if (first !== undefined)
        problems.push({ field: "externalRef", code: "duplicate_ref", value: String(first) });
      else if (problems.length === 0) seen.set(externalRef, record.line);
    }
    if (checked.ok && problems.length === 0)
      yield { line: record.line, externalRef, ok: true, value: checked.value };
    else yield { line: record.line, externalRef, ok: false, problems };
  }
}
