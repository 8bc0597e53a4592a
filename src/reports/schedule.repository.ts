import { sql, type Transaction } from "kysely";
import type { Database, Db } from "../db/database.ts";
import type { Bilingual } from "../i18n/bilingual.ts";
import { liveProcessIds } from "../jobs/process-presence.ts";
import type { ReportFilter } from "./report-model.ts";
import type { Cadence } from "./schedule.ts";

export interface ReportSchedule {
  id: number;
  name: string;
  questionnaireId: number;
  questionnaireName: Bilingual;
  cadence: Cadence;
  dayOfMonth: number;
  hour: number;
  minute: number;
  filter: ReportFilter;
  recipients: string[];
  locale: "zh-CN" | "en";
  enabled: boolean;
  nextRunAt: Date;
  lastSentAt: Date | null;
}

export interface ScheduleInput {
  name: string;
  questionnaireId: number;
  cadence: Cadence;
  dayOfMonth: number;
  hour: number;
  minute: number;
  filter: ReportFilter;
  recipients: string[];
  locale: "zh-CN" | "en";
}

function scheduleQuery(db: Db) {
  return db
    .selectFrom("report_schedule as s")
    .innerJoin("questionnaire as q", "q.id", "s.questionnaire_id")
    .select((eb) => [
      "s.id",
      "s.name",
      "s.questionnaire_id",
      "q.name as questionnaire_name",
      "q.name_en as questionnaire_name_en",
      "s.cadence",
      "s.day_of_month",
      "s.hour",
      "s.minute",
      "s.filter",
      "s.recipients",
      "s.locale",
      "s.enabled",
      "s.next_run_at",
      eb
        .selectFrom("report_snapshot as n")
        .whereRef("n.schedule_id", "=", "s.id")
        .where("n.status", "=", "sent")
        .select((inner) => inner.fn.max("n.sent_at").as("last"))
        .as("last_sent_at"),
    ]);
}

type ScheduleRow = Awaited<ReturnType<ReturnType<typeof scheduleQuery>["executeTakeFirstOrThrow"]>>;

function toSchedule(row: ScheduleRow): ReportSchedule {
  return {
    id: row.id,
    name: row.name,
    questionnaireId: row.questionnaire_id,
    questionnaireName: { "zh-CN": row.questionnaire_name, en: row.questionnaire_name_en },
    cadence: row.cadence,
    dayOfMonth: row.day_of_month,
    hour: row.hour,
    minute: row.minute,
    filter: row.filter as ReportFilter,
    recipients: row.recipients,
    locale: row.locale,
    enabled: row.enabled,
    nextRunAt: row.next_run_at,
    lastSentAt: (row.last_sent_at as Date | null) ?? null,
  };
}

export async function listSchedules(db: Db): Promise<ReportSchedule[]> {
  return (await scheduleQuery(db).orderBy("s.id").execute()).map(toSchedule);
}

export async function findSchedule(db: Db, id: number): Promise<ReportSchedule | undefined> {
  const row = await scheduleQuery(db).where("s.id", "=", id).executeTakeFirst();
  return row && toSchedule(row);
}

