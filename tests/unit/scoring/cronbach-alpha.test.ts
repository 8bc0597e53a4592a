import { describe, expect, test } from "vitest";
import { cronbachAlpha } from "../../../src/scoring/index.ts";
import { deepFreeze } from "./deep-freeze.ts";

// Denis, D.J., Applied Univariate, Bivariate, and Multivariate Statistics (Wiley), reliability
// example: five items, ten cases, SPSS RELIABILITY /MODEL=ALPHA → Cronbach's Alpha 0.633
// (item means 7.3, 8.8, 9.1, 9.4, 7.0).
const DENIS = [
  [10, 12, 15, 11, 12],
  [12, 18, 12, 12, 1],
  [8, 16, 14, 14, 4],
  [6, 8, 16, 8, 6],
  [4, 7, 8, 7, 5],
  [6, 6, 3, 7, 3],
  [3, 4, 6, 5, 8],
  [7, 3, 7, 9, 9],
  [8, 9, 4, 10, 10],
  [9, 5, 6, 11, 12],
];

// Independent recomputation from the covariance form: α = k·c̄ / (v̄ + (k − 1)·c̄), with v̄ the mean
// item variance and c̄ the mean inter-item covariance.
function bruteForce(matrix: number[][]): number {
  const n = matrix.length;
  const k = (matrix[0] as number[]).length;
  const column = (j: number) => matrix.map((row) => row[j] as number);
  const covariance = (a: number[], b: number[]) => {
    const meanA = a.reduce((x, y) => x + y, 0) / n;
    const meanB = b.reduce((x, y) => x + y, 0) / n;
    return a.reduce((sum, value, i) => sum + (value - meanA) * ((b[i] as number) - meanB), 0) / (n - 1);
  };
  let variances = 0;
  let covariances = 0;
  for (let i = 0; i < k; i += 1) {
    variances += covariance(column(i), column(i));
    for (let j = 0; j < k; j += 1) if (i !== j) covariances += covariance(column(i), column(j));
  }
  const meanVariance = variances / k;
  const meanCovariance = covariances / (k * (k - 1));
  return (k * meanCovariance) / (meanVariance + (k - 1) * meanCovariance);
}

describe("cronbachAlpha", () => {
  test("Denis' SPSS example: α = 0.633", () => {
    expect(cronbachAlpha(DENIS)).toBeCloseTo(0.633, 3);
  });

  test.each([
    ["Denis' data", DENIS],
    [
      "satisfaction points",
      [
        [100, 90, 90],
        [75, 75, 60],
        [90, 100, 90],
        [60, 75, 75],
        [100, 100, 90],
      ],
    ],
    [
      "negatively related items (alpha below 0)",
      [
        [1, 5],
        [2, 4],
        [3, 3],
        [4, 1],
      ],
    ],
  ])("agrees with the covariance form on %s", (_case, matrix) => {
    expect(cronbachAlpha(matrix)).toBeCloseTo(bruteForce(matrix), 10);
  });

  test("identical items give α = 1", () => {
    expect(
      cronbachAlpha([
        [1, 1, 1],
        [2, 2, 2],
        [4, 4, 4],
      ]),
    ).toBeCloseTo(1, 12);
  });

  test.each([
    ["one respondent", [[1, 2, 3]], /cronbachAlpha\(matrix\): need at least 2 values, got 1/],
    ["one item", [[1], [2]], /cronbachAlpha\(matrix\[0\]\): need at least 2 values, got 1/],
    [
      "ragged rows",
      [
        [1, 2],
        [1, 2, 3],
      ],
      /matrix\[1\]\) has 3 items, row 0 has 2/,
    ],
    [
      "NaN",
      [
        [1, 2],
        [Number.NaN, 3],
      ],
      /matrix\[1\]\)\[0\] must be a finite number, got NaN/,
    ],
    [
      "constant totals",
      [
        [1, 2],
        [2, 1],
      ],
      /zero variance/,
    ],
  ])("throws a RangeError on %s", (_case, matrix, message) => {
    expect(() => cronbachAlpha(matrix)).toThrow(RangeError);
    expect(() => cronbachAlpha(matrix)).toThrow(message);
  });

  test("does not mutate its input", () => {
    const matrix = deepFreeze(structuredClone(DENIS));
    cronbachAlpha(matrix);
    expect(matrix).toEqual(DENIS);
  });
});
