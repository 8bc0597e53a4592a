import type { Kysely, Transaction } from "kysely";
import type { Actor } from "../accounts/staff-user.service.ts";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database } from "../db/database.ts";
import { isUniqueViolation } from "../db/database-errors.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import {
  type CustomerScope,
  customerRefExists,
  findCustomer,
  insertCustomer,
  setCustomerOptOut,
  updateCustomer,
} from "./customer.repository.ts";
import type { Customer, CustomerUpsert } from "./customer.ts";

/** A new customer or an edited one, as the console form and the create API give it. */
function valuesOf(input: CustomerUpsert) {
  return {
    externalRef: input.externalRef,
    name: input.name,
    email: input.email,
    phone: input.phone,
    customerType: input.customerType,
    channel: input.channel,
    valueTier: input.valueTier,
    activity: input.activity,
    region: input.region,
    managerUserId: input.managerUserId,
    locale: input.locale,
    attributes: input.attributes,
  };
}

export class DuplicateRefError extends ConflictError {
  override name = "DuplicateRefError";
  constructor(readonly externalRef: string) {
    super({ key: "customer.error.duplicateRef", values: { externalRef } });
  }
}

/**
 * Runs `work` in a transaction; a reference taken by a request running at the same time (past the
 * check, refused by the unique index) is the same DuplicateRefError as one taken before.
 */
async function inTransactionWithUniqueRef<T>(
  db: Kysely<Database>,
  externalRef: string,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (error) {
    if (isUniqueViolation(error, "external_ref")) throw new DuplicateRefError(externalRef);
    throw error;
  }
}

/** @throws {DuplicateRefError} when the external reference is taken */
export async function createCustomer(
  db: Kysely<Database>,
  actor: Actor | null,
  input: CustomerUpsert,
  now: Date,
): Promise<number> {
  return inTransactionWithUniqueRef(db, input.externalRef, async (trx) => {
    if (await customerRefExists(trx, input.externalRef)) throw new DuplicateRefError(input.externalRef);
    const id = await insertCustomer(trx, valuesOf(input));
    if (input.optedOutAt !== null) {
      const optOut = { at: input.optedOutAt, source: input.optOutSource ?? "other" };
      await setCustomerOptOut(trx, id, optOut, now);
    }
    await insertAuditEntry(trx, {
      action: "customer.created",
      actorUserId: actor?.user.id ?? null,
      actorName: actor?.user.username ?? null,
      targetType: "customer",
      targetId: id,
      ip: actor?.ip ?? null,
      details: { externalRef: input.externalRef },
    });
    return id;
  });
}

/** Replaces every field of a customer (null clears it); the opt-out is changed only by optOut/optIn. */
export async function editCustomer(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  input: CustomerUpsert,
  now: Date,
): Promise<void> {
  await inTransactionWithUniqueRef(db, input.externalRef, async (trx) => {
    if (!(await findCustomer(trx, { kind: "all" }, id))) throw new NotFoundError("No such customer");
    if (await customerRefExists(trx, input.externalRef, id)) throw new DuplicateRefError(input.externalRef);
    await updateCustomer(trx, id, valuesOf(input), now);
    await insertAuditEntry(trx, {
      action: "customer.updated",
      actorUserId: actor.user.id,
      actorName: actor.user.username,
      targetType: "customer",
      targetId: id,
      ip: actor.ip,
    });
  });
}

/** Records that a customer opted out (on `at`, told through `source`), or clears it with `null`. */
export async function changeOptOut(
  db: Kysely<Database>,
  actor: Actor,
  scope: CustomerScope,
  id: number,
  optOut: { at: Date; source: string } | null,
  now: Date,
): Promise<Customer> {
  return db.transaction().execute(async (trx) => {
    const customer = await findCustomer(trx, scope, id);
    if (!customer) throw new NotFoundError("No such customer");
    await setCustomerOptOut(trx, id, optOut, now);
    await insertAuditEntry(trx, {
      action: optOut ? "customer.opted_out" : "customer.opted_in",
      actorUserId: actor.user.id,
      actorName: actor.user.username,
      targetType: "customer",
      targetId: id,
      ip: actor.ip,
      details: optOut ? { at: optOut.at.toISOString(), source: optOut.source } : {},
    });
    return customer;
  });
}

/** A customer's personal data was shown (console detail page or API): written to the audit log. */
export async function recordCustomerViewed(
  db: Kysely<Database>,
  actor: Actor,
  customer: Customer,
  via: "console" | "api",
): Promise<void> {
  await insertAuditEntry(db, {
    action: "customer.viewed",
    actorUserId: actor.user.id,
    actorName: actor.user.username,
    targetType: "customer",
    targetId: customer.id,
    ip: actor.ip,
    details: { externalRef: customer.externalRef, via },
  });
}

/** A list of customers' personal data left the system (CSV export, API list): audited. */
export async function recordCustomersExported(
  db: Kysely<Database>,
  actor: Actor,
  details: Record<string, unknown>,
): Promise<void> {
  await insertAuditEntry(db, {
    action: "customer.exported",
    actorUserId: actor.user.id,
    actorName: actor.user.username,
    targetType: "customer_export",
    ip: actor.ip,
    details,
  });
}
