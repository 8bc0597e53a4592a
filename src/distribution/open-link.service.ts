import type { Kysely } from "kysely";
import type { Actor } from "../accounts/staff-user.service.ts";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import { customerRefExists } from "../customers/customer.repository.ts";
import type { Database } from "../db/database.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { type OpenLinkSigner, signedOpenLink } from "./open-link-signature.ts";
import { findWaveDetail } from "./wave.repository.ts";

/**
 * One customer's signed open link of a web wave (for a letter's QR code, an SMS): answering through it
 * stores the response as that customer. Such a link lets its holder answer as the customer, so each
 * one made is audited. Refused for a wave without an open link, for an anonymous wave (which keeps no
 * customer) and for a reference no customer has.
 */
export async function makeCustomerOpenLink(
  db: Kysely<Database>,
  deps: { signer: OpenLinkSigner; publicUrl: string },
  actor: Actor,
  waveId: number,
  customerRef: string,
): Promise<{ waveId: number; customerRef: string; url: string }> {
  const wave = await findWaveDetail(db, waveId);
  if (!wave) throw new NotFoundError(`No wave ${waveId}`);
  if (!wave.slug) throw new ConflictError({ key: "waves.error.noOpenLink" });
  if (wave.anonymous) throw new ConflictError({ key: "waves.error.anonymousLink" });
  if (!(await customerRefExists(db, customerRef)))
    throw new ValidationError(`No customer has the reference ${customerRef}`, [
      { field: "customerRef", message: { key: "waves.error.customerRef" } },
    ]);
  await insertAuditEntry(db, {
    action: "wave.link_signed",
    actorUserId: actor.user.id,
    actorName: actor.user.username,
    targetType: "wave",
    targetId: waveId,
    ip: actor.ip,
    details: { customerRef },
  });
  return { waveId, customerRef, url: signedOpenLink(deps.signer, deps.publicUrl, wave.slug, customerRef) };
}
