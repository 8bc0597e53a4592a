import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { indicatorsSection } from "../../../../src/reports/sections/indicators.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";

// 服务过程 (a1, a2) has the children 态度 (a1) and 倾听 (a2); 服务结果 is b1 alone.
// 服务过程 scores 88 and 服务结果 80, so 服务结果 comes first (weakest first); under 服务过程,
// 倾听 (84) comes before 态度 (92).
const inputs = reportInputs({
  current: version1({
    "set:a1,a2": totals({ n: 5, sum: 440 }),
    "set:a1": totals({ n: 5, sum: 460 }),
    "set:a2": totals({ n: 5, sum: 420 }),
    "set:b1": totals({ n: 5, sum: 400 }),
  }),
});

describe("indicators section", () => {
  test("model: the tree, scored, weakest first among siblings, with the departments under each node", () => {
    const { indicatorTree } = buildReportModel(inputs);
    expect(indicatorTree.map((node) => [node.name, node.depth, node.score, node.grade])).toEqual([
      ["服务结果", 1, 80, "average"],
      ["服务过程", 1, 88, "good"],
    ]);
    const process = indicatorTree[1];
    expect(process?.departments).toEqual(["客服部", "运营部"]);
    expect(process?.children.map((node) => [node.name, node.path, node.score])).toEqual([
      ["倾听", ["服务过程", "倾听"], 84],
      ["态度", ["服务过程", "态度"], 92],
    ]);
  });

  test("view rows and table rows: each node, then its children", () => {
    const model = buildReportModel(inputs);
    const { indicatorRows } = indicatorsSection.view(model, viewContext("en"));
    expect(indicatorRows.map((row) => [row.name, row.depth, row.scoreText, row.departments])).toEqual([
      ["服务结果", 1, "80.0", "客服部"],
      ["服务过程", 1, "88.0", "客服部、运营部"],
      ["倾听", 2, "84.0", "运营部"],
      ["态度", 2, "92.0", "客服部"],
    ]);
    const [table] = indicatorsSection.tables(model, viewContext("en"));
    expect(table?.rows[2]).toEqual(["服务过程", "倾听", null, { score: 84 }, "Average", 5, "运营部"]);
  });

  test("nothing answered: nodes without scores, sorted last in their given order; withheld when suppressed", () => {
    const empty = buildReportModel(reportInputs());
    expect(empty.indicatorTree.map((node) => [node.name, node.n, node.score])).toEqual([
      ["服务过程", 0, null],
      ["服务结果", 0, null],
    ]);
    const suppressed = buildReportModel({ ...inputs, filter: { attribute: "mode", value: "web" } });
    expect(suppressed.indicatorTree).toEqual([]);
    expect(indicatorsSection.view(suppressed, viewContext()).indicatorRows).toEqual([]);
  });
});
