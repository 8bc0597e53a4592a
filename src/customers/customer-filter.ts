import { z } from "zod";
import type { Role } from "../accounts/roles.ts";
import { hasPermission } from "../accounts/roles.ts";
import type { StaffUser } from "../accounts/staff-user.ts";
import { ForbiddenError } from "../errors.ts";
import { EMPTY_SEGMENT_FILTER, type SegmentFilter } from "./audience.ts";
import type { CustomerScope, CustomerSearch } from "./customer.repository.ts";
import { ACTIVITIES, CUSTOMER_TYPES, VALUE_TIERS } from "./customer.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);
const optionalId = z.preprocess(blank, z.coerce.number().int().positive().optional());
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional());

/**
 * The customer list's query string, shared by the console page and `GET /api/v1/customers`: one value
 * per attribute (a segment gives several), a search text, a customer list and a saved segment.
 */
export const customerQuerySchema = z.object({
  q: optionalText(100),
  type: z.preprocess(blank, z.enum(CUSTOMER_TYPES).optional()),
  channel: optionalText(50),
  tier: z.preprocess(blank, z.enum(VALUE_TIERS).optional()),
  activity: z.preprocess(blank, z.enum(ACTIVITIES).optional()),
  region: optionalText(100),
  manager: optionalId,
  /** default: every customer; `exclude` leaves opted-out customers out, `only` shows just them */
  optedOut: z.preprocess(blank, z.enum(["exclude", "only"]).optional()),
  list: optionalId,
  segment: optionalId,
});
export type CustomerQuery = z.output<typeof customerQuerySchema>;

/** The repository's search for a query (and the saved segment it names, already loaded). */
export function toCustomerSearch(query: CustomerQuery, segment?: SegmentFilter): CustomerSearch {
  const filter: SegmentFilter = {
    ...EMPTY_SEGMENT_FILTER,
    customerTypes: query.type ? [query.type] : [],
    channels: query.channel ? [query.channel] : [],
    valueTiers: query.tier ? [query.tier] : [],
    activities: query.activity ? [query.activity] : [],
    regions: query.region ? [query.region] : [],
    managerUserIds: query.manager ? [query.manager] : [],
    includeOptedOut: query.optedOut !== "exclude",
  };
  return {
    filters: segment ? [filter, segment] : [filter],
    text: query.q,
    listId: query.list,
    optedOutOnly: query.optedOut === "only",
  };
}

/** The query's values as strings, for links that keep the filter (pages, export). */
export function keptCustomerQuery(query: CustomerQuery): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query)
      .filter(([key, value]) => value !== undefined && key !== "page" && key !== "pageSize")
      .map(([key, value]) => [key, String(value)]),
  );
}

/**
 * Whose customers `user` may see. Customer managers see only those assigned to them; the check is in
 * every query (customer.repository.ts), so a guessed URL or API call finds nothing else.
 *
 * @throws {ForbiddenError} for a role without either customer permission
 */
export function customerScopeOf(user: StaffUser): CustomerScope {
  if (hasPermission(user.role, "customers.view_all")) return { kind: "all" };
  if (hasPermission(user.role, "customers.view_assigned"))
    return { kind: "assigned", managerUserId: user.id };
  throw new ForbiddenError();
}

/**
 * Who may create, edit and import customers, and manage segments: those who see all of them (quality
 * staff, administrators). Customer managers may record an opt-out of their own customers.
 */
export function canManageCustomers(role: Role): boolean {
  return hasPermission(role, "customers.view_all");
}
