import { type Kysely, sql } from "kysely";

// Frozen: never import application code here.
//
// A known customer counts once per questionnaire and period (their latest response in the period).
// The rollups add every response, so the few responses of customers who answered a questionnaire more
// than once are listed here as they are rolled up; a report reads this short list and takes the
// earlier ones of a period back out. Forgetting the rollups' time zone rebuilds the rollups and the list.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table report_repeat (
    response_id bigint primary key references response (id) on delete cascade,
    questionnaire_id bigint not null references questionnaire (id) on delete cascade,
    customer_id bigint not null,
    submitted_at timestamptz not null,
    day date not null
  )`.execute(db);
  await sql`create index report_repeat_day_idx on report_repeat (questionnaire_id, day)`.execute(db);
  await sql`delete from report_rollup_state`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table report_repeat`.execute(db);
}
