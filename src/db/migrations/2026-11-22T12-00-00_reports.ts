import { type Kysely, sql } from "kysely";

// Frozen: never import application code here. Report rollups: sums per questionnaire version, segment,
// day and measure, kept up to date from submitted responses in batches (never in the submit itself).
export async function up(db: Kysely<unknown>): Promise<void> {
  // A submitted response not yet added to the rollups; the partial index makes finding them cheap.
  await db.schema
    .alterTable("response")
    .addColumn("rolled_up", "boolean", (col) => col.notNull().defaultTo(false))
    .execute();
  await sql`create index response_pending_rollup_idx on response (id)
    where status = 'submitted' and not rolled_up and not is_test`.execute(db);

  await db.schema
    .createTable("report_rollup")
    .addColumn("questionnaire_version_id", "bigint", (col) =>
      col.notNull().references("questionnaire_version.id").onDelete("cascade"),
    )
    // '' = every respondent; 'region=<url-encoded value>' = one value of one segment attribute
    .addColumn("segment", "text", (col) => col.notNull())
    .addColumn("segment_attribute", "text", (col) => col.notNull())
    .addColumn("day", "date", (col) => col.notNull())
    .addColumn("measure", "text", (col) => col.notNull())
    .addColumn("n", "bigint", (col) => col.notNull())
    .addColumn("sum", "double precision", (col) => col.notNull())
    .addColumn("sum_sq", "double precision", (col) => col.notNull())
    .addColumn("sum_y", "double precision", (col) => col.notNull())
    .addColumn("sum_y_sq", "double precision", (col) => col.notNull())
    .addColumn("sum_xy", "double precision", (col) => col.notNull())
    .addColumn("counts", sql`bigint[]`)
    .addPrimaryKeyConstraint("report_rollup_pkey", ["questionnaire_version_id", "segment", "day", "measure"])
    .execute();
  // Segment breakdowns read one measure of every segment of an attribute.
  await db.schema
    .createIndex("report_rollup_segments_idx")
    .on("report_rollup")
    .columns(["questionnaire_version_id", "segment_attribute", "measure", "day"])
    .execute();

  // Responses with at least one answer on the lowest level, for the report's comment list.
  await db.schema
    .createTable("report_dissatisfied")
    .addColumn("response_id", "bigint", (col) =>
      col.primaryKey().references("response.id").onDelete("cascade"),
    )
    .addColumn("questionnaire_version_id", "bigint", (col) => col.notNull())
    .addColumn("day", "date", (col) => col.notNull())
    .addColumn("item_keys", sql`text[]`, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("report_dissatisfied_day_idx")
    .on("report_dissatisfied")
    .columns(["questionnaire_version_id", "day"])
    .execute();

  // The time zone the rollup days were counted in; a change rebuilds them.
  await db.schema
    .createTable("report_rollup_state")
    .addColumn("id", "integer", (col) => col.primaryKey().check(sql`id = 1`))
    .addColumn("time_zone", "text", (col) => col.notNull())
    .execute();

  // Adds two arrays of counts element by element (rollup upserts).
  await sql`
    create function report_add_counts(a bigint[], b bigint[]) returns bigint[]
    language sql immutable parallel safe as $$
      select case when a is null then b when b is null then a
        else array(select coalesce(x, 0) + coalesce(y, 0) from unnest(a, b) as t(x, y)) end
    $$`.execute(db);
  await sql`create aggregate report_sum_counts(bigint[]) (sfunc = report_add_counts, stype = bigint[])`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop aggregate report_sum_counts(bigint[])`.execute(db);
  await sql`drop function report_add_counts(bigint[], bigint[])`.execute(db);
  await db.schema.dropTable("report_rollup_state").execute();
  await db.schema.dropTable("report_dissatisfied").execute();
  await db.schema.dropTable("report_rollup").execute();
  await db.schema.alterTable("response").dropColumn("rolled_up").execute();
}
