import type { Kysely } from "kysely";
import { z } from "zod";
import type { Actor } from "../accounts/staff-user.service.ts";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import { audienceExists } from "../customers/audience.ts";
import type { Database } from "../db/database.ts";
import { isUniqueViolation } from "../db/database-errors.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import type { JobQueue } from "../jobs/job-queue.ts";
import { parseDateIn } from "../lib/time.ts";
import { MERGE_FIELDS, unknownMergeFields } from "../mail/merge-fields.ts";
import { latestPublishedVersionId } from "../questionnaires/published-versions.ts";
import { JOB_LAUNCH } from "./distribution.jobs.ts";
import type { WaveAudience } from "./wave.table.ts";

const localizedTemplate = (max: number) =>
  z
    .object({ "zh-CN": z.string().trim().max(max).default(""), en: z.string().trim().max(max).default("") })
    .strict();

const templateProblems = (
  value: { "zh-CN": string; en: string },
  ctx: z.RefinementCtx,
  needsLink: boolean,
) => {
  for (const locale of ["zh-CN", "en"] as const) {
    const text = value[locale];
    if (!text) continue;
    const unknown = unknownMergeFields(text);
    if (unknown.length > 0)
      ctx.addIssue({
        code: "custom",
        path: [locale],
        message: "waves.error.mergeField",
        params: { field: unknown[0] ?? "", fields: MERGE_FIELDS.map((f) => `{{${f}}}`).join(", ") },
      });
    if (needsLink && !text.includes("{{link}}"))
      ctx.addIssue({ code: "custom", path: [locale], message: "waves.error.messageLink" });
  }
};

/**
 * A date of a wave as sent: a day (`2026-12-10`), a local date and time (`2026-12-10T18:00`) or an
 * instant with its offset (`…Z`, `…+08:00`); read in the organisation's zone by {@link waveInputSchemaIn}.
 */
const waveDate = z
  .string()
  .trim()
  .refine((text) => parseDateIn(text, "UTC", "start") !== undefined, "validation.date");

/** A new wave, from the console's form or the API; its dates are still text. */
const waveInputSchema = z
  .object({
    name: z.string().trim().min(1, "waves.error.name").max(120),
    questionnaireId: z.coerce.number().int().positive("validation.chooseQuestionnaire"),
    channel: z.enum(["email", "web", "staff"]),
    audience: z
      .discriminatedUnion("kind", [
        z.object({ kind: z.literal("all") }),
        z.object({ kind: z.literal("segment"), id: z.coerce.number().int().positive() }),
        z.object({ kind: z.literal("list"), id: z.coerce.number().int().positive() }),
      ])
      .default({ kind: "all" }),
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$/, "waves.error.slug")
      .optional(),
    anonymous: z.boolean().default(false),
    opensAt: waveDate.optional(),
    closesAt: waveDate.optional(),
    defaultLocale: z.enum(["zh-CN", "en"]).default("zh-CN"),
    subject: localizedTemplate(200)
      .superRefine((v, ctx) => templateProblems(v, ctx, false))
      .optional(),
    body: localizedTemplate(5000)
      .superRefine((v, ctx) => templateProblems(v, ctx, true))
      .optional(),
    reminderSubject: localizedTemplate(200)
      .superRefine((v, ctx) => templateProblems(v, ctx, false))
      .optional(),
    reminderBody: localizedTemplate(5000)
      .superRefine((v, ctx) => templateProblems(v, ctx, true))
      .optional(),
    reminderDays: z.array(z.number().positive("waves.error.reminderDays").max(90)).max(5).default([]),
  })
  .strict()
  .superRefine((wave, ctx) => {
    if (wave.channel === "web" && !wave.slug)
      ctx.addIssue({ code: "custom", path: ["slug"], message: "waves.error.slugRequired" });
    for (let i = 1; i < wave.reminderDays.length; i++) {
      if ((wave.reminderDays[i] as number) <= (wave.reminderDays[i - 1] as number))
        ctx.addIssue({
          code: "custom",
          path: ["reminderDays"],
          message: "waves.error.reminderOrder",
        });
    }
    if (wave.reminderDays.length > 0 && wave.channel !== "email")
      ctx.addIssue({ code: "custom", path: ["reminderDays"], message: "waves.error.remindersEmailOnly" });
  });

/**
 * A new wave with its dates read in the organisation's time zone: a day means the whole day there, so
 * a wave opens at its first instant and closes after its last, on every path (form, API).
 */
export const waveInputSchemaIn = (timeZone: string) =>
  waveInputSchema.transform((wave, ctx) => {
    const opensAt = wave.opensAt === undefined ? undefined : parseDateIn(wave.opensAt, timeZone, "start");
    const closesAt = wave.closesAt === undefined ? undefined : parseDateIn(wave.closesAt, timeZone, "end");
    if (opensAt && closesAt && closesAt <= opensAt) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "waves.error.closesAt" });
      return z.NEVER;
    }
    return { ...wave, opensAt, closesAt };
  });
