import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

// The real `manyi` command in a child process, as an operator runs it.
const root = path.resolve(import.meta.dirname, "../..");
const children: ChildProcess[] = [];

export interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `manyi <args>`; the environment starts without DATABASE_URL unless `env` gives one. */
export function runManyi(args: string[], env: Record<string, string | undefined>): Started {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: undefined, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Kills every child still running (call from afterAll). */
export function killAllManyi(): void {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

export async function waitForReady(started: Started, baseUrl: string): Promise<number> {
  const begin = Date.now();
  while (Date.now() - begin < 180_000) {
    if (started.child.exitCode !== null) throw new Error(`manyi exited early:\n${started.output()}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.status === 200) return Date.now() - begin;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`manyi did not become ready:\n${started.output()}`);
}
