import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { insertAuditEntry } from "../../audit/audit-log.repository.ts";
import type { Database } from "../../db/database.ts";
import { AppError, ConflictError, NotFoundError } from "../../errors.ts";
import type { JobQueue } from "../../jobs/job-queue.ts";
import { staffIdsByUsername } from "../customer.repository.ts";
import type { CustomerUpsert } from "../customer.ts";
import { insertCustomerList } from "../customer-list.repository.ts";
import { UPSERT_CHUNK_ROWS, upsertCustomerChunk } from "../customer-upsert.service.ts";
import { csvRecords, decodeCsvBytes } from "./csv-records.ts";
import {
  addImportProgress,
  type CustomerImport,
  claimImport,
  failImport,
  findImport,
  findImportContent,
  findOrphanedImportIds,
  finishImport,
  type ImportIssue,
  insertImport,
  insertImportIssues,
  lockImportClaim,
  saveImportMapping,
  setImportList,
  startImportRun,
} from "./customer-import.repository.ts";
import {
  checkMapping,
  type ImportMapping,
  type ImportRow,
  importRows,
  readHeader,
} from "./customer-import.ts";

/** Rows of the file handled per transaction (the progress moves on by this many). */
export const IMPORT_CHUNK_ROWS = UPSERT_CHUNK_ROWS;
/** The largest file accepted (bytes). */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;

/** Why an uploaded file cannot be imported at all; `code` names the message shown. */
export type ImportFileProblem = "not_text" | "no_header" | "no_rows" | "too_large" | "no_file";

export class ImportFileError extends AppError {
  override name = "ImportFileError";
  constructor(readonly problem: ImportFileProblem) {
    super(422, "validation_failed", IMPORT_FILE_TEXT[problem], { problem });
  }
}

const IMPORT_FILE_TEXT: Record<ImportFileProblem, string> = {
  not_text: "The file is not text in UTF-8 (or GB18030): save it from the spreadsheet as “CSV UTF-8”",
  no_header: "The file has no header line",
  no_rows: "The file has a header but no data rows",
  too_large: `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`,
  no_file: "Choose a CSV file to upload",
};

/**
 * Stores an uploaded CSV file as an import waiting for its column mapping. The text is kept in the
 * database (not on this process's disk) so any app process can run it.
 *
 * @throws {ImportFileError} when the file is not text, has no header or no data rows
 */
export async function createImport(
  db: Kysely<Database>,
  file: { name: string; bytes: Uint8Array },
  source: "console" | "api" | "cli",
  createdBy: number | null,
): Promise<number> {
  if (file.bytes.length > IMPORT_MAX_BYTES) throw new ImportFileError("too_large");
  const decoded = decodeCsvBytes(file.bytes);
  if (!decoded || decoded.text.includes("\u0000")) throw new ImportFileError("not_text");
  const header = readHeader(decoded.text);
  if (!header) throw new ImportFileError("no_header");
  let rows = -1;
  for (const record of csvRecords(decoded.text)) {
    if (record.cells?.every((cell) => cell.trim() === "")) continue;
    rows++;
  }
  if (rows <= 0) throw new ImportFileError("no_rows");
  return insertImport(db, {
    fileName: file.name.slice(0, 200) || "customers.csv",
    source,
    content: decoded.text,
    encoding: decoded.encoding,
    header: header.cells,
    totalRows: rows,
    createdBy,
  });
}

export async function loadImport(db: Kysely<Database>, id: number): Promise<CustomerImport> {
  const found = await findImport(db, id);
  if (!found) throw new NotFoundError("No such import");
  return found;
}

export class MappingError extends AppError {
  override name = "MappingError";
  constructor(readonly problems: ReturnType<typeof checkMapping>) {
    super(422, "validation_failed", "The column mapping is not usable", { problems });
  }
}

/** What an import would do, without writing a customer: counts, sample rows and the first bad rows. */
export interface ImportPreview {
  totalRows: number;
  goodRows: number;
  badRows: number;
  sample: CustomerUpsert[];
  issues: ImportIssue[];
}

/**
 * Saves the column mapping of an uploaded import and checks every row under it (a dry run).
 *
 * @throws {MappingError} when the mapping lacks the reference or the name, or names a field twice
 */
