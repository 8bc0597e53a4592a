import type { Kysely } from "kysely";
import { hashSecretToken } from "../accounts/tokens.ts";
import { recordFirstOptOut } from "../customers/customer.repository.ts";
import type { Database, Db } from "../db/database.ts";
import {
  cancelQueuedInvitationsOf,
  findInvitationByTokenHash,
  type InvitationByToken,
  markInvitationOptedOut,
} from "./invitation.repository.ts";

/** The shape of a personal link's token; anything else is not looked up at all. */
const TOKEN = /^[A-Za-z0-9_-]{40,60}$/;

/** The invitation a personal link (survey or unsubscribe) belongs to; only the token's hash is stored. */
export async function findInvitationByToken(db: Db, token: string): Promise<InvitationByToken | undefined> {
  if (!TOKEN.test(token)) return undefined;
  return findInvitationByTokenHash(db, hashSecretToken(token));
}

/**
 * The customer asked for no more surveys through a message's unsubscribe link: the invitation
 * remembers it, the customer is opted out (source `unsubscribe_link`, an earlier opt-out kept), and
 * messages still queued for them, reminders included, are cancelled. One transaction.
 */
export async function unsubscribe(db: Kysely<Database>, invitationId: number, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { customerId } = await markInvitationOptedOut(trx, invitationId, now);
    await recordFirstOptOut(trx, customerId, { at: now, source: "unsubscribe_link" }, now);
    await cancelQueuedInvitationsOf(trx, customerId, "opted out");
  });
}
