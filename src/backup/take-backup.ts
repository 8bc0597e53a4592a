import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { listJobQueues, readJobQueueSchemaVersion } from "../jobs/job-queue-schema.ts";
import { BACKUP_FORMAT, BACKUP_MAGIC, type BackupHeader, END_OF_TABLE, tableKey } from "./backup-format.ts";
import { listTables, qualifiedName, readAppliedMigrations, readSequences } from "./catalog.ts";

export interface BackupSummary {
  tables: number;
  rows: number;
}

/**
 * Writes a backup of the database (backup-format.ts) into `output`, gzipped, while the database
 * serves: everything is read in one REPEATABLE READ, READ ONLY transaction, so every table is seen at
 * the same instant, as pg_dump does, and nobody waits for the backup. The tables are locked ACCESS
 * SHARE for its length (as pg_dump does): rows may change meanwhile, but no table can be altered or
 * dropped under it.
 */
export async function takeBackup(
  connectionString: string,
  output: Writable,
  now: Date,
): Promise<BackupSummary> {
  const client = new pg.Client({ connectionString, application_name: "manyi backup" });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("begin isolation level repeatable read, read only");
    await client.query("set local statement_timeout = 0");
    await client.query("set local idle_in_transaction_session_timeout = 0");
    const tables = await listTables(client);
    if (tables.length > 0)
      await client.query(`lock table ${tables.map(qualifiedName).join(", ")} in access share mode`);
    const jobQueueVersion = await readJobQueueSchemaVersion(client);
    const server = await client.query<{ version: string; database: string }>(
      "select current_setting('server_version') as version, current_database() as database",
    );
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      createdAt: now.toISOString(),
      source: {
        server: `PostgreSQL ${server.rows[0]?.version ?? "?"}`,
        database: server.rows[0]?.database ?? "?",
      },
      migrations: await readAppliedMigrations(client),
      jobQueue:
        jobQueueVersion === undefined
          ? null
          : { schemaVersion: jobQueueVersion, queues: await listJobQueues(client) },
      tables,
      sequences: await readSequences(client),
    };
    const rows: Record<string, number> = {};
    await pipeline(backupText(client, header, rows), createGzip(), output);
    await client.query("commit");
    return { tables: tables.length, rows: Object.values(rows).reduce((sum, count) => sum + count, 0) };
  } finally {
    await client.end().catch(() => {});
  }
}

/** The backup's text: the first line, the header, each table's COPY rows and end line, the trailer. */
async function* backupText(
  client: pg.Client,
  header: BackupHeader,
  rows: Record<string, number>,
): AsyncGenerator<Buffer> {
  yield Buffer.from(`${BACKUP_MAGIC}\n${JSON.stringify(header)}\n`);
  for (const table of header.tables) {
    const columns = table.columns.map((column) => pg.escapeIdentifier(column)).join(", ");
    const copy = client.query(copyTo(`copy (select ${columns} from ${qualifiedName(table)}) to stdout`));
    for await (const chunk of copy) yield chunk as Buffer;
    rows[tableKey(table)] = copy.rowCount ?? 0;
    yield Buffer.from(`${END_OF_TABLE}\n`);
  }
  yield Buffer.from(`${JSON.stringify({ rows })}\n`);
}
