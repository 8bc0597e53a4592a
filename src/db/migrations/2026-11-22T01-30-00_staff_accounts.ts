import { type Kysely, sql } from "kysely";

// Frozen: never import application code here. Staff accounts, their sessions and API tokens.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("staff_user")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("username", "text", (col) => col.notNull())
    .addColumn("display_name", "text", (col) => col.notNull())
    .addColumn("email", "text")
    .addColumn("role", "text", (col) =>
      col.notNull().check(sql`role in ('admin', 'quality', 'manager', 'customer_manager')`),
    )
    .addColumn("locale", "text", (col) => col.check(sql`locale in ('zh-CN', 'en')`))
    .addColumn("password_hash", "text", (col) => col.notNull())
    .addColumn("disabled_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index staff_user_username_key on staff_user (lower(username))`.execute(db);

  await db.schema
    .createTable("staff_session")
    // sha256 of the cookie value: a stolen table does not yield usable session cookies
    .addColumn("id_hash", "text", (col) => col.primaryKey())
    .addColumn("staff_user_id", "bigint", (col) =>
      col.notNull().references("staff_user.id").onDelete("cascade"),
    )
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("last_seen_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (col) => col.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("staff_session_user_idx").on("staff_session").column("staff_user_id").execute();
  await db.schema.createIndex("staff_session_expires_idx").on("staff_session").column("expires_at").execute();

  await db.schema
    .createTable("api_token")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("name", "text", (col) => col.notNull())
    // the token acts with this user's role
    .addColumn("staff_user_id", "bigint", (col) =>
      col.notNull().references("staff_user.id").onDelete("cascade"),
    )
    .addColumn("token_hash", "text", (col) => col.notNull().unique())
    // first characters of the token, shown in lists so an operator can tell tokens apart
    .addColumn("token_prefix", "text", (col) => col.notNull())
    .addColumn("created_by", "bigint", (col) => col.references("staff_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("api_token").execute();
  await db.schema.dropTable("staff_session").execute();
  await db.schema.dropTable("staff_user").execute();
}
