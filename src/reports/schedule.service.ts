import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Database } from "../db/database.ts";
import { NotFoundError } from "../errors.ts";
import { translate } from "../i18n/i18n.ts";
import type { Mailer } from "../mail/mailer.ts";
import { parsePeriod } from "./period.ts";
import { buildReport } from "./report.service.ts";
import { reportChartImages } from "./report-charts.ts";
import { reportEmail } from "./report-email.ts";
import { printPdf } from "./report-pdf.ts";
import { renderReportPrintHtml } from "./report-print.ts";
import { reportQueryString } from "./report-query.ts";
import type { ReportSettings } from "./report-settings.ts";
import { reportView } from "./report-view.ts";
import {
  claimScheduledRun,
  findDueScheduleIds,
  findSchedule,
  insertSnapshot,
  markSnapshot,
  type ReportSchedule,
  reclaimOrphanedRuns,
  saveSnapshotContent,
} from "./schedule.repository.ts";
import { dueRuns, nextRunAfter, periodForRun } from "./schedule.ts";

export interface ScheduleDependencies {
  db: Kysely<Database>;
  mailer: Mailer;
  settings: ReportSettings;
  publicUrl: string;
  logger: Logger;
  now: () => Date;
  /** this process's presence id: the runs it sends are claimed under it (jobs/process-presence.ts) */
  processId: string;
}

/** How often a run is taken over from a process that died sending it, before it is left as it is. */
const MAX_ATTEMPTS = 3;

/**
 * Sends every scheduled report that is due, including runs missed while the app was down (each
 * reports its own period), and takes over runs a process that is gone left half-way. Safe to run in
 * several processes at once: each run is claimed by exactly one (see claimScheduledRun).
 *
 * @returns how many reports were sent
 */
export async function runDueSchedules(deps: ScheduleDependencies): Promise<number> {
  const { db, settings } = deps;
  let sent = 0;
  for (const id of await findDueScheduleIds(db, deps.now())) {
    const schedule = await findSchedule(db, id);
    if (!schedule?.enabled) continue;
    for (const dueAt of dueRuns(schedule, schedule.nextRunAt, deps.now(), settings.timeZone)) {
      const period = periodForRun(schedule.cadence, dueAt, settings.timeZone);
      const snapshotId = await db
        .transaction()
        .execute((trx) =>
          claimScheduledRun(
            trx,
            schedule,
            { dueAt, nextRunAt: nextRunAfter(schedule, dueAt, settings.timeZone), periodKey: period.key },
            deps.processId,
            deps.now(),
          ),
        );
      if (snapshotId === undefined) break; // another process took this run (and the ones after it)
      if (await sendSnapshot(deps, schedule, snapshotId, period.key)) sent += 1;
    }
  }
  for (const orphaned of await reclaimOrphanedRuns(db, deps.processId, deps.now(), MAX_ATTEMPTS)) {
    const schedule = await findSchedule(db, orphaned.scheduleId);
    if (schedule && (await sendSnapshot(deps, schedule, orphaned.snapshotId, orphaned.periodKey))) sent += 1;
  }
  return sent;
}

/** Sends a schedule's report of the last complete period now, outside its timetable. */
export async function sendScheduleNow(
  deps: ScheduleDependencies,
  scheduleId: number,
): Promise<number | undefined> {
  const schedule = await findSchedule(deps.db, scheduleId);
  if (!schedule) throw new NotFoundError("No such schedule");
  const now = deps.now();
  const period = periodForRun(schedule.cadence, now, deps.settings.timeZone);
  const snapshotId = await insertSnapshot(deps.db, schedule, now, period.key, deps.processId, now);
  if (snapshotId === undefined) return undefined;
  await sendSnapshot(deps, schedule, snapshotId, period.key);
  return snapshotId;
}

/**
 * Builds the report, its charts (PNG) and its PDF, stores them in the snapshot, then sends the email.
 * The snapshot keeps exactly what was sent; a failure is recorded on it.
 */
async function sendSnapshot(
  deps: ScheduleDependencies,
  schedule: ReportSchedule,
  snapshotId: number,
  periodKey: string,
): Promise<boolean> {
  const { db, settings } = deps;
  try {
    const period = parsePeriod(periodKey);
    if (!period) throw new Error(`bad period ${periodKey}`);
    const request = { questionnaireId: schedule.questionnaireId, period, filter: schedule.filter };
    // Management's email: numbers only, never customers' comments.
    const result = await buildReport(
      db,
      request,
      { canSeeComments: false },
      {
        timeZone: settings.timeZone,
        now: deps.now,
        ...(settings.countInvitations ? { countInvitations: settings.countInvitations } : {}),
      },
    );
    const locale = schedule.locale;
    const view = reportView(result.model, locale, result.managerNames);
    const images = reportChartImages(view);
    const html = await renderReportPrintHtml(view, locale, result.model.generatedAt, settings.timeZone);
    const pdf = await printPdf(html, settings.chromiumPath);
    const titles: Record<string, string> = {
      trend: translate(locale, "report.section.trend"),
      dimensions: translate(locale, "report.section.dimensions"),
      distribution: translate(locale, "report.section.distribution"),
    };
    const email = await reportEmail(view, locale, {
      reportUrl: `${deps.publicUrl}/admin/reports?${reportQueryString(request)}`,
      images: images.map((image) => ({ cid: image.cid, title: titles[image.cid] ?? image.cid })),
      timeZone: settings.timeZone,
    });
    const pdfName = `manyi-report-${schedule.questionnaireId}-${period.key.replace(/\.\./g, "_")}.pdf`;
    await saveSnapshotContent(db, snapshotId, {
      subject: email.subject,
      html: email.html,
      text: email.text,
      images: images.map((image) => ({
        cid: image.cid,
        filename: image.filename,
        png: image.png.toString("base64"),
      })),
      pdf,
      model: result.model,
    });
    await deps.mailer.send({
      to: schedule.recipients.join(", "),
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments: [
        ...images.map((image) => ({
          filename: image.filename,
          content: image.png,
          contentType: "image/png",
          cid: image.cid,
        })),
        { filename: pdfName, content: pdf, contentType: "application/pdf" },
      ],
    });
    await markSnapshot(db, snapshotId, "sent", deps.now());
    deps.logger.info(
      { schedule: schedule.id, snapshot: snapshotId, period: period.key },
      "scheduled report sent",
    );
    return true;
  } catch (error) {
    deps.logger.error({ err: error, schedule: schedule.id, snapshot: snapshotId }, "scheduled report failed");
    await markSnapshot(
      db,
      snapshotId,
      "failed",
      deps.now(),
      error instanceof Error ? error.message : String(error),
    );
    return false;
  }
}
