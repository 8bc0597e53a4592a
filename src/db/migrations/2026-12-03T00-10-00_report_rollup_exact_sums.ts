import { type Kysely, sql } from "kysely";

// Frozen: never import application code here.
//
// Report rollups kept Σ respondent scores of a group only as a float, and respondent scores are means
// (thirds, sixths, ninths…), so a score of exactly 85 could come back as 84.99999999999999 and be graded
// "average". Each satisfaction group's row now also keeps, exactly, the points of its respondents by how
// many of the group's items they answered (whole millionths of a point; entry k = k items answered), from
// which the report adds the scores up as fractions. The existing rollups have no such column to fill in
// from SQL alone (it takes the questionnaire's scale), so they are emptied and every response is marked
// for the rollup again: the next catch-up (at start, by the job, or before a report) rebuilds them, as it
// does after a change of time zone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table report_rollup add column points_by_answer_count bigint[]`.execute(db);
  await sql`delete from report_rollup`.execute(db);
  await sql`delete from report_dissatisfied`.execute(db);
  await sql`update response set rolled_up = false where rolled_up`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table report_rollup drop column points_by_answer_count`.execute(db);
}
