import { sampleVariance } from "simple-statistics";
import { assertFiniteList, assertListLength } from "./validate.ts";

/**
 * Cronbach's alpha: α = k/(k − 1) · (1 − Σ sᵢ² / s_T²), with k items, sᵢ² the variance of item i
 * and s_T² the variance of the respondents' total scores (sample variances, n − 1).
 *
 * Source: Cronbach, L.J. (1951) "Coefficient alpha and the internal structure of tests",
 * Psychometrika 16(3):297-334.
 *
 * @param matrix rows are respondents, columns are items (≥ 2 rows, ≥ 2 columns, all rows equal length)
 * @throws {RangeError} on too few rows or columns, rows of different lengths, a non-finite value, or
 *   zero variance of the total scores (α undefined)
 * @example
 * cronbachAlpha([[1, 2], [2, 3], [3, 3]]); // => 0.857…
 */
export function cronbachAlpha(matrix: readonly (readonly number[])[]): number {
  assertListLength(matrix, "cronbachAlpha(matrix)", 2);
  const first = matrix[0];
  assertListLength(first, "cronbachAlpha(matrix[0])", 2);
  const k = first.length;
  matrix.forEach((row, index) => {
    assertListLength(row, `cronbachAlpha(matrix[${index}])`);
    if (row.length !== k) {
      throw new RangeError(`cronbachAlpha(matrix[${index}]) has ${row.length} items, row 0 has ${k}`);
    }
    assertFiniteList(row, `cronbachAlpha(matrix[${index}])`);
  });
  const totals = matrix.map((row) => row.reduce((sum, value) => sum + value, 0));
  const totalVariance = sampleVariance(totals);
  if (totalVariance === 0) {
    throw new RangeError("cronbachAlpha(matrix): the total scores have zero variance, alpha is undefined");
  }
  let itemVariances = 0;
  for (let column = 0; column < k; column += 1) {
    itemVariances += sampleVariance(matrix.map((row) => row[column] as number));
  }
  return (k / (k - 1)) * (1 - itemVariances / totalVariance);
}
