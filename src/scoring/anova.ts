import { mean } from "simple-statistics";
import { fUpperTail } from "./p-value.ts";
import { assertFiniteList, assertListLength } from "./validate.ts";

export interface OneWayAnova {
  readonly f: number;
  readonly dfBetween: number;
  readonly dfWithin: number;
  readonly p: number;
  readonly ssBetween: number;
  readonly ssWithin: number;
}

/**
 * One-way analysis of variance:
 * SSB = Σ nᵢ(x̄ᵢ − x̄)², SSW = Σ Σ (xᵢⱼ − x̄ᵢ)², F = (SSB/(k − 1)) / (SSW/(N − k)),
 * p = P(F(k − 1, N − k) ≥ F), the F distribution's upper tail computed directly (p-value.ts).
 *
 * Source: Fisher, R.A. (1925) Statistical Methods for Research Workers; e.g. Montgomery, Design and
 * Analysis of Experiments, ch. 3.
 *
 * @param groups at least 2 groups, each with at least 1 value, and more values than groups
 * @throws {RangeError} on fewer than 2 groups, an empty group, a non-finite value, N ≤ k, or zero
 *   within-group variance (F undefined)
 * @example
 * oneWayAnova([[6, 8, 4, 5, 3, 4], [8, 12, 9, 11, 6, 8], [13, 9, 11, 8, 7, 12]]).f; // => 9.2647
 */
export function oneWayAnova(groups: readonly (readonly number[])[]): OneWayAnova {
  assertListLength(groups, "oneWayAnova(groups)", 2);
  groups.forEach((group, index) => {
    assertListLength(group, `oneWayAnova(groups[${index}])`);
    assertFiniteList(group, `oneWayAnova(groups[${index}])`);
  });
  const all = groups.flat();
  const k = groups.length;
  const total = all.length;
  if (total <= k) {
    throw new RangeError(`oneWayAnova(groups): need more values (${total}) than groups (${k})`);
  }
  const grandMean = mean(all);
  let ssBetween = 0;
  let ssWithin = 0;
  for (const group of groups) {
    const groupMean = mean([...group]);
    ssBetween += group.length * (groupMean - grandMean) ** 2;
    for (const value of group) ssWithin += (value - groupMean) ** 2;
  }
  if (ssWithin === 0) {
    throw new RangeError("oneWayAnova(groups): every group has zero variance, F is undefined");
  }
  const dfBetween = k - 1;
  const dfWithin = total - k;
  const f = ssBetween / dfBetween / (ssWithin / dfWithin);
  return {
    f,
    dfBetween,
    dfWithin,
    p: fUpperTail(f, dfBetween, dfWithin),
    ssBetween,
    ssWithin,
  };
}
