import { type ColumnType, type RawBuilder, sql } from "kysely";
import type { SegmentFilter } from "./audience.ts";

/**
 * The customer as they were when they answered (a response) or were invited (an invitation): a copy
 * of the segment attributes taken at that moment and never updated. A response belongs to the segment
 * its customer was in when they answered, so reports, filters and exports read these copies, not the
 * customer's attributes of today (a customer who moves region leaves their old answers where they were).
 */
type Copied<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface CustomerAsAnsweredColumns {
  customer_type: Copied<string>;
  channel: Copied<string>;
  value_tier: Copied<string>;
  activity: Copied<string>;
  region: Copied<string>;
  manager_user_id: Copied<number>;
  customer_attributes: Copied<Record<string, unknown>>;
}

/** The copied columns, in the order `customerAttributesOf` selects them. */
export const CUSTOMER_AS_ANSWERED_COLUMNS = [
  "customer_type",
  "channel",
  "value_tier",
  "activity",
  "region",
  "manager_user_id",
  "customer_attributes",
] as const;

/** The select list that copies a customer row (`alias`) into the columns above, in their order. */
export function customerAttributesOf(alias: string): RawBuilder<unknown> {
  const c = sql.ref(alias);
  return sql`${c}.customer_type, ${c}.channel, ${c}.value_tier, ${c}.activity, ${c}.region,
    ${c}.manager_user_id, ${c}.attributes`;
}

/** `set` assignments copying the customer row `alias` onto a response or invitation being updated. */
export function copyCustomerAttributes(alias: string): RawBuilder<unknown> {
  const c = sql.ref(alias);
  return sql`customer_type = ${c}.customer_type, channel = ${c}.channel, value_tier = ${c}.value_tier,
    activity = ${c}.activity, region = ${c}.region, manager_user_id = ${c}.manager_user_id,
    customer_attributes = ${c}.attributes`;
}

/**
 * A saved segment's filter applied to the copies on `alias` (a response or invitation): the rows
 * whose customer was in the segment when they answered or were invited. Opt-outs and e-mail
 * addresses are about sending, not membership, and are not looked at.
 */
export function segmentAsAnsweredConditions(filter: SegmentFilter, alias: string): RawBuilder<unknown>[] {
  const r = (column: string) => sql.ref(`${alias}.${column}`);
  const anyOf = (column: string, values: readonly (string | number)[]) =>
    values.length === 0 ? [] : [sql`${r(column)} in (${sql.join(values.map((value) => sql`${value}`))})`];
  return [
    ...anyOf("customer_type", filter.customerTypes),
    ...anyOf("channel", filter.channels),
    ...anyOf("value_tier", filter.valueTiers),
    ...anyOf("activity", filter.activities),
    ...anyOf("region", filter.regions),
    ...anyOf("manager_user_id", filter.managerUserIds),
    ...filter.attributes.map(
      ({ key, value }) => sql`${r("customer_attributes")} @> ${JSON.stringify({ [key]: value })}::jsonb`,
    ),
  ];
}
