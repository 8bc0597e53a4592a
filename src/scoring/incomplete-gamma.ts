import jStat from "jstat";

/**
 * Q(a, x) = Γ(a, x) / Γ(a), the upper regularized incomplete gamma, computed so that a tiny Q keeps its
 * digits: below x = a + 1 by the series for P(a, x) (there Q is not small, so 1 − P loses nothing);
 * above it directly, by the continued fraction for Γ(a, x) evaluated with the modified Lentz method.
 *
 * Source: Abramowitz & Stegun (1964) 6.5.29 (series) and 6.5.31 (continued fraction); Lentz's method as
 * in Press et al., Numerical Recipes, 3rd ed., §5.2 and §6.2.
 *
 * @example
 * upperRegularizedGamma(0.5, 1.920729); // => 0.05 (χ² = 3.841459 with 1 df)
 */
export function upperRegularizedGamma(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0) return Number.NaN;
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  const logPrefactor = a * Math.log(x) - x - jStat.gammaln(a);
  return x < a + 1 ? 1 - lowerBySeries(a, x, logPrefactor) : upperByContinuedFraction(a, x, logPrefactor);
}

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_TERMS = 10_000;

/** P(a, x) = e^{−x} x^a / Γ(a) · Σ x^n / (a (a+1) … (a+n)). */
function lowerBySeries(a: number, x: number, logPrefactor: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(logPrefactor);
}

/** Q(a, x) = e^{−x} x^a / Γ(a) · 1 / (x + 1 − a − 1·(1 − a) / (x + 3 − a − 2·(2 − a) / (x + 5 − a − …))). */
function upperByContinuedFraction(a: number, x: number, logPrefactor: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < MAX_TERMS; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(logPrefactor) * h;
}
