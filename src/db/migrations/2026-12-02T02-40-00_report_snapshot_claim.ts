import { type Kysely, sql } from "kysely";

// Frozen: never import application code here.
//
// A report run being sent is claimed by the presence id of the process sending it, as invitations and
// customer imports are: a run whose process is gone is taken over at once, instead of after a
// 15-minute lease. Runs already 'sending' have no claimant and count as orphaned.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table report_snapshot add column claimed_by text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table report_snapshot drop column claimed_by`.execute(db);
}
