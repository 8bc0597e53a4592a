import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { liveProcessIds } from "../jobs/process-presence.ts";

/** A message claimed for sending: the invitation, who it goes to, and which message it is. */
export interface ClaimedMessage {
  invitationId: number;
  waveId: number;
  email: string | null;
  locale: string;
  customerName: string;
  customerOptedOut: boolean;
  kind: "invitation" | "reminder";
  attempts: number;
}

/**
 * Claims up to `limit` messages that are due, for this process. Rows locked by another process's claim
 * are skipped, so two processes never take the same message.
 */
export async function claimDueMessages(
  db: Db,
  processId: string,
  limit: number,
  waveId?: number,
): Promise<ClaimedMessage[]> {
  const result = await sql<{
    id: number;
    wave_id: number;
    email: string | null;
    locale: string;
    name: string;
    opted_out_at: Date | null;
    message_kind: "invitation" | "reminder";
    attempts: number;
  }>`
    with due as (
      select i.id from invitation i
      join wave w on w.id = i.wave_id
      where i.status = 'queued' and i.next_attempt_at <= now()
        and (w.closes_at is null or w.closes_at > now())
        ${waveId === undefined ? sql`` : sql`and i.wave_id = ${waveId}`}
      order by i.next_attempt_at, i.id
      limit ${limit}
      for update of i skip locked
    )
    update invitation i set status = 'sending', claimed_by = ${processId}, claimed_at = now()
    from due, customer c
    where i.id = due.id and c.id = i.customer_id
    returning i.id, i.wave_id, i.email, i.locale, c.name, c.opted_out_at, i.message_kind, i.attempts`.execute(
    db,
  );
  return result.rows.map((row) => ({
    invitationId: row.id,
    waveId: row.wave_id,
    email: row.email,
    locale: row.locale,
    customerName: row.name,
    customerOptedOut: row.opted_out_at !== null,
    kind: row.message_kind,
    attempts: row.attempts,
  }));
}

/**
 * Seconds until the earliest queued message is due (negative: already due), in a wave still open;
 * undefined when nothing waits.
 */
export async function secondsUntilNextDueMessage(db: Db): Promise<number | undefined> {
  const result = await sql<{ seconds: string | null }>`
    select extract(epoch from min(i.next_attempt_at) - now()) as seconds
    from invitation i join wave w on w.id = i.wave_id
    where i.status = 'queued' and (w.closes_at is null or w.closes_at > now())`.execute(db);
  const seconds = result.rows[0]?.seconds;
  return seconds === null || seconds === undefined ? undefined : Number(seconds);
}

/** Stores the hashes of the tokens the claimed messages will carry, before any of them is sent. */
export async function insertInvitationTokens(
  db: Db,
  tokens: { invitationId: number; tokenHash: string }[],
): Promise<void> {
  if (tokens.length === 0) return;
  await db
    .insertInto("invitation_token")
    .values(tokens.map((t) => ({ invitation_id: t.invitationId, token_hash: t.tokenHash })))
    .execute();
}

/** Messages the SMTP server (or the outbox) accepted. */
export async function markMessagesSent(db: Db, processId: string, invitationIds: number[]): Promise<void> {
  if (invitationIds.length === 0) return;
  await sql`
    update invitation set status = 'sent', attempts = 0, last_error = null, claimed_by = null, claimed_at = null,
      sent_by = ${processId},
      first_sent_at = coalesce(first_sent_at, now()), last_sent_at = now(),
      reminders_sent = reminders_sent + (case when message_kind = 'reminder' then 1 else 0 end)
    where id = any(${invitationIds}::bigint[]) and status = 'sending' and claimed_by = ${processId}`.execute(
    db,
  );
}

/** A temporary failure waits `retryInSeconds`; a permanent one, or too many attempts, ends in 'failed'. */
export async function markMessageFailed(
  db: Db,
  processId: string,
  invitationId: number,
  failure: { error: string; permanent: boolean; retryInSeconds: number; maxAttempts: number },
): Promise<void> {
  await sql`
    update invitation set
      attempts = attempts + 1,
      last_error = ${failure.error.slice(0, 500)},
      claimed_by = null, claimed_at = null,
      status = case when ${failure.permanent} or attempts + 1 >= ${failure.maxAttempts} then 'failed' else 'queued' end,
      next_attempt_at = now() + make_interval(secs => ${failure.retryInSeconds})
    where id = ${invitationId} and status = 'sending' and claimed_by = ${processId}`.execute(db);
}

/** Messages that must not go (the customer opted out meanwhile, or has no address). */
export async function markMessagesNotSent(
  db: Db,
  processId: string,
  invitationIds: number[],
  reason: string,
): Promise<void> {
  if (invitationIds.length === 0) return;
  await sql`
    update invitation set status = 'cancelled', last_error = ${reason}, claimed_by = null, claimed_at = null
    where id = any(${invitationIds}::bigint[]) and status = 'sending' and claimed_by = ${processId}`.execute(
    db,
  );
}

