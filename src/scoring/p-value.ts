// Upper-tail probabilities from jStat's CDFs, clamped to [0, 1] against floating-point spill.

/** 1 − cdf, kept within [0, 1]. */
export function upperTail(cdf: number): number {
  return Math.min(1, Math.max(0, 1 - cdf));
}
