import { sql, type Transaction } from "kysely";
import type { Database, Db } from "../db/database.ts";

/**
 * Serialises the throttle's count-and-record for one account name and one address, until the transaction
 * ends. Two lock spaces (account, address), always taken in that order, so two sign-ins cannot deadlock.
 */
export async function lockLoginThrottle(
  trx: Transaction<Database>,
  account: string,
  ip: string | null,
): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('manyi.login.account'), hashtext(${account}))`.execute(trx);
  if (ip !== null) {
    await sql`select pg_advisory_xact_lock(hashtext('manyi.login.ip'), hashtext(${ip}))`.execute(trx);
  }
}

/**
 * Attempts that count against the limits since `since`, per address and per account name: the failures
 * in the audit log (the throttle's memory) and the sign-ins being checked now. One statement, so one
 * snapshot: an attempt that turns from "being checked" into a failure meanwhile is counted exactly once.
 */
export async function countLoginAttempts(
  db: Db,
  ip: string | null,
  account: string,
  since: Date,
): Promise<{ byIp: number; byAccount: number }> {
  const failed = db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("action", "=", "auth.login_failed")
    .where("at", ">", since);
  const checking = db
    .selectFrom("login_check")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("started_at", ">", since);
  const row = await db
    .selectNoFrom([
      failed.where((w) => w(w.fn("lower", ["actor_name"]), "=", account)).as("failedByAccount"),
      checking.where("account", "=", account).as("checkingByAccount"),
      failed.where("ip", "=", ip).as("failedByIp"),
      checking.where("ip", "=", ip).as("checkingByIp"),
    ])
    .executeTakeFirstOrThrow();
  return {
    byAccount: Number(row.failedByAccount) + Number(row.checkingByAccount),
    // `ip = null` matches nothing: an attempt without an address is limited per account only
    byIp: ip === null ? 0 : Number(row.failedByIp) + Number(row.checkingByIp),
  };
}

export async function insertLoginCheck(
  db: Db,
  check: { account: string; ip: string | null; startedAt: Date },
): Promise<number> {
  const { id } = await db
    .insertInto("login_check")
    .values({ account: check.account, ip: check.ip, started_at: check.startedAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function deleteLoginCheck(db: Db, id: number): Promise<void> {
  await db.deleteFrom("login_check").where("id", "=", id).execute();
}

/** An account's checks left by a process that stopped mid-check (they stop counting after the window). */
export async function deleteStaleLoginChecks(db: Db, account: string, before: Date): Promise<void> {
  await db
    .deleteFrom("login_check")
    .where("account", "=", account)
    .where("started_at", "<=", before)
    .execute();
}
