import jStat from "jstat";
import { upperRegularizedGamma } from "./incomplete-gamma.ts";

// Upper-tail probabilities (survival functions) computed directly, never as 1 − cdf: near 1 the CDF
// has no digits left for the tail, so 1 − cdf turns every p below about 1e-16 into 0. The regularized
// incomplete beta comes from jStat (`ibeta`, evaluated by its continued fraction on the small side),
// the upper regularized incomplete gamma from incomplete-gamma.ts.

/**
 * Two-sided p of Student's t: P(|T| ≥ |t|) = I_{ν/(ν + t²)}(ν/2, 1/2).
 *
 * Source: Abramowitz & Stegun (1964) Handbook of Mathematical Functions, 26.7.1 and 26.5.27.
 *
 * @example
 * studentTTwoSided(2.2281, 10); // => 0.05
 */
export function studentTTwoSided(t: number, df: number): number {
  if (!Number.isFinite(t)) return Number.isNaN(t) ? Number.NaN : 0;
  return clamp(jStat.ibeta(df / (df + t * t), df / 2, 0.5));
}

/**
 * P(F ≥ f) for the F distribution with (d1, d2) degrees of freedom: I_{d2/(d2 + d1·f)}(d2/2, d1/2).
 *
 * Source: Abramowitz & Stegun (1964) 26.6.2 with I_x(a, b) = 1 − I_{1−x}(b, a).
 *
 * @example
 * fUpperTail(4.8461, 2, 27); // => 0.01591
 */
export function fUpperTail(f: number, d1: number, d2: number): number {
  if (f <= 0) return 1;
  if (!Number.isFinite(f)) return Number.isNaN(f) ? Number.NaN : 0;
  return clamp(jStat.ibeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2));
}

/**
 * P(χ² ≥ x) with k degrees of freedom: Q(k/2, x/2), the upper regularized incomplete gamma.
 *
 * Source: Abramowitz & Stegun (1964) 26.4.2 (and 6.5.3).
 *
 * @example
 * chiSquareUpperTail(3.841459, 1); // => 0.05
 */
export function chiSquareUpperTail(x: number, k: number): number {
  if (x <= 0) return 1;
  return clamp(upperRegularizedGamma(k / 2, x / 2));
}

/**
 * Two-sided p of a standard normal z: P(|Z| ≥ |z|) = erfc(|z|/√2) = Q(1/2, z²/2), since z² is χ² with
 * one degree of freedom.
 *
 * Source: Abramowitz & Stegun (1964) 26.2.29 and 26.4.4.
 *
 * @example
 * normalTwoSided(1.959964); // => 0.05
 */
export function normalTwoSided(z: number): number {
  return chiSquareUpperTail(z * z, 1);
}

/** Kept within [0, 1] against floating-point spill. */
function clamp(p: number): number {
  return Math.min(1, Math.max(0, p));
}
