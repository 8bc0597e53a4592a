import type { Kysely } from "kysely";
import type { Permission } from "../accounts/roles.ts";
import { hasPermission } from "../accounts/roles.ts";
import type { Actor } from "../accounts/staff-user.service.ts";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database, Db } from "../db/database.ts";
import { findDepartmentHeads, isInAnyDepartment } from "../departments/department.repository.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import {
  type CaseScope,
  countUnanswered,
  escalateOverdue,
  findActiveStaff,
  insertContact,
  listQualityStaff,
  lockCase,
  updateCase,
} from "./case.repository.ts";
import { type CaseStatus, type ContactChannel, type ContactOutcome, canMove, DEFAULT_RULE } from "./case.ts";
import { listCauses } from "./case-cause.repository.ts";
import { isChoosable } from "./case-cause.ts";
import { findCaseRules, queueCaseNotices } from "./case-opening.repository.ts";
import { requestRecovery } from "./case-recovery.service.ts";

/**
 * The cases a staff user may see: every case with `cases.view_all`; else their own, their customers'
 * and their departments' — for a customer manager (`cases.view_assigned`) and for any member or head of
 * a department, whatever their role. Anyone else may see none.
 */
export async function caseScopeOf(db: Db, actor: Actor): Promise<CaseScope> {
  if (hasPermission(actor.user.role, "cases.view_all")) return { kind: "all" };
  if (hasPermission(actor.user.role, "cases.view_assigned") || (await isInAnyDepartment(db, actor.user.id)))
    return { kind: "assigned", userId: actor.user.id };
  throw new ForbiddenError();
}

function require(actor: Actor, permission: Permission) {
  if (!hasPermission(actor.user.role, permission)) throw new ForbiddenError();
}

const audit = (
  db: Kysely<Database>,
  actor: Actor,
  action: Parameters<typeof insertAuditEntry>[1]["action"],
  caseId: number,
  details: Record<string, unknown> = {},
) =>
  insertAuditEntry(db, {
    action,
    actorUserId: actor.user.id,
    actorName: actor.user.username,
    targetType: "case",
    targetId: caseId,
    ip: actor.ip,
    details,
  });

/** Records that a staff user opened a case (its customer's personal data). */
export async function auditCaseView(db: Kysely<Database>, actor: Actor, caseId: number) {
  await audit(db, actor, "case.viewed", caseId);
}

/** Locks a case the actor may see (`visible` checks their scope); 404 otherwise. */
async function lockInScope(trx: Kysely<Database>, caseId: number, visible: (id: number) => Promise<boolean>) {
  const locked = await lockCase(trx, caseId);
  if (!locked || !(await visible(caseId))) throw new NotFoundError("No such case");
  return locked;
}

export interface ContactInput {
  channel: ContactChannel;
  outcome: ContactOutcome;
  callBackAt: Date | null;
  notes: string;
  contactedAt: Date;
}

/**
 * Logs a contact with the customer. The first contact that reaches them moves an open (or unreachable)
 * case to "contacted"; an open case whose attempts went unanswered as often as its rule allows becomes
 * "could not reach" (unreachable).
 *
 * @returns the case's unanswered attempts, and whether this contact made it unreachable
 */
