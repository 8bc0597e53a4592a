import { type Kysely, sql } from "kysely";
import { findStaffUserById } from "../src/accounts/staff-user.repository.ts";
import { addCustomerListMembers, insertCustomerList } from "../src/customers/customer-list.repository.ts";
import type { Database } from "../src/db/database.ts";
import { findWaveForLaunch } from "../src/distribution/wave.repository.ts";
import { createWave, waveInputSchemaIn } from "../src/distribution/wave.service.ts";
import { createInvitations } from "../src/distribution/wave-launch.ts";
import { addDays, todayIn } from "../src/lib/time.ts";

export const DEMO_STAFF_WAVE = "客户经理电话回访（演示）";
/** how many of each customer manager's customers are on the demo call list */
const PER_MANAGER = 8;
/** the demo call list stays open this many days after the day it is loaded */
const OPEN_DAYS = 30;

/**
 * One sent phone-and-visit wave of the after-service questionnaire, to a few customers of each customer
 * manager, so a customer manager's call list has customers to call on the first day. Made through the
 * console's own steps: a customer list, the wave (`createWave`, audited as the quality staff member),
 * then the launch job's step that assigns each invitation to the customer's manager. It opens on the day
 * it is loaded and closes {@link OPEN_DAYS} days later (in the organisation's zone). Skipped when it
 * exists, or when there is no quality staff member or no after-service questionnaire to send.
 */
export async function seedDemoStaffWave(
  db: Kysely<Database>,
  now: Date,
  timeZone: string,
): Promise<{ waveId: number; invitations: number } | undefined> {
  const exists = await db
    .selectFrom("wave")
    .select("id")
    .where("name", "=", DEMO_STAFF_WAVE)
    .executeTakeFirst();
  if (exists) return undefined;
  const after = await db
    .selectFrom("wave")
    .select("questionnaire_id")
    .where("slug", "=", "after-service")
    .executeTakeFirst();
  const qualityId = await db
    .selectFrom("staff_user")
    .select("id")
    .where("role", "=", "quality")
    .where("disabled_at", "is", null)
    .orderBy("id")
    .executeTakeFirst();
  const quality = qualityId && (await findStaffUserById(db, qualityId.id));
  if (!after || !quality) return undefined;
  // the first few customers (by reference) of every active customer manager
  const customers = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("customer as c")
        .innerJoin("staff_user as s", "s.id", "c.manager_user_id")
        .select([
          "c.id",
          sql<number>`row_number() over (partition by c.manager_user_id order by c.external_ref)`.as("n"),
        ])
        .where("s.role", "=", "customer_manager")
        .where("s.disabled_at", "is", null)
        .where("c.opted_out_at", "is", null)
        .as("ranked"),
    )
    .select("ranked.id")
    .where("ranked.n", "<=", PER_MANAGER)
    .execute();
  if (customers.length === 0) return undefined;
  const listId = await insertCustomerList(db, {
    name: "客户经理回访名单（演示）",
    source: "manual",
    createdBy: quality.id,
  });
  await addCustomerListMembers(
    db,
    listId,
    customers.map((customer) => customer.id),
  );
  const today = todayIn(timeZone, now);
  const actor = { user: quality, ip: null };
  const waveId = await createWave(
    db,
    actor,
    waveInputSchemaIn(timeZone).parse({
      name: DEMO_STAFF_WAVE,
      questionnaireId: after.questionnaire_id,
      channel: "staff",
      audience: { kind: "list", id: listId },
      opensAt: today,
      closesAt: addDays(today, OPEN_DAYS),
    }),
  );
  // sent as the console sends it: marked launched, then the launch job's step makes the invitations
  await db
    .updateTable("wave")
    .set({ launched_at: now, launched_by: quality.id })
    .where("id", "=", waveId)
    .execute();
  const wave = await findWaveForLaunch(db, waveId);
  const invitations = wave ? await createInvitations(db, wave, now) : 0;
  return { waveId, invitations };
}
