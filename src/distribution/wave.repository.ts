import type { Db } from "../db/database.ts";
import type { Bilingual } from "../i18n/bilingual.ts";
import type { QuestionnaireDefinition } from "../questionnaires/questionnaire-definition.ts";
import type { WaveAudience } from "./wave.table.ts";
import type { WaveMessageTexts } from "./wave-templates.ts";

export interface Wave {
  id: number;
  questionnaireId: number;
  questionnaireVersionId: number;
  name: string;
  channel: "web" | "email" | "staff";
  slug: string | null;
  anonymous: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
  createdAt: Date;
}

/** A wave with the definition of the version it sends. */
export interface WaveWithDefinition extends Wave {
  definition: QuestionnaireDefinition;
  versionNumber: number;
}

const columns = [
  "wave.id",
  "wave.questionnaire_id",
  "wave.questionnaire_version_id",
  "wave.name",
  "wave.channel",
  "wave.slug",
  "wave.anonymous",
  "wave.opens_at",
  "wave.closes_at",
  "wave.created_at",
  "questionnaire_version.definition",
  "questionnaire_version.version_number",
] as const;

function toWave(row: {
  id: number;
  questionnaire_id: number;
  questionnaire_version_id: number;
  name: string;
  channel: "web" | "email" | "staff";
  slug: string | null;
  anonymous: boolean;
  opens_at: Date | null;
  closes_at: Date | null;
  created_at: Date;
  definition: unknown;
  version_number: number;
}): WaveWithDefinition {
  return {
    id: row.id,
    questionnaireId: row.questionnaire_id,
    questionnaireVersionId: row.questionnaire_version_id,
    name: row.name,
    channel: row.channel,
    slug: row.slug,
    anonymous: row.anonymous,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    createdAt: row.created_at,
    definition: row.definition as QuestionnaireDefinition,
    versionNumber: row.version_number,
  };
}

export async function insertWave(
  db: Db,
  wave: {
    questionnaireId: number;
    questionnaireVersionId: number;
    name: string;
    channel: "web" | "email" | "staff";
    slug: string | null;
    anonymous: boolean;
    opensAt: Date | null;
    closesAt: Date | null;
    createdBy: number | null;
  },
): Promise<number> {
  const { id } = await db
    .insertInto("wave")
    .values({
      questionnaire_id: wave.questionnaireId,
      questionnaire_version_id: wave.questionnaireVersionId,
      name: wave.name,
      channel: wave.channel,
      slug: wave.slug,
      anonymous: wave.anonymous,
      opens_at: wave.opensAt,
      closes_at: wave.closesAt,
      created_by: wave.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function findWaveBySlug(db: Db, slug: string): Promise<WaveWithDefinition | undefined> {
  const row = await db
    .selectFrom("wave")
    .innerJoin("questionnaire_version", "questionnaire_version.id", "wave.questionnaire_version_id")
    .select(columns)
    .where("wave.slug", "=", slug)
    .executeTakeFirst();
  return row && toWave(row);
}

export async function listWaves(db: Db, filter: { questionnaireId?: number } = {}): Promise<Wave[]> {
  let query = db
    .selectFrom("wave")
    .innerJoin("questionnaire_version", "questionnaire_version.id", "wave.questionnaire_version_id")
    .select(columns)
    .orderBy("wave.created_at", "desc");
  if (filter.questionnaireId !== undefined)
    query = query.where("wave.questionnaire_id", "=", filter.questionnaireId);
  return (await query.execute()).map(toWave);
}

/** What a wave's messages are made of. */
export interface WaveMessages extends WaveMessageTexts {
  id: number;
  closesAt: Date | null;
}

export async function findWaveMessages(db: Db, id: number): Promise<WaveMessages | undefined> {
  const row = await db
    .selectFrom("wave")
    .select(["id", "closes_at", "subject", "body", "reminder_subject", "reminder_body"])
    .where("id", "=", id)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      closesAt: row.closes_at,
      subject: row.subject,
      body: row.body,
      reminderSubject: row.reminder_subject,
      reminderBody: row.reminder_body,
    }
  );
}

export interface WaveForLaunch {
  id: number;
  channel: "web" | "email" | "staff";
  audience: WaveAudience;
  defaultLocale: "zh-CN" | "en";
}

export async function findWaveForLaunch(db: Db, id: number): Promise<WaveForLaunch | undefined> {
  const row = await db
    .selectFrom("wave")
    .select(["id", "channel", "audience", "default_locale"])
    .where("id", "=", id)
    .where("launched_at", "is not", null)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      channel: row.channel,
      audience: row.audience ?? { kind: "all" },
      defaultLocale: row.default_locale,
    }
  );
}

