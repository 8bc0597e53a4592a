import type { Kysely } from "kysely";
import type pg from "pg";
import type { Logger } from "pino";
import type { Database } from "../db/database.ts";
import { findQueueDepths } from "../jobs/queue-depth.repository.ts";
import { findRollupBacklog } from "../reports/rollup.repository.ts";
import { findDueScheduleIds, findLastScheduledRuns } from "../reports/schedule.repository.ts";
import type { Metrics } from "./metrics.ts";

export interface MetricSources {
  db: Kysely<Database>;
  pool: pg.Pool;
  now: () => Date;
  logger: Logger;
}

/**
 * A scrape waits at most this long for the database: when the pool is exhausted, the pool's figures are
 * the ones wanted, and they must not wait for a connection themselves.
 */
const DATABASE_WAIT_MS = 3_000;

/**
 * Sets the gauges to what is true now: the pool's counts, then the queues, the rollups' backlog and the
 * report schedules, read with a few cheap queries on one connection.
 */
export async function readGauges(metrics: Metrics, sources: MetricSources): Promise<void> {
  const { pool } = sources;
  metrics.poolTotal.set(pool.totalCount);
  metrics.poolIdle.set(pool.idleCount);
  metrics.poolWaiting.set(pool.waitingCount);
  metrics.poolMax.set(pool.options.max ?? 10);

  const figures = await withDeadline(readDatabaseFigures(sources), DATABASE_WAIT_MS).catch(
    (error: unknown) => {
      sources.logger.warn({ err: error }, "metrics: the database did not answer");
      return undefined;
    },
  );
  // Stale figures would read as current: what could not be read is left out until it can.
  for (const gauge of [
    metrics.queueJobs,
    metrics.queueOldestWaitingSeconds,
    metrics.rollupPendingResponses,
    metrics.rollupLagSeconds,
    metrics.scheduleLastRun,
    metrics.schedulesDue,
  ])
    gauge.reset();
  metrics.databaseUp.set(figures ? 1 : 0);
  if (!figures) return;
  for (const depth of figures.queues) {
    metrics.queueJobs.set({ queue: depth.queue, state: "created" }, depth.created);
    metrics.queueJobs.set({ queue: depth.queue, state: "retry" }, depth.retry);
    metrics.queueJobs.set({ queue: depth.queue, state: "active" }, depth.active);
    metrics.queueOldestWaitingSeconds.set({ queue: depth.queue }, depth.oldestWaitingSeconds);
  }
  const now = sources.now().getTime();
  metrics.rollupPendingResponses.set(figures.rollups.pendingResponses);
  const oldest = figures.rollups.oldestSubmittedAt;
  metrics.rollupLagSeconds.set(oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : 0);
  for (const run of figures.lastRuns)
    metrics.scheduleLastRun.set({ status: run.status }, run.claimedAt.getTime() / 1000);
  metrics.schedulesDue.set(figures.dueSchedules);
}

function readDatabaseFigures({ db, now }: MetricSources) {
  // one connection, one query after another: a scrape never takes more than one of the pool's
  return db.connection().execute(async (connection) => ({
    queues: await findQueueDepths(connection),
    rollups: await findRollupBacklog(connection),
    dueSchedules: (await findDueScheduleIds(connection, now())).length,
    lastRuns: await findLastScheduledRuns(connection),
  }));
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
