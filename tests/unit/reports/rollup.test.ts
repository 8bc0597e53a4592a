import { describe, expect, test } from "vitest";
import { readTemplate } from "../../../seeds/demo-surveys.ts";
import {
  parseDefinition,
  type QuestionnaireDefinition,
} from "../../../src/questionnaires/questionnaire-definition.ts";
import { POINT_UNITS, restMeasure, rollupPlan, setMeasure } from "../../../src/reports/groups.ts";
import { accumulateRollup, type RollupResponse } from "../../../src/reports/rollup.ts";

const definition = (file: string) => {
  const parsed = parseDefinition(readTemplate(file));
  if (!parsed.ok) throw new Error("template");
  return parsed.definition as QuestionnaireDefinition;
};

const breakdowns = {
  customerType: "individual",
  channel: "个险",
  valueTier: "MVC",
  activity: "active",
  region: "上海",
  mode: "web",
  manager: "7",
};

const sat = (itemKey: string, level: string, points: number) => ({
  itemKey,
  part: "",
  number: points,
  text: level,
});

describe("rollup deltas", () => {
  const plan = rollupPlan(definition("sancheng.json"));

  test("groups with the same items share one measure (诚心 = 服务过程 = 客户服务中心)", () => {
    const measures = plan.sets.map((set) => set.measure);
    expect(new Set(measures).size).toBe(measures.length);
    expect(measures).toContain(setMeasure(["attitude", "listening", "care"]));
    // within the 运营部 department, 诚信 is {promise, accuracy}
    expect(measures).toContain(setMeasure(["promise", "accuracy"]));
  });

  test("two responses: group means, respondent score cross-products, level counts, dissatisfied list", () => {
    const responses: RollupResponse[] = [
      {
        id: 1,
        versionId: 3,
        day: "2026-10-14",
        breakdowns,
        answers: [
          sat("attitude", "very_satisfied", 100),
          sat("listening", "satisfied", 90),
          sat("care", "dissatisfied", 60),
        ],
      },
      {
        id: 2,
        versionId: 3,
        day: "2026-10-14",
        breakdowns: { ...breakdowns, region: null, manager: null },
        answers: [sat("attitude", "satisfied", 90)],
      },
    ];
    const { deltas, dissatisfied } = accumulateRollup(new Map([[3, plan]]), responses);
    const heart = setMeasure(["attitude", "listening", "care"]);
    const all = deltas.find((d) => d.breakdown === "" && d.measure === heart);
    // r1: (100 + 90 + 60)/3 = 83.33…, r2: 90
    expect(all).toMatchObject({ n: 2, day: "2026-10-14", counts: [1, 2, 0, 1] });
    expect(all?.sum).toBeCloseTo(250 / 3 + 90, 12);
    expect(all?.sumSq).toBeCloseTo((250 / 3) ** 2 + 8100, 9);
    // and Σ exactly: r2's 90 points over 1 answered item, r1's 250 over 3, in millionths of a point
    expect(all?.pointsByAnswerCount).toEqual([90 * POINT_UNITS, 0, 250 * POINT_UNITS]);
    expect(
      deltas.find((d) => d.breakdown === "" && d.measure === "responses")?.pointsByAnswerCount,
    ).toBeNull();
    const attitude = deltas.find((d) => d.breakdown === "" && d.measure === setMeasure(["attitude"]));
    // x = item points, y = respondent's overall score
    expect(attitude?.sumXy).toBeCloseTo(100 * (250 / 3) + 90 * 90, 9);
    // breakdowns are kept by month, a missing value as its own breakdown
    const shanghai = deltas.find((d) => d.breakdown === "region=%E4%B8%8A%E6%B5%B7" && d.measure === heart);
    expect(shanghai).toMatchObject({ n: 1, day: "2026-10-01", breakdownAttribute: "region" });
    expect(deltas.find((d) => d.breakdown === "region=" && d.measure === "responses")?.n).toBe(1);
    expect(deltas.find((d) => d.breakdown === "" && d.measure === "responses")?.n).toBe(2);
    expect(dissatisfied).toEqual([{ responseId: 1, versionId: 3, day: "2026-10-14", itemKeys: ["care"] }]);
  });

  // Derived importance correlates an item with the mean of the respondent's OTHER items (the
  // corrected item–total correlation), never with a total that includes the item.
  test("each answered item against the rest of the respondent's items, when there is a rest", () => {
    const { deltas } = accumulateRollup(new Map([[3, plan]]), [
      {
        id: 1,
        versionId: 3,
        day: "2026-10-14",
        breakdowns,
        answers: [
          sat("attitude", "very_satisfied", 100),
          sat("listening", "satisfied", 90),
          sat("care", "dissatisfied", 60),
        ],
      },
      { id: 2, versionId: 3, day: "2026-10-14", breakdowns, answers: [sat("attitude", "satisfied", 90)] },
    ]);
    const rest = (itemKey: string) =>
      deltas.find((d) => d.breakdown === "" && d.measure === restMeasure(itemKey));
    // attitude 100 against (90 + 60)/2 = 75; respondent 2 answered attitude alone: no rest, no pair
    expect(rest("attitude")).toMatchObject({
      n: 1,
      sum: 100,
      sumSq: 10_000,
      sumY: 75,
      sumYSq: 5_625,
      sumXy: 7_500,
    });
    expect(rest("listening")).toMatchObject({ n: 1, sum: 90, sumY: 80, sumXy: 7_200 });
    expect(rest("care")).toMatchObject({ n: 1, sum: 60, sumY: 95, sumXy: 5_700 });
    expect(rest("speed")).toBeUndefined();
    // kept for every breakdown, like every measure
    expect(deltas.filter((d) => d.measure === restMeasure("care"))).toHaveLength(8);
  });

  test("Kano pairs are classified, SERVQUAL pairs summed, importance points kept per dimension", () => {
    const kano = rollupPlan(definition("kano.json"));
    const { deltas } = accumulateRollup(new Map([[1, kano]]), [
      {
        id: 9,
        versionId: 1,
        day: "2026-10-01",
        breakdowns,
        answers: [
          { itemKey: "online_claims", part: "functional", number: null, text: "like" },
          { itemKey: "online_claims", part: "dysfunctional", number: null, text: "dislike" },
          { itemKey: "imp_online_claims", part: "", number: 8, text: null },
        ],
      },
    ]);
    // like/dislike = One-dimensional; counts in M, O, A, I, R, Q order
    expect(deltas.find((d) => d.breakdown === "" && d.measure === "kano:online_claims")?.counts).toEqual([
      0, 1, 0, 0, 0, 0,
    ]);
    expect(deltas.find((d) => d.breakdown === "" && d.measure === "rating:imp_online_claims")?.sum).toBe(8);

    const servqual = rollupPlan(definition("servqual.json"));
    const result = accumulateRollup(new Map([[2, servqual]]), [
      {
        id: 10,
        versionId: 2,
        day: "2026-10-01",
        breakdowns,
        answers: [
          { itemKey: "t1", part: "expectation", number: 7, text: null },
          { itemKey: "t1", part: "perception", number: 5, text: null },
          { itemKey: "importance", part: "reliability", number: 40, text: null },
        ],
      },
    ]);
    expect(result.deltas.find((d) => d.breakdown === "" && d.measure === "servqual:t1")).toMatchObject({
      n: 1,
      sum: 7,
      sumY: 5,
      sumXy: 35,
    });
    expect(
      result.deltas.find((d) => d.breakdown === "" && d.measure === "alloc:importance:reliability")?.sum,
    ).toBe(40);
  });

  test("responses of a version without a plan are skipped; nothing in, nothing out", () => {
    expect(
      accumulateRollup(new Map(), [{ id: 1, versionId: 5, day: "2026-10-01", breakdowns, answers: [] }]),
    ).toEqual({
      deltas: [],
      dissatisfied: [],
    });
  });
});
