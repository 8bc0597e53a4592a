import { describe, expect, test } from "vitest";
import type { Department } from "../../../src/departments/department.ts";
import { departmentName, departmentNameOrNull } from "../../../src/departments/department.ts";
import { departmentChoices } from "../../../src/questionnaires/builder/builder-view.ts";
import { buildReportModel } from "../../../src/reports/report-model.ts";
import { rankingsSection } from "../../../src/reports/sections/rankings.ts";
import { reportInputs, totals, version1, viewContext } from "../reports/sections/fixtures.ts";

// Departments are named by code in items, cases and reports, and shown by name in the reader's
// language; a code no department has is shown as it is, so nothing shown is ever blank.

const names = new Map([
  ["客服部", { "zh-CN": "客户服务部", en: "Customer Service" }],
  ["claims", { "zh-CN": "理赔部", en: "" }],
]);

describe("a department's name", () => {
  test.each([
    ["客服部", "en", "Customer Service"],
    ["客服部", "zh-CN", "客户服务部"],
    // an empty English name falls back to the Chinese one
    ["claims", "en", "理赔部"],
    // no department has the code: the code itself
    ["运营部", "en", "运营部"],
    ["运营部", "zh-CN", "运营部"],
  ] as const)("%s in %s is %s", (code, locale, expected) => {
    expect(departmentName(names, code, locale)).toBe(expected);
  });

  test("no code, no name", () => {
    expect(departmentNameOrNull(names, null, "en")).toBeNull();
    expect(departmentNameOrNull(names, "", "en")).toBeNull();
    expect(departmentNameOrNull(names, "客服部", "en")).toBe("Customer Service");
  });
});

describe("the builder's choice of an item's department", () => {
  const department = (code: string, en: string, active = true): Department => ({
    id: 1,
    code,
    name: { "zh-CN": code, en },
    email: null,
    headUserId: null,
    active,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  });
  const active = [department("客服部", "Customer Service"), department("理赔部", "Claims")];

  test("the active departments by name, the item's own selected", () => {
    expect(departmentChoices(active, names, "理赔部", "en")).toEqual([
      { value: "客服部", label: "Customer Service", selected: false },
      { value: "理赔部", label: "Claims", selected: true },
    ]);
    expect(departmentChoices(active, names, "", "zh-CN").every((choice) => !choice.selected)).toBe(true);
  });

  test("an inactive department or an unknown code the item has is kept, marked", () => {
    const inactive = new Map([["ops", { "zh-CN": "运营部", en: "Operations" }]]);
    expect(departmentChoices(active, inactive, "ops", "en").at(-1)).toEqual({
      value: "ops",
      label: "Operations (inactive)",
      selected: true,
    });
    expect(departmentChoices(active, inactive, "信息技术部", "zh-CN").at(-1)).toEqual({
      value: "信息技术部",
      label: "信息技术部（没有使用此代码的部门）",
      selected: true,
    });
  });
});

describe("the report's department ranking", () => {
  // the fixture's 客服部 answers a1 and b1 (40 respondents, mean 85); 运营部 a2 (10, withheld)
  const inputs = reportInputs({
    current: version1({
      "set:a1,a2,b1": totals({ n: 60, sum: 5100, sumSq: 433_500 }),
      "set:a1,b1": totals({ n: 40, sum: 3400, sumSq: 289_000 + 39 * 25 }),
      "set:a2": totals({ n: 10, sum: 800, sumSq: 64_000 }),
    }),
    departmentNames: names,
  });

  test("groups by code, and the model carries the names of the departments it names", () => {
    const model = buildReportModel(inputs);
    expect(model.rankings.departments.map((row) => [row.key, row.score])).toEqual([
      ["客服部", 85],
      ["运营部", null],
    ]);
    expect(model.departmentNames).toEqual({ 客服部: { "zh-CN": "客户服务部", en: "Customer Service" } });
  });

  test.each([
    ["en", ["Customer Service", "运营部"]],
    ["zh-CN", ["客户服务部", "运营部"]],
  ] as const)("the page and the tables name them in %s", (locale, expected) => {
    const model = buildReportModel(inputs);
    const view = rankingsSection.view(model, viewContext(locale));
    expect(view.rankings.departments.map((row) => row.label)).toEqual(expected);
    const [table] = rankingsSection.tables(model, viewContext(locale));
    expect(table?.rows.map((row) => row[1])).toEqual(expected);
  });
});
