import type { Kysely } from "kysely";
import type { Database } from "../../src/db/database.ts";

/** The 三诚 demo questionnaire's satisfaction items, in its order (many case and report tests answer it). */
export const SANCHENG_ITEMS = [
  "attitude",
  "listening",
  "care",
  "promise",
  "transparency",
  "accuracy",
  "speed",
  "resolution",
  "channels",
] as const;

/** The id of a second-level cause of the starting list, by its Chinese path ("理赔 › 时效"). */
export async function causeIdOf(db: Kysely<Database>, path: string): Promise<number> {
  const [area, name] = path.split(" › ");
  const row = await db
    .selectFrom("case_cause as c")
    .innerJoin("case_cause as g", "g.id", "c.parent_id")
    .select("c.id")
    .where("g.name_zh", "=", area as string)
    .where("c.name_zh", "=", name as string)
    .executeTakeFirstOrThrow();
  return row.id;
}
