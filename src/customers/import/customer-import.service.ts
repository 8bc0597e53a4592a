import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { insertAuditEntry } from "../../audit/audit-log.repository.ts";
import type { Database } from "../../db/database.ts";
import { AppError, ConflictError, NotFoundError } from "../../errors.ts";
import { staffIdsByUsername, upsertCustomers } from "../customer.repository.ts";
import type { CustomerUpsert } from "../customer.ts";
import { addCustomerListMembers, insertCustomerList } from "../customer-list.repository.ts";
import { csvRecords, decodeCsvBytes } from "./csv-records.ts";
import {
  addImportProgress,
  type CustomerImport,
  claimImport,
  failImport,
  findImport,
  findImportContent,
  finishImport,
  IMPORT_STALE_MS,
  type ImportIssue,
  insertImport,
  insertImportIssues,
  saveImportMapping,
  setImportList,
} from "./customer-import.repository.ts";
import {
  checkMapping,
  type ImportMapping,
  type ImportRow,
  importRows,
  readHeader,
} from "./customer-import.ts";

/** Rows written per transaction: large enough for few round trips, small enough for steady progress. */
export const IMPORT_CHUNK_ROWS = 2_000;
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

export interface ImportRunOptions {
  now?: () => Date;
  /** called after every chunk with the rows done so far and the rows in the file */
  onProgress?: (processed: number, total: number) => void;
  chunkRows?: number;
}

/**
 * Runs a claimed import: reads the file under its mapping, and per chunk, in one transaction, upserts
 * the good rows, adds them to the import's customer list, stores the bad rows with their line numbers
 * and reasons, and adds to the counters (which the status page polls).
 */
async function runClaimedImport(
  db: Kysely<Database>,
  id: number,
  options: ImportRunOptions,
): Promise<CustomerImport> {
  const now = options.now ?? (() => new Date());
  const chunkRows = options.chunkRows ?? IMPORT_CHUNK_ROWS;
  const found = await loadImport(db, id);
  const content = await findImportContent(db, id);
  if (content === null || found.mapping === null) throw new Error(`import ${id} has no file or mapping`);
  let listId = found.listId;
  if (listId === null) {
    listId = await insertCustomerList(db, {
      name: `${found.fileName} (#${id})`,
      source: "import",
      createdBy: found.createdBy,
    });
    await setImportList(db, id, listId);
  }
  const managers = await staffIdsByUsername(db);
  let good: CustomerUpsert[] = [];
  let bad: ImportIssue[] = [];
  let processed = 0;
  const flush = async () => {
    const rows = good;
    const issues = bad;
    good = [];
    bad = [];
    await db.transaction().execute(async (trx) => {
      const result = await upsertCustomers(trx, rows);
      await addCustomerListMembers(trx, listId, result.ids);
      await insertImportIssues(trx, id, issues);
      await addImportProgress(
        trx,
        id,
        {
          processed: rows.length + issues.length,
          inserted: result.inserted,
          updated: result.updated,
          bad: issues.length,
        },
        now(),
      );
    });
    processed += rows.length + issues.length;
    options.onProgress?.(processed, found.totalRows);
  };
  for (const row of importRows(content, found.mapping, managers, now()) as Iterable<ImportRow>) {
    if (row.ok) good.push(row.value);
    else bad.push({ line: row.line, externalRef: row.externalRef, problems: row.problems });
    if (good.length + bad.length >= chunkRows) await flush();
  }
  await flush();
  await finishImport(db, id, now());
  const done = await loadImport(db, id);
  await insertAuditEntry(db, {
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
}

async function claimOrThrow(db: Kysely<Database>, id: number, now: Date) {
  const found = await loadImport(db, id);
  if (found.mapping === null) throw new ConflictError({ key: "customerImport.error.unmapped" });
  if (!(await claimImport(db, id, now))) throw new ConflictError({ key: "customerImport.error.running" });
}

/** Runs an import to the end in this call (CLI, tests); the counters are updated as it goes. */
export async function runImport(
  db: Kysely<Database>,
  id: number,
  options: ImportRunOptions = {},
): Promise<CustomerImport> {
  await claimOrThrow(db, id, (options.now ?? (() => new Date()))());
  try {
    return await runClaimedImport(db, id, options);
  } catch (error) {
    await failImport(db, id, error instanceof Error ? error.message : String(error), new Date());
    throw error;
  }
}

/**
 * Starts an import in the background of this process and returns at once; the console and the API
 * poll its counters. If the process dies, the import's heartbeat stops and it can be run again.
 * (When the job queue lands, this is the one place to hand the import to it instead.)
 */
export async function startImport(
  db: Kysely<Database>,
  id: number,
  logger: Pick<Logger, "error">,
  options: ImportRunOptions = {},
): Promise<void> {
  await claimOrThrow(db, id, (options.now ?? (() => new Date()))());
  void runClaimedImport(db, id, options).catch(async (error: unknown) => {
    logger.error({ err: error, importId: id }, "customer import failed");
    await failImport(db, id, error instanceof Error ? error.message : String(error), new Date()).catch(
      () => {},
    );
  });
}

/** The status the pages and the status endpoint show; a running import without heartbeat is interrupted. */
export function importState(found: CustomerImport, now: Date) {
  const interrupted =
    found.status === "running" && now.getTime() - found.updatedAt.getTime() > IMPORT_STALE_MS;
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