export async function mapImport(
  db: Kysely<Database>,
  id: number,
  mapping: ImportMapping,
  now: Date,
  limits = { sample: 10, issues: 200 },
): Promise<ImportPreview> {
  const found = await loadImport(db, id);
  if (found.status !== "uploaded" && found.status !== "ready")
    throw new ConflictError({ key: "customerImport.error.alreadyRun" });
  const problems = checkMapping(mapping, found.header);
  if (problems.length > 0) throw new MappingError(problems);
  const content = await findImportContent(db, id);
  if (content === null) throw new ConflictError({ key: "customerImport.error.alreadyRun" });
  const managers = await staffIdsByUsername(db);
  const preview: ImportPreview = { totalRows: 0, goodRows: 0, badRows: 0, sample: [], issues: [] };
  for (const row of importRows(content, mapping, managers, now)) {
    preview.totalRows++;
    if (row.ok) {
      preview.goodRows++;
      if (preview.sample.length < limits.sample) preview.sample.push(row.value);
    } else {
      preview.badRows++;
      if (preview.issues.length < limits.issues)
        preview.issues.push({ line: row.line, externalRef: row.externalRef, problems: row.problems });
    }
  }
  await saveImportMapping(db, id, mapping, now);
  return preview;
}

/** The job that runs one import (data: `{ importId }`) in whichever app process takes it. */
export const JOB_CUSTOMER_IMPORT = "customer-import";

/** Thrown inside a chunk's transaction when another process has taken the import over. */
class ImportTakenOverError extends Error {
  override name = "ImportTakenOverError";
  constructor() {
    super("The import was taken over by another process");
  }
}

export interface ImportRunOptions {
  now?: () => Date;
  /** called after every chunk with the rows done so far and the rows in the file */
  onProgress?: (processed: number, total: number) => void | Promise<void>;
  chunkRows?: number;
}

/**
 * Runs an import claimed by `processId`, from the rows its counters say are done (none on a first run,
 * all committed chunks when a process takes over one whose process died): reads the file under its
 * mapping, and per chunk, in one transaction, checks that it still holds the import, upserts the good
 * rows into the import's customer list, stores the bad rows with their line numbers and reasons, and
 * adds to the counters (which the status page polls). Writes one audit entry when done.
 *
 * @throws {ImportTakenOverError} when another process took the import over (its chunk is rolled back)
 */
async function runClaimedImport(
  db: Kysely<Database>,
  id: number,
  processId: string,
  options: ImportRunOptions,
): Promise<CustomerImport> {
  const now = options.now ?? (() => new Date());
  const chunkRows = options.chunkRows ?? IMPORT_CHUNK_ROWS;
  const found = await loadImport(db, id);
  const content = await findImportContent(db, id);
  if (content === null || found.mapping === null) throw new Error(`import ${id} has no file or mapping`);
  let listId = found.listId;
  if (listId === null) {
    listId = await db.transaction().execute(async (trx) => {
      const created = await insertCustomerList(trx, {
        name: `${found.fileName} (#${id})`,
        source: "import",
        createdBy: found.createdBy,
      });
      if (!(await setImportList(trx, id, processId, created))) throw new ImportTakenOverError();
      return created;
    });
  }
  const managers = await staffIdsByUsername(db);
  let good: CustomerUpsert[] = [];
  let bad: ImportIssue[] = [];
  let processed = found.processedRows;
  const flush = async () => {
    const rows = good;
    const issues = bad;
    good = [];
    bad = [];
    await db.transaction().execute(async (trx) => {
      // The claim is checked and locked first: a takeover waits for this chunk or rolls it back, so
      // the counters always count exactly the committed rows.
      if (!(await lockImportClaim(trx, id, processId))) throw new ImportTakenOverError();
      const result = await upsertCustomerChunk(trx, rows, listId);
      await insertImportIssues(trx, id, issues);
      await addImportProgress(
        trx,
        id,
        { processed: rows.length + issues.length, ...result, bad: issues.length },
        now(),
      );
    });
    processed += rows.length + issues.length;
    await options.onProgress?.(processed, found.totalRows);
  };
  // Rows of committed chunks are skipped; the rows are read again only to keep the duplicate check.
  let skip = found.processedRows;
  for (const row of importRows(content, found.mapping, managers, now()) as Iterable<ImportRow>) {
    if (skip > 0) {
      skip--;
      continue;
    }
    if (row.ok) good.push(row.value);
    else bad.push({ line: row.line, externalRef: row.externalRef, problems: row.problems });
    if (good.length + bad.length >= chunkRows) await flush();
  }
  await flush();
  // done and audited at once: whoever sees the import done finds its audit entry
  return db.transaction().execute(async (trx) => {
    if (!(await finishImport(trx, id, processId, now()))) throw new ImportTakenOverError();
    const done = await loadImport(trx, id);
    await insertAuditEntry(trx, {
      action: "customer.imported",
      actorUserId: done.createdBy,
      actorName: done.createdByName,
      targetType: "customer_import",
      targetId: id,
      details: {
        fileName: done.fileName,
        inserted: done.insertedRows,
        updated: done.updatedRows,
        bad: done.badRows,
        listId,
      },
    });
    return done;
  });
}

