import { type Kysely, sql } from "kysely";

// Frozen: never import application code here.
//
// "Segment" means one thing in manyi: a customers' saved filter. The report's comparison of respondents
// by one attribute value (customer type, channel, region …) is a breakdown; the rollup's columns and
// index take that name. Data unchanged.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table report_rollup rename column segment to breakdown`.execute(db);
  await sql`alter table report_rollup rename column segment_attribute to breakdown_attribute`.execute(db);
  await sql`alter index report_rollup_segments_idx rename to report_rollup_breakdowns_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter index report_rollup_breakdowns_idx rename to report_rollup_segments_idx`.execute(db);
  await sql`alter table report_rollup rename column breakdown_attribute to segment_attribute`.execute(db);
  await sql`alter table report_rollup rename column breakdown to segment`.execute(db);
}
