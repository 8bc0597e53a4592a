import { finished } from "node:stream/promises";
import { Kysely, PostgresDialect, type PostgresPool } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { migrateToWithinTransaction, migrationNames } from "../db/migrate.ts";
import { createJobQueueSchema, JOB_QUEUE_SCHEMA_VERSION } from "../jobs/job-queue-schema.ts";
import { BackupError } from "./backup-error.ts";
import { damaged, type OpenedBackup } from "./backup-files.ts";
import { type BackupHeader, type BackupTable, backupTrailerSchema, tableKey } from "./backup-format.ts";
import { describeExistingContents, qualifiedName } from "./catalog.ts";
import { DamagedBackupError, type SectionReader } from "./section-reader.ts";

export interface RestoreSummary {
  tables: number;
  rows: number;
}

/**
 * Checks, before any database is touched, that this manyi can rebuild the backup's schema: it knows
 * every migration the backup's database had (in the same order), and its pg-boss builds the same job
 * queue schema.
 *
 * @throws {BackupError} naming what differs
 */
export function checkBackupFitsThisManyi(file: string, header: BackupHeader): void {
  const known = migrationNames();
  const unknown = header.migrations.find((name) => !known.includes(name));
  if (unknown !== undefined)
    throw new BackupError(
      `${file} was made by a newer manyi (its database has migration ${unknown}, which this manyi does not know); restore it with that manyi or a newer one`,
    );
  const last = header.migrations.at(-1);
  const expected = last === undefined ? [] : known.slice(0, known.indexOf(last) + 1);
  if (expected.join() !== header.migrations.join())
    throw new BackupError(
      `${file} has migrations this manyi would apply in another order (${header.migrations.length} of ${expected.length}); restore it with the manyi that made it`,
    );
  if (header.jobQueue && header.jobQueue.schemaVersion !== JOB_QUEUE_SCHEMA_VERSION)
    throw new BackupError(
      `${file} holds a job queue of pg-boss schema version ${header.jobQueue.schemaVersion}, and this manyi's pg-boss builds version ${JOB_QUEUE_SCHEMA_VERSION}; restore it with the manyi that made it`,
    );
}

/**
 * Loads a backup into an empty database in one transaction: the schema is rebuilt by manyi's own
 * migrations (up to the backup's last one) and pg-boss's own construction plan, the tables are emptied
 * of what those put in (the migration history, pg-boss's version row), each table's rows are copied in
 * with COPY, the counts are checked against the backup's trailer, and the sequences are set where they
 * were. Anything that fails (a damaged file, a count that differs, a refused row) rolls everything
 * back: the database is as empty as before.
 *
 * The tables' own triggers (checks and clean-ups of the app's writes) are off while the rows go in, as
 * in a pg_restore: the rows were consistent when read. Foreign keys stay on; the header's table order
 * loads each table after those it refers to.
 *
 * @throws {BackupError} when the database is not empty, the file is damaged, or a row is refused
 */
export async function restoreBackup(
  connectionString: string,
  backup: OpenedBackup,
  names: { file: string; database: string },
): Promise<RestoreSummary> {
  const { header, reader } = backup;
  const client = new pg.Client({ connectionString, application_name: "manyi restore" });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("begin");
    await relaxTimeouts(client);
    const existing = await describeExistingContents(client);
    if (existing)
      throw new BackupError(
        `restore needs an empty database, and ${names.database} already has ${existing}; restore into a new MANYI_DATA_DIR, or a new database for DATABASE_URL`,
      );
    await rebuildSchema(client, header);
    const tables = header.tables.map(qualifiedName);
    if (tables.length > 0) await client.query(`truncate ${tables.join(", ")}`);
    for (const table of tables) await client.query(`alter table ${table} disable trigger user`);
    const rows: Record<string, number> = {};
    for (const table of header.tables) rows[tableKey(table)] = await copyTable(client, table, reader);
    await checkTrailer(reader, rows);
    for (const table of tables) await client.query(`alter table ${table} enable trigger user`);
    for (const sequence of header.sequences)
      await client.query("select setval($1::regclass, $2::bigint, $3)", [
        qualifiedName(sequence),
        sequence.lastValue,
        sequence.isCalled,
      ]);
    await client.query("commit");
    return { tables: header.tables.length, rows: Object.values(rows).reduce((sum, count) => sum + count, 0) };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw await explainFailure(error, reader, names.file);
  } finally {
    await client.end().catch(() => {});
  }
}

