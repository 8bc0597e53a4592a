import { type Kysely, sql } from "kysely";

// Frozen: never import application code here.
//
// A known customer counts once per questionnaire and month, by their latest response of the month:
// `response.counted` is false for a response a later one of the same customer and month replaced. The
// rollups keep only counted responses (a replaced one is taken back out when its successor is rolled
// up), so reports read them as before. Forgetting the rollups' time zone rebuilds them under this rule.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table response add column counted boolean not null default true`.execute(db);
  await sql`delete from report_rollup_state`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table response drop column counted`.execute(db);
}
