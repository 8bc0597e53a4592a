import type { Transaction } from "kysely";
import type { Database, Db } from "../db/database.ts";
import type { Bilingual } from "../i18n/bilingual.ts";
import type { QuestionnaireDefinition } from "./questionnaire-definition.ts";

export interface QuestionnaireVersion {
  id: number;
  questionnaireId: number;
  versionNumber: number;
  status: "draft" | "published";
  /** As stored. A draft may be incomplete; a published version passed parseDefinition. */
  definition: QuestionnaireDefinition;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface QuestionnaireSummary {
  id: number;
  /** the newest saved version's title, in both languages */
  name: Bilingual;
  createdAt: Date;
  updatedAt: Date;
  /** the newest published version's number, if any */
  publishedVersion: number | null;
  hasDraft: boolean;
  responseCount: number;
}

function toVersion(row: {
  id: number;
  questionnaire_id: number;
  version_number: number;
  status: "draft" | "published";
  definition: unknown;
  published_at: Date | null;
  updated_at: Date;
}): QuestionnaireVersion {
  return {
    id: row.id,
    questionnaireId: row.questionnaire_id,
    versionNumber: row.version_number,
    status: row.status,
    definition: row.definition as QuestionnaireDefinition,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
}

/** A questionnaire's name in both languages: its newest saved version's title. */
function namesOf(title: Bilingual): { name: string; name_en: string } {
  return { name: title["zh-CN"], name_en: title.en };
}

export async function insertQuestionnaire(
  db: Db,
  title: Bilingual,
  createdBy: number | null,
): Promise<number> {
  const { id } = await db
    .insertInto("questionnaire")
    .values({ ...namesOf(title), created_by: createdBy })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertDraftVersion(
  db: Db,
  questionnaireId: number,
  versionNumber: number,
  definition: unknown,
): Promise<QuestionnaireVersion> {
  const row = await db
    .insertInto("questionnaire_version")
    .values({
      questionnaire_id: questionnaireId,
      version_number: versionNumber,
      definition: JSON.stringify(definition),
      status: "draft",
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toVersion(row);
}

export async function updateDraftDefinition(db: Db, versionId: number, definition: unknown): Promise<void> {
  await db
    .updateTable("questionnaire_version")
    .set({ definition: JSON.stringify(definition), updated_at: new Date() })
    .where("id", "=", versionId)
    .where("status", "=", "draft")
    .execute();
}

export async function markVersionPublished(
  db: Db,
  versionId: number,
  by: number | null,
  at: Date,
): Promise<void> {
  await db
    .updateTable("questionnaire_version")
    .set({ status: "published", published_at: at, published_by: by, updated_at: at })
    .where("id", "=", versionId)
    .where("status", "=", "draft")
    .execute();
}

export async function touchQuestionnaire(db: Db, id: number, title?: Bilingual): Promise<void> {
  await db
    .updateTable("questionnaire")
    .set({ updated_at: new Date(), ...(title ? namesOf(title) : {}) })
    .where("id", "=", id)
    .execute();
}

export async function findQuestionnaireName(db: Db, id: number): Promise<Bilingual | undefined> {
  const row = await db
    .selectFrom("questionnaire")
    .select(["name", "name_en"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row && { "zh-CN": row.name, en: row.name_en };
}

/** Every version of a questionnaire, newest first. */
export async function listVersions(db: Db, questionnaireId: number): Promise<QuestionnaireVersion[]> {
  const rows = await db
    .selectFrom("questionnaire_version")
    .selectAll()
    .where("questionnaire_id", "=", questionnaireId)
    .orderBy("version_number", "desc")
    .execute();
  return rows.map(toVersion);
}

export async function findVersionById(db: Db, id: number): Promise<QuestionnaireVersion | undefined> {
  const row = await db
    .selectFrom("questionnaire_version")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toVersion(row);
}

/** The questionnaire's newest version, draft or published. */
export async function findNewestVersion(
  db: Db,
  questionnaireId: number,
): Promise<QuestionnaireVersion | undefined> {
  const row = await db
    .selectFrom("questionnaire_version")
    .selectAll()
    .where("questionnaire_id", "=", questionnaireId)
    .orderBy("version_number", "desc")
    .executeTakeFirst();
  return row && toVersion(row);
}

/** Locks the questionnaire row so two editors cannot both create its next draft. */
export async function lockQuestionnaire(trx: Transaction<Database>, id: number): Promise<boolean> {
  const row = await trx
    .selectFrom("questionnaire")
    .select("id")
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function listQuestionnaires(
  db: Db,
  page: { limit: number; offset: number },
): Promise<{ items: QuestionnaireSummary[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom("questionnaire as q")
      .select((eb) => [
        "q.id",
        "q.name",
        "q.name_en",
        "q.created_at",
        "q.updated_at",
        eb
          .selectFrom("questionnaire_version as v")
          .select((e) => e.fn.max("v.version_number").as("n"))
          .whereRef("v.questionnaire_id", "=", "q.id")
          .where("v.status", "=", "published")
          .as("published_version"),
        eb
          .exists(
            eb
              .selectFrom("questionnaire_version as v")
              .select("v.id")
              .whereRef("v.questionnaire_id", "=", "q.id")
              .where("v.status", "=", "draft"),
          )
          .as("has_draft"),
        eb
          .selectFrom("response as r")
          .innerJoin("questionnaire_version as v", "v.id", "r.questionnaire_version_id")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("v.questionnaire_id", "=", "q.id")
          .where("r.status", "=", "submitted")
          .as("response_count"),
      ])
      .where("q.archived_at", "is", null)
      .orderBy("q.updated_at", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom("questionnaire")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("archived_at", "is", null)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((row) => ({
      id: row.id,
      name: { "zh-CN": row.name, en: row.name_en },
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      publishedVersion: row.published_version === null ? null : Number(row.published_version),
      hasDraft: Boolean(row.has_draft),
      responseCount: Number(row.response_count ?? 0),
    })),
  };
}

/** The newest published version of every questionnaire, for choosing what to send or record. */
export async function listPublishedQuestionnaires(
  db: Db,
): Promise<{ questionnaireId: number; versionId: number; versionNumber: number; name: Bilingual }[]> {
  const rows = await db
    .selectFrom("questionnaire_version as v")
    .innerJoin("questionnaire as q", "q.id", "v.questionnaire_id")
    .select(["q.id as questionnaire_id", "v.id as version_id", "v.version_number", "q.name", "q.name_en"])
    .where("v.status", "=", "published")
    .where("q.archived_at", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("questionnaire_version as newer")
            .select("newer.id")
            .whereRef("newer.questionnaire_id", "=", "v.questionnaire_id")
            .where("newer.status", "=", "published")
            .whereRef("newer.version_number", ">", "v.version_number"),
        ),
      ),
    )
    .orderBy("q.name")
    .execute();
  return rows.map((row) => ({
    questionnaireId: row.questionnaire_id,
    versionId: row.version_id,
    versionNumber: row.version_number,
    name: { "zh-CN": row.name, en: row.name_en },
  }));
}
