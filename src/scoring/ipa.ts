import { assertFinite } from "./validate.ts";

/** The four quadrants of importance–performance analysis. */
export type IpaQuadrant = "concentrate_here" | "keep_up_the_good_work" | "low_priority" | "possible_overkill";

/** Where the axes cross, usually the means (or scale midpoints) of importance and performance. */
export interface IpaCrosshair {
  readonly importance: number;
  readonly performance: number;
}

/**
 * Importance–performance analysis quadrant of an attribute:
 * high importance & low performance → concentrate_here; high & high → keep_up_the_good_work;
 * low & low → low_priority; low importance & high performance → possible_overkill.
 * A value on the crosshair counts as high (≥).
 *
 * Source: Martilla, J.A. & James, J.C. (1977) "Importance-performance analysis", Journal of
 * Marketing 41(1):77-79, Figure 1.
 *
 * @throws {RangeError} if any value is not a finite number
 * @example
 * ipaQuadrant(4.5, 3.1, { importance: 4, performance: 3.5 }); // => "concentrate_here"
 */
export function ipaQuadrant(importance: number, performance: number, crosshair: IpaCrosshair): IpaQuadrant {
  assertFinite(importance, "ipaQuadrant(importance)");
  assertFinite(performance, "ipaQuadrant(performance)");
  assertFinite(crosshair?.importance, "ipaQuadrant(crosshair.importance)");
  assertFinite(crosshair.performance, "ipaQuadrant(crosshair.performance)");
  const important = importance >= crosshair.importance;
  const performing = performance >= crosshair.performance;
  if (important) return performing ? "keep_up_the_good_work" : "concentrate_here";
  return performing ? "possible_overkill" : "low_priority";
}