export async function logContact(
  db: Kysely<Database>,
  actor: Actor,
  visible: (trx: Kysely<Database>, id: number) => Promise<boolean>,
  caseId: number,
  input: ContactInput,
  now: Date,
): Promise<{ unanswered: number; unreachable: boolean }> {
  if (input.contactedAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new ValidationError("The contact time is in the future", [
      { field: "contactedAt", message: { key: "cases.error.contactFuture", values: {} } },
    ]);
  }
  if (input.outcome === "call_back" && (!input.callBackAt || input.callBackAt <= now)) {
    throw new ValidationError("Give a call-back time in the future", [
      { field: "callBackAt", message: { key: "cases.error.callBack", values: {} } },
    ]);
  }
  return db.transaction().execute(async (trx) => {
    const locked = await lockInScope(trx, caseId, (id) => visible(trx, id));
    if (locked.status === "closed") {
      throw new ValidationError("The case is closed", [
        { field: "case", message: { key: "cases.error.closed", values: {} } },
      ]);
    }
    await insertContact(trx, { caseId, ...input, recordedBy: actor.user.id });
    const unanswered = await countUnanswered(trx, caseId);
    const rule =
      (await findCaseRules(trx, [locked.questionnaire_id])).get(locked.questionnaire_id) ?? DEFAULT_RULE;
    const unreachable =
      input.outcome === "no_answer" && locked.status === "open" && unanswered >= rule.unreachableAfter;
    if (unreachable) await updateCase(trx, caseId, { status: "unreachable" }, now);
    if (input.outcome === "reached" && (locked.status === "open" || locked.status === "unreachable")) {
      await updateCase(
        trx,
        caseId,
        { status: "contacted", contacted_at: locked.contacted_at ?? input.contactedAt },
        now,
      );
    }
    await audit(trx, actor, "case.contact_logged", caseId, {
      channel: input.channel,
      outcome: input.outcome,
      ...(unreachable ? { to: "unreachable", unanswered } : {}),
    });
    return { unanswered, unreachable };
  });
}

export interface HandlingInput {
  /** a second-level cause of the list */
  causeId: number | null;
  causeNotes: string | null;
  fix: string | null;
  reply: string | null;
}

/**
 * Refuses a cause the list does not offer (unknown, retired, or a group rather than a cause); the
 * case's own cause stays allowed after it was retired, so its other notes can still be saved.
 */
async function checkCause(trx: Kysely<Database>, causeId: number | null, current: number | null) {
  if (causeId === null || causeId === current || isChoosable(await listCauses(trx), causeId)) return;
  throw new ValidationError("Choose a cause from the list", [
    { field: "causeId", message: { key: "cases.error.causeUnknown", values: {} } },
  ]);
}

/** The handling's columns, only those given (a step without the form keeps what was saved). */
const handlingColumns = (handling: HandlingInput) => ({
  ...(handling.causeId !== null ? { cause_id: handling.causeId } : {}),
  ...(handling.causeNotes !== null ? { cause_notes: handling.causeNotes } : {}),
  ...(handling.fix !== null ? { fix: handling.fix } : {}),
  ...(handling.reply !== null ? { reply: handling.reply } : {}),
});

/**
 * Moves a case one step (open → contacted → resolved → closed, or unreachable). Resolving needs the
 * cause and the reply given to the customer (须向客户回复原因或进展情况); closing is quality staff's.
 */
export async function moveCase(
  db: Kysely<Database>,
  actor: Actor,
  visible: (trx: Kysely<Database>, id: number) => Promise<boolean>,
  caseId: number,
  to: CaseStatus,
  handling: HandlingInput,
  now: Date,
  timeZone: string,
): Promise<void> {
  if (to === "closed") require(actor, "cases.manage");
  await db.transaction().execute(async (trx) => {
    const locked = await lockInScope(trx, caseId, (id) => visible(trx, id));
    await checkCause(trx, handling.causeId, locked.cause_id);
    if (!canMove(locked.status, to)) {
      throw new ValidationError(`A ${locked.status} case cannot become ${to}`, [
        { field: "status", message: { key: "cases.error.step", values: { from: locked.status, to } } },
      ]);
    }
    if (to === "resolved") {
      const missing = [
        ...(handling.causeId
          ? []
          : [{ field: "causeId", message: { key: "cases.error.causeRequired" as const, values: {} } }]),
        ...(handling.reply
          ? []
          : [{ field: "reply", message: { key: "cases.error.replyRequired" as const, values: {} } }]),
      ];
      if (missing.length > 0) {
        throw new ValidationError(`Resolving needs ${missing.map((m) => m.field).join(" and ")}`, missing);
      }
    }
    await updateCase(
      trx,
      caseId,
      {
        status: to,
        ...(to === "contacted" && !locked.contacted_at ? { contacted_at: now } : {}),
        ...(to === "resolved" ? { resolved_at: now } : {}),
        ...(to === "contacted" ? { resolved_at: null } : {}),
        ...(to === "closed" ? { closed_at: now } : {}),
        ...handlingColumns(handling),
      },
      now,
    );
    // the customer is asked whether it is solved (the rule's recovery survey), with the same commit
    if (to === "resolved") await requestRecovery(trx, caseId, actor.user.id, now, timeZone);
    await audit(trx, actor, "case.status_changed", caseId, { from: locked.status, to });
  });
}

