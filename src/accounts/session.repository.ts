import type { Db } from "../db/database.ts";

export interface SessionRecord {
  idHash: string;
  staffUserId: number;
  lastSeenAt: Date;
  expiresAt: Date;
}

export async function insertSession(
  db: Db,
  session: {
    idHash: string;
    staffUserId: number;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto("staff_session")
    .values({
      id_hash: session.idHash,
      staff_user_id: session.staffUserId,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent?.slice(0, 400) ?? null,
    })
    .execute();
}

export async function findLiveSession(db: Db, idHash: string, now: Date): Promise<SessionRecord | undefined> {
  const row = await db
    .selectFrom("staff_session")
    .select(["id_hash", "staff_user_id", "last_seen_at", "expires_at"])
    .where("id_hash", "=", idHash)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return (
    row && {
      idHash: row.id_hash,
      staffUserId: row.staff_user_id,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
    }
  );
}

export async function extendSession(
  db: Db,
  idHash: string,
  lastSeenAt: Date,
  expiresAt: Date,
): Promise<void> {
  await db
    .updateTable("staff_session")
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where("id_hash", "=", idHash)
    .execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom("staff_session").where("id_hash", "=", idHash).execute();
}

/** Signs the user out everywhere, or everywhere but the session `exceptIdHash`. */
export async function deleteSessionsOfUser(
  db: Db,
  staffUserId: number,
  exceptIdHash?: string,
): Promise<void> {
  let query = db.deleteFrom("staff_session").where("staff_user_id", "=", staffUserId);
  if (exceptIdHash !== undefined) query = query.where("id_hash", "<>", exceptIdHash);
  await query.execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom("staff_session").where("expires_at", "<=", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
