import { type Selectable, type SelectQueryBuilder, sql } from "kysely";
import type { Database, Db } from "../db/database.ts";
import { type SegmentFilter, whereSegment } from "./audience.ts";
import type { CustomerTable } from "./customer.table.ts";
import type {
  Activity,
  Customer,
  CustomerLocale,
  CustomerType,
  CustomerUpsert,
  OptOutSource,
  ValueTier,
} from "./customer.ts";

type CustomerRow = Selectable<CustomerTable>;

/**
 * Whose customers a staff user may see: everybody's (customers.view_all) or only those assigned to
 * them (customers.view_assigned). Every query of this file takes it, so scoping cannot be forgotten.
 */
export type CustomerScope = { kind: "all" } | { kind: "assigned"; managerUserId: number };

function scoped<O>(query: SelectQueryBuilder<Database, "customer", O>, scope: CustomerScope) {
  return scope.kind === "all" ? query : query.where("customer.manager_user_id", "=", scope.managerUserId);
}

const CUSTOMER_COLUMNS = [
  "customer.id",
  "customer.external_ref",
  "customer.name",
  "customer.email",
  "customer.phone",
  "customer.customer_type",
  "customer.channel",
  "customer.value_tier",
  "customer.activity",
  "customer.region",
  "customer.manager_user_id",
  "customer.locale",
  "customer.attributes",
  "customer.opted_out_at",
  "customer.opt_out_source",
  "customer.created_at",
  "customer.updated_at",
] as const;

function toCustomer(
  row: CustomerRow & { manager_name: string | null; manager_username: string | null },
): Customer {
  return {
    id: row.id,
    externalRef: row.external_ref,
    name: row.name,
    email: row.email,
    phone: row.phone,
    customerType: row.customer_type as CustomerType | null,
    channel: row.channel,
    valueTier: row.value_tier as ValueTier | null,
    activity: row.activity as Activity | null,
    region: row.region,
    managerUserId: row.manager_user_id,
    managerName: row.manager_name,
    managerUsername: row.manager_username,
    locale: row.locale,
    attributes: Object.fromEntries(Object.entries(row.attributes ?? {}).map(([k, v]) => [k, String(v)])),
    optedOutAt: row.opted_out_at,
    optOutSource: row.opt_out_source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectCustomers(db: Db) {
  return db
    .selectFrom("customer")
    .leftJoin("staff_user", "staff_user.id", "customer.manager_user_id")
    .select([
      ...CUSTOMER_COLUMNS,
      "staff_user.display_name as manager_name",
      "staff_user.username as manager_username",
    ]);
}

/** The console's and the API's list filter: a segment filter plus a search text and a list. */
export interface CustomerSearch {
  /** all of them must match */
  filters: SegmentFilter[];
  /** matches the start of the reference, or any part of the name, email or phone (case-insensitive) */
  text?: string | undefined;
  listId?: number | undefined;
  /** `only`: just the opted-out customers (the filter's includeOptedOut must be true for this) */
  optedOutOnly?: boolean | undefined;
}

function searched<O>(query: SelectQueryBuilder<Database, "customer", O>, search: CustomerSearch) {
  let q = query;
  for (const filter of search.filters) q = whereSegment(q, filter);
  if (search.text) {
    const like = `%${search.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const prefix = `${search.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb("customer.external_ref", "ilike", prefix),
        eb("customer.name", "ilike", like),
        eb("customer.email", "ilike", like),
        eb("customer.phone", "like", like),
      ]),
    );
  }
  if (search.listId !== undefined) {
    const listId = search.listId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("customer_list_member")
          .select(sql.lit(1).as("one"))
          .whereRef("customer_list_member.customer_id", "=", "customer.id")
          .where("customer_list_member.list_id", "=", listId),
      ),
    );
  }
  if (search.optedOutOnly) q = q.where("customer.opted_out_at", "is not", null);
  return q;
}

