import type { Db } from "../db/database.ts";
import { parseStoredFilter, type SegmentFilter, type SegmentSummary } from "./audience.ts";

export interface SegmentValues {
  name: string;
  description: string | null;
  filter: SegmentFilter;
}

export async function insertSegment(
  db: Db,
  values: SegmentValues,
  createdBy: number | null,
): Promise<number> {
  const row = await db
    .insertInto("segment")
    .values({
      name: values.name,
      description: values.description,
      filter: JSON.stringify(values.filter),
      created_by: createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSegment(db: Db, id: number, values: SegmentValues, now: Date): Promise<void> {
  await db
    .updateTable("segment")
    .set({
      name: values.name,
      description: values.description,
      filter: JSON.stringify(values.filter),
      updated_at: now,
    })
    .where("id", "=", id)
    .execute();
}

export async function deleteSegment(db: Db, id: number): Promise<void> {
  await db.deleteFrom("segment").where("id", "=", id).execute();
}

export async function findSegment(db: Db, id: number): Promise<SegmentSummary | undefined> {
  const row = await db
    .selectFrom("segment")
    .select(["id", "name", "description", "filter", "updated_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      name: row.name,
      description: row.description,
      filter: parseStoredFilter(row.filter),
      updatedAt: row.updated_at,
    }
  );
}
