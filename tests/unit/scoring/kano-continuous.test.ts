import { describe, expect, test } from "vitest";
import { continuousKano, KANO_ANSWERS, type KanoPair } from "../../../src/scoring/index.ts";
import { deepFreeze } from "./deep-freeze.ts";

// DuMouchel's scores, Berger et al. 1993, CQM Journal 2(4) section IVb:
// functional like 4, must-be 2, neutral 0, live-with −1, dislike −2;
// dysfunctional like −2, must-be −1, neutral 0, live-with 2, dislike 4.
const FUNCTIONAL = [4, 2, 0, -1, -2];
const DYSFUNCTIONAL = [-2, -1, 0, 2, 4];

const sampleSd = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
};

describe("continuousKano", () => {
  test.each(KANO_ANSWERS.map((answer, index) => [answer, FUNCTIONAL[index], DYSFUNCTIONAL[index]] as const))(
    "scores %s as %d functional and %d dysfunctional",
    (answer, functional, dysfunctional) => {
      const result = continuousKano([
        { functional: answer, dysfunctional: answer },
        { functional: answer, dysfunctional: answer },
      ]);
      expect(result.functional).toEqual({ mean: functional, sd: 0 }); // all-equal case: SD 0
      expect(result.dysfunctional).toEqual({ mean: dysfunctional, sd: 0 });
    },
  );

  test("a typical one-dimensional feature sits at high X, high Y", () => {
    const pairs: KanoPair[] = [
      { functional: "like", dysfunctional: "dislike" }, // 4, 4
      { functional: "like", dysfunctional: "dislike" }, // 4, 4
      { functional: "like", dysfunctional: "live-with" }, // 4, 2
      { functional: "must-be", dysfunctional: "dislike" }, // 2, 4
      { functional: "neutral", dysfunctional: "neutral" }, // 0, 0
    ];
    const result = continuousKano(deepFreeze(pairs));
    expect(result.n).toBe(5);
    expect(result.functional.mean).toBeCloseTo(14 / 5, 12);
    expect(result.dysfunctional.mean).toBeCloseTo(14 / 5, 12);
    expect(result.functional.sd).toBeCloseTo(sampleSd([4, 4, 4, 2, 0]), 12);
    expect(result.dysfunctional.sd).toBeCloseTo(sampleSd([4, 4, 2, 4, 0]), 12);
  });

  test("uses the n − 1 standard deviation", () => {
    const result = continuousKano([
      { functional: "like", dysfunctional: "like" },
      { functional: "dislike", dysfunctional: "dislike" },
    ]);
    // functional 4 and −2: mean 1, sample SD √((9 + 9)/1) = √18 (population SD would be 3)
    expect(result.functional.mean).toBe(1);
    expect(result.functional.sd).toBeCloseTo(Math.sqrt(18), 12);
    expect(result.dysfunctional.sd).toBeCloseTo(Math.sqrt(18), 12);
  });

  test.each([
    ["an empty list", [], /continuousKano\(pairs\)/],
    ["a single pair", [{ functional: "like", dysfunctional: "like" }], /need at least 2 values, got 1/],
    [
      "an unknown answer",
      [
        { functional: "like", dysfunctional: "like" },
        { functional: "yes", dysfunctional: "like" },
      ],
      /continuousKano\(pairs\[1\]\.functional\)/,
    ],
  ])("throws a RangeError on %s", (_case, pairs, message) => {
    expect(() => continuousKano(pairs as KanoPair[])).toThrow(RangeError);
    expect(() => continuousKano(pairs as KanoPair[])).toThrow(message);
  });
});
