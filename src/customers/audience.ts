import { type SelectQueryBuilder, sql } from "kysely";
import { z } from "zod";
import type { Database, Db } from "../db/database.ts";
import { NotFoundError } from "../errors.ts";
import { ACTIVITIES, CUSTOMER_TYPES, VALUE_TIERS } from "./customer.ts";

/**
 * A saved segment's filter over the segment attributes. Within one attribute the values are
 * alternatives (channel 个险 or 银保); the attributes are combined with "and". An empty list means
 * "any". Opted-out customers are left out unless `includeOptedOut` (and audienceCustomers leaves them
 * out whatever the segment says: nobody who opted out is ever sent anything).
 */
export const segmentFilterSchema = z
  .object({
    customerTypes: z.array(z.enum(CUSTOMER_TYPES)).max(CUSTOMER_TYPES.length).default([]),
    channels: z.array(z.string().trim().min(1).max(50)).max(100).default([]),
    valueTiers: z.array(z.enum(VALUE_TIERS)).max(VALUE_TIERS.length).default([]),
    activities: z.array(z.enum(ACTIVITIES)).max(ACTIVITIES.length).default([]),
    regions: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
    managerUserIds: z.array(z.number().int().positive()).max(200).default([]),
    /** free attributes that must equal the value given (all of them) */
    attributes: z
      .array(z.object({ key: z.string().trim().min(1).max(60), value: z.string().trim().max(500) }).strict())
      .max(10)
      .default([]),
    /** only customers with an email address (for email waves) */
    withEmail: z.boolean().default(false),
    includeOptedOut: z.boolean().default(false),
  })
  .strict();
export type SegmentFilter = z.output<typeof segmentFilterSchema>;

/** The filter that matches every customer who has not opted out. */
export const EMPTY_SEGMENT_FILTER: SegmentFilter = segmentFilterSchema.parse({});

/** Narrows a query over `customer` to the customers a segment filter matches. */
export function whereSegment<O>(
  query: SelectQueryBuilder<Database, "customer", O>,
  filter: SegmentFilter,
): SelectQueryBuilder<Database, "customer", O> {
  let q = query;
  if (filter.customerTypes.length > 0) q = q.where("customer.customer_type", "in", filter.customerTypes);
  if (filter.channels.length > 0) q = q.where("customer.channel", "in", filter.channels);
  if (filter.valueTiers.length > 0) q = q.where("customer.value_tier", "in", filter.valueTiers);
  if (filter.activities.length > 0) q = q.where("customer.activity", "in", filter.activities);
  if (filter.regions.length > 0) q = q.where("customer.region", "in", filter.regions);
  if (filter.managerUserIds.length > 0) q = q.where("customer.manager_user_id", "in", filter.managerUserIds);
  for (const { key, value } of filter.attributes) {
    q = q.where(sql<boolean>`customer.attributes @> ${JSON.stringify({ [key]: value })}::jsonb`);
  }
  if (filter.withEmail) q = q.where("customer.email", "is not", null);
  if (!filter.includeOptedOut) q = q.where("customer.opted_out_at", "is", null);
  return q;
}

/** Who a wave goes to: a saved segment, or a customer list (e.g. the customers of one import). */
export type Audience = { segmentId: number | string } | { listId: number | string };

const toId = (value: number | string, what: string): number => {
  const id = typeof value === "number" ? value : Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(`No such ${what}`);
  return id;
};

/**
 * The customers of an audience, as a Kysely select over `customer` that the wave code can extend and
 * use in `INSERT INTO invitation … SELECT`. Opted-out customers are never included, whatever a
 * segment's filter says (check again at send time: a customer may opt out after the wave is created).
 * A segment is evaluated now, against the customers as they are.
 *
 * @throws {NotFoundError} when the segment or list does not exist
 * @example
 *   const audience = await audienceCustomers(trx, { segmentId: 3 });
 *   await trx.insertInto("invitation")
 *     .columns(["wave_id", "customer_id"])
 *     .expression(audience.clearSelect().select([sql.lit(waveId).as("wave_id"), "customer.id"]))
 *     .execute();
 */
export async function audienceCustomers(db: Db, audience: Audience) {
  const base = db
    .selectFrom("customer")
    .select([
      "customer.id as id",
      "customer.external_ref as externalRef",
      "customer.name as name",
      "customer.email as email",
      "customer.phone as phone",
      "customer.locale as locale",
      "customer.manager_user_id as managerUserId",
    ])
    .where("customer.opted_out_at", "is", null);
  if ("segmentId" in audience) {
    const segment = await db
      .selectFrom("segment")
      .select("filter")
      .where("id", "=", toId(audience.segmentId, "segment"))
      .executeTakeFirst();
    if (!segment) throw new NotFoundError("No such segment");
    return whereSegment(base, parseStoredFilter(segment.filter));
  }
  const listId = toId(audience.listId, "customer list");
  const list = await db.selectFrom("customer_list").select("id").where("id", "=", listId).executeTakeFirst();
  if (!list) throw new NotFoundError("No such customer list");
  return base.where((eb) =>
    eb.exists(
      eb
        .selectFrom("customer_list_member")
        .select(sql.lit(1).as("one"))
        .whereRef("customer_list_member.customer_id", "=", "customer.id")
        .where("customer_list_member.list_id", "=", listId),
    ),
  );
}

/** Whether the segment or customer list of an audience exists (it may have been deleted since). */
export async function audienceExists(db: Db, audience: Audience): Promise<boolean> {
  const [table, value] =
    "segmentId" in audience
      ? (["segment", audience.segmentId] as const)
      : (["customer_list", audience.listId] as const);
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) return false;
  return (await db.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

/** How many customers an audience has now (opted-out customers left out). */
export async function countAudience(db: Db, audience: Audience): Promise<number> {
  const query = await audienceCustomers(db, audience);
  const row = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

const storedFilterSchema = z.object(segmentFilterSchema.shape);

/** A stored filter, read leniently: fields added later take their defaults, unknown ones are dropped. */
export function parseStoredFilter(stored: unknown): SegmentFilter {
  const parsed = storedFilterSchema.safeParse(stored);
  if (!parsed.success) throw new Error(`a stored segment filter is not valid: ${parsed.error.message}`);
  return parsed.data;
}

export interface SegmentSummary {
  id: number;
  name: string;
  description: string | null;
  filter: SegmentFilter;
  updatedAt: Date;
}

/** Every saved segment, by name (for the wave form's audience select). */
export async function listSegments(db: Db): Promise<SegmentSummary[]> {
  const rows = await db
    .selectFrom("segment")
    .select(["id", "name", "description", "filter", "updated_at"])
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    filter: parseStoredFilter(row.filter),
    updatedAt: row.updated_at,
  }));
}

export interface CustomerListSummary {
  id: number;
  name: string;
  source: "import" | "api" | "manual";
  memberCount: number;
  createdAt: Date;
}

/** Every customer list, newest first, with its member count (for the wave form's audience select). */
export async function listCustomerLists(db: Db): Promise<CustomerListSummary[]> {
  const rows = await db
    .selectFrom("customer_list")
    .select((eb) => [
      "customer_list.id",
      "customer_list.name",
      "customer_list.source",
      "customer_list.created_at",
      eb
        .selectFrom("customer_list_member")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("customer_list_member.list_id", "=", "customer_list.id")
        .as("member_count"),
    ])
    .orderBy("customer_list.id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    source: row.source,
    memberCount: Number(row.member_count ?? 0),
    createdAt: row.created_at,
  }));
}
