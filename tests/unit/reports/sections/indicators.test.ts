import { describe, expect, test } from "vitest";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { indicatorsSection } from "../../../../src/reports/sections/indicators.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";

// 服务过程 (a1, a2) has the children 态度 (a1) and 倾听 (a2); 服务结果 is b1 alone; 60 respondents.
// 服务过程 scores 88 and 服务结果 80, so 服务结果 comes first (weakest first); under 服务过程,
// 倾听 (84) comes before 态度 (92). 服务过程 and its children have 50 respondents (flagged), 服务结果 60.
const inputs = reportInputs({
  current: version1({
    "set:a1,a2,b1": totals({ n: 60, sum: 5_100 }),
    "set:a1,a2": totals({ n: 50, sum: 4_400 }),
    "set:a1": totals({ n: 50, sum: 4_600 }),
    "set:a2": totals({ n: 50, sum: 4_200 }),
    "set:b1": totals({ n: 60, sum: 4_800 }),
  }),
});

describe("indicators section", () => {
  test("model: the tree, scored, weakest first among siblings, with the departments under each node", () => {
    const { indicatorTree } = buildReportModel(inputs);
    expect(
      indicatorTree.map((node) => [node.name, node.depth, node.score, node.grade, node.reportability]),
    ).toEqual([
      ["服务结果", 1, 80, "average", "ok"],
      ["服务过程", 1, 88, "good", "caution"],
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
    expect(
      indicatorRows.map((row) => [row.name, row.depth, row.scoreText, row.caution, row.departments]),
    ).toEqual([
      ["服务结果", 1, "80.0", false, "客服部"],
      ["服务过程", 1, "88.0", true, "客服部、运营部"],
      ["倾听", 2, "84.0", true, "运营部"],
      ["态度", 2, "92.0", true, "客服部"],
    ]);
    const [table] = indicatorsSection.tables(model, viewContext("en"));
    expect(table?.rows[2]).toEqual(["服务过程", "倾听", null, { score: 84 }, "Average", 50, "运营部"]);
  });

  test("a node of fewer than 30 respondents: no score or grade, last among its siblings", () => {
    const model = buildReportModel({
      ...inputs,
      current: version1({
        "set:a1,a2,b1": totals({ n: 60, sum: 5_100 }),
        "set:a1,a2": totals({ n: 50, sum: 4_400 }),
        "set:a1": totals({ n: 50, sum: 4_600 }),
        "set:a2": totals({ n: 12, sum: 720 }),
        "set:b1": totals({ n: 60, sum: 4_800 }),
      }),
    });
    const process = model.indicatorTree[1];
    expect(process?.children.map((node) => [node.name, node.n, node.score, node.grade])).toEqual([
      ["态度", 50, 92, "good"],
      ["倾听", 12, null, null],
    ]);
    const rows = indicatorsSection.view(model, viewContext("en")).indicatorRows;
    expect(rows.map((row) => [row.name, row.scoreText, row.suppressed])).toEqual([
      ["服务结果", "80.0", false],
      ["服务过程", "88.0", false],
      ["态度", "92.0", false],
      ["倾听", "—", true],
    ]);
  });

  test("a population under 30 respondents, filtered or not, or nothing answered: withheld", () => {
    expect(buildReportModel(reportInputs()).indicatorTree).toEqual([]);
    const small = version1({
      "set:a1,a2,b1": totals({ n: 5, sum: 420 }),
      "set:b1": totals({ n: 5, sum: 400 }),
    });
    for (const filter of [{}, { attribute: "mode", value: "web" } as const]) {
      const suppressed = buildReportModel(reportInputs({ current: small, filter }));
      expect(suppressed.indicatorTree).toEqual([]);
      expect(indicatorsSection.view(suppressed, viewContext()).indicatorRows).toEqual([]);
    }
  });
});
