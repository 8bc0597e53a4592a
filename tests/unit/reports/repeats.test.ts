import { describe, expect, it } from "vitest";
import { supersededIn, withoutSuperseded } from "../../../src/reports/repeats.ts";
import type { MeasureTotals } from "../../../src/reports/report-model.ts";
import type { RollupDelta } from "../../../src/reports/rollup.ts";
import { exactMean } from "../../../src/scoring/index.ts";

const row = (responseId: number, customerId: number, at: string) => ({
  responseId,
  customerId,
  submittedAt: new Date(at),
  day: at.slice(0, 10),
});

describe("supersededIn: one count per customer and period, by the latest response", () => {
  const repeats = [
    row(1, 7, "2026-11-02T04:00:00Z"),
    row(2, 7, "2026-11-03T04:00:00Z"),
    row(3, 7, "2026-12-05T04:00:00Z"),
    row(4, 8, "2026-11-09T04:00:00Z"),
    row(5, 8, "2026-11-09T04:00:00Z"),
  ];

  it("keeps each customer's latest response of the period; the same instant goes to the higher id", () => {
    expect(supersededIn(repeats, { from: "2026-11-01", to: "2026-12-01" }).sort()).toEqual([1, 4]);
  });

  it("judges each period apart: a later period's response does not replace an earlier period's", () => {
    expect(supersededIn(repeats, { from: "2026-12-01", to: "2027-01-01" })).toEqual([]);
    expect(supersededIn(repeats, { from: "2026-10-01", to: "2027-01-01" }).sort()).toEqual([1, 2, 4]);
  });
});

describe("withoutSuperseded: totals without the replaced responses", () => {
  const totals = (n: number, points: number[]): MeasureTotals => ({
    n,
    sum: 0,
    exactSum: { numerator: BigInt(points.reduce((a, b) => a + b, 0)), denominator: 3n },
    sumSq: 0,
    sumY: 0,
    sumYSq: 0,
    sumXy: 0,
    counts: [n, 0, 0, 0],
  });
  const delta = (overrides: Partial<RollupDelta>): RollupDelta => ({
    versionId: 1,
    breakdown: "",
    breakdownAttribute: "",
    day: "2026-11-02",
    measure: "set:a,b,c",
    n: 1,
    sum: 80,
    sumSq: 6400,
    sumY: 0,
    sumYSq: 0,
    sumXy: 0,
    counts: [1, 0, 0, 0],
    // 240 points over 3 items = 80, in millionths of a point
    pointsByAnswerCount: [0, 0, 240_000_000],
    ...overrides,
  });

  it("takes the replaced response's exact points, counts and n back out", () => {
    // three respondents answering 3 items: 300 + 255 + 240 points → Σ scores = 795 / 3 = 265
    const before = new Map([[1, new Map([["set:a,b,c", totals(3, [300, 255, 240])]])]]);
    const after = withoutSuperseded(before, [delta({})], "", { from: "2026-11-01", to: "2026-12-01" });
    const left = after.get(1)?.get("set:a,b,c") as MeasureTotals;
    expect(left.n).toBe(2);
    expect(left.counts).toEqual([2, 0, 0, 0]);
    expect(exactMean(left.exactSum as NonNullable<MeasureTotals["exactSum"]>, left.n)).toBe(92.5);
  });

  it("leaves other breakdowns and periods alone, and drops a measure left with no respondent", () => {
    const before = new Map([[1, new Map([["set:a,b,c", totals(1, [240])]])]]);
    const period = { from: "2026-11-01", to: "2026-12-01" };
    expect(withoutSuperseded(before, [delta({ breakdown: "region=x" })], "", period)).toBe(before);
    expect(withoutSuperseded(before, [delta({ day: "2026-12-02" })], "", period)).toBe(before);
    expect(
      withoutSuperseded(before, [delta({})], "", period)
        .get(1)
        ?.has("set:a,b,c"),
    ).toBe(false);
  });
});
