import { type Kysely, sql } from "kysely";

// Frozen: never import application code here. Report schedules (what is sent, when, to whom) and
// snapshots (exactly what a run sent, kept and never recomputed).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("report_schedule")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("questionnaire_id", "bigint", (col) =>
      col.notNull().references("questionnaire.id").onDelete("cascade"),
    )
    .addColumn("cadence", "text", (col) =>
      col.notNull().check(sql`cadence in ('monthly', 'quarterly', 'yearly')`),
    )
    .addColumn("day_of_month", "integer", (col) => col.notNull().check(sql`day_of_month between 1 and 28`))
    .addColumn("hour", "integer", (col) => col.notNull().check(sql`hour between 0 and 23`))
    .addColumn("minute", "integer", (col) => col.notNull().check(sql`minute between 0 and 59`))
    // { attribute?, value?, department? } as the report's filter
    .addColumn("filter", "jsonb", (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("recipients", sql`text[]`, (col) => col.notNull())
    .addColumn("locale", "text", (col) => col.notNull().check(sql`locale in ('zh-CN', 'en')`))
    .addColumn("enabled", "boolean", (col) => col.notNull().defaultTo(true))
    // the next due instant; a run moves it on in the same statement that claims the run
    .addColumn("next_run_at", "timestamptz", (col) => col.notNull())
    .addColumn("created_by", "bigint", (col) => col.references("staff_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index report_schedule_due_idx on report_schedule (next_run_at) where enabled`.execute(db);

  await db.schema
    .createTable("report_snapshot")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("schedule_id", "bigint", (col) => col.references("report_schedule.id").onDelete("set null"))
    .addColumn("questionnaire_id", "bigint", (col) =>
      col.notNull().references("questionnaire.id").onDelete("cascade"),
    )
    .addColumn("period_key", "text", (col) => col.notNull())
    // the due instant this run was for (one run per schedule and instant: never sent twice)
    .addColumn("scheduled_for", "timestamptz", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull().check(sql`status in ('sending', 'sent', 'failed')`))
    .addColumn("claimed_at", "timestamptz", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(1))
    .addColumn("recipients", sql`text[]`, (col) => col.notNull())
    .addColumn("subject", "text")
    .addColumn("html_body", "text")
    .addColumn("text_body", "text")
    // [{ cid, filename, png (base64) }]
    .addColumn("images", "jsonb")
    .addColumn("pdf", "bytea")
    .addColumn("model", "jsonb")
    .addColumn("error", "text")
    .addColumn("sent_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index report_snapshot_run_key on report_snapshot (schedule_id, scheduled_for)
    where schedule_id is not null`.execute(db);
  await db.schema
    .createIndex("report_snapshot_questionnaire_idx")
    .on("report_snapshot")
    .columns(["questionnaire_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("report_snapshot").execute();
  await db.schema.dropTable("report_schedule").execute();
}
