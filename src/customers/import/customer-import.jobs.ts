import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Database } from "../../db/database.ts";
import type { JobDefinition } from "../../jobs/job-queue.ts";
import { JOB_CUSTOMER_IMPORT, resumeOrphanedImports, runQueuedImport } from "./customer-import.service.ts";

export const JOB_CUSTOMER_IMPORT_RESUME = "customer-import-resume";

export interface CustomerImportJobDependencies {
  db: Kysely<Database>;
  /** this process's presence id: the imports it runs are claimed under it */
  processId: string;
  logger: Logger;
  now: () => Date;
}

/**
 * Customer imports on the job queue: one job runs one import (queued by the console or the API in the
 * transaction that starts it); a sweep every minute, and once when a process starts, gives a new job
 * to every import whose process died, and the process that takes it carries on after the committed
 * rows (see jobs/CONTEXT.md).
 */
export function customerImportJobs(deps: CustomerImportJobDependencies): JobDefinition[] {
  return [
    {
      name: JOB_CUSTOMER_IMPORT,
      // A failure is recorded on the import (the console offers to run it again); a process that dies
      // is handled by the sweep, not by the queue's retry.
      retryLimit: 0,
      // The largest file takes minutes; the queue must not give up on a job that is still working.
      expireInSeconds: 6 * 60 * 60,
      handler: async (data) => {
        await runQueuedImport(deps.db, Number(data.importId), deps.processId, deps.logger, { now: deps.now });
      },
    },
    {
      name: JOB_CUSTOMER_IMPORT_RESUME,
      policy: "short",
      cron: "* * * * *",
      retryLimit: 0,
      handler: async (_data, queue) => {
        const ids = await resumeOrphanedImports(deps.db, queue);
        if (ids.length > 0) deps.logger.info({ imports: ids }, "interrupted customer imports resumed");
      },
    },
  ];
}
