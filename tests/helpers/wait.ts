import { type Kysely, sql } from "kysely";
import type { Database } from "../../src/db/database.ts";

/** Asks `probe` every 100 ms until it answers; past the deadline the test fails, naming what it waited for. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits until nothing more is going to happen, so a test can assert that something did NOT happen
 * (no further mail) instead of sleeping and hoping the job has run by then: no job of `queues` is
 * waiting (even one due later), retrying or running, and no invitation is due to be sent or being
 * sent. A mail is sent only for an invitation claimed from those, so once both are empty no mail is
 * on its way. Past the deadline the test fails (a job stuck, or one that keeps queuing itself).
 */
export async function waitForQueueIdle(
  db: Kysely<Database>,
  queues: readonly string[],
  timeoutMs = 20_000,
): Promise<void> {
  await waitUntil(
    `the queues ${queues.join(", ") || "(none)"} and the invitations to be idle`,
    async () => {
      const { rows } = await sql<{ busy: number }>`
        select
          (select count(*) from pgboss.job
            where name = any(${queues as string[]}::text[]) and state in ('created', 'retry', 'active'))
          + (select count(*) from invitation i join wave w on w.id = i.wave_id
              where i.status = 'sending'
                 or (i.status = 'queued' and i.next_attempt_at <= now()
                     and (w.closes_at is null or w.closes_at > now()))) as busy`.execute(db);
      return Number(rows[0]?.busy) === 0;
    },
    timeoutMs,
  );
}
