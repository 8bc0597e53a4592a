import pg from "pg";
import { JOB_QUEUE_SCHEMA } from "../jobs/job-queue-schema.ts";
import type { BackupHeader, BackupTable } from "./backup-format.ts";
import { orderForLoading } from "./load-order.ts";

/**
 * What PostgreSQL's catalogue says about the schemas a backup holds: manyi's tables (public, made by
 * the migrations) and pg-boss's (its jobs). Queries on one pg client, the backup's or the restore's
 * transaction. Identifiers are quoted by pg's escapeIdentifier wherever they go into SQL text.
 */
export const BACKUP_SCHEMAS = ["public", JOB_QUEUE_SCHEMA] as const;

/** `"schema"."name"`, quoted. */
export function qualifiedName(relation: { schema: string; name: string }): string {
  return `${pg.escapeIdentifier(relation.schema)}.${pg.escapeIdentifier(relation.name)}`;
}

/**
 * Every table of the backup's schemas with the columns COPY can write and read (not generated ones),
 * in an order their rows can be loaded in (orderForLoading). A partitioned table is one table (its
 * partitions are read and loaded through it); a table without a column has nothing to copy.
 */
export async function listTables(client: pg.ClientBase): Promise<BackupTable[]> {
  const tables = await client.query<{ oid: string; schema: string; name: string }>(
    `select c.oid::text as oid, n.nspname as schema, c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1) and c.relkind in ('r', 'p') and not c.relispartition and c.relpersistence <> 't'`,
    [BACKUP_SCHEMAS],
  );
  const oids = tables.rows.map((table) => table.oid);
  const columns = await client.query<{ oid: string; name: string }>(
    `select attrelid::text as oid, attname as name from pg_attribute
      where attrelid = any($1::oid[]) and attnum > 0 and not attisdropped and attgenerated = ''
      order by attrelid, attnum`,
    [oids],
  );
  const references = await client.query<{ from: string; to: string }>(
    `select conrelid::text as from, confrelid::text as to from pg_constraint
      where contype = 'f' and conrelid = any($1::oid[])`,
    [oids],
  );
  const byOid = new Map(
    tables.rows.map((table) => [
      table.oid,
      {
        schema: table.schema,
        name: table.name,
        columns: columns.rows.filter((column) => column.oid === table.oid).map((column) => column.name),
      },
    ]),
  );
  return orderForLoading(
    oids.map((oid) => ({ id: oid, created: Number(oid) })),
    references.rows,
  )
    .map((oid) => byOid.get(oid) as BackupTable)
    .filter((table) => table.columns.length > 0);
}

/** Every sequence of the backup's schemas (the tables' identity columns) and how far it has gone. */
export async function readSequences(client: pg.ClientBase): Promise<BackupHeader["sequences"]> {
  const sequences = await client.query<{ schema: string; name: string }>(
    `select n.nspname as schema, c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1) and c.relkind = 'S'
      order by n.nspname, c.relname`,
    [BACKUP_SCHEMAS],
  );
  const read: BackupHeader["sequences"] = [];
  for (const sequence of sequences.rows) {
    const state = await client.query<{ last_value: string; is_called: boolean }>(
      `select last_value::text as last_value, is_called from ${qualifiedName(sequence)}`,
    );
    const row = state.rows[0];
    if (row) read.push({ ...sequence, lastValue: row.last_value, isCalled: row.is_called });
  }
  return read;
}

/** The names of the manyi migrations applied (Kysely's history table), in order; none in a new database. */
export async function readAppliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const exists = await client.query<{ found: boolean }>(
    "select to_regclass('public.kysely_migration') is not null as found",
  );
  if (!exists.rows[0]?.found) return [];
  const applied = await client.query<{ name: string }>(
    "select name from public.kysely_migration order by name",
  );
  return applied.rows.map((row) => row.name);
}

/**
 * What the backup's schemas already hold, in words ("31 tables in public and the pgboss schema"), or
 * undefined when they hold nothing: a restore goes only into an empty database.
 */
export async function describeExistingContents(client: pg.ClientBase): Promise<string | undefined> {
  const found = await client.query<{ tables: number; others: number; job_queue: boolean }>(
    `select count(*) filter (where c.relkind in ('r', 'p'))::int as tables,
            count(*) filter (where c.relkind not in ('r', 'p'))::int as others,
            exists (select 1 from pg_namespace where nspname = $1) as job_queue
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
    [JOB_QUEUE_SCHEMA],
  );
  const row = found.rows[0];
  if (!row) return undefined;
  const inPublic =
    row.tables > 0
      ? `${row.tables} ${row.tables === 1 ? "table" : "tables"} in public`
      : row.others > 0
        ? `${row.others} views or sequences in public`
        : undefined;
  const parts = [
    ...(inPublic ? [inPublic] : []),
    ...(row.job_queue ? [`the ${JOB_QUEUE_SCHEMA} schema`] : []),
  ];
  return parts.length > 0 ? parts.join(" and ") : undefined;
}
