import { type Kysely, sql } from "kysely";

// Frozen: never import application code here.
//
// The app process running an import (its presence id, as `invitation.claimed_by`): a running import
// whose process is gone is resumed by another one. A running import with no process yet waits on the
// job queue. The heartbeat (updated_at) no longer decides whether an import was interrupted.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table customer_import add column claimed_by text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table customer_import drop column claimed_by`.execute(db);
}
