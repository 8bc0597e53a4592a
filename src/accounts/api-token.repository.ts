import type { Db } from "../db/database.ts";

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

/** The live token and the user it acts as, in one round trip; undefined for an unknown or revoked token. */
export async function findLiveApiTokenWithUser(db: Db, tokenHash: string) {
  return db
    .selectFrom("api_token")
    .innerJoin("staff_user", "staff_user.id", "api_token.staff_user_id")
    .selectAll("staff_user")
    .select(["api_token.id as token_id", "api_token.last_used_at as token_last_used_at"])
    .where("api_token.token_hash", "=", tokenHash)
    .where("api_token.revoked_at", "is", null)
    .executeTakeFirst();
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

/** Revokes every live token acting as this user; the ids of those revoked. */
export async function revokeApiTokensOfUser(db: Db, staffUserId: number, at: Date): Promise<number[]> {
  const rows = await db
    .updateTable("api_token")
    .set({ revoked_at: at })
    .where("staff_user_id", "=", staffUserId)
    .where("revoked_at", "is", null)
    .returning("id")
    .execute();
  return rows.map((row) => row.id);
}