/**
 * Hands a mapped import to the job queue: it becomes `running` and its job is stored in the same
 * transaction, so an import is never started without the job that runs it, and the job survives a
 * restart. An interrupted import (its process is gone) gets a job at once instead of waiting for the
 * next sweep (see resumeOrphanedImports).
 *
 * @throws {ConflictError} when the columns are not mapped, or the import is running or done
 */
export async function queueImport(
  db: Kysely<Database>,
  jobs: Pick<JobQueue, "send">,
  id: number,
  now: Date,
): Promise<void> {
  const found = await loadImport(db, id);
  if (found.mapping === null) throw new ConflictError({ key: "customerImport.error.unmapped" });
  await db.transaction().execute(async (trx) => {
    if (!(await startImportRun(trx, id, now)) && !found.orphaned)
      throw new ConflictError({ key: "customerImport.error.running" });
    await jobs.send(JOB_CUSTOMER_IMPORT, { importId: id }, { db: trx });
  });
}

/**
 * The import job: takes the import for this process (or leaves it to the process that holds it) and
 * runs it to the end. A failure is recorded on the import, which the console offers to run again.
 */
export async function runQueuedImport(
  db: Kysely<Database>,
  id: number,
  processId: string,
  logger: Pick<Logger, "info" | "error">,
  options: ImportRunOptions = {},
): Promise<void> {
  const now = options.now ?? (() => new Date());
  if (!(await claimImport(db, id, processId, now()))) return;
  try {
    await runClaimedImport(db, id, processId, options);
  } catch (error) {
    if (error instanceof ImportTakenOverError) {
      logger.info({ importId: id }, "customer import taken over by another process");
      return;
    }
    logger.error({ err: error, importId: id }, "customer import failed");
    await failImport(db, id, processId, error instanceof Error ? error.message : String(error), now());
  }
}

/**
 * Gives every import whose process is gone a new job (the sweep runs every minute and when an app
 * process starts); the process that takes it carries on after the rows already committed.
 *
 * @returns the ids of the imports handed on
 */
export async function resumeOrphanedImports(
  db: Kysely<Database>,
  jobs: Pick<JobQueue, "send">,
): Promise<number[]> {
  const ids = await findOrphanedImportIds(db);
  for (const id of ids) await jobs.send(JOB_CUSTOMER_IMPORT, { importId: id });
  return ids;
}

/**
 * Runs an import to the end in this call, in this process (the CLI, which has no job worker);
 * `processId` must be this process's presence, so that a running app leaves the import alone while
 * it lives and resumes it if it dies. The counters are updated as it goes.
 *
 * @throws {ConflictError} when the columns are not mapped, or the import is running or done
 */
export async function runImport(
  db: Kysely<Database>,
  id: number,
  processId: string,
  options: ImportRunOptions = {},
): Promise<CustomerImport> {
  const now = options.now ?? (() => new Date());
  const found = await loadImport(db, id);
  if (found.mapping === null) throw new ConflictError({ key: "customerImport.error.unmapped" });
  const claimed = await db
    .transaction()
    .execute(async (trx) => (await startImportRun(trx, id, now())) && claimImport(trx, id, processId, now()));
  if (!claimed) throw new ConflictError({ key: "customerImport.error.running" });
  try {
    return await runClaimedImport(db, id, processId, options);
  } catch (error) {
    await failImport(db, id, processId, error instanceof Error ? error.message : String(error), now());
    throw error;
  }
}

/** The status the pages and the status endpoint show; a running import whose process is gone is interrupted. */
export function importState(found: CustomerImport, now: Date) {
  const interrupted = found.status === "running" && found.orphaned;
  const finished = found.status === "done" || found.status === "failed";
  return {
    id: found.id,
    status: interrupted ? ("interrupted" as const) : found.status,
    totalRows: found.totalRows,
    processedRows: found.processedRows,
    insertedRows: found.insertedRows,
    updatedRows: found.updatedRows,
    badRows: found.badRows,
    percent:
      found.totalRows > 0 ? Math.min(100, Math.floor((found.processedRows / found.totalRows) * 100)) : 0,
    finished,
    listId: found.listId,
    errorMessage: found.errorMessage,
    seconds:
      found.startedAt && (found.finishedAt ?? (finished ? null : now))
        ? ((found.finishedAt ?? now).getTime() - found.startedAt.getTime()) / 1000
        : null,
  };
}
