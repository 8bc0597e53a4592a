import { type Selectable, sql, type Transaction } from "kysely";
import type { Database, Db } from "../../db/database.ts";
import { liveProcessIds } from "../../jobs/process-presence.ts";
import type { CustomerImportTable } from "../customer.table.ts";
import type { Problem } from "../customer.ts";

type ImportRow = Selectable<CustomerImportTable>;

export type ImportStatus = "uploaded" | "ready" | "running" | "done" | "failed";

export interface CustomerImport {
  id: number;
  fileName: string;
  source: "console" | "api" | "cli";
  status: ImportStatus;
  encoding: string;
  header: string[];
  mapping: string[] | null;
  totalRows: number;
  processedRows: number;
  insertedRows: number;
  updatedRows: number;
  badRows: number;
  errorMessage: string | null;
  listId: number | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
  /** running, but the app process that ran it is gone (it is resumed by another one) */
  orphaned: boolean;
}

export interface ImportIssue {
  line: number;
  externalRef: string | null;
  problems: Problem[];
}

const COLUMNS = [
  "customer_import.id",
  "customer_import.file_name",
  "customer_import.source",
  "customer_import.status",
  "customer_import.encoding",
  "customer_import.header",
  "customer_import.mapping",
  "customer_import.total_rows",
  "customer_import.processed_rows",
  "customer_import.inserted_rows",
  "customer_import.updated_rows",
  "customer_import.bad_rows",
  "customer_import.error_message",
  "customer_import.list_id",
  "customer_import.created_by",
  "customer_import.created_at",
  "customer_import.started_at",
  "customer_import.finished_at",
  "customer_import.updated_at",
] as const;

function toImport(
  row: Omit<ImportRow, "content" | "claimed_by"> & { created_by_name: string | null; orphaned: boolean },
): CustomerImport {
  return {
    id: row.id,
    fileName: row.file_name,
    source: row.source,
    status: row.status,
    encoding: row.encoding,
    header: row.header,
    mapping: Array.isArray(row.mapping) ? (row.mapping as string[]) : null,
    totalRows: row.total_rows,
    processedRows: row.processed_rows,
    insertedRows: row.inserted_rows,
    updatedRows: row.updated_rows,
    badRows: row.bad_rows,
    errorMessage: row.error_message,
    listId: row.list_id,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
    orphaned: row.orphaned,
  };
}

function selectImports(db: Db) {
  return db
    .selectFrom("customer_import")
    .leftJoin("staff_user", "staff_user.id", "customer_import.created_by")
    .select([
      ...COLUMNS,
      "staff_user.display_name as created_by_name",
      sql<boolean>`(customer_import.status = 'running' and customer_import.claimed_by is not null
        and customer_import.claimed_by not in ${liveProcessIds()})`.as("orphaned"),
    ]);
}