/** Saves the cause, the fix and the reply without moving the case. */
export async function saveHandling(
  db: Kysely<Database>,
  actor: Actor,
  visible: (trx: Kysely<Database>, id: number) => Promise<boolean>,
  caseId: number,
  handling: HandlingInput,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const locked = await lockInScope(trx, caseId, (id) => visible(trx, id));
    // a closed case is the record of what was done: it is not rewritten afterwards
    if (locked.status === "closed") {
      throw new ValidationError("The case is closed", [
        { field: "status", message: { key: "cases.error.closed", values: {} } },
      ]);
    }
    await checkCause(trx, handling.causeId, locked.cause_id);
    await updateCase(
      trx,
      caseId,
      {
        cause_id: handling.causeId,
        cause_notes: handling.causeNotes,
        fix: handling.fix,
        reply: handling.reply,
      },
      now,
    );
    await audit(trx, actor, "case.notes_saved", caseId);
  });
}

/** Gives a case to another active staff user (quality staff only), who gets an e-mail. */
export async function reassignCase(
  db: Kysely<Database>,
  actor: Actor,
  caseId: number,
  userId: number,
  now: Date,
): Promise<void> {
  require(actor, "cases.manage");
  await db.transaction().execute(async (trx) => {
    const locked = await lockCase(trx, caseId);
    if (!locked) throw new NotFoundError("No such case");
    const target = await findActiveStaff(trx, userId);
    if (!target || target.role === "manager") {
      throw new ValidationError("Choose an active quality staff member or customer manager", [
        { field: "assignedTo", message: { key: "cases.error.assignee", values: {} } },
      ]);
    }
    if (locked.assigned_to === userId) return;
    await updateCase(trx, caseId, { assigned_to: userId }, now);
    await queueCaseNotices(trx, [{ caseId, userId, kind: "reassigned" }]);
    await audit(trx, actor, "case.reassigned", caseId, { from: locked.assigned_to, to: userId });
  });
}

/**
 * Escalates every overdue case not escalated yet: marks it, and e-mails its assignee, its department's
 * head and the quality team (queued in the same transaction, sent by the notice job).
 *
 * @returns the escalated cases' ids
 */
export async function escalateOverdueCases(db: Kysely<Database>, now: Date): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const escalated = await escalateOverdue(trx, now);
    if (escalated.length === 0) return [];
    const quality = await listQualityStaff(trx);
    const heads = await findDepartmentHeads(trx, [
      ...new Set(escalated.flatMap((c) => (c.department === null ? [] : [c.department]))),
    ]);
    const notices = escalated.flatMap((c) => {
      const head = c.department === null ? undefined : heads.get(c.department);
      const recipients = new Set([
        ...(c.assigned_to === null ? [] : [c.assigned_to]),
        ...(head === undefined ? [] : [head]),
        ...quality.map((q) => q.id),
      ]);
      return [...recipients].map((userId) => ({ caseId: c.id, userId, kind: "escalated" as const }));
    });
    await queueCaseNotices(trx, notices);
    return escalated.map((c) => c.id);
  });
}
