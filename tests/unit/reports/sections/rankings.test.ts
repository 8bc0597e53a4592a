import { describe, expect, test } from "vitest";
import { breakdownKey } from "../../../../src/reports/groups.ts";
import { buildReportModel } from "../../../../src/reports/report-model.ts";
import { rankingsSection } from "../../../../src/reports/sections/rankings.ts";
import { reportInputs, totals, version1, viewContext } from "./fixtures.ts";

const OVERALL = "set:a1,a2,b1";
// 60 respondents. 客服部 answers for a1 and b1: 40 respondents, mean 85; 运营部 (a2): 10 respondents,
// withheld.
// Managers: #7 (张伟) 50 customers at 90, #8 (no name) 40 at 95; customers without a manager are not ranked.
const inputs = reportInputs({
  current: version1({
    [OVERALL]: totals({ n: 60, sum: 5100, sumSq: 433_500 }),
    "set:a1,b1": totals({ n: 40, sum: 3400, sumSq: 289_000 + 39 * 25 }),
    "set:a2": totals({ n: 10, sum: 800, sumSq: 64_000 }),
  }),
  breakdowns: new Map([
    [
      breakdownKey("manager", "7"),
      version1({ [OVERALL]: totals({ n: 50, sum: 4500, sumSq: 405_000 + 49 }) }),
    ],
    [
      breakdownKey("manager", "8"),
      version1({ [OVERALL]: totals({ n: 40, sum: 3800, sumSq: 361_000 + 39 }) }),
    ],
    [breakdownKey("manager", ""), version1({ [OVERALL]: totals({ n: 70, sum: 5600, sumSq: 448_000 }) })],
  ]),
  managerNames: new Map([["7", "张伟"]]),
});

describe("rankings section", () => {
  test("model: best first, withheld rows last without a rank", () => {
    const { rankings } = buildReportModel(inputs);
    expect(rankings.departments.map((row) => [row.label, row.score, row.rank])).toEqual([
      ["客服部", 85, 1],
      ["运营部", null, null],
    ]);
    expect(rankings.managers?.map((row) => [row.key, row.label, row.score, row.rank])).toEqual([
      ["8", "#8", 95, 1],
      ["7", "张伟", 90, 2],
    ]);
  });

  test("view and tables", () => {
    const model = buildReportModel(inputs);
    const context = viewContext("en");
    const { rankings } = rankingsSection.view(model, context);
    expect(rankings.departments.map((row) => [row.rank, row.label, row.scoreText, row.suppressed])).toEqual([
      [1, "客服部", "85.0", false],
      ["—", "运营部", "—", true],
    ]);
    expect(rankings.managers?.[0]).toMatchObject({ rank: 1, label: "#8", scoreText: "95.0", caution: true });
    const [departments, managers] = rankingsSection.tables(model, context);
    expect(departments?.rows).toEqual([
      [1, "客服部", { score: 85 }, "Good", 40],
      [null, "运营部", null, "—", 10],
    ]);
    expect(managers?.rows[1]?.slice(0, 3)).toEqual([2, "张伟", { score: 90 }]);
  });

  test("no breakdowns (a breakdown filter) and a suppressed population", () => {
    const noBreakdowns = buildReportModel({ ...inputs, breakdowns: null });
    expect(noBreakdowns.rankings.managers).toBeNull();
    expect(rankingsSection.tables(noBreakdowns, viewContext()).map((table) => table.key)).toEqual([
      "departments",
    ]);
    const small = version1({ [OVERALL]: totals({ n: 10, sum: 800, sumSq: 64_000 }) });
    for (const filter of [{}, { attribute: "region", value: "上海" } as const]) {
      const suppressed = buildReportModel({ ...inputs, current: small, filter });
      expect(suppressed.rankings).toEqual({ departments: [], managers: null });
      expect(rankingsSection.shown(suppressed)).toBe(false);
    }
  });

  test("nothing answered: withheld", () => {
    expect(buildReportModel(reportInputs()).rankings).toEqual({ departments: [], managers: null });
  });
});
