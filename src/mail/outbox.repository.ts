import type { Db } from "../db/database.ts";

/** A page of the outbox, newest first, without the message bodies. */
export async function listOutboxMessages(db: Db, page: { limit: number; offset: number }) {
  return db
    .selectFrom("outbox_message")
    .select(["id", "to_address", "subject", "created_at", "attachments"])
    .orderBy("id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countOutboxMessages(db: Db): Promise<number> {
  const row = await db
    .selectFrom("outbox_message")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findOutboxMessage(db: Db, id: number) {
  return db.selectFrom("outbox_message").selectAll().where("id", "=", id).executeTakeFirst();
}
