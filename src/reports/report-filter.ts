import { withDelta } from "./delta-totals.ts";
import type { RollupPlan } from "./groups.ts";
import type { Period } from "./period.ts";
import type { AttributeValue, MeasureTotals, ReportFilter, VersionTotals } from "./report-model.ts";
import { accumulateRollup, type RollupResponse } from "./rollup.ts";

/**
 * How a report's filter is answered. The rollups hold everyone by day and each single attribute value
 * by month, so one attribute value over whole months is read from them; a combination of attribute
 * values, a saved segment, a free attribute, or an attribute value over a range of days is rolled up
 * on the fly from the matching responses (cost ∝ those responses), with the same pure code.
 */

/** Every attribute value a filter names, the first one first. */
export function attributeValuesOf(filter: ReportFilter): AttributeValue[] {
  return [
    ...(filter.attribute === undefined ? [] : [{ attribute: filter.attribute, value: filter.value ?? "" }]),
    ...(filter.moreAttributes ?? []),
  ];
}

/** Whether the report's respondents are narrowed at all (the department only narrows the items). */
export function narrowsRespondents(filter: ReportFilter): boolean {
  return (
    attributeValuesOf(filter).length > 0 || filter.segment !== undefined || filter.freeAttribute !== undefined
  );
}

/** Whether the rollups hold this filter's totals: nothing, or one attribute value over whole months. */
export function isRolledUp(filter: ReportFilter, period: Pick<Period, "kind">): boolean {
  const values = attributeValuesOf(filter);
  if (filter.segment !== undefined || filter.freeAttribute !== undefined || values.length > 1) return false;
  return values.length === 0 || period.kind !== "custom";
}

/**
 * The totals of a period rolled up on the fly: the counted responses of the period through the
 * rollups' own code, everyone's day rows added up.
 */
export function totalsOfResponses(
  plans: ReadonlyMap<number, RollupPlan>,
  responses: readonly RollupResponse[],
  period: Pick<Period, "from" | "to">,
): VersionTotals {
  const chosen = responses.filter((response) => response.day >= period.from && response.day < period.to);
  const totals = new Map<number, Map<string, MeasureTotals>>();
  for (const delta of accumulateRollup(plans, chosen).deltas) {
    if (delta.breakdown !== "") continue;
    const measures = totals.get(delta.versionId) ?? new Map<string, MeasureTotals>();
    measures.set(delta.measure, withDelta(measures.get(delta.measure), delta));
    totals.set(delta.versionId, measures);
  }
  return totals;
}
