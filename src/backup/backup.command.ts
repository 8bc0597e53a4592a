import type { Command } from "commander";
import pg from "pg";
import type { ReachedDatabase } from "../db/connect.ts";
import { BackupError } from "./backup-error.ts";
import { createBackupFile, openBackupFile } from "./backup-files.ts";
import { checkBackupFitsThisManyi, restoreBackup } from "./restore-backup.ts";
import { takeBackup } from "./take-backup.ts";

/**
 * Runs `work` on the database as it is (not migrated), then lets go of it (cli.ts); `create`: an
 * embedded database may be made for it (a restore's new data directory).
 */
type WithDatabaseAsItIs = <T>(
  options: { create: boolean },
  work: (database: ReachedDatabase) => Promise<T>,
) => Promise<T>;

const out = (line: string) => process.stdout.write(`${line}\n`);

/**
 * `manyi backup <file>` and `manyi restore <file>`: the whole database (manyi's tables and the job
 * queue's) to one file and back, with the embedded server (shared with a manyi running on it, or
 * started for the command) or DATABASE_URL. Files are checked before the database is reached; every
 * failure is one line and exit code 1 (BackupError).
 */
export function registerBackupCommands(program: Command, withDatabase: WithDatabaseAsItIs) {
  program
    .command("backup")
    .description("write a backup of the whole database to a file (also while manyi runs)")
    .argument("<file>", "the file to write (gzip); restore it with manyi restore")
    .option("--force", "replace the file if it exists")
    .action(async (file: string, options: { force?: boolean }) => {
      const output = await createBackupFile(file, { replace: options.force === true });
      try {
        const { summary, description } = await withDatabase({ create: false }, async (database) => ({
          summary: await readingFrom(database, () =>
            takeBackup(database.connectionString, output.stream, new Date()),
          ),
          description: database.description,
        }));
        const { bytes } = await output.keep();
        out(
          `backup of ${description} written to ${file}: ${summary.tables} tables, ${summary.rows} rows, ${formatBytes(bytes)}`,
        );
      } catch (error) {
        await output.discard();
        const failure = output.failure();
        if (failure) throw new BackupError(`cannot write ${file}: ${failure}`);
        throw error;
      }
    });

  program
    .command("restore")
    .description(
      "load a backup into an empty database: a new MANYI_DATA_DIR, or an empty DATABASE_URL database",
    )
    .argument("<file>", "a file written by manyi backup")
    .action(async (file: string) => {
      const backup = await openBackupFile(file);
      try {
        checkBackupFitsThisManyi(file, backup.header);
        const { summary, description } = await withDatabase({ create: true }, async (database) => ({
          summary: await readingFrom(database, () =>
            restoreBackup(database.connectionString, backup, { file, database: database.description }),
          ),
          description: database.description,
        }));
        out(
          `restored ${file} (taken ${backup.header.createdAt}) into ${description}: ${summary.tables} tables, ${summary.rows} rows; start manyi to use it`,
        );
      } finally {
        backup.close();
      }
    });
}

const NETWORK_ERRORS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EPIPE",
]);

/** A database that cannot be reached, or refuses, is one line naming it. */
async function readingFrom<T>(database: ReachedDatabase, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof pg.DatabaseError)
      throw new BackupError(`the database at ${database.description} refused: ${error.message}`);
    // pg's own words when the server goes away mid-way (a manyi stopping its embedded server)
    if (
      NETWORK_ERRORS.has((error as NodeJS.ErrnoException).code ?? "") ||
      /^Connection terminated/.test((error as Error).message ?? "")
    )
      throw new BackupError(
        `cannot reach the database at ${database.description}: ${(error as Error).message}`,
      );
    throw error;
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