export type WaveInput = z.output<ReturnType<typeof waveInputSchemaIn>>;

const emptyToNull = (text: { "zh-CN": string; en: string } | undefined) =>
  text && (text["zh-CN"] || text.en) ? JSON.stringify(text) : null;

export async function createWave(db: Kysely<Database>, actor: Actor, input: WaveInput): Promise<number> {
  const versionId = await latestPublishedVersionId(db, input.questionnaireId);
  if (versionId === undefined)
    throw new ValidationError("The questionnaire has no published version", [
      { field: "questionnaireId", message: { key: "waves.error.unpublished" } },
    ]);
  const slugTaken = () =>
    new ValidationError("The link name is taken", [
      { field: "slug", message: { key: "waves.error.slugTaken" } },
    ]);
  // a wave created at the same time under the same link name gets past the check; the unique index
  // refuses it, and the answer is the same
  return db
    .transaction()
    .execute(async (trx) => {
      if (!(await waveAudienceExists(trx, input.audience)))
        throw new ValidationError("The wave's audience does not exist", [
          {
            field: "audience.id",
            message: {
              key: input.audience.kind === "list" ? "waves.error.listMissing" : "waves.error.segmentMissing",
            },
          },
        ]);
      if (input.slug) {
        const taken = await trx
          .selectFrom("wave")
          .select("id")
          .where("slug", "=", input.slug)
          .executeTakeFirst();
        if (taken) throw slugTaken();
      }
      const { id } = await trx
        .insertInto("wave")
        .values({
          questionnaire_id: input.questionnaireId,
          questionnaire_version_id: versionId,
          name: input.name,
          channel: input.channel,
          slug: input.channel === "web" ? (input.slug ?? null) : null,
          anonymous: input.anonymous,
          opens_at: input.opensAt ?? null,
          closes_at: input.closesAt ?? null,
          created_by: actor.user.id,
          audience: JSON.stringify(input.audience satisfies WaveAudience),
          default_locale: input.defaultLocale,
          subject: emptyToNull(input.subject),
          body: emptyToNull(input.body),
          reminder_subject: emptyToNull(input.reminderSubject),
          reminder_body: emptyToNull(input.reminderBody),
          reminder_days: input.reminderDays,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await insertAuditEntry(trx, {
        action: "wave.created",
        actorUserId: actor.user.id,
        actorName: actor.user.username,
        targetType: "wave",
        targetId: id,
        ip: actor.ip,
        details: { name: input.name, channel: input.channel },
      });
      return id;
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error, "slug") ? slugTaken() : error;
    });
}

/** Whether the segment or customer list a wave goes to (still) exists; "all customers" always does. */
const waveAudienceExists = (db: Kysely<Database>, audience: WaveAudience) =>
  audience.kind === "all" ||
  audience.kind === "individual" ||
  audienceExists(db, audience.kind === "segment" ? { segmentId: audience.id } : { listId: audience.id });

/**
 * Starts sending a wave: marks it launched and queues the job that creates its invitations (and then
 * sends them). Launching twice is refused; the job itself is safe to run twice.
 */
export async function launchWave(
  db: Kysely<Database>,
  jobs: JobQueue,
  actor: Actor,
  waveId: number,
  now: Date,
) {
  await db.transaction().execute(async (trx) => {
    const wave = await trx
      .selectFrom("wave")
      .select(["id", "launched_at", "closes_at", "channel", "audience"])
      .where("id", "=", waveId)
      .forUpdate()
      .executeTakeFirst();
    if (!wave) throw new NotFoundError("No such wave");
    if (wave.launched_at) throw new ConflictError({ key: "waves.error.alreadySent" });
    if (wave.closes_at && wave.closes_at <= now) throw new ConflictError({ key: "waves.error.closed" });
    // the segment or list may have been deleted since the wave was made
    if (!(await waveAudienceExists(trx, wave.audience ?? { kind: "all" })))
      throw new ConflictError({ key: "waves.error.audienceGone" });
    await trx
      .updateTable("wave")
      .set({ launched_at: now, launched_by: actor.user.id })
      .where("id", "=", waveId)
      .execute();
    await insertAuditEntry(trx, {
      action: "wave.launched",
      actorUserId: actor.user.id,
      actorName: actor.user.username,
      targetType: "wave",
      targetId: waveId,
      ip: actor.ip,
    });
    // The job is stored in the same transaction: it exists exactly when the wave is launched, so a
    // crash right after the commit still sends the wave.
    await jobs.send(JOB_LAUNCH, { waveId }, { db: trx });
  });
}

/** Queues the launch job again for a launched wave (idempotent: only missing invitations are added). */
export async function relaunchWave(db: Kysely<Database>, jobs: JobQueue, waveId: number) {
  const wave = await db.selectFrom("wave").select("launched_at").where("id", "=", waveId).executeTakeFirst();
  if (!wave?.launched_at) throw new ConflictError({ key: "waves.error.notSent" });
  await jobs.send(JOB_LAUNCH, { waveId });
}
