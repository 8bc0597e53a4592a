import type { Kysely } from "kysely";
import type pg from "pg";
import type { Logger } from "pino";
import { caseJobs } from "./cases/case.jobs.ts";
import { customerImportJobs, JOB_CUSTOMER_IMPORT_RESUME } from "./customers/import/customer-import.jobs.ts";
import type { Database } from "./db/database.ts";
import { distributionJobs, JOB_DISPATCH } from "./distribution/distribution.jobs.ts";
import type { MessageOutcome } from "./distribution/invitation-sender.ts";
import { type JobQueue, startJobQueue } from "./jobs/job-queue.ts";
import { startProcessPresence } from "./jobs/process-presence.ts";
import { createMailer, type Mailer, type MailSettings } from "./mail/mailer.ts";
import { JOB_REPORT_SCHEDULES, reportJobs } from "./reports/report.jobs.ts";
import { defaultReportSettings, type ReportSettings } from "./reports/report-settings.ts";

export interface Background {
  jobs: JobQueue;
  mailer: Mailer;
  /** this process's presence id: work it claims is taken over by another process if it dies */
  processId: string;
  stop(): Promise<void>;
}

export interface BackgroundOptions {
  db: Kysely<Database>;
  pool: pg.Pool;
  logger: Logger;
  publicUrl: string;
  mail: MailSettings & { retrySeconds: number; maxAttempts?: number };
  now?: () => Date;
  /** how often an idle worker looks for jobs; tests make it short */
  pollingIntervalSeconds?: number;
  /** the organisation's time zone (config TIME_ZONE): closing dates in e-mails, report schedules */
  timeZone: string;
  /** PDF printer for scheduled reports */
  reports?: Omit<ReportSettings, "timeZone">;
  /** false: queue jobs but run none (tests of work left to another process) */
  workers?: boolean;
  /** told of every message delivery attempt (the process's metrics, src/metrics) */
  countMessage?: (outcome: MessageOutcome) => void;
}

/**
 * The work that runs beside the web app in every process: the job queue with its workers, the mailer,
 * and the process's presence (which lets another process take over the messages and the customer
 * imports of one that died).
 */
export async function startBackground(options: BackgroundOptions): Promise<Background> {
  const presence = await startProcessPresence(options.pool, options.logger);
  const mailer = createMailer(options.db, options.mail);
  const now = options.now ?? (() => new Date());
  const jobs = await startJobQueue(
    options.pool,
    options.logger,
    [
      ...distributionJobs({
        db: options.db,
        mailer,
        processId: presence.id,
        publicUrl: options.publicUrl,
        timeZone: options.timeZone,
        logger: options.logger,
        retryBaseSeconds: options.mail.retrySeconds,
        maxAttempts: options.mail.maxAttempts ?? 8,
        now,
        countMessage: options.countMessage,
      }),
      ...reportJobs({
        db: options.db,
        mailer,
        settings: {
          ...defaultReportSettings(options.timeZone),
          ...options.reports,
          timeZone: options.timeZone,
        },
        publicUrl: options.publicUrl,
        logger: options.logger,
        now,
        processId: presence.id,
      }),
      ...customerImportJobs({ db: options.db, processId: presence.id, logger: options.logger, now }),
      ...caseJobs({
        db: options.db,
        mailer,
        publicUrl: options.publicUrl,
        timeZone: options.timeZone,
        now,
      }),
    ],
    {
      ...(options.pollingIntervalSeconds === undefined
        ? {}
        : { pollingIntervalSeconds: options.pollingIntervalSeconds }),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
    },
  );
  // Messages left half-sent by a process that stopped are picked up now, not at the next minute.
  await jobs.send(JOB_DISPATCH);
  // Scheduled reports that fell due while no process was running go out now.
  await jobs.send(JOB_REPORT_SCHEDULES);
  // Imports whose process stopped carry on now.
  await jobs.send(JOB_CUSTOMER_IMPORT_RESUME);
  return {
    jobs,
    mailer,
    processId: presence.id,
    stop: async () => {
      await jobs.stop();
      mailer.close();
      await presence.stop();
    },
  };
}
