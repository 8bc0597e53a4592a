import { type Kysely, sql } from "kysely";

// Frozen: never import application code here. Customer lists (what an import or a bulk upsert
// touched), saved segments, CSV imports with their bad rows, and a customer's preferred language.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("customer")
    .addColumn("locale", "text", (col) => col.check(sql`locale in ('zh-CN', 'en')`))
    .execute();

  await db.schema
    .createTable("customer_list")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("source", "text", (col) => col.notNull().check(sql`source in ('import', 'api', 'manual')`))
    .addColumn("created_by", "bigint", (col) => col.references("staff_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // No foreign keys here: an import writes 100,000 memberships, and the two per-row key checks
  // doubled the time that takes. The ids come from the rows the import has just upserted, in the same
  // transaction; deleting a customer or a list removes its memberships through the triggers below.
  await db.schema
    .createTable("customer_list_member")
    .addColumn("list_id", "bigint", (col) => col.notNull())
    .addColumn("customer_id", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("customer_list_member_pkey", ["list_id", "customer_id"])
    .execute();
  await sql`
    create function customer_list_member_cleanup() returns trigger language plpgsql as $$
    begin
      if tg_table_name = 'customer' then
        delete from customer_list_member where customer_id = old.id;
      else
        delete from customer_list_member where list_id = old.id;
      end if;
      return old;
    end $$`.execute(db);
  await sql`
    create trigger customer_list_member_cleanup after delete on customer
    for each row execute function customer_list_member_cleanup()`.execute(db);
  await sql`
    create trigger customer_list_member_cleanup after delete on customer_list
    for each row execute function customer_list_member_cleanup()`.execute(db);
  await db.schema
    .createIndex("customer_list_member_customer_idx")
    .on("customer_list_member")
    .column("customer_id")
    .execute();

  await db.schema
    .createTable("segment")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("description", "text")
    // the filter as validated by the application (segmentFilterSchema)
    .addColumn("filter", "jsonb", (col) => col.notNull())
    .addColumn("created_by", "bigint", (col) => col.references("staff_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("customer_import")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("file_name", "text", (col) => col.notNull())
    .addColumn("source", "text", (col) => col.notNull().check(sql`source in ('console', 'api', 'cli')`))
    // uploaded → (mapping saved) ready → running → done | failed; a running import whose heartbeat
    // (updated_at) stops is shown as interrupted and may be run again (the upsert is idempotent)
    .addColumn("status", "text", (col) =>
      col.notNull().check(sql`status in ('uploaded', 'ready', 'running', 'done', 'failed')`),
    )
    // the decoded file (UTF-8 text), kept until the import is done so another process can run it
    .addColumn("content", "text")
    .addColumn("encoding", "text", (col) => col.notNull().defaultTo("utf-8"))
    .addColumn("header", "jsonb", (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("mapping", "jsonb")
    .addColumn("total_rows", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("processed_rows", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("inserted_rows", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("updated_rows", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("bad_rows", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("error_message", "text")
    .addColumn("list_id", "bigint", (col) => col.references("customer_list.id").onDelete("set null"))
    .addColumn("created_by", "bigint", (col) => col.references("staff_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable("customer_import_issue")
    .addColumn("import_id", "bigint", (col) =>
      col.notNull().references("customer_import.id").onDelete("cascade"),
    )
    .addColumn("line", "integer", (col) => col.notNull())
    .addColumn("external_ref", "text")
    // [{ field, code, value? }]
    .addColumn("problems", "jsonb", (col) => col.notNull())
    .addPrimaryKeyConstraint("customer_import_issue_pkey", ["import_id", "line"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("customer_import_issue").execute();
  await db.schema.dropTable("customer_import").execute();
  await db.schema.dropTable("segment").execute();
  await sql`drop trigger customer_list_member_cleanup on customer`.execute(db);
  await db.schema.dropTable("customer_list_member").execute();
  await db.schema.dropTable("customer_list").execute();
  await sql`drop function customer_list_member_cleanup()`.execute(db);
  await db.schema.alterTable("customer").dropColumn("locale").execute();
}
