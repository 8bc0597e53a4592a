import { type Kysely, sql } from "kysely";

// Frozen: never import application code here.
//
// A response belongs to the segment its customer was in when they answered, an invitation to the one
// the customer was in when invited: both keep a copy of the customer's attributes, taken when the
// response is submitted and when the invitation is created. Reports, filters and exports read the
// copy, so a customer who later moves region leaves their old answers where they were.
//
// Rows stored before this migration take the customer's attributes of today (the best that is known).
// Forgetting the rollups' time zone makes the next catch-up rebuild every rollup from the copies.
const COLUMNS = sql`
  add column customer_type text, add column channel text, add column value_tier text,
  add column activity text, add column region text, add column manager_user_id bigint,
  add column customer_attributes jsonb`;

const COPY = sql`customer_type = c.customer_type, channel = c.channel, value_tier = c.value_tier,
  activity = c.activity, region = c.region, manager_user_id = c.manager_user_id,
  customer_attributes = c.attributes`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table response ${COLUMNS}`.execute(db);
  await sql`alter table invitation ${COLUMNS}`.execute(db);
  await sql`update response r set ${COPY}, customer_ref = coalesce(r.customer_ref, c.external_ref)
    from customer c where c.id = r.customer_id`.execute(db);
  await sql`update invitation i set ${COPY} from customer c where c.id = i.customer_id`.execute(db);
  await sql`delete from report_rollup_state`.execute(db);
}

const DROP = sql`
  drop column customer_type, drop column channel, drop column value_tier, drop column activity,
  drop column region, drop column manager_user_id, drop column customer_attributes`;

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table response ${DROP}`.execute(db);
  await sql`alter table invitation ${DROP}`.execute(db);
}