export async function insertSchedule(
  db: Db,
  input: ScheduleInput,
  nextRunAt: Date,
  createdBy: number | null,
): Promise<number> {
  const { id } = await db
    .insertInto("report_schedule")
    .values({
      name: input.name,
      questionnaire_id: input.questionnaireId,
      cadence: input.cadence,
      day_of_month: input.dayOfMonth,
      hour: input.hour,
      minute: input.minute,
      filter: JSON.stringify(input.filter),
      recipients: input.recipients,
      locale: input.locale,
      next_run_at: nextRunAt,
      created_by: createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateSchedule(db: Db, id: number, input: ScheduleInput, nextRunAt: Date, now: Date) {
  await db
    .updateTable("report_schedule")
    .set({
      name: input.name,
      questionnaire_id: input.questionnaireId,
      cadence: input.cadence,
      day_of_month: input.dayOfMonth,
      hour: input.hour,
      minute: input.minute,
      filter: JSON.stringify(input.filter),
      recipients: input.recipients,
      locale: input.locale,
      next_run_at: nextRunAt,
      updated_at: now,
    })
    .where("id", "=", id)
    .execute();
}

export async function setScheduleEnabled(db: Db, id: number, enabled: boolean, nextRunAt: Date, now: Date) {
  await db
    .updateTable("report_schedule")
    .set({ enabled, next_run_at: nextRunAt, updated_at: now })
    .where("id", "=", id)
    .execute();
}

export async function deleteSchedule(db: Db, id: number) {
  await db.deleteFrom("report_schedule").where("id", "=", id).execute();
}

export async function findDueScheduleIds(db: Db, now: Date): Promise<number[]> {
  const rows = await db
    .selectFrom("report_schedule")
    .select("id")
    .where("enabled", "=", true)
    .where("next_run_at", "<=", now)
    .orderBy("next_run_at")
    .execute();
  return rows.map((row) => row.id);
}

/** When the latest run of any schedule was claimed, by the run's status (sending, sent, failed). */
export async function findLastScheduledRuns(
  db: Db,
): Promise<{ status: "sending" | "sent" | "failed"; claimedAt: Date }[]> {
  const rows = await db
    .selectFrom("report_snapshot")
    .select(["status", (eb) => eb.fn.max("claimed_at").as("claimed_at")])
    .where("schedule_id", "is not", null)
    .groupBy("status")
    .execute();
  return rows.map((row) => ({ status: row.status, claimedAt: row.claimed_at }));
}

/**
 * Claims one run: moves the schedule's due instant on (compare-and-set on the instant that was due)
 * and records the run as a snapshot being sent, in one transaction. Of several processes that find
 * the same run due, exactly one gets its snapshot id; the others get undefined.
 */
export async function claimScheduledRun(
  trx: Transaction<Database>,
  schedule: { id: number; questionnaireId: number; recipients: string[] },
  run: { dueAt: Date; nextRunAt: Date; periodKey: string },
  processId: string,
  now: Date,
): Promise<number | undefined> {
  const moved = await trx
    .updateTable("report_schedule")
    .set({ next_run_at: run.nextRunAt })
    .where("id", "=", schedule.id)
    .where("next_run_at", "=", run.dueAt)
    .where("enabled", "=", true)
    .returning("id")
    .executeTakeFirst();
  if (!moved) return undefined;
  return insertSnapshot(trx, schedule, run.dueAt, run.periodKey, processId, now);
}

/** A run being sent by process `processId` ("send now", or a claimed scheduled run); one per schedule and instant. */
export async function insertSnapshot(
  db: Db,
  schedule: { id: number; questionnaireId: number; recipients: string[] },
  scheduledFor: Date,
  periodKey: string,
  processId: string,
  now: Date,
): Promise<number | undefined> {
  const row = await sql<{ id: number }>`
    insert into report_snapshot (schedule_id, questionnaire_id, period_key, scheduled_for, status, claimed_at,
      claimed_by, recipients)
    values (${schedule.id}, ${schedule.questionnaireId}, ${periodKey}, ${scheduledFor}, 'sending', ${now},
      ${processId}, ${schedule.recipients}::text[])
    on conflict (schedule_id, scheduled_for) where schedule_id is not null do nothing
    returning id`.execute(db);
  return row.rows[0]?.id;
}

/**
 * Takes over runs left 'sending' by a process that is gone (its presence connection dropped: it
 * stopped or was killed half-way), at most `maxAttempts` times each. Returns the snapshots now claimed
 * by `processId`. A run whose process is alive is never taken, however long it takes.
 */
export async function reclaimOrphanedRuns(
  db: Db,
  processId: string,
  now: Date,
  maxAttempts: number,
): Promise<{ snapshotId: number; scheduleId: number; periodKey: string }[]> {
  const result = await sql<{ id: number; schedule_id: number; period_key: string }>`
    update report_snapshot set claimed_by = ${processId}, claimed_at = ${now}, attempts = attempts + 1
    where id in (
      select id from report_snapshot
      where status = 'sending' and schedule_id is not null and attempts < ${maxAttempts}
        and (claimed_by is null or claimed_by not in ${liveProcessIds()})
      for update skip locked)
    returning id, schedule_id, period_key`.execute(db);
  return result.rows.map((row) => ({
    snapshotId: row.id,
    scheduleId: row.schedule_id,
    periodKey: row.period_key,
  }));
}

export interface SnapshotContent {
  subject: string;
  html: string;
  text: string;
  images: { cid: string; filename: string; png: string }[];
  pdf: Buffer;
  model: unknown;
}

export async function saveSnapshotContent(db: Db, id: number, content: SnapshotContent) {
  await db
    .updateTable("report_snapshot")
    .set({
      subject: content.subject,
      html_body: content.html,
      text_body: content.text,
      images: JSON.stringify(content.images),
      pdf: content.pdf,
      model: JSON.stringify(content.model),
    })
    .where("id", "=", id)
    .execute();
}

export async function markSnapshot(db: Db, id: number, status: "sent" | "failed", at: Date, error?: string) {
  await db
    .updateTable("report_snapshot")
    .set({ status, sent_at: status === "sent" ? at : null, error: error ?? null })
    .where("id", "=", id)
    .execute();
}

export interface SnapshotSummary {
  id: number;
  scheduleId: number | null;
  scheduleName: string | null;
  questionnaireName: Bilingual;
  periodKey: string;
  status: "sending" | "sent" | "failed";
  recipients: string[];
  subject: string | null;
  sentAt: Date | null;
  createdAt: Date;
  error: string | null;
}

export async function listSnapshots(db: Db, limit = 50): Promise<SnapshotSummary[]> {
  const rows = await db
    .selectFrom("report_snapshot as n")
    .innerJoin("questionnaire as q", "q.id", "n.questionnaire_id")
    .leftJoin("report_schedule as s", "s.id", "n.schedule_id")
    .select([
      "n.id",
      "n.schedule_id",
      "s.name as schedule_name",
      "q.name as questionnaire_name",
      "q.name_en as questionnaire_name_en",
      "n.period_key",
      "n.status",
      "n.recipients",
      "n.subject",
      "n.sent_at",
      "n.created_at",
      "n.error",
    ])
    .orderBy("n.created_at", "desc")
    .orderBy("n.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    scheduleId: row.schedule_id,
    scheduleName: row.schedule_name,
    questionnaireName: { "zh-CN": row.questionnaire_name, en: row.questionnaire_name_en },
    periodKey: row.period_key,
    status: row.status,
    recipients: row.recipients,
    subject: row.subject,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    error: row.error,
  }));
}

export async function findSnapshot(db: Db, id: number) {
  return db.selectFrom("report_snapshot").selectAll().where("id", "=", id).executeTakeFirst();
}
