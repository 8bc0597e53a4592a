import { describe, expect, test } from "vitest";
import { kruskalWallis } from "../../../src/scoring/index.ts";
import { HOLLANDER_WOLFE, PLANT_GROWTH, WIKIPEDIA_ANOVA } from "./data-sets.ts";
import { deepFreeze } from "./deep-freeze.ts";

// Independent recomputation: H as (N − 1) × (between-group variance of ranks) / (total variance of
// ranks) — this form already includes the tie correction (Kruskal & Wallis 1952, eq. 1.1 with ties).
function bruteForce(groups: number[][]): number {
  const all = groups.flat();
  const rankOf = (value: number) => {
    const below = all.filter((other) => other < value).length;
    const equal = all.filter((other) => other === value).length;
    return below + (equal + 1) / 2;
  };
  const n = all.length;
  const meanRank = (n + 1) / 2;
  const ranks = groups.map((group) => group.map(rankOf));
  const between = ranks.reduce((sum, group) => {
    const groupMean = group.reduce((a, b) => a + b, 0) / group.length;
    return sum + group.length * (groupMean - meanRank) ** 2;
  }, 0);
  const total = ranks.flat().reduce((sum, rank) => sum + (rank - meanRank) ** 2, 0);
  return ((n - 1) * between) / total;
}

describe("kruskalWallis", () => {
  test.each([
    // Hollander & Wolfe (1973) p.116, no ties; R kruskal.test: chi-squared = 0.77143, df = 2, p = 0.68.
    ["Hollander & Wolfe 1973 (no ties)", HOLLANDER_WOLFE, 0.77143, 2, 0.68, 2],
    // PlantGrowth (Dobson 1983), one tie (4.17); R kruskal.test(weight ~ group): 7.9882, df 2, p 0.01842.
    [
      "PlantGrowth (one tie)",
      [PLANT_GROWTH.ctrl, PLANT_GROWTH.trt1, PLANT_GROWTH.trt2],
      7.9882,
      2,
      0.01842,
      5,
    ],
    // Wikipedia one-way ANOVA data, many ties; R kruskal.test (dlinares.org): 9.4207, df 2, p 0.009002.
    ["Wikipedia ANOVA data (many ties)", WIKIPEDIA_ANOVA, 9.4207, 2, 0.009002, 6],
  ])("%s: H = %d, df = %d, p = %d", (_case, groups, h, df, p, pDigits) => {
    const result = kruskalWallis(groups);
    expect(result.h).toBeCloseTo(h, 4);
    expect(result.df).toBe(df);
    expect(result.p).toBeCloseTo(p, pDigits);
  });

  test("the tie correction matters: uncorrected H would be smaller for the Wikipedia data", () => {
    // Uncorrected H = 12/(N(N+1)) Σ R²/n − 3(N+1) with mid-ranks; ties: 4 ×2, 6 ×2, 8 ×4, 9 ×2, 11 ×2, 12 ×2.
    const tieTerm = 5 * (2 ** 3 - 2) + (4 ** 3 - 4);
    const correction = 1 - tieTerm / (18 ** 3 - 18);
    expect(kruskalWallis(WIKIPEDIA_ANOVA).h * correction).toBeLessThan(9.4207);
    expect(kruskalWallis(WIKIPEDIA_ANOVA).h * correction).toBeCloseTo(9.4207 * correction, 4);
  });

  test.each([
    [
      "satisfaction points with heavy ties",
      [
        [100, 90, 90, 75],
        [60, 75, 75, 90, 60],
        [100, 100, 90],
      ],
    ],
    [
      "two groups",
      [
        [1.1, 2.2, 3.3],
        [2.2, 4.4, 5.5, 6.6],
      ],
    ],
  ])("agrees with a brute-force recomputation: %s", (_case, groups) => {
    expect(kruskalWallis(groups).h).toBeCloseTo(bruteForce(groups), 10);
  });

  test("identical groups give H = 0 and p = 1", () => {
    const result = kruskalWallis([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(result.h).toBeCloseTo(0, 12);
    expect(result.p).toBeCloseTo(1, 12);
  });

  test.each([
    ["one group", [[1, 2]], /need at least 2 values/],
    ["an empty group", [[1], []], /kruskalWallis\(groups\[1\]\): the list is empty/],
    ["NaN", [[1], [Number.NaN]], /groups\[1\]\)\[0\] must be a finite number, got NaN/],
    ["all values equal", [[75, 75], [75]], /all values are equal/],
  ])("throws a RangeError on %s", (_case, groups, message) => {
    expect(() => kruskalWallis(groups)).toThrow(RangeError);
    expect(() => kruskalWallis(groups)).toThrow(message);
  });

  test("does not mutate its input (it sorts a copy)", () => {
    const groups = deepFreeze([
      [3, 1, 2],
      [9, 7, 8],
    ]);
    kruskalWallis(groups);
    expect(groups).toEqual([
      [3, 1, 2],
      [9, 7, 8],
    ]);
  });
});
