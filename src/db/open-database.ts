import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./database.ts";

// pg returns int8 and numeric as strings (they may not fit a JS number). Our ids and counts do, and
// scoring must never see strings: convert once, here, for every pool.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

export interface DatabaseHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Opens a pool on a PostgreSQL connection string (external server or the embedded one). */
export function openDatabase(
  connectionString: string,
  options: { max?: number; onConnectionLost?: (error: Error) => void } = {},
): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, application_name: "manyi" });
  const lost = options.onConnectionLost ?? (() => {});
  // A client losing its connection (a server restart, pg_terminate_backend) emits "error"; with no
  // listener that would end the process. The pool listens to idle clients only, so every client gets a
  // listener of its own for the time it is checked out: the query it was running fails with the same
  // error (a 503 for the request), and the pool drops the broken client when it is released. New
  // clients connect when the server is back.
  pool.on("error", lost);
  pool.on("connect", (client) => client.on("error", lost));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    // Kysely's destroy ends the pool it was given.
    close: () => db.destroy(),
  };
}

/** Checks that the server answers; used by /healthz and at start. */
export async function pingDatabase(pool: pg.Pool): Promise<void> {
  await pool.query("select 1");
}
