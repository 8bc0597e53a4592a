import type { Kysely, Transaction } from "kysely";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database } from "../db/database.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import type { Locale } from "../i18n/bilingual.ts";
import { revokeApiTokensOfUser } from "./api-token.repository.ts";
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
import { hashSecretToken } from "./tokens.ts";

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

/**
 * An administrator (or an operator at the command line) sets a user's password. Whoever held the old one
 * loses what it gave: every session of the user is signed out and every API token acting as them revoked.
 */
export async function resetStaffUserPassword(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  password: string,
) {
  const passwordHash = await hashPassword(password);
  const user = await db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, id);
    await replacePassword(trx, actor, user, passwordHash, { signOutEverywhere: true });
    return user;
  });
  forgetCheckedApiTokens();
  return user;
}

/**
 * A user changes their own password. With `signOutEverywhere` their other sessions are signed out and
 * their API tokens revoked (the session they are using stays); without it, those keep working.
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  actor: Actor,
  change: {
    currentPassword: string;
    newPassword: string;
    signOutEverywhere: boolean;
    /** the session the change is made from */
    sessionToken: string | undefined;
  },
) {
  const found = await findStaffUserCredentials(db, actor.user.username);
  if (!found || !(await verifyPassword(found.passwordHash, change.currentPassword))) {
    throw new ValidationError("The current password is not correct", [
      { field: "currentPassword", message: { key: "profile.error.passwordIncorrect" } },
    ]);
  }
  const passwordHash = await hashPassword(change.newPassword);
  await db.transaction().execute(async (trx) => {
    await replacePassword(trx, actor, actor.user, passwordHash, {
      signOutEverywhere: change.signOutEverywhere,
      ...(change.sessionToken === undefined
        ? {}
        : { keepSessionIdHash: hashSecretToken(change.sessionToken) }),
    });
  });
  forgetCheckedApiTokens();
}

async function replacePassword(
  trx: Transaction<Database>,
  actor: Actor,
  user: StaffUser,
  passwordHash: string,
  signOut: { signOutEverywhere: boolean; keepSessionIdHash?: string },
) {
  await updateStaffUser(trx, user.id, { password_hash: passwordHash });
  let revokedApiTokens: number[] = [];
  if (signOut.signOutEverywhere) {
    await deleteSessionsOfUser(trx, user.id, signOut.keepSessionIdHash);
    revokedApiTokens = await revokeApiTokensOfUser(trx, user.id, new Date());
  }
  await insertAuditEntry(trx, {
    action: "user.password_reset",
    actorUserId: actor.user.id,
    actorName: actor.user.username,
    targetType: "staff_user",
    targetId: user.id,
    ip: actor.ip,
    details: {
      username: user.username,
      self: actor.user.id === user.id,
      signedOutEverywhere: signOut.signOutEverywhere,
      revokedApiTokens,
    },
  });
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
