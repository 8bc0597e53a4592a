import jStat from "jstat";
import { mean, sampleStandardDeviation } from "simple-statistics";
import { assertConfidenceLevel, assertFiniteList, assertListLength } from "./validate.ts";

export interface MeanConfidenceInterval {
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
  /** t(1 − α/2, n − 1) · s / √n */
  readonly marginOfError: number;
  readonly n: number;
  readonly level: number;
}

/**
 * Student t confidence interval for a mean: x̄ ± t(1 − α/2, n − 1) · s/√n, with s the sample
 * standard deviation (n − 1). The t quantile comes from jStat (`studentt.inv`).
 *
 * Source: Student (1908) "The probable error of a mean", Biometrika 6(1):1-25; any introductory
 * text, e.g. Moore, McCabe & Craig, Introduction to the Practice of Statistics, §7.1.
 *
 * @param values the sample (≥ 2 values)
 * @param level the confidence level, 0.95 by default
 * @throws {RangeError} with fewer than 2 values, a non-finite value, or a level outside (0, 1)
 * @example
 * meanConfidenceInterval([4, 6]); // => { mean: 5, lower: -7.71, upper: 17.71, … }
 */
export function meanConfidenceInterval(values: readonly number[], level = 0.95): MeanConfidenceInterval {
  assertListLength(values, "meanConfidenceInterval(values)", 2);
  assertFiniteList(values, "meanConfidenceInterval(values)");
  assertConfidenceLevel(level, "meanConfidenceInterval(level)");
  const n = values.length;
  const center = mean([...values]);
  const quantile = jStat.studentt.inv(1 - (1 - level) / 2, n - 1);
  const marginOfError = (quantile * sampleStandardDeviation([...values])) / Math.sqrt(n);
  return {
    mean: center,
    lower: center - marginOfError,
    upper: center + marginOfError,
    marginOfError,
    n,
    level,
  };
}
