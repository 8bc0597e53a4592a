import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The guard in a process of its own, since it acts on the whole process.
const root = path.resolve(import.meta.dirname, "../../..");
function runWithGuard(body: string) {
  const script = `
    import pino from "pino";
    import { guardProcess } from "./src/process-guard.ts";
    const logger = pino({ base: null, timestamp: false });
    guardProcess(logger, (reason, exitCode) => {
      process.stdout.write(JSON.stringify({ stopped: reason, exitCode }) + "\\n");
      setTimeout(() => process.exit(exitCode), 10);
    });
    ${body}
  `;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("the process guard", () => {
  it("logs a promise that failed with nobody to handle it, and the process carries on", () => {
    const run = runWithGuard(`
      Promise.reject(new Error("a stream broke"));
      setTimeout(() => { process.stdout.write("still running\\n"); process.exit(0); }, 200);
    `);
    expect(run.stdout).toContain("a failed promise was not handled; manyi carries on");
    expect(run.stdout).toContain("a stream broke");
    expect(run.stdout).toContain("still running");
    expect(run.status).toBe(0);
  });

  it("logs an uncaught exception with its stack and stops in order with exit code 1", () => {
    const run = runWithGuard(`setTimeout(() => { throw new Error("nobody caught me"); }, 10);`);
    const lines = run.stdout.trim().split("\n");
    const fatal = JSON.parse(lines.find((line) => line.includes('"level":60')) ?? "{}");
    expect(fatal.msg).toBe("an unexpected error was not handled; manyi stops in order");
    expect(fatal.err.stack).toContain("nobody caught me");
    expect(lines.at(-1)).toBe(JSON.stringify({ stopped: "uncaughtException", exitCode: 1 }));
    expect(run.status).toBe(1);
  });
});
