import { type Kysely, sql } from "kysely";
import { audienceCustomers } from "../customers/audience.ts";
import { CUSTOMER_AS_ANSWERED_COLUMNS, customerAttributesOf } from "../customers/customer-as-answered.ts";
import type { Database } from "../db/database.ts";
import type { WaveAudience } from "./wave.table.ts";

/**
 * The customers a wave goes to: everyone, a saved segment or a customer list (for instance the
 * customers of one import). Customers who opted out are never included.
 */
async function audienceQuery(db: Kysely<Database>, audience: WaveAudience) {
  if (audience.kind === "segment") return audienceCustomers(db, { segmentId: audience.id });
  if (audience.kind === "list") return audienceCustomers(db, { listId: audience.id });
  return db
    .selectFrom("customer")
    .select([
      "customer.id as id",
      "customer.email as email",
      "customer.locale as locale",
      "customer.manager_user_id as managerUserId",
    ])
    .where("customer.opted_out_at", "is", null);
}

/**
 * Creates the wave's invitations, one per customer of its audience, in one statement. Running it
 * again adds only customers not yet invited, so a retried launch job changes nothing.
 *
 * Email waves queue one message per customer with an address (the others are kept, marked not sent);
 * staff waves (calls and visits) assign each customer to their customer manager, or share the
 * customers without one evenly among the active customer managers.
 */
export async function createInvitations(
  db: Kysely<Database>,
  wave: { id: number; channel: "web" | "email" | "staff"; audience: WaveAudience; defaultLocale: string },
  now: Date,
): Promise<number> {
  // a standing wave's customers are added one at a time (standing-wave.ts), never by a launch
  if (wave.audience.kind === "individual") return 0;
  const result = await sql`
    with managers as (
      select id, row_number() over (order by id) - 1 as slot, count(*) over () as total
      from staff_user where role = 'customer_manager' and disabled_at is null
    ), audience as (
      select a.id, a.email, a."managerUserId" as manager_user_id, a.locale,
        row_number() over (order by a.id) - 1 as position
      from (${await audienceQuery(db, wave.audience)}) a
    )
    insert into invitation (wave_id, customer_id, email, locale, assigned_to, status, next_attempt_at,
      ${sql.join(CUSTOMER_AS_ANSWERED_COLUMNS.map((column) => sql.ref(column)))})
    select ${wave.id}, a.id, a.email,
      case when a.locale in ('zh-CN', 'en') then a.locale else ${wave.defaultLocale} end,
      ${
        wave.channel === "staff"
          ? sql`coalesce(a.manager_user_id, (select m.id from managers m where m.slot = a.position % m.total))`
          : sql`null`
      },
      ${wave.channel === "email" ? sql`case when a.email is null or a.email = '' then 'not_sent' else 'queued' end` : sql`'not_sent'`},
      ${now}, ${customerAttributesOf("c")}
    from audience a join customer c on c.id = a.id
    on conflict (wave_id, customer_id) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
