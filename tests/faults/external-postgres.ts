import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "../helpers/app-process.ts";

/**
 * A PostgreSQL server of the machine's own (Debian's postgresql-15, which CI installs), in a cluster of
 * its own under /tmp, that a test can restart. Run as the `postgres` system user when we are root.
 */
export interface ExternalPostgres {
  url: string;
  restart(): void;
  stop(): Promise<void>;
}

const BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

export async function startExternalPostgres(): Promise<ExternalPostgres> {
  if (!existsSync(path.join(BIN, "pg_ctl")))
    throw new Error(
      `PostgreSQL server binaries not found in ${BIN}: install postgresql-15 (apt-get install postgresql-15) or set PG_BIN`,
    );
  const dir = await mkdtemp(path.join(os.tmpdir(), "manyi-faults-pg-"));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    try {
      execFileSync("id", ["-u", "postgres"]);
    } catch {
      execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    }
    await chmod(dir, 0o755);
    await chown(
      dir,
      Number(execFileSync("id", ["-u", "postgres"])),
      Number(execFileSync("id", ["-g", "postgres"])),
    );
  }
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(BIN, command), ...args], { stdio: "pipe" })
      : execFileSync(path.join(BIN, command), args, { stdio: "pipe" });
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", options, "start"]);
  run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "manyi"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/manyi`,
    // a fast restart: every session is ended, the server is down for a moment, committed work stays
    restart: () =>
      run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-m", "fast", "-o", options, "restart"]),
    stop: async () => {
      try {
        run("pg_ctl", ["-D", data, "-w", "-m", "fast", "stop"]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
