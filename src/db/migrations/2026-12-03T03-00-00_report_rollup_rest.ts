import { type Kysely, sql } from "kysely";

// Frozen: never import application code here.
//
// Rollups gain a measure per satisfaction item against the rest of the respondent's items (the
// corrected item–total correlation of derived importance). Forgetting the rollups' time zone makes the
// next catch-up rebuild every rollup from the responses, the new measure included.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`delete from report_rollup_state`.execute(db);
}

export async function down(_db: Kysely<unknown>): Promise<void> {
  // Nothing to undo: the rebuilt rollups hold the older measures too.
}
