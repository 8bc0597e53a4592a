import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/database.ts";

type Db = Kysely<Database> | Transaction<Database>;

export interface ApiToken {
  id: number;
  name: string;
  staffUserId: number;
  staffUsername: string;
  tokenPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revoked: boolean;
}

export async function insertApiToken(
  db: Db,
  token: { name: string; staffUserId: number; tokenHash: string; tokenPrefix: string; createdBy: number },
): Promise<number> {
  const { id } = await db
    .insertInto("api_token")
    .values({
      name: token.name,
      staff_user_id: token.staffUserId,
      token_hash: token.tokenHash,
      token_prefix: token.tokenPrefix,
      created_by: token.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function listApiTokens(db: Db, page: { limit: number; offset: number }): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom("api_token")
    .innerJoin("staff_user", "staff_user.id", "api_token.staff_user_id")
    .select([
      "api_token.id",
      "api_token.name",
      "api_token.staff_user_id",
      "staff_user.username",
      "api_token.token_prefix",
      "api_token.created_at",
      "api_token.last_used_at",
      "api_token.revoked_at",
    ])
    .orderBy("api_token.revoked_at", (ob) => ob.desc().nullsFirst())
    .orderBy("api_token.created_at", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    staffUserId: row.staff_user_id,
    staffUsername: row.username,
    tokenPrefix: row.token_prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revoked: row.revoked_at !== null,
  }));
}

export async function countApiTokens(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom("api_token")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** The live token's owner id, or undefined for an unknown or revoked token. */
export async function findLiveApiToken(
  db: Db,
  tokenHash: string,
): Promise<{ id: number; staffUserId: number; lastUsedAt: Date | null } | undefined> {
  const row = await db
    .selectFrom("api_token")
    .select(["id", "staff_user_id", "last_used_at"])
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return row && { id: row.id, staffUserId: row.staff_user_id, lastUsedAt: row.last_used_at };
}

export async function touchApiToken(db: Db, id: number, at: Date): Promise<void> {
  await db.updateTable("api_token").set({ last_used_at: at }).where("id", "=", id).execute();
}

export async function revokeApiToken(db: Db, id: number, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("api_token")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
