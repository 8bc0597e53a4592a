import type { Kysely } from "kysely";
import { hasPermission } from "../accounts/roles.ts";
import type { Actor } from "../accounts/staff-user.service.ts";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database } from "../db/database.ts";
import { isUniqueViolation } from "../db/database-errors.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import type { Bilingual } from "../i18n/bilingual.ts";
import { insertCause, listCauses, updateCause } from "./case-cause.repository.ts";

/**
 * Quality staff keep the cause list: add a group or a cause under a group, rename, reorder, retire
 * (a retired cause stays on the cases that have it; it is no longer offered). Nothing is deleted, so
 * the report's ranking of past periods keeps its names.
 */

const nameTaken = () =>
  new ValidationError("A cause of this name exists at this level", [
    { field: "nameZh", message: { key: "cases.causes.error.taken" } },
  ]);

async function audited(trx: Kysely<Database>, actor: Actor, id: number, details: Record<string, unknown>) {
  await insertAuditEntry(trx, {
    action: "case_cause.saved",
    actorUserId: actor.user.id,
    actorName: actor.user.username,
    targetType: "case_cause",
    targetId: id,
    ip: actor.ip,
    details,
  });
}

function requireManage(actor: Actor) {
  if (!hasPermission(actor.user.role, "cases.manage")) throw new ForbiddenError();
}

/** Adds a group (no parent) or a cause under an active group. */
export async function addCause(
  db: Kysely<Database>,
  actor: Actor,
  input: { parentId: number | null; name: Bilingual },
): Promise<number> {
  requireManage(actor);
  return db
    .transaction()
    .execute(async (trx) => {
      if (input.parentId !== null) {
        const parent = (await listCauses(trx)).find((c) => c.id === input.parentId);
        if (!parent || parent.parentId !== null || !parent.active)
          throw new ValidationError("Choose an active group", [
            { field: "parentId", message: { key: "cases.causes.error.parent" } },
          ]);
      }
      const id = await insertCause(trx, input);
      await audited(trx, actor, id, { added: input });
      return id;
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? nameTaken() : error;
    });
}

/** Renames, moves within its level, or retires / brings back a cause or a group. */
export async function changeCause(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  change: { name?: Bilingual; position?: number; active?: boolean },
): Promise<void> {
  requireManage(actor);
  await db
    .transaction()
    .execute(async (trx) => {
      const changed = await updateCause(trx, id, {
        ...(change.name ? { name_zh: change.name["zh-CN"], name_en: change.name.en } : {}),
        ...(change.position === undefined ? {} : { position: change.position }),
        ...(change.active === undefined ? {} : { active: change.active }),
      });
      if (!changed) throw new NotFoundError("No such cause");
      await audited(trx, actor, id, { changed: change });
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? nameTaken() : error;
    });
}
