import { CompiledQuery } from "kysely";
import type pg from "pg";
import PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { Db } from "../db/database.ts";
import { JOB_QUEUE_SCHEMA } from "./job-queue-schema.ts";

/** One kind of background work. Handlers must be safe to run twice and in several processes at once. */
export interface JobDefinition {
  name: string;
  /** "short": at most one job of this name waits at a time (a nudge, not a to-do item) */
  policy?: "standard" | "short";
  /** also run on this cron schedule (minutes resolution, server time zone) */
  cron?: string;
  expireInSeconds?: number;
  retryLimit?: number;
  handler(data: Record<string, unknown>, queue: JobQueue): Promise<void>;
}

export interface SendOptions {
  startAfterSeconds?: number;
  /**
   * A "short" queue keeps one waiting job per key (no key is a key too): a job for later waits under
   * a key of its own so that it does not swallow the nudges meant for now.
   */
  key?: string;
  /**
   * Store the job through this transaction: it exists exactly when the rows written beside it are
   * committed (a job is never lost after the row it works on, nor run for a row rolled back).
   */
  db?: Db;
}

export interface JobQueue {
  /** Queues a job; resolves once it is stored in PostgreSQL (it survives a crash from then on). */
  send(name: string, data?: Record<string, unknown>, options?: SendOptions): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL-backed job queue (pg-boss), in its own `pgboss` schema, started with the app. Jobs
 * survive restarts; several app processes share the work.
 */
export async function startJobQueue(
  pool: pg.Pool,
  logger: Logger,
  jobs: JobDefinition[],
  options: {
    pollingIntervalSeconds?: number;
    /** false: create the queues and send jobs but take none (a process that only enqueues; tests) */
    workers?: boolean;
  } = {},
): Promise<JobQueue> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => pool.query(text, values) },
    schema: JOB_QUEUE_SCHEMA,
    // The cron clock is checked every 30 s; a missed minute is not replayed (report schedules keep
    // their own due dates and catch up themselves).
    clockMonitorIntervalSeconds: 30,
    cronMonitorIntervalSeconds: 30,
    maintenanceIntervalSeconds: 120,
  });
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  await boss.start();
  const queue: JobQueue = {
    send: async (name, data = {}, sendOptions = {}) => {
      const within = sendOptions.db;
      await boss.send(name, data, {
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
        ...(sendOptions.key ? { singletonKey: sendOptions.key } : {}),
        ...(within
          ? {
              db: {
                executeSql: (text, values) => within.executeQuery(CompiledQuery.raw(text, values ?? [])),
              },
            }
          : {}),
      });
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false }),
  };
  for (const job of jobs) {
    await boss.createQueue(job.name, {
      name: job.name,
      policy: job.policy ?? "standard",
      retryLimit: job.retryLimit ?? 3,
      retryBackoff: true,
      expireInSeconds: job.expireInSeconds ?? 15 * 60,
    });
    if (options.workers === false) continue;
    await boss.work<Record<string, unknown>>(
      job.name,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 },
      async ([entry]) => {
        if (!entry) return;
        try {
          await job.handler(entry.data ?? {}, queue);
        } catch (error) {
          logger.error({ err: error, job: job.name }, "job failed");
          throw error;
        }
      },
    );
    if (job.cron) await boss.schedule(job.name, job.cron, {});
    else await boss.unschedule(job.name);
  }
  return queue;
}
