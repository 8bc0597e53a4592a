import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../src/db/embedded-postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A connection string with the right to CREATE DATABASE; each test file makes its own database. */
    pgAdminUrl: string;
  }
}

/**
 * One PostgreSQL server for the run: DATABASE_URL when set (CI runs the suite a second time against
 * Debian's PostgreSQL 15 that way), else a private embedded server in a temporary directory.
 */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide("pgAdminUrl", process.env.DATABASE_URL);
    return;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "manyi-test-"));
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, "pg"),
    database: "postgres",
    preferredPort: 55432,
  });
  project.provide("pgAdminUrl", server.connectionString);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