export async function searchCustomers(
  db: Db,
  scope: CustomerScope,
  search: CustomerSearch,
  page: { limit: number; offset: number },
): Promise<{ items: Customer[]; total: number }> {
  const [rows, count] = await Promise.all([
    searched(scoped(selectCustomers(db), scope), search)
      .orderBy("customer.name")
      .orderBy("customer.id")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    countCustomers(db, scope, search),
  ]);
  return { items: rows.map(toCustomer), total: count };
}

export async function countCustomers(db: Db, scope: CustomerScope, search: CustomerSearch): Promise<number> {
  const row = await searched(
    scoped(
      db.selectFrom("customer").select((eb) => eb.fn.countAll<number>().as("count")),
      scope,
    ),
    search,
  ).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The free attribute names of the customers a search finds (at most 100), for export columns. */
export async function attributeKeysOf(
  db: Db,
  scope: CustomerScope,
  search: CustomerSearch,
): Promise<string[]> {
  const customers = searched(scoped(db.selectFrom("customer").select("customer.attributes"), scope), search);
  const rows = await db
    .selectFrom(customers.as("c"))
    .select(sql<string>`jsonb_object_keys(c.attributes)`.as("key"))
    .distinct()
    .orderBy("key")
    .limit(100)
    .execute();
  return rows.map((row) => row.key);
}

/** The customer lists a customer belongs to, newest first. */
export async function listsOfCustomer(
  db: Db,
  customerId: number,
): Promise<{ id: number; name: string; createdAt: Date }[]> {
  const rows = await db
    .selectFrom("customer_list_member")
    .innerJoin("customer_list", "customer_list.id", "customer_list_member.list_id")
    .select(["customer_list.id", "customer_list.name", "customer_list.created_at"])
    .where("customer_list_member.customer_id", "=", customerId)
    .orderBy("customer_list.id", "desc")
    .limit(50)
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
}

/** A batch of customers after `afterId` in id order (keyset paging for streamed exports). */
export async function listCustomersAfter(
  db: Db,
  scope: CustomerScope,
  search: CustomerSearch,
  afterId: number,
  limit: number,
): Promise<Customer[]> {
  const rows = await searched(scoped(selectCustomers(db), scope), search)
    .where("customer.id", ">", afterId)
    .orderBy("customer.id")
    .limit(limit)
    .execute();
  return rows.map(toCustomer);
}

export async function findCustomer(db: Db, scope: CustomerScope, id: number): Promise<Customer | undefined> {
  const row = await scoped(selectCustomers(db), scope).where("customer.id", "=", id).executeTakeFirst();
  return row && toCustomer(row);
}

export async function findCustomerByRef(
  db: Db,
  scope: CustomerScope,
  externalRef: string,
): Promise<Customer | undefined> {
  const row = await scoped(selectCustomers(db), scope)
    .where("customer.external_ref", "=", externalRef)
    .executeTakeFirst();
  return row && toCustomer(row);
}

export async function customerRefExists(db: Db, externalRef: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom("customer").select("id").where("external_ref", "=", externalRef);
  if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Every field of a customer as the console form sets it (null clears a value). */
export interface CustomerValues {
  externalRef: string;
  name: string;
  email: string | null;
  phone: string | null;
  customerType: CustomerType | null;
  channel: string | null;
  valueTier: ValueTier | null;
  activity: Activity | null;
  region: string | null;
  managerUserId: number | null;
  locale: CustomerLocale | null;
  attributes: Record<string, string>;
}

const valueColumns = (values: CustomerValues) => ({
  external_ref: values.externalRef,
  name: values.name,
  email: values.email,
  phone: values.phone,
  customer_type: values.customerType,
  channel: values.channel,
  value_tier: values.valueTier,
  activity: values.activity,
  region: values.region,
  manager_user_id: values.managerUserId,
  locale: values.locale,
  attributes: JSON.stringify(values.attributes),
});

export async function insertCustomer(db: Db, values: CustomerValues): Promise<number> {
  const row = await db
    .insertInto("customer")
    .values(valueColumns(values))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCustomer(db: Db, id: number, values: CustomerValues, now: Date): Promise<void> {
  await db
    .updateTable("customer")
    .set({ ...valueColumns(values), updated_at: now })
    .where("id", "=", id)
    .execute();
}

/** Records an opt-out (`at` set) or clears it (`at` null). */
export async function setCustomerOptOut(
  db: Db,
  id: number,
  optOut: { at: Date; source: string } | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable("customer")
    .set({ opted_out_at: optOut?.at ?? null, opt_out_source: optOut?.source ?? null, updated_at: now })
    .where("id", "=", id)
    .execute();
}

/** Records an opt-out unless the customer has one already (an earlier opt-out and its source stay). */
export async function recordFirstOptOut(
  db: Db,
  id: number,
  optOut: { at: Date; source: OptOutSource },
  now: Date,
): Promise<void> {
  await db
    .updateTable("customer")
    .set({ opted_out_at: optOut.at, opt_out_source: optOut.source, updated_at: now })
    .where("id", "=", id)
    .where("opted_out_at", "is", null)
    .execute();
}

/**
 * Inserts or updates customers by external reference in one statement (the rows travel as one array
 * per column through unnest, so a few thousand rows are one round trip and a handful of parameters).
 * A null value keeps what an existing customer has; attributes are merged; an opt-out is never
 * removed. The references must be distinct within one call.
 *
 * @returns the ids of the rows, in no particular order, and how many were new
 */
export async function upsertCustomerRows(
  db: Db,
  rows: readonly CustomerUpsert[],
): Promise<{ ids: number[]; inserted: number; updated: number }> {
  if (rows.length === 0) return { ids: [], inserted: 0, updated: 0 };
  const column = <T>(pick: (row: CustomerUpsert) => T) => rows.map(pick);
  const result = await sql<{ id: number; inserted: boolean }>`
    insert into customer (external_ref, name, email, phone, customer_type, channel, value_tier, activity,
                          region, manager_user_id, locale, attributes, opted_out_at, opt_out_source)
    select * from unnest(
      ${column((r) => r.externalRef)}::text[], ${column((r) => r.name)}::text[],
      ${column((r) => r.email)}::text[], ${column((r) => r.phone)}::text[],
      ${column((r) => r.customerType)}::text[], ${column((r) => r.channel)}::text[],
      ${column((r) => r.valueTier)}::text[], ${column((r) => r.activity)}::text[],
      ${column((r) => r.region)}::text[], ${column((r) => r.managerUserId)}::bigint[],
      ${column((r) => r.locale)}::text[], ${column((r) => JSON.stringify(r.attributes))}::jsonb[],
      ${column((r) => r.optedOutAt)}::timestamptz[], ${column((r) => r.optOutSource)}::text[])
    on conflict (external_ref) do update set
      name = excluded.name,
      email = coalesce(excluded.email, customer.email),
      phone = coalesce(excluded.phone, customer.phone),
      customer_type = coalesce(excluded.customer_type, customer.customer_type),
      channel = coalesce(excluded.channel, customer.channel),
      value_tier = coalesce(excluded.value_tier, customer.value_tier),
      activity = coalesce(excluded.activity, customer.activity),
      region = coalesce(excluded.region, customer.region),
      manager_user_id = coalesce(excluded.manager_user_id, customer.manager_user_id),
      locale = coalesce(excluded.locale, customer.locale),
      attributes = customer.attributes || excluded.attributes,
      opted_out_at = coalesce(customer.opted_out_at, excluded.opted_out_at),
      opt_out_source = case when customer.opted_out_at is null then excluded.opt_out_source
                            else customer.opt_out_source end,
      updated_at = now()
    returning id, (xmax = 0) as inserted`.execute(db);
  let inserted = 0;
  const ids = result.rows.map((row) => {
    if (row.inserted) inserted++;
    return Number(row.id);
  });
  return { ids, inserted, updated: ids.length - inserted };
}

/** Active staff users by lower-case username, for resolving a manager column. */
export async function staffIdsByUsername(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("staff_user")
    .select(["id", "username"])
    .where("disabled_at", "is", null)
    .execute();
  return new Map(rows.map((row) => [row.username.toLowerCase(), row.id]));
}

/** Staff who may be assigned customers: active customer managers, by name. */
export async function listCustomerManagers(
  db: Db,
): Promise<{ id: number; username: string; name: string }[]> {
  const rows = await db
    .selectFrom("staff_user")
    .select(["id", "username", "display_name"])
    .where("role", "=", "customer_manager")
    .where("disabled_at", "is", null)
    .orderBy("display_name")
    .execute();
  return rows.map((row) => ({ id: row.id, username: row.username, name: row.display_name }));
}

/** The values in use for a text attribute (channel or region), most common first, for filter choices. */
export async function distinctValues(
  db: Db,
  column: "channel" | "region",
  limit = 100,
): Promise<{ value: string; count: number }[]> {
  const rows = await db
    .selectFrom("customer")
    .select([`${column} as value`, (eb) => eb.fn.countAll<number>().as("count")])
    .where(column, "is not", null)
    .groupBy(column)
    .orderBy("count", "desc")
    .orderBy(column)
    .limit(limit)
    .execute();
  return rows.map((row) => ({ value: String(row.value), count: Number(row.count) }));
}

/** Free attribute names in use (from a sample), for the segment form's suggestions. */
export async function attributeKeys(db: Db, limit = 50): Promise<string[]> {
  const rows = await sql<{ key: string }>`
    select key from (select attributes from customer order by id desc limit 5000) sample,
      jsonb_object_keys(sample.attributes) as key
    group by key order by count(*) desc, key limit ${limit}`.execute(db);
  return rows.rows.map((row) => row.key);
}

export interface InterviewCustomer {
  id: number;
  externalRef: string;
  name: string;
  phone: string | null;
  region: string | null;
}

/** How many customers the interview page offers at once; a search narrows them down. */
export const INTERVIEW_CHOICES = 200;

/**
 * The customers a staff member may interview (their own, for a customer manager), by name, optionally
 * searched like the customer list; `more` says whether others match beyond the first INTERVIEW_CHOICES.
 */
export async function listInterviewCustomers(
  db: Db,
  managerUserId: number | undefined,
  text?: string,
): Promise<{ customers: InterviewCustomer[]; more: boolean }> {
  let query = searched(
    db
      .selectFrom("customer")
      .select(["id", "external_ref", "name", "phone", "region"])
      .where("opted_out_at", "is", null)
      .orderBy("name")
      .orderBy("id")
      .limit(INTERVIEW_CHOICES + 1),
    { filters: [], text },
  );
  if (managerUserId !== undefined) query = query.where("manager_user_id", "=", managerUserId);
  const rows = await query.execute();
  return {
    customers: rows.slice(0, INTERVIEW_CHOICES).map((row) => ({
      id: row.id,
      externalRef: row.external_ref,
      name: row.name,
      phone: row.phone,
      region: row.region,
    })),
    more: rows.length > INTERVIEW_CHOICES,
  };
}

export async function findInterviewCustomer(
  db: Db,
  id: number,
  managerUserId: number | undefined,
): Promise<InterviewCustomer | undefined> {
  let query = db
    .selectFrom("customer")
    .select(["id", "external_ref", "name", "phone", "region"])
    .where("id", "=", id);
  if (managerUserId !== undefined) query = query.where("manager_user_id", "=", managerUserId);
  const row = await query.executeTakeFirst();
  return (
    row && { id: row.id, externalRef: row.external_ref, name: row.name, phone: row.phone, region: row.region }
  );
}
