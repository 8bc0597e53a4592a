import type { Kysely } from "kysely";

// Frozen: never import application code here.
//
// The customer reference an open link carried without a valid signature: kept on the response as what
// the respondent claimed, never joined to a customer (customer_id and customer_ref stay null for it).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("response").addColumn("claimed_ref", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("response").dropColumn("claimed_ref").execute();
}
