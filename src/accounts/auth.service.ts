import type { Kysely } from "kysely";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database } from "../db/database.ts";
import { TooManyRequestsError, UnauthenticatedError } from "../errors.ts";
import { findLiveApiTokenWithUser, touchApiToken } from "./api-token.repository.ts";
import {
  countLoginAttempts,
  deleteLoginCheck,
  deleteStaleLoginChecks,
  insertLoginCheck,
  lockLoginThrottle,
} from "./login-check.repository.ts";
import { dummyPasswordHash, verifyPassword } from "./password.ts";
import { deleteSession, extendSession, findLiveSession, insertSession } from "./session.repository.ts";
import { findStaffUserById, findStaffUserCredentials, toStaffUser } from "./staff-user.repository.ts";
import type { StaffUser } from "./staff-user.ts";
import { generateSecretToken, hashSecretToken } from "./tokens.ts";

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
const SESSION_TOUCH_MS = 5 * 60 * 1000;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export interface LoginAttempt {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export type LoginResult =
  | { ok: true; user: StaffUser; sessionToken: string }
  | { ok: false; reason: "invalid" | "disabled" };

/**
 * Checks the credentials, throttled per address and per account name over a 15-minute window, and opens
 * a session. Every failure is written to the audit log, which is also the throttle's memory, so the
 * limit holds across app processes. An attempt is counted before its password is checked (see
 * `startLoginCheck`), so concurrent attempts cannot get more checks than the limit allows.
 */
export async function logIn(db: Kysely<Database>, attempt: LoginAttempt, now: Date): Promise<LoginResult> {
  const username = attempt.username.trim();
  const checkId = await startLoginCheck(db, username, attempt.ip, now);

  const found = username === "" ? undefined : await findStaffUserCredentials(db, username);
  const passwordOk = found
    ? await verifyPassword(found.passwordHash, attempt.password)
    : await verifyPassword(await dummyPasswordHash(), attempt.password).then(() => false);

  if (!found || !passwordOk || found.user.disabled) {
    await db.transaction().execute(async (trx) => {
      // in one transaction: the attempt stops being "checking" as it becomes a failure
      await deleteLoginCheck(trx, checkId);
      await insertAuditEntry(trx, {
        action: "auth.login_failed",
        actorUserId: found?.user.id ?? null,
        actorName: accountKey(username),
        ip: attempt.ip,
        details: { reason: !found ? "unknown_user" : !passwordOk ? "wrong_password" : "disabled" },
      });
    });
    return { ok: false, reason: found && passwordOk ? "disabled" : "invalid" };
  }

  const sessionToken = generateSecretToken();
  await db.transaction().execute(async (trx) => {
    await deleteLoginCheck(trx, checkId);
    await insertSession(trx, {
      idHash: hashSecretToken(sessionToken),
      staffUserId: found.user.id,
      expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
      ip: attempt.ip,
      userAgent: attempt.userAgent,
    });
    await insertAuditEntry(trx, {
      action: "auth.login",
      actorUserId: found.user.id,
      actorName: found.user.username,
      ip: attempt.ip,
    });
  });
  return { ok: true, user: found.user, sessionToken };
}

/** The name an attempt is counted under: as typed, bounded, case-insensitive like usernames. */
function accountKey(username: string): string {
  return username.slice(0, 200);
}

/**
 * Counts the recent failures and the attempts being checked for this account name and address, and,
 * below both limits, records this attempt as being checked: all under an advisory lock per account and
 * per address, so that of concurrent attempts (in any process) only as many as the limit allows pass.
 * The lock is held for a count and an insert, never while a password is hashed.
 * @throws TooManyRequestsError at either limit
 */
async function startLoginCheck(
  db: Kysely<Database>,
  username: string,
  ip: string | null,
  now: Date,
): Promise<number> {
  const account = accountKey(username).toLowerCase();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  return db.transaction().execute(async (trx) => {
    await lockLoginThrottle(trx, account, ip);
    await deleteStaleLoginChecks(trx, account, since);
    const attempts = await countLoginAttempts(trx, ip, account, since);
    if (attempts.byAccount >= MAX_FAILURES_PER_ACCOUNT || attempts.byIp >= MAX_FAILURES_PER_IP) {
      throw new TooManyRequestsError(
        "Too many failed sign-in attempts. Wait 15 minutes, then try again.",
        THROTTLE_WINDOW_MS / 1000,
      );
    }
    return insertLoginCheck(trx, { account, ip, startedAt: now });
  });
}

export async function logOut(db: Kysely<Database>, sessionToken: string, user: StaffUser, ip: string | null) {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, hashSecretToken(sessionToken));
    await insertAuditEntry(trx, {
      action: "auth.logout",
      actorUserId: user.id,
      actorName: user.username,
      ip,
    });
  });
}

/** The signed-in user of a session cookie, or undefined; slides the idle expiry now and then. */
export async function resolveSession(
  db: Kysely<Database>,
  sessionToken: string,
  now: Date,
): Promise<StaffUser | undefined> {
  const session = await findLiveSession(db, hashSecretToken(sessionToken), now);
  if (!session) return undefined;
  const user = await findStaffUserById(db, session.staffUserId);
  if (!user || user.disabled) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await extendSession(db, session.idHash, now, new Date(now.getTime() + SESSION_IDLE_MS));
  }
  return user;
}

/**
 * Tokens recently checked, so that an integration posting many requests costs one lookup every few
 * seconds instead of one per request. Revoking a token, or changing or disabling its user, clears the
 * cache of this process at once; other processes see the change within API_TOKEN_CACHE_MS.
 */
const API_TOKEN_CACHE_MS = 5_000;
const API_TOKEN_CACHE_SIZE = 1_000;
const checkedApiTokens = new Map<string, { user: StaffUser; until: number }>();

export function forgetCheckedApiTokens(): void {
  checkedApiTokens.clear();
}

/** The user an API bearer token acts as; throws 401 for an unknown, revoked or disabled token. */
export async function authenticateApiToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<StaffUser> {
  const tokenHash = hashSecretToken(token);
  const checked = checkedApiTokens.get(tokenHash);
  if (checked && checked.until > now.getTime()) return checked.user;
  const found = await findLiveApiTokenWithUser(db, tokenHash);
  const user = found && toStaffUser(found);
  if (!found || !user || user.disabled) {
    throw new UnauthenticatedError("The API token is unknown, revoked, or belongs to a disabled user");
  }
  if (!found.token_last_used_at || now.getTime() - found.token_last_used_at.getTime() > SESSION_TOUCH_MS) {
    await touchApiToken(db, found.token_id, now);
  }
  if (checkedApiTokens.size >= API_TOKEN_CACHE_SIZE) checkedApiTokens.clear();
  checkedApiTokens.set(tokenHash, { user, until: now.getTime() + API_TOKEN_CACHE_MS });
  return user;
}
