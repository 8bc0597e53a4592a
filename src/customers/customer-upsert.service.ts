import type { Kysely } from "kysely";
import type { Actor } from "../accounts/staff-user.service.ts";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database, Db } from "../db/database.ts";
import { staffIdsByUsername, upsertCustomerRows } from "./customer.repository.ts";
import { type CustomerRecord, type CustomerUpsert, checkCustomerRecord, type Problem } from "./customer.ts";
import { addCustomerListMembers, insertCustomerList } from "./customer-list.repository.ts";

/** Rows written per statement: large enough for few round trips, small enough for steady progress. */
export const UPSERT_CHUNK_ROWS = 2_000;

/**
 * Upserts one chunk of checked customers (distinct references) and adds them to a customer list.
 * The caller holds the transaction: the bulk API writes all its chunks in one, the CSV import one per
 * chunk together with its progress and bad rows.
 */
export async function upsertCustomerChunk(
  db: Db,
  rows: readonly CustomerUpsert[],
  listId: number | null,
): Promise<{ inserted: number; updated: number }> {
  const result = await upsertCustomerRows(db, rows);
  if (listId !== null) await addCustomerListMembers(db, listId, result.ids);
  return { inserted: result.inserted, updated: result.updated };
}

/** One incoming row of a batch: a record to check, or one the caller's parsing refused already. */
export type BatchRow =
  | { record: CustomerRecord; externalRef: string | null }
  | { problems: Problem[]; externalRef: string | null };

/** A row that was not written, by its position in the batch. */
export interface RefusedRow {
  index: number;
  externalRef: string | null;
  problems: Problem[];
}

export interface UpsertOutcome {
  inserted: number;
  updated: number;
  /** the customer list the written customers were added to, when one was named */
  listId: number | null;
  refused: RefusedRow[];
}

/**
 * Inserts or updates a batch of customers by external reference (the bulk API): checks every record
 * (see checkCustomerRecord), refuses a reference repeated within the batch (the first one is kept),
 * writes the good rows in chunks in one transaction, records them as a customer list when `listName`
 * is given, and writes one audit entry with the counts. Bad rows are reported, not fatal.
 */
export async function upsertCustomers(
  db: Kysely<Database>,
  actor: Actor,
  rows: readonly BatchRow[],
  listName: string | undefined,
  now: Date,
): Promise<UpsertOutcome> {
  const managers = await staffIdsByUsername(db);
  const good: CustomerUpsert[] = [];
  const refused: RefusedRow[] = [];
  const firstIndex = new Map<string, number>();
  rows.forEach((row, index) => {
    const checked =
      "record" in row
        ? checkCustomerRecord(row.record, managers, now, "api")
        : { ok: false as const, problems: row.problems };
    if (!checked.ok) {
      refused.push({ index, externalRef: row.externalRef, problems: checked.problems });
      return;
    }
    const ref = checked.value.externalRef;
    const first = firstIndex.get(ref);
    if (first !== undefined) {
      refused.push({
        index,
        externalRef: ref,
        problems: [{ field: "externalRef", code: "duplicate_ref", value: `index ${first}` }],
      });
      return;
    }
    firstIndex.set(ref, index);
    good.push(checked.value);
  });
  return db.transaction().execute(async (trx) => {
    const listId =
      listName && good.length > 0
        ? await insertCustomerList(trx, { name: listName, source: "api", createdBy: actor.user.id })
        : null;
    let inserted = 0;
    let updated = 0;
    for (let i = 0; i < good.length; i += UPSERT_CHUNK_ROWS) {
      const chunk = await upsertCustomerChunk(trx, good.slice(i, i + UPSERT_CHUNK_ROWS), listId);
      inserted += chunk.inserted;
      updated += chunk.updated;
    }
    await insertAuditEntry(trx, {
      action: "customer.bulk_upserted",
      actorUserId: actor.user.id,
      actorName: actor.user.username,
      ...(listId === null ? {} : { targetType: "customer_list", targetId: listId }),
      ip: actor.ip,
      details: { via: "api", received: rows.length, inserted, updated, refused: refused.length, listId },
    });
    return { inserted, updated, listId, refused };
  });
}
