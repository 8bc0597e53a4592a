import { describe, expect, test } from "vitest";
import { upperRegularizedGamma } from "../../../src/scoring/incomplete-gamma.ts";
import {
  kruskalWallis,
  oneWayAnova,
  summarizeSample,
  twoProportionZTest,
  welchTTest,
  welchTTestFromSummaries,
} from "../../../src/scoring/index.ts";
import {
  chiSquareUpperTail,
  fUpperTail,
  normalTwoSided,
  studentTTwoSided,
} from "../../../src/scoring/p-value.ts";

// Upper tails computed directly. Moderate values: the 5 % critical values of Abramowitz & Stegun (1964)
// tables 26.1, 26.9 (F), 26.8 (χ²) and 26.10 (t). Far tails, where 1 − cdf gives 0: the survival
// functions of scipy 1.17 (`scipy.stats.t.sf`, `f.sf`, `chi2.sf`, `norm.sf`; R's pt/pf/pchisq/pnorm
// with lower.tail = FALSE give the same digits).

/** a / b close to 1: the relative error of a tiny p. */
const ratio = (a: number, b: number) => a / b;

describe("upper tails computed directly", () => {
  test.each([
    ["t 2.2281, 10 df (A&S 26.10: t0.975)", studentTTwoSided(2.2281, 10), 0.0500033, 6],
    ["F 4.8461 (2, 27) (R anova PlantGrowth)", fUpperTail(4.8461, 2, 27), 0.0159098, 6],
    ["χ² 3.841459, 1 df (A&S 26.8)", chiSquareUpperTail(3.841459, 1), 0.05, 7],
    ["z 1.959964 (A&S 26.1)", normalTwoSided(1.959964), 0.05, 7],
  ])("%s", (_case, p, expected, digits) => {
    expect(p).toBeCloseTo(expected, digits);
  });

  test.each([
    ["t 10, 200 df, two-sided", studentTTwoSided(10, 200), 2.3774831444207646e-19],
    ["t 40, 100 df, two-sided", studentTTwoSided(-40, 100), 2.462107602140071e-63],
    ["F 100 (3, 50)", fUpperTail(100, 3, 50), 3.965655749240172e-21],
    ["χ² 100, 2 df", chiSquareUpperTail(100, 2), 1.9287498479639183e-22],
    ["χ² 200, 5 df", chiSquareUpperTail(200, 5), 2.8406228986415534e-41],
    ["z 10, two-sided", normalTwoSided(-10), 1.523970604832094e-23],
  ])("far tail, not 0: %s", (_case, p, expected) => {
    expect(p).toBeGreaterThan(0);
    expect(ratio(p, expected)).toBeCloseTo(1, 6);
  });

  test("the edges: no evidence gives 1, an infinite statistic 0", () => {
    expect(studentTTwoSided(0, 5)).toBe(1);
    expect(studentTTwoSided(Number.POSITIVE_INFINITY, 5)).toBe(0);
    expect(fUpperTail(0, 2, 10)).toBe(1);
    expect(chiSquareUpperTail(0, 3)).toBe(1);
    expect(normalTwoSided(0)).toBe(1);
  });
});

// The tests of the library: a clear difference has a tiny p, never 0 (1 − cdf gave 0 for each).
// Expected values: scipy 1.17 `ttest_ind(equal_var=False)`, `f_oneway`, `kruskal`, and 2·norm.sf(z).
describe("the tests' p-values do not underflow to 0", () => {
  const high = Array.from({ length: 100 }, (_, i) => (i % 2 ? 90 : 100));
  const low = Array.from({ length: 100 }, (_, i) => (i % 2 ? 75 : 60));

  test("Welch's t-test, raw values and sufficient statistics: t = 30.36, p = 4.288e-71", () => {
    const raw = welchTTest(high, low);
    expect(raw.t).toBeCloseTo(30.355585, 5);
    expect(ratio(raw.p, 4.2878268407963054e-71)).toBeCloseTo(1, 5);
    const summaries = welchTTestFromSummaries(summarizeSample(high), summarizeSample(low));
    expect(ratio(summaries.p, 4.2878268407963054e-71)).toBeCloseTo(1, 5);
  });

  const groups = [0, 10, 20].map((shift) => Array.from({ length: 40 }, (_, i) => shift + 1 + (i % 4)));

  test("one-way ANOVA: F = 3120, p = 3.152e-102", () => {
    const result = oneWayAnova(groups);
    expect(result.f).toBeCloseTo(3120, 6);
    expect(ratio(result.p, 3.152234685493449e-102)).toBeCloseTo(1, 5);
  });

  test("Kruskal–Wallis: H = 106.52, p = 7.413e-24", () => {
    const result = kruskalWallis(groups);
    expect(result.h).toBeCloseTo(106.5174825, 6);
    expect(ratio(result.p, 7.413487475939478e-24)).toBeCloseTo(1, 5);
  });

  test("two-proportion z-test: 90/100 vs 10/100, z = 11.31, p = 1.122e-29", () => {
    const result = twoProportionZTest(90, 100, 10, 100);
    expect(result.z).toBeCloseTo(11.3137085, 6);
    expect(ratio(result.p, 1.1224297172982608e-29)).toBeCloseTo(1, 5);
  });
});

// Q(a, x) against its closed forms, on both sides of x = a + 1, where the series and the continued
// fraction take over from each other: for whole a, Q(n, x) = e^−x Σ_{k<n} x^k / k! (A&S 6.5.13, summed
// in 60-digit decimals), for half a, Q(1/2, x) = erfc(√x) and Q(5/2, x) = erfc(√x) + e^−x · 2√x/√π ·
// (1 + 2x/3) (A&S 6.5.17 and 6.5.21).
describe("the upper regularized incomplete gamma", () => {
  test.each([
    [0.5, 0.1, 0.654720846018577],
    [0.5, 1.5, 0.08326451666355043],
    [1, 1, 0.36787944117144233],
    [2.5, 3.4, 0.2359445376945214],
    [3, 4, 0.2381033055535443],
    [10, 5, 0.968171942693795],
    [10, 20, 0.004995412308307588],
    [50, 100, 1.1784500720979422e-8],
  ])("Q(%d, %d)", (a, x, expected) => {
    expect(ratio(upperRegularizedGamma(a, x), expected)).toBeCloseTo(1, 9);
  });

  test("Q(1, x) is e^−x and Q(a, 0) is 1", () => {
    for (const x of [0.2, 2, 7, 30, 300])
      expect(ratio(upperRegularizedGamma(1, x), Math.exp(-x))).toBeCloseTo(1, 10);
    expect(upperRegularizedGamma(2, 0)).toBe(1);
    expect(upperRegularizedGamma(2, Number.POSITIVE_INFINITY)).toBe(0);
    expect(upperRegularizedGamma(-1, 2)).toBeNaN();
  });
});
