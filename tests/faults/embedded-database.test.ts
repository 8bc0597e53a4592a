import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, killAllManyi, runManyi, type Started, waitForReady } from "../helpers/app-process.ts";
import { PageClient } from "../helpers/http-client.ts";
import { waitUntil } from "../helpers/wait.ts";
import {
  demoApiToken,
  demoWave,
  describeStatuses,
  queryOnce,
  storedUnderPrefix,
  submitLoad,
} from "./submit-load.ts";
import { postTruncatedUpload } from "./truncated-upload.ts";

// One real `manyi start` on its embedded database, and the faults an operator meets: a cut-off upload,
// connections ended under load, the database server killed under load.
let dataDir: string;
let manyi: Started;
let baseUrl: string;
let env: Record<string, string>;
let databaseUrl: string;
let token: string;
let waveId: number;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "manyi-faults-"));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  env = { MANYI_DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: baseUrl };
  manyi = runManyi(["start"], env);
  await waitForReady(manyi, baseUrl);
  const pgPort = /embedded PostgreSQL in .* \(port (\d+)\)/.exec(manyi.output())?.[1];
  if (!pgPort) throw new Error(`no embedded database port in:\n${manyi.output()}`);
  const password = (await readFile(path.join(dataDir, "pg-password"), "utf8")).trim();
  databaseUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/manyi`;
  token = await demoApiToken(baseUrl);
  waveId = (await demoWave(databaseUrl)).id;
});

afterAll(async () => {
  killAllManyi();
  await rm(dataDir, { recursive: true, force: true });
});

const query = (text: string) => queryOnce(databaseUrl, text);

const alive = () => manyi.child.exitCode === null && manyi.child.signalCode === null;
const health = async () => {
  try {
    return (await fetch(`${baseUrl}/healthz`)).status;
  } catch {
    return 0;
  }
};

describe("a cut-off upload", () => {
  it("gets a 400 and leaves the server running, also when the client hangs up half-way", async () => {
    const quality = new PageClient(baseUrl, { "accept-language": "en" });
    expect((await quality.logIn("quality", "manyi-quality-demo")).status).toBe(303);
    await quality.get("/admin/customers/import");
    const truncated = await postTruncatedUpload(quality, "/admin/customers/import");
    expect(truncated).not.toBe("hung up");
    if (truncated === "hung up") return;
    expect(truncated.status).toBe(400);
    expect(truncated.body).toContain("The form could not be read");
    expect(await postTruncatedUpload(quality, "/admin/customers/import", { hangUp: true })).toBe("hung up");
    expect(await health()).toBe(200);
    expect(alive()).toBe(true);
    // and the upload still works for the next person
    const page = await quality.get("/admin/customers/import");
    expect(page.status).toBe(200);
  });
});

describe("database connections ended under a submit load", () => {
  it("answers the requests in flight 503, keeps running, reconnects, and loses no acknowledged response", async () => {
    let terminated = 0;
    const until = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      for (let round = 0; round < 5; round++) {
        const ended = await query(
          "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'manyi' and pid <> pg_backend_pid()",
        );
        terminated += ended.length;
        await new Promise((resolve) => setTimeout(resolve, 600));
      }
      await new Promise((resolve) => setTimeout(resolve, 1500));
    })();
    const [load] = await Promise.all([
      submitLoad({ baseUrl, token, waveId, clients: 12, prefix: "terminate", until }),
      until,
    ]);
    const stored = await storedUnderPrefix(databaseUrl, "terminate");
    console.info(
      `pg_terminate_backend under load: ${terminated} connections ended; answers ${describeStatuses(load.statuses)}; acknowledged ${load.acknowledged.size}, stored ${stored}`,
    );
    expect(terminated).toBeGreaterThan(0);
    expect(alive()).toBe(true);
    expect(stored).toBe(load.acknowledged.size);
    expect(load.acknowledged.size).toBeGreaterThan(0);
    // what failed, failed as "unavailable", never as a crash or a 500
    expect(load.statuses.get("500") ?? 0).toBe(0);
    expect(await health()).toBe(200);
  });
});

describe("the embedded database server killed under a submit load", () => {
  it("is started again by manyi; requests meanwhile get 503; no acknowledged response is lost", async () => {
    const pidFile = path.join(dataDir, "pg", "postmaster.pid");
    const postmaster = Number.parseInt((await readFile(pidFile, "utf8")).split("\n")[0] ?? "", 10);
    let sawUnavailable = false;
    const until = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      process.kill(postmaster, "SIGKILL");
      await waitUntil(
        "healthz to say the database is unreachable",
        async () => {
          sawUnavailable ||= (await health()) === 503;
          return sawUnavailable || (await health()) === 200;
        },
        30_000,
      );
      await waitUntil("manyi to start its database again", async () => (await health()) === 200, 90_000);
      await new Promise((resolve) => setTimeout(resolve, 1500));
    })();
    const [load] = await Promise.all([
      submitLoad({ baseUrl, token, waveId, clients: 8, prefix: "killed", until }),
      until,
    ]);
    const stored = await storedUnderPrefix(databaseUrl, "killed");
    const restarted = Number.parseInt((await readFile(pidFile, "utf8")).split("\n")[0] ?? "", 10);
    console.info(
      `embedded server killed under load: answers ${describeStatuses(load.statuses)}; acknowledged ${load.acknowledged.size}, stored ${stored}`,
    );
    expect(restarted).not.toBe(postmaster);
    expect(alive()).toBe(true);
    expect(manyi.output()).toContain("the embedded PostgreSQL server stopped unexpectedly");
    expect(stored).toBe(load.acknowledged.size);
    expect(load.statuses.get("500") ?? 0).toBe(0);
    expect((load.statuses.get("503") ?? 0) + (load.statuses.get("network") ?? 0)).toBeGreaterThan(0);
  });

  it("manyi itself killed with kill -9 under load and started again: every acknowledged response is stored once", async () => {
    let restartedInMs = 0;
    const until = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      manyi.child.kill("SIGKILL");
      await manyi.exited;
      manyi = runManyi(["start"], env);
      restartedInMs = await waitForReady(manyi, baseUrl);
      await new Promise((resolve) => setTimeout(resolve, 1500));
    })();
    const [load] = await Promise.all([
      submitLoad({ baseUrl, token, waveId, clients: 8, prefix: "sigkill", until }),
      until,
    ]);
    // connection string of the new start (a free port may have been chosen)
    const pgPort = /embedded PostgreSQL in .* \(port (\d+)\)/.exec(manyi.output())?.[1];
    const password = (await readFile(path.join(dataDir, "pg-password"), "utf8")).trim();
    databaseUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/manyi`;
    const stored = await storedUnderPrefix(databaseUrl, "sigkill");
    console.info(
      `manyi killed with -9 under load, ready again in ${restartedInMs} ms: answers ${describeStatuses(load.statuses)}; acknowledged ${load.acknowledged.size}, stored ${stored}`,
    );
    expect(stored).toBe(load.acknowledged.size);
    expect(load.statuses.get("500") ?? 0).toBe(0);
    expect(load.statuses.get("network") ?? 0).toBeGreaterThan(0);
  });

  it("stops with a clear message and no server left behind on SIGTERM afterwards", async () => {
    manyi.child.kill("SIGTERM");
    expect(await manyi.exited).toBe(0);
    const leftover = await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8").catch(() => "");
    expect(leftover).toBe("");
  });
});
