import type { Kysely } from "kysely";
import type { Actor } from "../accounts/staff-user.service.ts";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database } from "../db/database.ts";
import { ConflictError } from "../errors.ts";
import { deleteSegment, insertSegment, type SegmentValues, updateSegment } from "./segment.repository.ts";

/** Saves a new segment (`id` undefined) or replaces one, audited as `segment.saved`; returns its id. */
export async function saveSegment(
  db: Kysely<Database>,
  actor: Actor,
  id: number | undefined,
  input: SegmentValues,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const saved = id ?? (await insertSegment(trx, input, actor.user.id));
    if (id !== undefined) await updateSegment(trx, id, input, now);
    await insertAuditEntry(trx, {
      action: "segment.saved",
      actorUserId: actor.user.id,
      actorName: actor.user.username,
      targetType: "segment",
      targetId: saved,
      ip: actor.ip,
      details: { name: input.name },
    });
    return saved;
  });
}

/**
 * Deletes a segment, audited as `segment.deleted`.
 * @throws {ConflictError} when a wave targets it (the wave keeps its audience)
 */
export async function removeSegment(
  db: Kysely<Database>,
  actor: Actor,
  segment: { id: number; name: string },
): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      await deleteSegment(trx, segment.id);
      await insertAuditEntry(trx, {
        action: "segment.deleted",
        actorUserId: actor.user.id,
        actorName: actor.user.username,
        targetType: "segment",
        targetId: segment.id,
        ip: actor.ip,
        details: { name: segment.name },
      });
    });
  } catch (error) {
    // a wave that targets the segment keeps it (foreign key)
    if ((error as { code?: string }).code === "23503")
      throw new ConflictError({ key: "segments.error.inUse" });
    throw error;
  }
}
