import { normalTwoSided } from "./p-value.ts";
import { assertInteger } from "./validate.ts";

export interface TwoProportionZTest {
  readonly z: number;
  /** Two-sided p-value. */
  readonly p: number;
  /** x1/n1 − x2/n2 */
  readonly difference: number;
  /** (x1 + x2)/(n1 + n2) */
  readonly pooledProportion: number;
  readonly standardError: number;
}

/**
 * Two-proportion z-test with the pooled proportion and no continuity correction:
 * p̂ = (x1 + x2)/(n1 + n2), SE = √(p̂(1 − p̂)(1/n1 + 1/n2)), z = (x1/n1 − x2/n2)/SE,
 * p = 2 · P(Z ≥ |z|), the normal upper tail computed directly (p-value.ts).
 *
 * Source: e.g. Lane, D.M., HyperStat Online / Online Statistics Education, "Tests of differences
 * between proportions"; Agresti & Franklin, Statistics, §10.1.
 *
 * @throws {RangeError} if a count is not an integer, x > n, n < 1, or the pooled proportion is 0 or 1
 *   (SE = 0, z undefined)
 * @example
 * twoProportionZTest(73, 85, 43, 82).z; // => 4.69
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TwoProportionZTest {
  assertInteger(n1, "twoProportionZTest(n1)", 1);
  assertInteger(n2, "twoProportionZTest(n2)", 1);
  assertInteger(x1, "twoProportionZTest(x1)");
  assertInteger(x2, "twoProportionZTest(x2)");
  if (x1 > n1) throw new RangeError(`twoProportionZTest: x1 (${x1}) is larger than n1 (${n1})`);
  if (x2 > n2) throw new RangeError(`twoProportionZTest: x2 (${x2}) is larger than n2 (${n2})`);
  const pooledProportion = (x1 + x2) / (n1 + n2);
  if (pooledProportion === 0 || pooledProportion === 1) {
    throw new RangeError(
      `twoProportionZTest: the pooled proportion is ${pooledProportion} (no variation), z is undefined`,
    );
  }
  const standardError = Math.sqrt(pooledProportion * (1 - pooledProportion) * (1 / n1 + 1 / n2));
  const difference = x1 / n1 - x2 / n2;
  const z = difference / standardError;
  const p = normalTwoSided(z);
  return { z, p, difference, pooledProportion, standardError };
}