export async function findWaveById(db: Db, id: number): Promise<WaveWithDefinition | undefined> {
  const row = await db
    .selectFrom("wave")
    .innerJoin("questionnaire_version", "questionnaire_version.id", "wave.questionnaire_version_id")
    .select(columns)
    .where("wave.id", "=", id)
    .executeTakeFirst();
  return row && toWave(row);
}

export interface WaveDetail extends Wave {
  questionnaireName: Bilingual;
  versionNumber: number;
  audience: WaveAudience;
  defaultLocale: "zh-CN" | "en";
  reminderDays: number[];
  launchedAt: Date | null;
}

export async function findWaveDetail(db: Db, id: number): Promise<WaveDetail | undefined> {
  const row = await db
    .selectFrom("wave")
    .innerJoin("questionnaire_version", "questionnaire_version.id", "wave.questionnaire_version_id")
    .innerJoin("questionnaire", "questionnaire.id", "wave.questionnaire_id")
    .select([
      ...columns,
      "questionnaire.name as questionnaire_name",
      "questionnaire.name_en as questionnaire_name_en",
      "wave.audience",
      "wave.default_locale",
      "wave.reminder_days",
      "wave.launched_at",
    ])
    .where("wave.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { definition: _definition, ...wave } = toWave(row);
  return {
    ...wave,
    questionnaireName: { "zh-CN": row.questionnaire_name, en: row.questionnaire_name_en },
    audience: row.audience ?? { kind: "all" },
    defaultLocale: row.default_locale,
    reminderDays: row.reminder_days,
    launchedAt: row.launched_at,
  };
}

export async function countWaves(db: Db): Promise<number> {
  const row = await db
    .selectFrom("wave")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of waves, newest first, with their sending figures. */
export async function listWavePage(db: Db, page: { limit: number; offset: number }) {
  const rows = await db
    .selectFrom("wave")
    .innerJoin("questionnaire", "questionnaire.id", "wave.questionnaire_id")
    .select((eb) => [
      "wave.id",
      "wave.name",
      "wave.channel",
      "wave.slug",
      "wave.launched_at",
      "wave.opens_at",
      "wave.closes_at",
      "wave.created_at",
      "questionnaire.name as questionnaire_name",
      "questionnaire.name_en as questionnaire_name_en",
      eb
        .selectFrom("invitation")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("invitation.wave_id", "=", "wave.id")
        .as("invited"),
      eb
        .selectFrom("invitation")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("invitation.wave_id", "=", "wave.id")
        .where("invitation.first_sent_at", "is not", null)
        .as("sent"),
      eb
        .selectFrom("response")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("response.wave_id", "=", "wave.id")
        .where("response.status", "=", "submitted")
        .where("response.is_test", "=", false)
        .as("responses"),
      eb
        .selectFrom("invitation")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("invitation.wave_id", "=", "wave.id")
        .where("invitation.completed_at", "is not", null)
        .as("completed"),
    ])
    .orderBy("wave.created_at", "desc")
    .orderBy("wave.id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    channel: row.channel,
    slug: row.slug,
    launchedAt: row.launched_at,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    createdAt: row.created_at,
    questionnaireName: { "zh-CN": row.questionnaire_name, en: row.questionnaire_name_en },
    invited: Number(row.invited ?? 0),
    sent: Number(row.sent ?? 0),
    responses: Number(row.responses ?? 0),
    completed: Number(row.completed ?? 0),
  }));
}

/** A staff wave's call list, by customer manager: how many customers each has, and how many are done. */
export async function staffAssignments(db: Db, waveId: number) {
  const rows = await db
    .selectFrom("invitation")
    .leftJoin("staff_user", "staff_user.id", "invitation.assigned_to")
    .select((eb) => [
      "staff_user.display_name",
      "staff_user.username",
      eb.fn.countAll<number>().as("customers"),
      eb.fn.count<number>("invitation.completed_at").as("completed"),
    ])
    .where("invitation.wave_id", "=", waveId)
    .groupBy(["staff_user.display_name", "staff_user.username"])
    .orderBy("staff_user.username")
    .execute();
  return rows.map((row) => ({
    name: row.display_name ?? row.username ?? null,
    customers: Number(row.customers),
    completed: Number(row.completed),
  }));
}

/**
 * The submitted responses (test ones left out) an open-link wave took: its figure, since it has no
 * invitations to count. The one read distribution makes of the responses module's table.
 */
export async function countWaveResponses(db: Db, waveId: number): Promise<number> {
  const row = await db
    .selectFrom("response")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("wave_id", "=", waveId)
    .where("status", "=", "submitted")
    .where("is_test", "=", false)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
