import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import type { JobDefinition } from "../jobs/job-queue.ts";
import type { Mailer } from "../mail/mailer.ts";
import { escalateOverdueCases } from "./case.service.ts";
import { sendCaseNotices } from "./case-notice.service.ts";
import { JOB_OPENING, openPendingCases } from "./case-opening.service.ts";
import { recordRecoveryAnswers } from "./case-recovery.service.ts";

export const JOB_CASES = "cases";

export interface CaseJobDependencies {
  db: Kysely<Database>;
  mailer: Mailer;
  publicUrl: string;
  timeZone: string;
  now: () => Date;
}

/**
 * Follow-up cases on the job queue, every minute: open the cases of new responses, escalate the
 * overdue ones, then send the e-mails those steps queued. Each step commits before the next, so an
 * e-mail goes out only for a case that exists, and a crash in between sends it at the next run.
 */
export function caseJobs(deps: CaseJobDependencies): JobDefinition[] {
  return [
    {
      name: JOB_CASES,
      policy: "short",
      cron: "* * * * *",
      retryLimit: 0,
      expireInSeconds: 600,
      handler: async () => {
        await openPendingCases(deps.db, { now: deps.now, timeZone: deps.timeZone, ...JOB_OPENING });
        await escalateOverdueCases(deps.db, deps.now());
        await recordRecoveryAnswers(deps.db);
        await sendCaseNotices(deps.db, deps.mailer, { publicUrl: deps.publicUrl, timeZone: deps.timeZone });
      },
    },
  ];
}
