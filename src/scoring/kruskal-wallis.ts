import { chiSquareUpperTail } from "./p-value.ts";
import { assertFiniteList, assertListLength } from "./validate.ts";

export interface KruskalWallis {
  /** Tie-corrected H. */
  readonly h: number;
  readonly df: number;
  /** P(χ²(k − 1) ≥ H), the upper tail computed directly (p-value.ts). */
  readonly p: number;
}

/**
 * Kruskal–Wallis rank test, corrected for ties:
 * H = [12 / (N(N + 1)) · Σ Rᵢ²/nᵢ − 3(N + 1)] / [1 − Σ(t³ − t)/(N³ − N)],
 * with Rᵢ the rank sum of group i (ties get their mid-rank) and t the size of each group of tied
 * values; p from the χ² distribution with k − 1 degrees of freedom (its upper tail computed
 * directly, p-value.ts).
 *
 * Source: Kruskal, W.H. & Wallis, W.A. (1952) JASA 47(260):583-621; Hollander & Wolfe (1973)
 * Nonparametric Statistical Methods, §6.1.
 *
 * @throws {RangeError} on fewer than 2 groups, an empty group, a non-finite value, or when all
 *   values are equal (H undefined)
 * @example
 * kruskalWallis([[2.9, 3.0, 2.5, 2.6, 3.2], [3.8, 2.7, 4.0, 2.4], [2.8, 3.4, 3.7, 2.2, 2.0]]).h; // => 0.7714
 */
export function kruskalWallis(groups: readonly (readonly number[])[]): KruskalWallis {
  assertListLength(groups, "kruskalWallis(groups)", 2);
  groups.forEach((group, index) => {
    assertListLength(group, `kruskalWallis(groups[${index}])`);
    assertFiniteList(group, `kruskalWallis(groups[${index}])`);
  });
  const pooled = groups.flatMap((group, index) => group.map((value) => ({ value, index })));
  pooled.sort((left, right) => left.value - right.value);
  const total = pooled.length;
  const rankSums = groups.map(() => 0);
  let tieTerm = 0;
  for (let start = 0; start < total; ) {
    let end = start;
    while (end + 1 < total && pooled[end + 1]?.value === pooled[start]?.value) end += 1;
    const midRank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position += 1) {
      const entry = pooled[position];
      if (entry !== undefined) rankSums[entry.index] = (rankSums[entry.index] ?? 0) + midRank;
    }
    const tied = end - start + 1;
    tieTerm += tied ** 3 - tied;
    start = end + 1;
  }
  const correction = 1 - tieTerm / (total ** 3 - total);
  if (correction === 0) {
    throw new RangeError("kruskalWallis(groups): all values are equal, H is undefined");
  }
  const sumOfSquares = groups.reduce(
    (sum, group, index) => sum + (rankSums[index] ?? 0) ** 2 / group.length,
    0,
  );
  const h = ((12 / (total * (total + 1))) * sumOfSquares - 3 * (total + 1)) / correction;
  const df = groups.length - 1;
  return { h, df, p: chiSquareUpperTail(h, df) };
}
