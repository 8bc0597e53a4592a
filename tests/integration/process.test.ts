import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { freePort, killAllManyi, runManyi, waitForReady } from "../helpers/app-process.ts";
import { PageClient } from "../helpers/http-client.ts";

// These tests run the real `manyi start` as an operator would, on its own embedded database. A first
// start (a new cluster, demo data) takes 20 s on a quiet machine and much longer on a busy one: the
// limit is generous so that only a start that hangs fails.
vi.setConfig({ testTimeout: 240_000 });
const dirs: string[] = [];

afterAll(async () => {
  killAllManyi();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const run = runManyi;

describe("manyi start on the embedded database", () => {
  it("loads demo data on first start, survives kill -9 with its data intact, and stops cleanly on SIGTERM", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "manyi-process-"));
    dirs.push(dataDir);
    const port = await freePort();
    const env = { MANYI_DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` };
    const baseUrl = `http://127.0.0.1:${port}`;

    const first = run(["start"], env);
    await waitForReady(first, baseUrl);
    expect(first.output()).toContain(`manyi is running at http://127.0.0.1:${port}`);
    expect(first.output()).toContain("admin      manyi-admin-demo");

    // Data written through the app: a new staff account.
    const admin = new PageClient(baseUrl);
    expect((await admin.logIn("admin", "manyi-admin-demo")).status).toBe(303);
    await admin.get("/admin/users/new");
    const created = await admin.post("/admin/users", {
      username: "survivor",
      displayName: "Survivor",
      email: "",
      role: "quality",
      password: "survivor-password",
    });
    expect(created.status).toBe(303);

    first.child.kill("SIGKILL");
    await first.exited;
    // The orphaned postmaster is still running and holds the data directory.
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(true);

    const second = run(["start"], env);
    const secondStartMs = await waitForReady(second, baseUrl);
    console.info(`second start after kill -9 ready in ${secondStartMs} ms`);
    const survivor = new PageClient(baseUrl);
    expect((await survivor.logIn("survivor", "survivor-password")).status).toBe(303);
    // Not seeded twice: still exactly the four demo accounts, the three customer managers the demo year of
    // responses is assigned to (no demo passwords), and the survivor.
    expect(second.output()).not.toContain("demo data loaded");
    const session = new PageClient(baseUrl, { "accept-language": "en" });
    await session.logIn("admin", "manyi-admin-demo");
    const users = await session.get("/admin/users");
    expect(users.text).toContain("8 in total");

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    // A clean stop leaves no running postmaster behind.
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);
  });

  it("refuses a second manyi on the same data directory with a clear message", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "manyi-process-"));
    dirs.push(dataDir);
    const port = await freePort();
    const token = "operator-scrape-token-0123456789";
    const first = run(["start"], { MANYI_DATA_DIR: dataDir, PORT: String(port), METRICS_TOKEN: token });
    await waitForReady(first, `http://127.0.0.1:${port}`);
    const second = run(["start"], { MANYI_DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(
      /^manyi: The embedded database in .* is in use by another running manyi \(process \d+\)/m,
    );
    // The first one is unharmed.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    // METRICS_TOKEN reaches the app: /metrics answers the token's bearer, and no one else, not even
    // this machine.
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^manyi_database_up 1$/m);
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
  });

  it("says in one line that the port is taken", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "manyi-process-"));
    dirs.push(dataDir);
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, () => resolve((blocker.address() as net.AddressInfo).port)),
    );
    const started = run(["start"], { MANYI_DATA_DIR: dataDir, PORT: String(port) });
    expect(await started.exited).toBe(1);
    blocker.close();
    expect(started.output()).toContain(
      `manyi: Port ${port} is already in use; stop the other program or set PORT to a free port`,
    );
    // The embedded database it started was stopped again.
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);
  });
});

describe("bad configuration", () => {
  it.each([
    [
      "DATABASE_URL",
      "mysql://nope",
      "DATABASE_URL expects a URL such as postgres://user:password@host:5432/manyi",
    ],
    ["PORT", "eighty", "PORT expects a port number between 1 and 65535"],
    [
      "SMTP_URL",
      "mail.example.com",
      "SMTP_URL expects a URL such as smtp://user:password@mail.example.com:587",
    ],
    ["LOG_LEVEL", "loud", "LOG_LEVEL expects one of fatal, error, warn, info, debug, trace, silent"],
  ])(
    "an invalid %s stops the start with one clear line and a non-zero exit",
    async (variable, value, message) => {
      const started = run(["start"], {
        [variable]: value,
        MANYI_DATA_DIR: path.join(os.tmpdir(), "manyi-never-used"),
      });
      expect(await started.exited).toBe(1);
      const lines = started.output().trim().split("\n");
      expect(lines).toEqual([`manyi: ${message} (got ${JSON.stringify(value)})`]);
    },
  );

  it("an unreachable DATABASE_URL says where it tried to connect, in one line", async () => {
    const port = await freePort();
    const started = run(["start"], { DATABASE_URL: `postgres://manyi:secret@127.0.0.1:${port}/manyi` });
    expect(await started.exited).toBe(1);
    const lines = started.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^manyi: Cannot connect to the database at 127.0.0.1:${port}/manyi: .*ECONNREFUSED`),
    );
    expect(lines[0]).not.toContain("secret");
  });
});
