import path from "node:path";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";
import { migrateToLatest } from "./migrate.ts";
import { type DatabaseHandle, openDatabase, pingDatabase } from "./open-database.ts";

export interface ConnectedDatabase extends DatabaseHandle {
  /** For humans: "embedded PostgreSQL in .data/pg" or the server's host and database. */
  description: string;
}

export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

/**
 * The same code path for both modes: an embedded server is started only to obtain a connection string.
 * The schema is migrated before anything else touches it.
 */
export async function connectDatabase(
  config: Config,
  logger: Logger,
  options: {
    /** The embedded server stopped and could not be started again: the caller stops manyi. */
    onFatal?: (error: Error) => void;
  } = {},
): Promise<ConnectedDatabase> {
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(config.dataDir, "pg"),
        log: (message) => logger.debug({ component: "postgres" }, message),
        warn: (message) => logger.warn({ component: "postgres" }, message),
        ...(options.onFatal ? { onGiveUp: options.onFatal } : {}),
      });
  const connectionString = embedded?.connectionString ?? (config.databaseUrl as string);
  const handle = openDatabase(connectionString, {
    onConnectionLost: (error) =>
      logger.warn({ err: error }, "a database connection was lost; the pool opens a new one when needed"),
  });
  const description = embedded
    ? `embedded PostgreSQL in ${path.relative(process.cwd(), embedded.dataDir) || embedded.dataDir} (port ${embedded.port})`
    : describeUrl(connectionString);
  const close = async () => {
    await handle.close();
    await embedded?.stop();
  };
  try {
    await pingDatabase(handle.pool).catch((error: Error) => {
      throw new DatabaseUnavailableError(
        `Cannot connect to the database at ${description}: ${error.message}`,
      );
    });
    const applied = await migrateToLatest(handle.db as Kysely<unknown>);
    if (applied.length > 0) logger.info({ migrations: applied }, "database migrated");
  } catch (error) {
    await close();
    throw error;
  }
  return { ...handle, description, close };
}

function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}