export async function insertImport(
  db: Db,
  values: {
    fileName: string;
    source: "console" | "api" | "cli";
    content: string;
    encoding: string;
    header: string[];
    totalRows: number;
    createdBy: number | null;
  },
): Promise<number> {
  const row = await db
    .insertInto("customer_import")
    .values({
      file_name: values.fileName,
      source: values.source,
      status: "uploaded",
      content: values.content,
      encoding: values.encoding,
      header: JSON.stringify(values.header),
      total_rows: values.totalRows,
      created_by: values.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findImport(db: Db, id: number): Promise<CustomerImport | undefined> {
  const row = await selectImports(db).where("customer_import.id", "=", id).executeTakeFirst();
  return row && toImport(row);
}

export async function listImports(db: Db, limit: number): Promise<CustomerImport[]> {
  const rows = await selectImports(db).orderBy("customer_import.id", "desc").limit(limit).execute();
  return rows.map(toImport);
}

export async function findImportContent(db: Db, id: number): Promise<string | null> {
  const row = await db
    .selectFrom("customer_import")
    .select("content")
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.content ?? null;
}

export async function saveImportMapping(db: Db, id: number, mapping: string[], now: Date): Promise<void> {
  await db
    .updateTable("customer_import")
    .set({ mapping: JSON.stringify(mapping), status: "ready", updated_at: now })
    .where("id", "=", id)
    .where("status", "in", ["uploaded", "ready"])
    .execute();
}

/**
 * Starts an import from the beginning: a ready one, or a failed one run again (its counters and bad
 * rows are reset; the upsert is idempotent, so running a file again is safe). It is `running` with no
 * process yet: the caller hands it to the job queue in the same transaction, or claims it at once.
 */
export async function startImportRun(db: Db, id: number, now: Date): Promise<boolean> {
  const started = await db
    .updateTable("customer_import")
    .set({
      status: "running",
      claimed_by: null,
      started_at: now,
      updated_at: now,
      finished_at: null,
      processed_rows: 0,
      inserted_rows: 0,
      updated_rows: 0,
      bad_rows: 0,
      error_message: null,
    })
    .where("id", "=", id)
    .where("content", "is not", null)
    .where("mapping", "is not", null)
    .where("status", "in", ["ready", "failed"])
    .returning("id")
    .executeTakeFirst();
  if (!started) return false;
  await db.deleteFrom("customer_import_issue").where("import_id", "=", id).execute();
  return true;
}

/**
 * Takes a running import for the process `processId`: one waiting for a process, or one whose process
 * is gone (see jobs/process-presence.ts). Only one caller wins. The counters are kept: they count
 * exactly the rows whose chunks were committed, so the run carries on after them.
 */
export async function claimImport(db: Db, id: number, processId: string, now: Date): Promise<boolean> {
  const claimed = await db
    .updateTable("customer_import")
    .set({ claimed_by: processId, updated_at: now })
    .where("id", "=", id)
    .where("status", "=", "running")
    .where((eb) => eb.or([eb("claimed_by", "is", null), eb("claimed_by", "not in", liveProcessIds())]))
    .returning("id")
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Running imports whose process is gone. */
export async function findOrphanedImportIds(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom("customer_import")
    .select("id")
    .where("status", "=", "running")
    .where("claimed_by", "is not", null)
    .where("claimed_by", "not in", liveProcessIds())
    .orderBy("id")
    .execute();
  return rows.map((row) => row.id);
}

/** Gives a claimed import its customer list, once. */
export async function setImportList(db: Db, id: number, processId: string, listId: number): Promise<boolean> {
  const result = await db
    .updateTable("customer_import")
    .set({ list_id: listId })
    .where("id", "=", id)
    .where("claimed_by", "=", processId)
    .where("list_id", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Locks a running import until the transaction ends, if `processId` still holds it; false when another
 * process has taken it over.
 */
export async function lockImportClaim(trx: Transaction<Database>, id: number, processId: string) {
  const row = await trx
    .selectFrom("customer_import")
    .select("id")
    .where("id", "=", id)
    .where("status", "=", "running")
    .where("claimed_by", "=", processId)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** Adds one chunk's counts (and the time of the last progress, shown on the status page). */
export async function addImportProgress(
  db: Db,
  id: number,
  counts: { processed: number; inserted: number; updated: number; bad: number },
  now: Date,
): Promise<void> {
  await db
    .updateTable("customer_import")
    .set((eb) => ({
      processed_rows: eb("processed_rows", "+", counts.processed),
      inserted_rows: eb("inserted_rows", "+", counts.inserted),
      updated_rows: eb("updated_rows", "+", counts.updated),
      bad_rows: eb("bad_rows", "+", counts.bad),
      updated_at: now,
    }))
    .where("id", "=", id)
    .execute();
}

export async function insertImportIssues(db: Db, id: number, issues: readonly ImportIssue[]): Promise<void> {
  if (issues.length === 0) return;
  await sql`
    insert into customer_import_issue (import_id, line, external_ref, problems)
    select ${id}, * from unnest(${issues.map((i) => i.line)}::integer[],
                                ${issues.map((i) => i.externalRef)}::text[],
                                ${issues.map((i) => JSON.stringify(i.problems))}::jsonb[])
    on conflict do nothing`.execute(db);
}

/**
 * Marks an import done, if `processId` still holds it (its file is dropped: the customers and the bad
 * rows are what is kept).
 */
export async function finishImport(db: Db, id: number, processId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("customer_import")
    .set({ status: "done", finished_at: now, updated_at: now, content: null })
    .where("id", "=", id)
    .where("status", "=", "running")
    .where("claimed_by", "=", processId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Marks an import failed, if `processId` still holds it. */
export async function failImport(db: Db, id: number, processId: string, message: string, now: Date) {
  await db
    .updateTable("customer_import")
    .set({ status: "failed", error_message: message.slice(0, 500), finished_at: now, updated_at: now })
    .where("id", "=", id)
    .where("status", "=", "running")
    .where("claimed_by", "=", processId)
    .execute();
}

export async function listImportIssues(
  db: Db,
  id: number,
  page: { limit: number; offset: number },
): Promise<ImportIssue[]> {
  const rows = await db
    .selectFrom("customer_import_issue")
    .select(["line", "external_ref", "problems"])
    .where("import_id", "=", id)
    .orderBy("line")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => ({
    line: row.line,
    externalRef: row.external_ref,
    problems: row.problems as Problem[],
  }));
}
