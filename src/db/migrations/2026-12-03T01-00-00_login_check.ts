import type { Kysely } from "kysely";

// Frozen: never import application code here.
//
// A sign-in whose password is being checked right now. The login throttle counts these with the failures
// in the audit log, under an advisory lock per account name and per address, so concurrent attempts
// cannot all pass the count before any failure is written. A row lives for one password check.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("login_check")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    // the account name as typed, lower-cased
    .addColumn("account", "text", (col) => col.notNull())
    .addColumn("ip", "text")
    .addColumn("started_at", "timestamptz", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("login_check_account_idx").on("login_check").columns(["account"]).execute();
  await db.schema.createIndex("login_check_ip_idx").on("login_check").columns(["ip"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("login_check").execute();
}
