import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import { findVersionById, type QuestionnaireVersion } from "./questionnaire.repository.ts";

/**
 * What a posted response needs to know about its questionnaire, remembered per process. Published
 * versions never change (the database refuses it) and a wave never changes version, so those are kept;
 * which version is a questionnaire's newest changes only on publish and is kept for a few seconds (a
 * response arriving in those seconds is stored against the version before, still a valid published
 * version). Re-reading and parsing the definition on every request costs more than the rest of the work.
 */
const MAX_ENTRIES = 256;
const LATEST_TTL_MS = 5_000;

class BoundedMap<K, V> extends Map<K, V> {
  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= MAX_ENTRIES) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

const versions = new BoundedMap<number, QuestionnaireVersion>();
const waveVersions = new BoundedMap<number, number>();
const latest = new BoundedMap<number, { versionId: number; until: number }>();

export async function findPublishedVersion(
  db: Kysely<Database>,
  id: number,
): Promise<QuestionnaireVersion | undefined> {
  const known = versions.get(id);
  if (known !== undefined) return known;
  const version = await findVersionById(db, id);
  if (version?.status !== "published") return undefined;
  versions.set(id, version);
  return version;
}

/** The id of the questionnaire's newest published version. */
export async function latestPublishedVersionId(
  db: Kysely<Database>,
  questionnaireId: number,
): Promise<number | undefined> {
  const known = latest.get(questionnaireId);
  if (known && known.until > Date.now()) return known.versionId;
  const row = await db
    .selectFrom("questionnaire_version")
    .select("id")
    .where("questionnaire_id", "=", questionnaireId)
    .where("status", "=", "published")
    .orderBy("version_number", "desc")
    .limit(1)
    .executeTakeFirst();
  if (row) latest.set(questionnaireId, { versionId: row.id, until: Date.now() + LATEST_TTL_MS });
  return row?.id;
}

/** The version a wave sends. */
export async function waveVersionId(db: Kysely<Database>, waveId: number): Promise<number | undefined> {
  const known = waveVersions.get(waveId);
  if (known !== undefined) return known;
  const row = await db
    .selectFrom("wave")
    .select("questionnaire_version_id")
    .where("id", "=", waveId)
    .executeTakeFirst();
  if (row) waveVersions.set(waveId, row.questionnaire_version_id);
  return row?.questionnaire_version_id;
}
