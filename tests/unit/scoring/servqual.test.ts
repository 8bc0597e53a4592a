import { describe, expect, test } from "vitest";
import {
  SERVQUAL_DIMENSIONS,
  type ServqualDimension,
  type ServqualInput,
  type ServqualItemInput,
  servqualScores,
} from "../../../src/scoring/index.ts";
import { deepFreeze } from "./deep-freeze.ts";

// Published study: Zun, A.B., Ibrahim, M.I. & Hamid, A.A. (2018), SERVQUAL survey of 386 patients of
// 1Malaysia clinics, 5-point scale; Table 2 (PMC6131925), dimension means:
//   Tangible 4.44 / 4.19 (gap −0.25), Reliable 4.49 / 4.36 (−0.13), Responsiveness 4.48 / 4.35 (−0.13),
//   Assurance 4.50 / 4.32 (−0.18), Empathy 4.56 / 4.40 (−0.16).
// We feed each dimension as two items of two paired answers whose means are the published ones.
const ZUN_2018: Record<ServqualDimension, { e: number; p: number; gap: number }> = {
  tangibles: { e: 4.44, p: 4.19, gap: -0.25 },
  reliability: { e: 4.49, p: 4.36, gap: -0.13 },
  responsiveness: { e: 4.48, p: 4.35, gap: -0.13 },
  assurance: { e: 4.5, p: 4.32, gap: -0.18 },
  empathy: { e: 4.56, p: 4.4, gap: -0.16 },
};
const zunItems: ServqualItemInput[] = Object.entries(ZUN_2018).flatMap(([dimension, { e, p }]) => [
  {
    key: `${dimension}-1`,
    dimension: dimension as ServqualDimension,
    expectation: [e - 0.3, e + 0.3],
    perception: [p + 0.2, p - 0.2],
  },
  {
    key: `${dimension}-2`,
    dimension: dimension as ServqualDimension,
    expectation: [e + 0.1, e - 0.1],
    perception: [p, p],
  },
]);

// Typical importance points (Zeithaml, Parasuraman & Berry 1990; ../shared/reference/servqual_instrument.json).
const TYPICAL_WEIGHTS = { reliability: 32, responsiveness: 22, assurance: 19, empathy: 16, tangibles: 11 };

describe("servqualScores — published dimension means (Zun et al. 2018)", () => {
  const result = servqualScores({ items: zunItems, range: { min: 1, max: 5 } });

  test.each(Object.entries(ZUN_2018))("%s: E, P and gap", (dimension, { e, p, gap }) => {
    const row = result.dimensions.find((entry) => entry.dimension === dimension);
    expect(row?.expectation).toBeCloseTo(e, 10);
    expect(row?.perception).toBeCloseTo(p, 10);
    expect(row?.gap).toBeCloseTo(gap, 10);
    expect(row?.itemCount).toBe(2);
    expect(row?.weight).toBeNull();
  });

  test("unweighted SERVQUAL is the mean of the five gaps: −0.17", () => {
    expect(result.unweighted).toBeCloseTo((-0.25 - 0.13 - 0.13 - 0.18 - 0.16) / 5, 10);
    expect(result.unweighted).toBeCloseTo(-0.17, 10);
    expect(result.weighted).toBeNull();
  });

  test("weighted SERVQUAL with the typical points: Σ w/100 × gap = −0.1575", () => {
    const weighted = servqualScores({ items: zunItems, weights: TYPICAL_WEIGHTS, range: { min: 1, max: 5 } });
    // 0.11·−0.25 + 0.32·−0.13 + 0.22·−0.13 + 0.19·−0.18 + 0.16·−0.16
    expect(weighted.weighted).toBeCloseTo(-0.1575, 10);
    expect(weighted.dimensions.find((row) => row.dimension === "reliability")?.weight).toBe(32);
  });

  test("dimensions come in RATER order", () => {
    expect(result.dimensions.map((row) => row.dimension)).toEqual([...SERVQUAL_DIMENSIONS]);
    expect([...SERVQUAL_DIMENSIONS]).toEqual([
      "reliability",
      "assurance",
      "tangibles",
      "empathy",
      "responsiveness",
    ]);
  });
});

