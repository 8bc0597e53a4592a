import { existsSync } from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import {
  type EmbeddedPostgres,
  findRunningEmbeddedPostgres,
  startEmbeddedPostgres,
} from "./embedded-postgres.ts";
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
  const description = embedded ? describeEmbedded(embedded) : describeUrl(connectionString);
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

/** The database to reach, without touching its schema (reachDatabase). */
export interface ReachedDatabase {
  connectionString: string;
  /** For humans, as ConnectedDatabase's. */
  description: string;
  /** Stops the embedded server when it was started for this command; a running manyi's is left alone. */
  close(): Promise<void>;
}

/**
 * The database as it is, neither migrated nor seeded, for commands that copy it whole (backup,
 * restore): the DATABASE_URL server; else the embedded server of a manyi running on the data
 * directory, shared with it while it serves; else the embedded server, started for the command.
 *
 * @param options.create false: a data directory without an embedded database is refused rather than
 *   made (a backup of a mistyped MANYI_DATA_DIR would be an empty one)
 * @throws {DatabaseUnavailableError} when there is no embedded database and `create` is false
 */
export async function reachDatabase(
  config: Config,
  logger: Logger,
  options: { create: boolean },
): Promise<ReachedDatabase> {
  if (config.databaseUrl) {
    return {
      connectionString: config.databaseUrl,
      description: describeUrl(config.databaseUrl),
      close: async () => {},
    };
  }
  const dataDir = path.join(config.dataDir, "pg");
  if (!options.create && !existsSync(path.join(dataDir, "PG_VERSION")))
    throw new DatabaseUnavailableError(
      `There is no embedded database in ${dataDir}; set MANYI_DATA_DIR to the data directory manyi runs with, or DATABASE_URL`,
    );
  const embedded =
    (await findRunningEmbeddedPostgres({ dataDir })) ??
    (await startEmbeddedPostgres({
      dataDir,
      log: (message) => logger.debug({ component: "postgres" }, message),
      warn: (message) => logger.warn({ component: "postgres" }, message),
    }));
  return {
    connectionString: embedded.connectionString,
    description: describeEmbedded(embedded),
    close: () => embedded.stop(),
  };
}

function describeEmbedded(embedded: EmbeddedPostgres): string {
  return `embedded PostgreSQL in ${path.relative(process.cwd(), embedded.dataDir) || embedded.dataDir} (port ${embedded.port})`;
}

function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}
