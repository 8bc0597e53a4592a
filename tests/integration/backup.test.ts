import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRunningEmbeddedPostgres, startEmbeddedPostgres } from "../../src/db/embedded-postgres.ts";
import { freePort, killAllManyi, runManyi, type Started, waitForReady } from "../helpers/app-process.ts";
import { createTestDatabase } from "../helpers/test-database.ts";
import { waitUntil } from "../helpers/wait.ts";

// `manyi backup` and `manyi restore` as an operator runs them: a backup of a running manyi's embedded
// database, restored into a new data directory (and into an empty DATABASE_URL database) and compared
// table by table, row by row.
const dirs: string[] = [];
let dataDir: string;
let app: Started;
let baseUrl: string;
let backupFile: string;
/** Every table's row count and content hash, and every sequence, at the instant of the backup. */
let expected: Record<string, string>;

const newDir = async (name: string) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), `manyi-${name}-`));
  dirs.push(dir);
  return dir;
};

async function manyi(args: string[], env: Record<string, string | undefined>) {
  const started = runManyi(args, env);
  const code = await started.exited;
  return { code, output: started.output() };
}

const SCHEMAS = ["public", "pgboss"];

/**
 * Per table of manyi's and pg-boss's schemas: the number of rows and an md5 of all of them as text,
 * sorted byte-wise; per sequence, where it stands. Settings that change how values print are fixed.
 */
async function fingerprint(client: pg.ClientBase): Promise<Record<string, string>> {
  await client.query("set timezone = 'UTC'; set datestyle = 'ISO, YMD'; set intervalstyle = 'postgres'");
  const tables = await client.query<{ schema: string; name: string; kind: string }>(
    `select n.nspname as schema, c.relname as name, c.relkind::text as kind
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1) and c.relkind in ('r', 'p', 'S') and not c.relispartition
      order by 1, 2`,
    [SCHEMAS],
  );
  const found: Record<string, string> = {};
  for (const table of tables.rows) {
    const name = `${pg.escapeIdentifier(table.schema)}.${pg.escapeIdentifier(table.name)}`;
    const query =
      table.kind === "S"
        ? `select last_value::text || ' ' || is_called::text as value from ${name}`
        : `select count(*)::text || ' ' || coalesce(md5(string_agg(t::text, E'\\n' order by t::text collate "C")), '-') as value from ${name} t`;
    found[`${table.schema}.${table.name}`] =
      (await client.query<{ value: string }>(query)).rows[0]?.value ?? "";
  }
  return found;
}

