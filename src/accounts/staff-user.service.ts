import type { Kysely } from "kysely";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database } from "../db/database.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import type { Locale } from "../i18n/bilingual.ts";
import { forgetCheckedApiTokens } from "./auth.service.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import type { Role } from "./roles.ts";
import { deleteSessionsOfUser } from "./session.repository.ts";
import {
  countActiveAdmins,
  findStaffUserById,
  findStaffUserCredentials,
  insertStaffUser,
  lockStaffUsers,
  updateStaffUser,
} from "./staff-user.repository.ts";
import type { NewStaffUserInput } from "./staff-user.schemas.ts";
import type { StaffUser } from "./staff-user.ts";

/** Who is acting, for the audit log. */
export interface Actor {
  user: StaffUser;
  ip: string | null;
}

export async function createStaffUser(
  db: Kysely<Database>,
  actor: Actor | null,
  input: NewStaffUserInput,
): Promise<StaffUser> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (await findStaffUserCredentials(trx, input.username)) {
      throw new ValidationError("This username is taken", [
        { field: "username", message: { key: "users.error.usernameTaken" } },
      ]);
    }
    const user = await insertStaffUser(trx, {
      username: input.username,
      display_name: input.displayName,
      email: input.email ?? null,
      role: input.role,
      password_hash: passwordHash,
    });
    await insertAuditEntry(trx, {
      action: "user.created",
      actorUserId: actor?.user.id ?? null,
      actorName: actor?.user.username ?? "system",
      targetType: "staff_user",
      targetId: user.id,
      ip: actor?.ip ?? null,
      details: { username: user.username, role: user.role },
    });
    return user;
  });
}

async function requireUser(db: Kysely<Database>, id: number): Promise<StaffUser> {
  const user = await findStaffUserById(db, id);
  if (!user) throw new NotFoundError("No such user");
  return user;
}

export async function changeStaffUserRole(db: Kysely<Database>, actor: Actor, id: number, role: Role) {
  const changed = await db.transaction().execute(async (trx) => {
    await lockStaffUsers(trx);
    const user = await requireUser(trx, id);
    if (user.role === role) return user;
    if (user.role === "admin" && !user.disabled && (await countActiveAdmins(trx)) <= 1) {
      throw new ConflictError({ key: "users.error.lastAdminRole" });
    }
    const updated = await updateStaffUser(trx, id, { role });
    // A role change takes effect at once: the user signs in again with the new rights.
    await deleteSessionsOfUser(trx, id);
    await insertAuditEntry(trx, {
      action: "user.role_changed",
      actorUserId: actor.user.id,
      actorName: actor.user.username,
      targetType: "staff_user",
      targetId: id,
      ip: actor.ip,
      details: { username: user.username, from: user.role, to: role },
    });
    return updated;
  });
  forgetCheckedApiTokens();
  return changed;
}

export async function setStaffUserDisabled(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  disabled: boolean,
) {
  const changed = await db.transaction().execute(async (trx) => {
    await lockStaffUsers(trx);
    const user = await requireUser(trx, id);
    if (user.disabled === disabled) return user;
    if (disabled && user.id === actor.user.id) throw new ConflictError({ key: "users.error.disableSelf" });
    if (disabled && user.role === "admin" && (await countActiveAdmins(trx)) <= 1) {
      throw new ConflictError({ key: "users.error.lastAdminDisable" });
    }
    const updated = await updateStaffUser(trx, id, { disabled_at: disabled ? new Date() : null });
    if (disabled) await deleteSessionsOfUser(trx, id);
    await insertAuditEntry(trx, {
      action: disabled ? "user.disabled" : "user.enabled",
      actorUserId: actor.user.id,
      actorName: actor.user.username,
      targetType: "staff_user",
      targetId: id,
      ip: actor.ip,
      details: { username: user.username },
    });
    return updated;
  });
  forgetCheckedApiTokens();
  return changed;
}

export async function resetStaffUserPassword(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  password: string,
) {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, id);
    await updateStaffUser(trx, id, { password_hash: passwordHash });
    // Whoever held the old password is signed out everywhere.
    await deleteSessionsOfUser(trx, id);
    await insertAuditEntry(trx, {
      action: "user.password_reset",
      actorUserId: actor.user.id,
      actorName: actor.user.username,
      targetType: "staff_user",
      targetId: id,
      ip: actor.ip,
      details: { username: user.username, self: actor.user.id === id },
    });
    return user;
  });
}

export async function changeOwnPassword(
  db: Kysely<Database>,
  actor: Actor,
  currentPassword: string,
  newPassword: string,
) {
  const found = await findStaffUserCredentials(db, actor.user.username);
  if (!found || !(await verifyPassword(found.passwordHash, currentPassword))) {
    throw new ValidationError("The current password is not correct", [
      { field: "currentPassword", message: { key: "profile.error.passwordIncorrect" } },
    ]);
  }
  await resetStaffUserPassword(db, actor, actor.user.id, newPassword);
}

export async function updateOwnProfile(
  db: Kysely<Database>,
  actor: Actor,
  profile: { displayName: string; email: string | null; locale: Locale | null },
): Promise<StaffUser> {
  return db.transaction().execute(async (trx) => {
    const updated = await updateStaffUser(trx, actor.user.id, {
      display_name: profile.displayName,
      email: profile.email,
      locale: profile.locale,
    });
    await insertAuditEntry(trx, {
      action: "user.profile_changed",
      actorUserId: actor.user.id,
      actorName: actor.user.username,
      targetType: "staff_user",
      targetId: actor.user.id,
      ip: actor.ip,
    });
    return updated;
  });
}
