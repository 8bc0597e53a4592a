import type { Db } from "../db/database.ts";
import type { Cause } from "./case-cause.ts";

/** The whole cause list (a few dozen rows), active or not. */
export async function listCauses(db: Db): Promise<Cause[]> {
  const rows = await db.selectFrom("case_cause").selectAll().orderBy("position").orderBy("id").execute();
  return rows.map((row) => ({
    id: row.id,
    parentId: row.parent_id,
    name: { "zh-CN": row.name_zh, en: row.name_en },
    position: row.position,
    active: row.active,
  }));
}

export async function insertCause(
  db: Db,
  cause: { parentId: number | null; name: { "zh-CN": string; en: string } },
): Promise<number> {
  const { id } = await db
    .insertInto("case_cause")
    .values({
      parent_id: cause.parentId,
      name_zh: cause.name["zh-CN"],
      name_en: cause.name.en,
      // after the others of its level
      position: db
        .selectFrom("case_cause")
        .select((eb) => eb(eb.fn.coalesce(eb.fn.max("position"), eb.lit(-1)), "+", 1).as("next"))
        .where("parent_id", cause.parentId === null ? "is" : "=", cause.parentId),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateCause(
  db: Db,
  id: number,
  values: Partial<{ name_zh: string; name_en: string; position: number; active: boolean }>,
): Promise<boolean> {
  const result = await db.updateTable("case_cause").set(values).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