describe("servqualScores — the 22-item instrument", () => {
  // Item → dimension map of Parasuraman, Berry & Zeithaml 1991: Tangibles 1–4, Reliability 5–9,
  // Responsiveness 10–13, Assurance 14–17, Empathy 18–22.
  const dimensionOf = (item: number): ServqualDimension =>
    item <= 4
      ? "tangibles"
      : item <= 9
        ? "reliability"
        : item <= 13
          ? "responsiveness"
          : item <= 17
            ? "assurance"
            : "empathy";
  // Three respondents, 7-point answers chosen per item so gaps differ across items.
  const items: ServqualItemInput[] = Array.from({ length: 22 }, (_, index) => {
    const item = index + 1;
    return {
      key: `Q${item}`,
      dimension: dimensionOf(item),
      expectation: [7, 6, (item % 3) + 5],
      // Empathy (5 items) falls far short, so weighting by item count visibly changes the mean.
      perception: item >= 18 ? [2, 2, 3] : [(item % 7) + 1, 5, (item % 4) + 3],
    };
  });

  test("unweighted = mean of dimension gaps, which differs from the mean of the 22 item gaps", () => {
    const result = servqualScores({ items });
    const itemGap = (input: ServqualItemInput) =>
      input.perception.reduce((sum, value, i) => sum + value - (input.expectation[i] as number), 0) /
      input.perception.length;
    const dimensionGaps = SERVQUAL_DIMENSIONS.map((dimension) => {
      const own = items.filter((input) => input.dimension === dimension);
      return own.reduce((sum, input) => sum + itemGap(input), 0) / own.length;
    });
    const meanOfDimensions = dimensionGaps.reduce((a, b) => a + b, 0) / 5;
    const meanOfItems = items.reduce((sum, input) => sum + itemGap(input), 0) / 22;
    expect(result.unweighted).toBeCloseTo(meanOfDimensions, 12);
    expect(Math.abs(meanOfDimensions - meanOfItems)).toBeGreaterThan(0.01);
    expect(result.items).toHaveLength(22);
    // Q1: E = (7 + 6 + 6)/3, P = (2 + 5 + 4)/3
    expect(result.items[0]).toMatchObject({ key: "Q1", dimension: "tangibles", n: 3 });
    expect(result.items[0]?.expectation).toBeCloseTo(19 / 3, 12);
    expect(result.items[0]?.perception).toBeCloseTo(11 / 3, 12);
    expect(result.items[0]?.gap).toBeCloseTo(-8 / 3, 12);
    expect(result.dimensions.map((row) => [row.dimension, row.itemCount])).toEqual([
      ["reliability", 5],
      ["assurance", 4],
      ["tangibles", 4],
      ["empathy", 5],
      ["responsiveness", 4],
    ]);
  });

  test("all-equal answers give gaps of 0", () => {
    const flat = servqualScores({
      items: [{ dimension: "empathy", expectation: [4, 4, 4], perception: [4, 4, 4] }],
    });
    expect(flat.items[0]).toMatchObject({ key: "item1", gap: 0 });
    expect(flat.unweighted).toBe(0);
  });

  test("with some dimensions only, weights cover exactly those", () => {
    const result = servqualScores({
      items: [
        { dimension: "reliability", expectation: [7, 7], perception: [5, 6] },
        { dimension: "tangibles", expectation: [5, 5], perception: [6, 6] },
      ],
      weights: { reliability: 75, tangibles: 25 },
    });
    expect(result.unweighted).toBeCloseTo((-1.5 + 1) / 2, 12);
    expect(result.weighted).toBeCloseTo(0.75 * -1.5 + 0.25 * 1, 12);
  });
});

describe("servqualScores — validation", () => {
  const ok: ServqualItemInput = { dimension: "reliability", expectation: [6, 7], perception: [5, 6] };
  test.each([
    ["no items", { items: [] }, /servqualScores\(items\): the list is empty/],
    [
      "an unknown dimension",
      { items: [{ ...ok, dimension: "Reliability" }] },
      /items\[0\] "item1"\)\.dimension must be one of reliability, assurance/,
    ],
    [
      "mismatched lengths",
      { items: [{ ...ok, perception: [5] }] },
      /2 expectation answers but 1 perception answers/,
    ],
    [
      "an empty expectation list",
      { items: [{ ...ok, expectation: [], perception: [] }] },
      /expectation: the list is empty/,
    ],
    [
      "NaN",
      { items: [{ ...ok, perception: [5, Number.NaN] }] },
      /perception\[1\] must be a finite number, got NaN/,
    ],
    [
      "a value off the scale",
      { items: [{ ...ok, expectation: [6, 8] }] },
      /expectation\[1\] = 8 is outside 1\.\.7/,
    ],
    [
      "weights that do not sum to 100",
      { items: [ok], weights: { reliability: 90 } },
      /must sum to 100 points, got 90/,
    ],
    [
      "a weight for a dimension without items",
      { items: [ok], weights: { reliability: 50, empathy: 50 } },
      /"empathy" has a weight but no items/,
    ],
    [
      "a dimension without a weight",
      { items: [ok, { ...ok, dimension: "empathy" }], weights: { reliability: 100 } },
      /"empathy" has items but no weight/,
    ],
    [
      "a negative weight",
      { items: [ok, { ...ok, dimension: "empathy" }], weights: { reliability: 110, empathy: -10 } },
      /must not be negative/,
    ],
    [
      "duplicate keys",
      {
        items: [
          { ...ok, key: "a" },
          { ...ok, key: "a" },
        ],
      },
      /duplicate item key "a"/,
    ],
    ["an inverted range", { items: [ok], range: { min: 7, max: 1 } }, /min \(7\) must be below max \(1\)/],
  ] as [string, ServqualInput, RegExp][])("throws a RangeError on %s", (_case, input, message) => {
    expect(() => servqualScores(input)).toThrow(RangeError);
    expect(() => servqualScores(input)).toThrow(message);
  });

  test("does not mutate its input", () => {
    const input = deepFreeze({
      items: structuredClone(zunItems),
      weights: { ...TYPICAL_WEIGHTS },
      range: { min: 1, max: 5 },
    });
    const before = structuredClone(input);
    servqualScores(input);
    expect(input).toEqual(before);
  });
});
