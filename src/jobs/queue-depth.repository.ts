import { sql } from "kysely";
import type { Db } from "../db/database.ts";

/** How much work one queue holds right now. */
export interface QueueDepth {
  queue: string;
  /** waiting for a worker, including jobs deferred to a later start */
  created: number;
  /** waiting to be tried again after a failure */
  retry: number;
  /** taken by a worker */
  active: number;
  /**
   * Seconds the oldest job that could run now has been waiting for a worker (since its start time, so a
   * deferred job or a retry counts from when it became due); 0 when none waits.
   */
  oldestWaitingSeconds: number;
}

/**
 * Every queue's jobs by state and the age of its oldest due job, in one query over pg-boss's tables (the
 * `pgboss` schema, read only). Cheap: only unfinished jobs are looked at, and pg-boss keeps finished ones
 * for hours, not years.
 */
export async function findQueueDepths(db: Db): Promise<QueueDepth[]> {
  const { rows } = await sql<{
    queue: string;
    created: number;
    retry: number;
    active: number;
    oldest_waiting_seconds: number | null;
  }>`
    select q.name as queue,
      count(*) filter (where j.state = 'created') as created,
      count(*) filter (where j.state = 'retry') as retry,
      count(*) filter (where j.state = 'active') as active,
      extract(epoch from now() - min(j.start_after)
        filter (where j.state in ('created', 'retry') and j.start_after <= now())) as oldest_waiting_seconds
    from pgboss.queue q
    left join pgboss.job j on j.name = q.name and j.state < 'completed'
    group by q.name
    order by q.name`.execute(db);
  return rows.map((row) => ({
    queue: row.queue,
    created: row.created,
    retry: row.retry,
    active: row.active,
    oldestWaitingSeconds: Math.max(0, row.oldest_waiting_seconds ?? 0),
  }));
}