/**
 * Gives back the messages claimed by processes that are gone (killed, crashed): they are sent again.
 * A message the SMTP server accepted in the instant before the kill is the only possible second copy.
 */
export async function releaseMessagesOfDeadProcesses(db: Db): Promise<number> {
  const result = await sql`
    update invitation set status = 'queued', claimed_by = null, claimed_at = null
    where status = 'sending' and (claimed_by is null or claimed_by not in ${liveProcessIds()})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Queues the reminders that are due at `now`: invitations sent, not completed, not opted out, with a
 * reminder left whose delay (days after the first message) has passed. Returns how many.
 */
export async function queueDueReminders(db: Db, now: Date): Promise<number> {
  const result = await sql`
    update invitation i set status = 'queued', message_kind = 'reminder', attempts = 0, next_attempt_at = ${now}
    from wave w, customer c
    where w.id = i.wave_id and c.id = i.customer_id
      and i.status = 'sent' and i.completed_at is null and i.opted_out_at is null and c.opted_out_at is null
      and w.channel = 'email' and (w.closes_at is null or w.closes_at > ${now})
      and i.reminders_sent < cardinality(w.reminder_days)
      and i.first_sent_at + make_interval(secs => w.reminder_days[i.reminders_sent + 1] * 86400) <= ${now}`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}

export interface InvitationByToken {
  id: number;
  waveId: number;
  customerId: number;
  customerRef: string;
  responseId: number | null;
  completedAt: Date | null;
  openedAt: Date | null;
  optedOutAt: Date | null;
}

export async function findInvitationByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<InvitationByToken | undefined> {
  const row = await db
    .selectFrom("invitation_token as t")
    .innerJoin("invitation as i", "i.id", "t.invitation_id")
    .innerJoin("customer as c", "c.id", "i.customer_id")
    .select([
      "i.id",
      "i.wave_id",
      "i.customer_id",
      "c.external_ref",
      "i.response_id",
      "i.completed_at",
      "i.opened_at",
      "i.opted_out_at",
    ])
    .where("t.token_hash", "=", tokenHash)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      waveId: row.wave_id,
      customerId: row.customer_id,
      customerRef: row.external_ref,
      responseId: row.response_id,
      completedAt: row.completed_at,
      openedAt: row.opened_at,
      optedOutAt: row.opted_out_at,
    }
  );
}

export async function markInvitationOpened(db: Db, id: number, now: Date): Promise<void> {
  await db
    .updateTable("invitation")
    .set({ opened_at: now })
    .where("id", "=", id)
    .where("opened_at", "is", null)
    .execute();
}

/** The first saved page: the invitation is started (and, unless anonymous, knows its response). */
export async function markInvitationStarted(
  db: Db,
  id: number,
  responseId: number | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable("invitation")
    .set((eb) => ({
      started_at: eb.fn.coalesce("started_at", sql<Date>`${now}`),
      response_id: responseId,
    }))
    .where("id", "=", id)
    .execute();
}

export async function markInvitationCompleted(db: Db, id: number, now: Date): Promise<void> {
  await db
    .updateTable("invitation")
    .set((eb) => ({
      completed_at: eb.fn.coalesce("completed_at", sql<Date>`${now}`),
      started_at: eb.fn.coalesce("started_at", sql<Date>`${now}`),
    }))
    .where("id", "=", id)
    .execute();
}

/** Marks the invitation as the one its customer unsubscribed through (the first time counts). */
export async function markInvitationOptedOut(db: Db, id: number, now: Date): Promise<{ customerId: number }> {
  const row = await db
    .updateTable("invitation")
    .set((eb) => ({ opted_out_at: eb.fn.coalesce("opted_out_at", sql<Date>`${now}`) }))
    .where("id", "=", id)
    .returning("customer_id")
    .executeTakeFirstOrThrow();
  return { customerId: row.customer_id };
}

/** Messages still waiting for a customer (first sends and reminders) are not sent after all. */
export async function cancelQueuedInvitationsOf(db: Db, customerId: number, reason: string): Promise<void> {
  await db
    .updateTable("invitation")
    .set({ status: "cancelled", last_error: reason })
    .where("customer_id", "=", customerId)
    .where("status", "=", "queued")
    .execute();
}

export interface WaveCounters {
  invited: number;
  sent: number;
  failed: number;
  waiting: number;
  opened: number;
  started: number;
  completed: number;
  optedOut: number;
  remindersSent: number;
}

export async function waveCounters(db: Db, waveId: number): Promise<WaveCounters> {
  const row = await sql<Record<string, number>>`
    select count(*)::int as invited,
      count(*) filter (where first_sent_at is not null)::int as sent,
      count(*) filter (where status = 'failed')::int as failed,
      count(*) filter (where status in ('queued', 'sending') and first_sent_at is null)::int as waiting,
      count(*) filter (where opened_at is not null)::int as opened,
      count(*) filter (where started_at is not null)::int as started,
      count(*) filter (where completed_at is not null)::int as completed,
      count(*) filter (where opted_out_at is not null)::int as opted_out,
      coalesce(sum(reminders_sent), 0)::int as reminders_sent
    from invitation where wave_id = ${waveId}`.execute(db);
  const r = row.rows[0] ?? {};
  return {
    invited: r.invited ?? 0,
    sent: r.sent ?? 0,
    failed: r.failed ?? 0,
    waiting: r.waiting ?? 0,
    opened: r.opened ?? 0,
    started: r.started ?? 0,
    completed: r.completed ?? 0,
    optedOut: r.opted_out ?? 0,
    remindersSent: r.reminders_sent ?? 0,
  };
}

/** A staff wave's invitation of this customer for this questionnaire version, if there is one. */
export async function findCallListInvitation(db: Db, id: number, customerId: number, versionId: number) {
  return db
    .selectFrom("invitation as i")
    .innerJoin("wave as w", "w.id", "i.wave_id")
    .select(["i.id", "i.wave_id as waveId"])
    .where("i.id", "=", id)
    .where("i.customer_id", "=", customerId)
    .where("w.questionnaire_version_id", "=", versionId)
    .where("w.channel", "=", "staff")
    .executeTakeFirst();
}

/** The customers a staff member is to call or visit: open staff waves, assigned to them. */
export async function listCallList(db: Db, userId: number, now: Date) {
  const rows = await db
    .selectFrom("invitation as i")
    .innerJoin("wave as w", "w.id", "i.wave_id")
    .innerJoin("customer as c", "c.id", "i.customer_id")
    .select([
      "i.id",
      "i.completed_at",
      "w.id as wave_id",
      "w.name as wave_name",
      "w.questionnaire_version_id",
      "c.id as customer_id",
      "c.name as customer_name",
      "c.external_ref",
      "c.phone",
    ])
    .where("i.assigned_to", "=", userId)
    .where("w.channel", "=", "staff")
    .where("w.launched_at", "is not", null)
    .where((eb) => eb.or([eb("w.closes_at", "is", null), eb("w.closes_at", ">", now)]))
    .orderBy("i.completed_at", "desc")
    .orderBy("c.name")
    .limit(500)
    .execute();
  return rows.map((row) => ({
    invitationId: row.id,
    done: row.completed_at !== null,
    waveName: row.wave_name,
    versionId: row.questionnaire_version_id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerRef: row.external_ref,
    phone: row.phone,
  }));
}

export interface UndeliveredMessage {
  invitationId: number;
  waveId: number;
  waveName: string;
  customerId: number;
  customerRef: string | null;
  customerName: string;
  email: string | null;
  /** the mail server's answer, e.g. "550 no such mailbox" */
  lastError: string | null;
  attempts: number;
}

/**
 * Messages that will not be delivered: refused for good by the mail server (a 550) or given up after
 * the last retry. Newest first; of one wave or of one customer.
 */
export async function listUndelivered(
  db: Db,
  of: { waveId: number } | { customerId: number },
  page: { limit: number; offset: number },
): Promise<{ items: UndeliveredMessage[]; total: number }> {
  const base = db
    .selectFrom("invitation as i")
    .innerJoin("wave as w", "w.id", "i.wave_id")
    .innerJoin("customer as c", "c.id", "i.customer_id")
    .where("i.status", "=", "failed")
    .where("waveId" in of ? "i.wave_id" : "i.customer_id", "=", "waveId" in of ? of.waveId : of.customerId);
  const [items, count] = await Promise.all([
    base
      .select([
        "i.id as invitationId",
        "i.wave_id as waveId",
        "w.name as waveName",
        "c.id as customerId",
        "c.external_ref as customerRef",
        "c.name as customerName",
        "i.email",
        "i.last_error as lastError",
        "i.attempts",
      ])
      .orderBy("i.id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export interface CustomerMessage {
  waveId: number;
  waveName: string;
  channel: string;
  status: string;
  email: string | null;
  firstSentAt: Date | null;
  remindersSent: number;
  /** why it was not sent or not delivered, e.g. the mail server's "550 no such mailbox" */
  lastError: string | null;
  completedAt: Date | null;
}

/** Every invitation one customer was sent or was to be sent, newest first. */
export async function listCustomerMessages(
  db: Db,
  customerId: number,
  page: { limit: number; offset: number },
): Promise<{ items: CustomerMessage[]; total: number }> {
  const base = db
    .selectFrom("invitation as i")
    .innerJoin("wave as w", "w.id", "i.wave_id")
    .where("i.customer_id", "=", customerId);
  const [items, count] = await Promise.all([
    base
      .select([
        "w.id as waveId",
        "w.name as waveName",
        "w.channel",
        "i.status",
        "i.email",
        "i.first_sent_at as firstSentAt",
        "i.reminders_sent as remindersSent",
        "i.last_error as lastError",
        "i.completed_at as completedAt",
      ])
      .orderBy("i.id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