/** Runs `work` on the embedded database of a data directory no manyi is running on. */
async function onStoppedDataDir<T>(dir: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg") });
  const client = new pg.Client({ connectionString: server.connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
    await server.stop();
  }
}

beforeAll(async () => {
  dataDir = await newDir("backup-source");
  backupFile = path.join(await newDir("backup-files"), "manyi.backup");
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  app = runManyi(["start"], { MANYI_DATA_DIR: dataDir, PORT: String(port) });
  await waitForReady(app, baseUrl);
  expect(app.output()).toContain("demo data loaded");
});

afterAll(async () => {
  // A clean stop stops its embedded server too; a kill would leave it running.
  if (app?.child.exitCode === null) {
    app.child.kill("SIGTERM");
    await app.exited;
  }
  killAllManyi();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("manyi backup and restore", { timeout: 300_000 }, () => {
  it("backs up the embedded database while manyi runs on it, and restores it row for row into a new data directory", async () => {
    const running = await findRunningEmbeddedPostgres({ dataDir: path.join(dataDir, "pg") });
    if (!running) throw new Error("the running manyi's embedded server was not found");
    // Writers are held (SHARE locks every table) while the backup runs, so that the tables stay as the
    // backup sees them and can be compared afterwards; the backup only reads and is not held.
    const holder = new pg.Client({ connectionString: running.connectionString });
    await holder.connect();
    try {
      const tables = await holder.query<{ name: string }>(
        `select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = any($1) and c.relkind in ('r', 'p') and not c.relispartition`,
        [SCHEMAS],
      );
      // NOWAIT, tried again until no write is under way: waiting while holding some of the locks could
      // deadlock with the app's own transactions.
      await waitUntil("a moment without writes to lock every table", async () => {
        await holder.query("begin");
        try {
          await holder.query(
            `lock table ${tables.rows.map((row) => row.name).join(", ")} in share mode nowait`,
          );
          return true;
        } catch (error) {
          if ((error as { code?: string }).code !== "55P03") throw error;
          await holder.query("rollback");
          return false;
        }
      });
      expected = await fingerprint(holder);
      const backup = await manyi(["backup", backupFile], { MANYI_DATA_DIR: dataDir });
      expect(backup.output).toMatch(
        /^backup of embedded PostgreSQL in .* written to .*manyi\.backup: \d+ tables, \d+ rows, [\d.]+ [KM]B\n$/,
      );
      expect(backup.code).toBe(0);
    } finally {
      await holder.query("commit").catch(() => {});
      await holder.end();
    }
    // The app served on, and still does.
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);

    // What the comparison covers: the demo year of answers, the staff, the job queue's queues and jobs.
    expect(Number(expected["public.answer"]?.split(" ")[0])).toBeGreaterThan(1000);
    expect(Number(expected["public.staff_user"]?.split(" ")[0])).toBeGreaterThan(0);
    expect(Number(expected["pgboss.queue"]?.split(" ")[0])).toBeGreaterThan(0);
    expect(Number(expected["pgboss.job"]?.split(" ")[0])).toBeGreaterThan(0);

    const target = await newDir("backup-target");
    const restore = await manyi(["restore", backupFile], { MANYI_DATA_DIR: target });
    expect(restore.output).toMatch(
      /^restored .*manyi\.backup \(taken .*\) into embedded PostgreSQL in .*: \d+ tables, \d+ rows; start manyi to use it\n$/,
    );
    expect(restore.code).toBe(0);
    expect(await onStoppedDataDir(target, fingerprint)).toEqual(expected);

    // A database that is not empty is refused, and left as it was.
    const again = await manyi(["restore", backupFile], { MANYI_DATA_DIR: target });
    expect(again.code).toBe(1);
    expect(again.output).toMatch(
      /^manyi: restore needs an empty database, and embedded PostgreSQL in .* already has \d+ tables in public and the pgboss schema; restore into a new MANYI_DATA_DIR, or a new database for DATABASE_URL\n$/,
    );
    expect(await onStoppedDataDir(target, fingerprint)).toEqual(expected);

    // The running manyi's own database is refused too, while it runs.
    const intoRunning = await manyi(["restore", backupFile], { MANYI_DATA_DIR: dataDir });
    expect(intoRunning.code).toBe(1);
    expect(intoRunning.output).toContain("manyi: restore needs an empty database");
  });

  it("restores into an empty DATABASE_URL database the same rows", async () => {
    const database = await createTestDatabase({ migrate: false });
    try {
      const restore = await manyi(["restore", backupFile], { DATABASE_URL: database.url });
      expect(restore.code).toBe(0);
      const client = await database.pool.connect();
      try {
        expect(await fingerprint(client)).toEqual(expected);
      } finally {
        client.release();
      }
    } finally {
      await database.drop();
    }
  });

  it("refuses a truncated or damaged backup with one line, and leaves the target empty", async () => {
    const bytes = await readFile(backupFile);
    const truncated = path.join(path.dirname(backupFile), "truncated.backup");
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const damaged = path.join(path.dirname(backupFile), "damaged.backup");
    const flipped = Buffer.from(bytes);
    for (let at = Math.floor(bytes.length * 0.6); at < Math.floor(bytes.length * 0.6) + 64; at++)
      flipped[at] = (flipped[at] ?? 0) ^ 0x5a;
    await writeFile(damaged, flipped);

    const target = await newDir("backup-damaged");
    const cut = await manyi(["restore", truncated], { MANYI_DATA_DIR: target });
    expect(cut.code).toBe(1);
    expect(cut.output).toMatch(
      /^manyi: .*truncated\.backup is damaged or incomplete \(unexpected end of file\); nothing was restored\n$/,
    );
    const broken = await manyi(["restore", damaged], { MANYI_DATA_DIR: target });
    expect(broken.code).toBe(1);
    expect(broken.output).toMatch(
      /^manyi: .*damaged\.backup is damaged or incomplete \(.+\); nothing was restored\n$/,
    );

    const left = await onStoppedDataDir(target, async (client) => ({
      relations: (
        await client.query<{ count: number }>(
          "select count(*)::int as count from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'",
        )
      ).rows[0]?.count,
      schemas: (
        await client.query<{ count: number }>(
          "select count(*)::int as count from pg_namespace where nspname = 'pgboss'",
        )
      ).rows[0]?.count,
    }));
    expect(left).toEqual({ relations: 0, schemas: 0 });
  });

  it("checks its arguments before touching a database: one line, exit code 1", async () => {
    const dir = path.dirname(backupFile);
    const text = path.join(dir, "customers.csv");
    await writeFile(text, "客户编号,姓名\nC1,张三\n");
    const env = { MANYI_DATA_DIR: path.join(dir, "never-created") };
    const cases: [string[], RegExp][] = [
      [["restore", path.join(dir, "missing.backup")], /^manyi: no such file: .*missing\.backup\n$/],
      [["restore", dir], /^manyi: .* is a directory, not a backup file\n$/],
      [["restore", text], /^manyi: .*customers\.csv is not a manyi backup \(made by manyi backup\)\n$/],
      [
        ["backup", backupFile],
        /^manyi: .*manyi\.backup already exists; choose a new name, or add --force to replace it\n$/,
      ],
      [
        ["backup", path.join(dir, "no-such-dir", "x.backup")],
        /^manyi: cannot write .*x\.backup: no such file or directory \(is .*no-such-dir there\?\)\n$/,
      ],
      [["backup", dir], /^manyi: .* is a directory; give the backup a file name\n$/],
    ];
    const runs = await Promise.all(cases.map(([args]) => manyi(args, env)));
    expect(
      runs.map((run, index) => ({ args: cases[index]?.[0], code: run.code, output: run.output })),
    ).toEqual(cases.map(([args, message]) => ({ args, code: 1, output: expect.stringMatching(message) })));
    expect(existsSync(env.MANYI_DATA_DIR)).toBe(false);

    // A data directory without an embedded database (a mistyped MANYI_DATA_DIR) is not backed up as an
    // empty one, and no file is left behind.
    const wrongDir = path.join(dir, "mistyped");
    const fresh = path.join(dir, "fresh.backup");
    const nothing = await manyi(["backup", fresh], { MANYI_DATA_DIR: wrongDir });
    expect(nothing.code).toBe(1);
    expect(nothing.output).toMatch(
      /^manyi: There is no embedded database in .*mistyped\/pg; set MANYI_DATA_DIR to the data directory manyi runs with, or DATABASE_URL\n$/,
    );
    expect(existsSync(path.join(wrongDir, "pg"))).toBe(false);
    expect((await readdir(dir)).filter((name) => name.includes("fresh"))).toEqual([]);
  });
});
