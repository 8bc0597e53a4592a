import type { JobDefinition, JobQueue } from "../jobs/job-queue.ts";
import { queueDueReminders, secondsUntilNextDueMessage } from "./invitation.repository.ts";
import { type SenderDependencies, sendDueMessages } from "./invitation-sender.ts";
import { findWaveForLaunch } from "./wave.repository.ts";
import { createInvitations } from "./wave-launch.ts";

export const JOB_DISPATCH = "mail-dispatch";
export const JOB_LAUNCH = "wave-launch";
export const JOB_REMINDERS = "wave-reminders";

export interface DistributionJobDependencies extends SenderDependencies {
  now: () => Date;
}

/** A run sends for at most this long, then queues the next run, so that other jobs get their turn. */
const DISPATCH_BUDGET_MS = 60_000;

/**
 * Sending waves on the job queue: a launch creates the invitations, dispatch sends what is due (also
 * every minute, which picks up retries and the work of a process that died), reminders are queued once
 * a minute.
 */
export function distributionJobs(deps: DistributionJobDependencies): JobDefinition[] {
  return [
    {
      name: JOB_LAUNCH,
      retryLimit: 5,
      handler: async (data, queue) => {
        const wave = await findWaveForLaunch(deps.db, Number(data.waveId));
        if (!wave) return;
        const created = await createInvitations(deps.db, wave, deps.now());
        deps.logger.info({ wave: wave.id, invitations: created }, "wave launched");
        if (wave.channel === "email") await queue.send(JOB_DISPATCH);
      },
    },
    {
      name: JOB_DISPATCH,
      policy: "short",
      cron: "* * * * *",
      retryLimit: 0,
      expireInSeconds: 600,
      handler: async (_data, queue) => {
        // A busy run queues the next run at once, so that every app process helps with a big wave.
        const run = await sendDueMessages(deps, DISPATCH_BUDGET_MS, () => queue.send(JOB_DISPATCH));
        if (run.more) await queue.send(JOB_DISPATCH);
        else await scheduleNextDue(deps, queue);
      },
    },
    {
      name: JOB_REMINDERS,
      policy: "short",
      cron: "* * * * *",
      retryLimit: 0,
      handler: async (_data, queue) => {
        const queued = await queueDueReminders(deps.db, deps.now());
        if (queued > 0) {
          deps.logger.info({ reminders: queued }, "reminders queued");
          await queue.send(JOB_DISPATCH);
        }
      },
    },
  ];
}

/**
 * Queues a run for when the earliest waiting message (a retry) is due. The run waits under a key of its
 * own: a plain nudge (a launch, the minute schedule) is never held back by a run waiting an hour, and
 * runs for the same second are one. The job is kept in PostgreSQL, so a restart does not lose it.
 */
async function scheduleNextDue(deps: DistributionJobDependencies, queue: JobQueue): Promise<void> {
  const seconds = await secondsUntilNextDueMessage(deps.db);
  if (seconds === undefined) return;
  // due already (it became due after this run's last claim): run again at once
  if (seconds <= 0) return queue.send(JOB_DISPATCH);
  const wait = Math.ceil(seconds) + 1;
  const dueSecond = Math.floor(Date.now() / 1000) + wait;
  await queue.send(JOB_DISPATCH, {}, { startAfterSeconds: wait, key: `due-${dueSecond}` });
}
