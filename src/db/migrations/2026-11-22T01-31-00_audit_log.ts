import { type Kysely, sql } from "kysely";

// Frozen: never import application code here. Who did what to which record, from where (访问日志审计).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("actor_user_id", "bigint", (col) => col.references("staff_user.id").onDelete("set null"))
    // the name as typed or known at the time: kept when the user is deleted or never existed
    .addColumn("actor_name", "text")
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("target_type", "text")
    .addColumn("target_id", "text")
    .addColumn("ip", "text")
    .addColumn("details", "jsonb", (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").column("at").execute();
  // login throttling counts recent failures per address and per account name
  await sql`create index audit_log_failed_ip_idx on audit_log (ip, at) where action = 'auth.login_failed'`.execute(
    db,
  );
  await sql`create index audit_log_failed_name_idx on audit_log (lower(actor_name), at) where action = 'auth.login_failed'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_log").execute();
}
