import { type Kysely, sql } from "kysely";

// Frozen: never import application code here.
//
// A questionnaire's English name beside its Chinese one (`name`), so lists, filters and headings on
// English pages name it in English. Both are the newest saved version's title; filled in here from
// the newest version of each questionnaire.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table questionnaire add column name_en text not null default ''`.execute(db);
  await sql`
    update questionnaire q
    set name_en = coalesce((
      select v.definition -> 'title' ->> 'en'
      from questionnaire_version v
      where v.questionnaire_id = q.id
      order by v.version_number desc
      limit 1
    ), '')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table questionnaire drop column name_en`.execute(db);
}
