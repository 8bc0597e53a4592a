import { createRequire } from "node:module";
import type pg from "pg";
import PgBoss from "pg-boss";

/** The schema pg-boss keeps its queues and jobs in. */
export const JOB_QUEUE_SCHEMA = "pgboss";

/** The version of the schema this pg-boss builds (its package's version.json). */
export const JOB_QUEUE_SCHEMA_VERSION: number = createRequire(import.meta.url)("pg-boss/version.json").schema;

/**
 * Builds pg-boss's schema (JOB_QUEUE_SCHEMA_VERSION) inside the caller's open transaction, with a table
 * for each named queue, so a restore can load the queues' rows and commit or roll back with the rest.
 * The SQL is pg-boss's own (its documented construction plan and its `create_queue` function); the plan
 * comes wrapped in a BEGIN/COMMIT of its own, which would commit the caller's transaction half-way, so
 * the wrapper is taken off, and refused if pg-boss ever words it differently.
 *
 * @throws {Error} when pg-boss's construction plan is not wrapped as expected
 */
export async function createJobQueueSchema(client: pg.ClientBase, queues: readonly string[]): Promise<void> {
  const plan = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/.exec(PgBoss.getConstructionPlans(JOB_QUEUE_SCHEMA));
  if (!plan?.[1])
    throw new Error("pg-boss's construction plan is not wrapped in BEGIN; … COMMIT; as expected");
  await client.query(plan[1]);
  for (const name of queues) await client.query(`select ${JOB_QUEUE_SCHEMA}.create_queue($1, '{}')`, [name]);
}

/** pg-boss's schema version in this database; undefined when pg-boss has never run here. */
export async function readJobQueueSchemaVersion(client: pg.ClientBase): Promise<number | undefined> {
  const found = await client.query<{ exists: boolean }>("select to_regclass($1) is not null as exists", [
    `${JOB_QUEUE_SCHEMA}.version`,
  ]);
  if (!found.rows[0]?.exists) return undefined;
  const version = await client.query<{ version: number }>(
    `select version from ${JOB_QUEUE_SCHEMA}.version order by version desc limit 1`,
  );
  return version.rows[0]?.version;
}

/** The names of the queues pg-boss has a table for (each queue's jobs live in a partition of their own). */
export async function listJobQueues(client: pg.ClientBase): Promise<string[]> {
  const queues = await client.query<{ name: string }>(
    `select name from ${JOB_QUEUE_SCHEMA}.queue order by name`,
  );
  return queues.rows.map((row) => row.name);
}
