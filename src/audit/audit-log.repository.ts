import type { Db } from "../db/database.ts";
import type { AuditAction, AuditEntry, NewAuditEntry } from "./audit-log.ts";

export async function insertAuditEntry(db: Db, entry: NewAuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_user_id: entry.actorUserId ?? null,
      actor_name: entry.actorName ?? null,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId === undefined ? null : String(entry.targetId),
      ip: entry.ip ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export interface AuditFilter {
  action?: AuditAction | undefined;
  actor?: string | undefined;
}

export async function listAuditEntries(
  db: Db,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ entries: AuditEntry[]; total: number }> {
  let query = db.selectFrom("audit_log");
  if (filter.action) query = query.where("action", "=", filter.action);
  if (filter.actor) {
    const actor = filter.actor.toLowerCase();
    query = query.where((eb) => eb(eb.fn("lower", ["actor_name"]), "=", actor));
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy("id", "desc").limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.count),
    entries: rows.map((row) => ({
      id: row.id,
      at: row.at,
      actorUserId: row.actor_user_id,
      actorName: row.actor_name,
      action: row.action as AuditAction,
      targetType: row.target_type,
      targetId: row.target_id,
      ip: row.ip,
      details: row.details,
    })),
  };
}
