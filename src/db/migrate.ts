import { type Kysely, type MigrationResultSet, Migrator, NO_MIGRATIONS } from "kysely";
import { MIGRATIONS } from "./migrations/index.ts";

export function createMigrator(
  db: Kysely<unknown>,
  options: { disableTransactions?: boolean } = {},
): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, ...options });
}

/** The names of every migration this manyi has, in the order they run. */
export function migrationNames(): string[] {
  return Object.keys(MIGRATIONS).sort();
}

/**
 * Brings the schema to the named migration (undefined: none) inside a transaction the caller holds
 * open on the one connection `db` runs on (a restore): the migrations commit or roll back with the
 * caller's work.
 */
export async function migrateToWithinTransaction(
  db: Kysely<unknown>,
  name: string | undefined,
): Promise<string[]> {
  return checked(await createMigrator(db, { disableTransactions: true }).migrateTo(name ?? NO_MIGRATIONS));
}

/** Brings the schema to the newest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  return checked(await createMigrator(db).migrateToLatest());
}

/** Undoes the newest migration (tests check that each one can be reversed). */
export async function migrateDownOne(db: Kysely<unknown>): Promise<string[]> {
  return checked(await createMigrator(db).migrateDown());
}

function checked(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed} failed: ${cause}`);
  }
  return (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
