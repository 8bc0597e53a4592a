import type { JobDefinition } from "../jobs/job-queue.ts";
import { catchUpRollups } from "./rollup.service.ts";
import { runDueSchedules, type ScheduleDependencies } from "./schedule.service.ts";

export const JOB_REPORT_SCHEDULES = "report-schedules";
export const JOB_REPORT_ROLLUPS = "report-rollups";

/**
 * Reports on the job queue: due scheduled reports are looked for every minute (and once at start, so
 * runs missed while the app was down go out at once); the rollups are brought up to date every five
 * minutes, so a report rarely has new responses to add first.
 */
export function reportJobs(deps: ScheduleDependencies): JobDefinition[] {
  return [
    {
      name: JOB_REPORT_SCHEDULES,
      policy: "short",
      cron: "* * * * *",
      retryLimit: 0,
      expireInSeconds: 900,
      handler: async () => {
        await runDueSchedules(deps);
      },
    },
    {
      name: JOB_REPORT_ROLLUPS,
      policy: "short",
      cron: "*/5 * * * *",
      retryLimit: 0,
      handler: async () => {
        await catchUpRollups(deps.db, { timeZone: deps.settings.timeZone, maxBatches: 50 });
      },
    },
  ];
}
