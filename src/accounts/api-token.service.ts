import type { Kysely } from "kysely";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database } from "../db/database.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { insertApiToken, revokeApiToken } from "./api-token.repository.ts";
import { forgetCheckedApiTokens } from "./auth.service.ts";
import { findStaffUserById } from "./staff-user.repository.ts";
import type { Actor } from "./staff-user.service.ts";
import { generateSecretToken, hashSecretToken } from "./tokens.ts";

export const API_TOKEN_PREFIX = "manyi_";

/** Creates a token acting as `staffUserId`; the plain token is returned once and never stored. */
export async function createApiToken(
  db: Kysely<Database>,
  actor: Actor,
  input: { name: string; staffUserId: number },
): Promise<{ id: number; token: string }> {
  const token = generateSecretToken(API_TOKEN_PREFIX);
  return db.transaction().execute(async (trx) => {
    const owner = await findStaffUserById(trx, input.staffUserId);
    if (!owner || owner.disabled) {
      throw new ValidationError("Choose an active user for the token to act as", [
        { field: "staffUserId", message: { key: "tokens.error.noActiveUser" } },
      ]);
    }
    const id = await insertApiToken(trx, {
      name: input.name,
      staffUserId: owner.id,
      tokenHash: hashSecretToken(token),
      tokenPrefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      createdBy: actor.user.id,
    });
    await insertAuditEntry(trx, {
      action: "api_token.created",
      actorUserId: actor.user.id,
      actorName: actor.user.username,
      targetType: "api_token",
      targetId: id,
      ip: actor.ip,
      details: { name: input.name, actsAs: owner.username },
    });
    return { id, token };
  });
}

export async function revokeApiTokenById(db: Kysely<Database>, actor: Actor, id: number, now: Date) {
  await db.transaction().execute(async (trx) => {
    if (!(await revokeApiToken(trx, id, now))) throw new NotFoundError("No such live token");
    await insertAuditEntry(trx, {
      action: "api_token.revoked",
      actorUserId: actor.user.id,
      actorName: actor.user.username,
      targetType: "api_token",
      targetId: id,
      ip: actor.ip,
    });
  });
  forgetCheckedApiTokens();
}
