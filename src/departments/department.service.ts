import type { Kysely } from "kysely";
import { findStaffUsersByIds } from "../accounts/staff-user.repository.ts";
import type { Actor } from "../accounts/staff-user.service.ts";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database, Db } from "../db/database.ts";
import { isUniqueViolation } from "../db/database-errors.ts";
import { type FieldIssue, NotFoundError, ValidationError } from "../errors.ts";
import {
  findDepartmentByCode,
  findDepartmentById,
  insertDepartment,
  isDepartmentCodeUsed,
  lockDepartment,
  replaceDepartmentMembers,
  updateDepartment,
} from "./department.repository.ts";
import type { DepartmentForm } from "./department.schemas.ts";

const duplicateCode = (code: string): FieldIssue => ({
  field: "code",
  message: { key: "departments.error.codeTaken", values: { code } },
});

/** The head and the members must be active staff users; each problem at its field. */
async function checkPeople(db: Db, input: DepartmentForm): Promise<FieldIssue[]> {
  const wanted = [
    ...new Set([...(input.headUserId === undefined ? [] : [input.headUserId]), ...input.memberIds]),
  ];
  const found = new Map((await findStaffUsersByIds(db, wanted)).map((user) => [user.id, user]));
  const issues: FieldIssue[] = [];
  if (input.headUserId !== undefined) {
    const head = found.get(input.headUserId);
    if (!head) issues.push({ field: "headUserId", message: { key: "departments.error.noSuchUser" } });
    else if (head.disabled)
      issues.push({
        field: "headUserId",
        message: { key: "departments.error.headDisabled", values: { name: head.displayName } },
      });
  }
  const missing = input.memberIds.filter((id) => !found.has(id));
  const disabled = input.memberIds.flatMap((id) => {
    const user = found.get(id);
    return user?.disabled ? [user.displayName] : [];
  });
  if (missing.length > 0)
    issues.push({ field: "memberIds", message: { key: "departments.error.noSuchUser" } });
  else if (disabled.length > 0)
    issues.push({
      field: "memberIds",
      message: { key: "departments.error.membersDisabled", values: { names: disabled.join(", ") } },
    });
  return issues;
}

const values = (input: DepartmentForm) => ({
  code: input.code,
  nameZh: input.nameZh,
  nameEn: input.nameEn,
  email: input.email ?? null,
  headUserId: input.headUserId ?? null,
});

/**
 * Creates a department (audited as `department.created`); returns its id.
 * @throws {ValidationError} a code already taken, a head or member who is not an active staff user
 */
export async function createDepartment(
  db: Kysely<Database>,
  actor: Actor | null,
  input: DepartmentForm,
  now: Date,
): Promise<number> {
  try {
    return await db.transaction().execute(async (trx) => {
      const issues = [
        ...((await findDepartmentByCode(trx, input.code)) ? [duplicateCode(input.code)] : []),
        ...(await checkPeople(trx, input)),
      ];
      if (issues.length > 0) throw new ValidationError("The department is not valid", issues);
      const id = await insertDepartment(trx, values(input), now);
      await replaceDepartmentMembers(trx, id, [...new Set(input.memberIds)]);
      await insertAuditEntry(trx, {
        action: "department.created",
        actorUserId: actor?.user.id ?? null,
        actorName: actor?.user.username ?? "system",
        targetType: "department",
        targetId: id,
        ip: actor?.ip ?? null,
        details: { code: input.code, head: input.headUserId ?? null, members: input.memberIds },
      });
      return id;
    });
  } catch (error) {
    // two people creating the same code at once: the second meets the unique index
    if (isUniqueViolation(error, "code"))
      throw new ValidationError("The code is taken", [duplicateCode(input.code)]);
    throw error;
  }
}

/**
 * Saves a department's code, names, e-mail, head and members (audited as `department.updated`). The
 * code changes only while nothing names the department by it: published questionnaire versions never
 * change, and cases and report schedules keep the code they were given.
 */
export async function saveDepartment(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  input: DepartmentForm,
  now: Date,
): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      const locked = await lockDepartment(trx, id);
      if (!locked) throw new NotFoundError("No such department");
      const issues: FieldIssue[] = [];
      if (locked.code !== input.code) {
        const other = await findDepartmentByCode(trx, input.code);
        if (other && other.id !== id) issues.push(duplicateCode(input.code));
        else if (await isDepartmentCodeUsed(trx, locked.code))
          issues.push({
            field: "code",
            message: { key: "departments.error.codeInUse", values: { code: locked.code } },
          });
      }
      issues.push(...(await checkPeople(trx, input)));
      if (issues.length > 0) throw new ValidationError("The department is not valid", issues);
      const before = await findDepartmentById(trx, id);
      const v = values(input);
      await updateDepartment(
        trx,
        id,
        { code: v.code, name_zh: v.nameZh, name_en: v.nameEn, email: v.email, head_user_id: v.headUserId },
        now,
      );
      await replaceDepartmentMembers(trx, id, [...new Set(input.memberIds)]);
      await insertAuditEntry(trx, {
        action: "department.updated",
        actorUserId: actor.user.id,
        actorName: actor.user.username,
        targetType: "department",
        targetId: id,
        ip: actor.ip,
        details: {
          code: input.code,
          ...(before && before.code !== input.code ? { previousCode: before.code } : {}),
          head: input.headUserId ?? null,
          members: input.memberIds,
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, "code"))
      throw new ValidationError("The code is taken", [duplicateCode(input.code)]);
    throw error;
  }
}

/**
 * Deactivates a department (no longer offered for items; its code, cases and history stay) or makes it
 * active again; audited as `department.deactivated` / `department.reactivated`.
 */
export async function setDepartmentActive(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  active: boolean,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const locked = await lockDepartment(trx, id);
    if (!locked) throw new NotFoundError("No such department");
    if (locked.active === active) return;
    await updateDepartment(trx, id, { active }, now);
    await insertAuditEntry(trx, {
      action: active ? "department.reactivated" : "department.deactivated",
      actorUserId: actor.user.id,
      actorName: actor.user.username,
      targetType: "department",
      targetId: id,
      ip: actor.ip,
      details: { code: locked.code },
    });
  });
}
