import { sql } from "kysely";
import type { Db } from "../db/database.ts";

export async function insertCustomerList(
  db: Db,
  list: { name: string; source: "import" | "api" | "manual"; createdBy: number | null },
): Promise<number> {
  const row = await db
    .insertInto("customer_list")
    .values({ name: list.name, source: list.source, created_by: list.createdBy })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Adds customers to a list; adding one twice is harmless. */
export async function addCustomerListMembers(db: Db, listId: number, customerIds: readonly number[]) {
  if (customerIds.length === 0) return;
  await sql`
    insert into customer_list_member (list_id, customer_id)
    select ${listId}, unnest(${customerIds as number[]}::bigint[])
    on conflict do nothing`.execute(db);
}