/** manyi's migrations up to the backup's last one, and pg-boss's schema with the backup's queues. */
async function rebuildSchema(client: pg.Client, header: BackupHeader): Promise<void> {
  try {
    await migrateToWithinTransaction(onClient(client), header.migrations.at(-1));
    if (header.jobQueue) {
      await createJobQueueSchema(client, header.jobQueue.queues);
      await relaxTimeouts(client);
    }
  } catch (error) {
    throw new BackupError(
      `the schema of the backup could not be built (${error instanceof Error ? error.message : String(error)}); nothing was restored`,
    );
  }
}

/** The one-line reason a restore failed; a refused row from a file damaged further on is the damage. */
async function explainFailure(error: unknown, reader: SectionReader, file: string): Promise<unknown> {
  if (error instanceof pg.DatabaseError) {
    const damage = await reader.readToEnd().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    if (!(damage instanceof DamagedBackupError))
      return new BackupError(`the database refused the restore (${error.message}); nothing was restored`);
    error = damage;
  }
  if (error instanceof DamagedBackupError)
    return new BackupError(`${damaged(file, error).message}; nothing was restored`);
  return error;
}

/** No timeout of the server's or the role's (or pg-boss's plan's) may cut a long restore short. */
async function relaxTimeouts(client: pg.Client): Promise<void> {
  await client.query(
    "set local statement_timeout = 0; set local lock_timeout = 0; set local idle_in_transaction_session_timeout = 0",
  );
}

/** Copies one table's rows from the backup into the database; the number of rows COPY took. */
async function copyTable(client: pg.Client, table: BackupTable, reader: SectionReader): Promise<number> {
  const columns = table.columns.map((column) => pg.escapeIdentifier(column)).join(", ");
  const copy = client.query(copyFrom(`copy ${qualifiedName(table)} (${columns}) from stdin`));
  // The server refusing a row is an "error" event at any moment; after it nothing may be written.
  let refused: Error | undefined;
  copy.on("error", (error) => {
    refused ??= error;
  });
  try {
    await reader.copySectionTo(copy, () => refused);
    if (refused) throw refused;
    copy.end();
    await finished(copy);
  } catch (error) {
    // A failed read cancels the COPY (CopyFail) before the transaction is rolled back; a row the
    // server refused has ended the COPY already.
    if (error instanceof DamagedBackupError) {
      copy.destroy(error);
      await finished(copy).catch(() => {});
    }
    throw error;
  }
  return copy.rowCount;
}

async function checkTrailer(reader: SectionReader, copied: Record<string, number>): Promise<void> {
  const line = await reader.readLine();
  let json: unknown;
  try {
    json = JSON.parse(line ?? "");
  } catch {
    throw new DamagedBackupError("its last line, the row counts, is missing");
  }
  const trailer = backupTrailerSchema.safeParse(json);
  if (!trailer.success) throw new DamagedBackupError("its last line is not the row counts");
  for (const [table, count] of Object.entries(copied)) {
    const written = trailer.data.rows[table];
    if (written !== count)
      throw new DamagedBackupError(`${table} has ${count} rows, and the backup wrote ${written ?? "none"}`);
  }
  if ((await reader.readLine()) !== undefined)
    throw new DamagedBackupError("there is more after its last line");
}

/** A Kysely whose every query runs on `client`, inside the transaction the caller holds open there. */
function onClient(client: pg.Client): Kysely<unknown> {
  const pool = {
    connect: async () => ({ query: client.query.bind(client), release: () => {} }),
    end: async () => {},
  } as unknown as PostgresPool;
  return new Kysely({ dialect: new PostgresDialect({ pool }) });
}
