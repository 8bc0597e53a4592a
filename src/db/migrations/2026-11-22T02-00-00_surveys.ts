import { type Kysely, sql } from "kysely";

// Frozen: never import application code here. Customers, questionnaires and their versions, waves,
// responses and their compact answer rows.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("customer")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("external_ref", "text", (col) => col.notNull().unique())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("customer_type", "text", (col) => col.check(sql`customer_type in ('individual', 'business')`))
    .addColumn("channel", "text")
    .addColumn("value_tier", "text", (col) => col.check(sql`value_tier in ('MVC', 'MGC', 'LVC', 'BZ')`))
    .addColumn("activity", "text", (col) => col.check(sql`activity in ('active', 'semi_dormant', 'dormant')`))
    .addColumn("region", "text")
    .addColumn("manager_user_id", "bigint", (col) => col.references("staff_user.id").onDelete("set null"))
    .addColumn("attributes", "jsonb", (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("opted_out_at", "timestamptz")
    .addColumn("opt_out_source", "text")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("customer_manager_idx").on("customer").column("manager_user_id").execute();

  await db.schema
    .createTable("questionnaire")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("created_by", "bigint", (col) => col.references("staff_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("archived_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("questionnaire_version")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("questionnaire_id", "bigint", (col) =>
      col.notNull().references("questionnaire.id").onDelete("cascade"),
    )
    .addColumn("version_number", "integer", (col) => col.notNull())
    .addColumn("definition", "jsonb", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull().check(sql`status in ('draft', 'published')`))
    .addColumn("published_at", "timestamptz")
    .addColumn("published_by", "bigint", (col) => col.references("staff_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("questionnaire_version_number_key", ["questionnaire_id", "version_number"])
    .execute();
  // At most one draft per questionnaire: editing a published questionnaire makes (or reuses) its draft.
  await sql`create unique index questionnaire_one_draft on questionnaire_version (questionnaire_id) where status = 'draft'`.execute(
    db,
  );
  // A published version is immutable: responses point to it. The database refuses changes too.
  await sql`
    create function questionnaire_version_immutable() returns trigger language plpgsql as $$
    begin
      if old.status = 'published' then
        raise exception 'questionnaire_version % is published and cannot be changed', old.id;
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger questionnaire_version_immutable before update or delete on questionnaire_version
    for each row execute function questionnaire_version_immutable()`.execute(db);

  await db.schema
    .createTable("wave")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("questionnaire_id", "bigint", (col) =>
      col.notNull().references("questionnaire.id").onDelete("restrict"),
    )
    .addColumn("questionnaire_version_id", "bigint", (col) =>
      col.notNull().references("questionnaire_version.id").onDelete("restrict"),
    )
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("channel", "text", (col) => col.notNull().check(sql`channel in ('web', 'email', 'staff')`))
    // the open link is /w/<slug>
    .addColumn("slug", "text", (col) => col.unique())
    .addColumn("anonymous", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("opens_at", "timestamptz")
    .addColumn("closes_at", "timestamptz")
    .addColumn("created_by", "bigint", (col) => col.references("staff_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("response")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("wave_id", "bigint", (col) => col.references("wave.id").onDelete("restrict"))
    .addColumn("questionnaire_version_id", "bigint", (col) =>
      col.notNull().references("questionnaire_version.id").onDelete("restrict"),
    )
    .addColumn("customer_id", "bigint", (col) => col.references("customer.id").onDelete("set null"))
    // the ?ref= of an open link when it names no known customer
    .addColumn("customer_ref", "text")
    .addColumn("mode", "text", (col) =>
      col.notNull().check(sql`mode in ('web', 'email', 'phone', 'visit', 'letter')`),
    )
    .addColumn("recorded_by", "bigint", (col) => col.references("staff_user.id").onDelete("set null"))
    .addColumn("status", "text", (col) => col.notNull().check(sql`status in ('partial', 'submitted')`))
    .addColumn("is_test", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("locale", "text", (col) => col.notNull().defaultTo("zh-CN"))
    // sha256 of the resume token held by the respondent's browser (open links)
    .addColumn("resume_token_hash", "text", (col) => col.unique())
    // a client's idempotency key (API Idempotency-Key header, or the interview form's): one response per key
    .addColumn("submit_key", "text", (col) => col.unique())
    // answers saved as the respondent goes, until submit writes the answer rows
    .addColumn("draft_answers", "jsonb", (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("respondent_score", "double precision")
    .addColumn("started_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("submitted_at", "timestamptz")
    .execute();
  await sql`create index response_submitted_idx on response (questionnaire_version_id, submitted_at) where status = 'submitted'`.execute(
    db,
  );
  await db.schema
    .createIndex("response_wave_idx")
    .on("response")
    .columns(["wave_id", "submitted_at"])
    .execute();
  await db.schema.createIndex("response_customer_idx").on("response").column("customer_id").execute();

  // Compact answer rows for analysis: one row per item (per part for kano, servqual, importance and
  // multiple choice), a number and/or a text.
  await db.schema
    .createTable("answer")
    .addColumn("response_id", "bigint", (col) => col.notNull().references("response.id").onDelete("cascade"))
    .addColumn("item_key", "text", (col) => col.notNull())
    .addColumn("part", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("number", "double precision")
    .addColumn("text", "text")
    .addPrimaryKeyConstraint("answer_pkey", ["response_id", "item_key", "part"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("answer").execute();
  await db.schema.dropTable("response").execute();
  await db.schema.dropTable("wave").execute();
  await db.schema.dropTable("questionnaire_version").execute();
  await sql`drop function questionnaire_version_immutable()`.execute(db);
  await db.schema.dropTable("questionnaire").execute();
  await db.schema.dropTable("customer").execute();
}
