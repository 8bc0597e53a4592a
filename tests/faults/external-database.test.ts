import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, killAllManyi, runManyi, type Started, waitForReady } from "../helpers/app-process.ts";
import { waitUntil } from "../helpers/wait.ts";
import { type ExternalPostgres, startExternalPostgres } from "./external-postgres.ts";
import { demoApiToken, demoWave, describeStatuses, storedUnderPrefix, submitLoad } from "./submit-load.ts";

// `manyi start` on an external PostgreSQL (DATABASE_URL) whose server is restarted under a submit load.
let database: ExternalPostgres;
let manyi: Started;
let baseUrl: string;
let token: string;

beforeAll(async () => {
  database = await startExternalPostgres();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  manyi = runManyi(["start"], { DATABASE_URL: database.url, PORT: String(port), PUBLIC_URL: baseUrl });
  await waitForReady(manyi, baseUrl);
  token = await demoApiToken(baseUrl);
});

afterAll(async () => {
  killAllManyi();
  await database?.stop();
});

const api = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as { data: Record<string, unknown> } };
};

describe("the database server restarted under a submit load", () => {
  it("keeps manyi running, reconnects, loses no acknowledged response, and the job queue carries on", async () => {
    const sancheng = await demoWave(database.url);
    let restarts = 0;
    const until = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      for (; restarts < 2; restarts++) {
        database.restart();
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    })();
    const [load] = await Promise.all([
      submitLoad({ baseUrl, token, waveId: sancheng.id, clients: 10, prefix: "restart", until }),
      until,
    ]);
    const stored = await storedUnderPrefix(database.url, "restart");
    console.info(
      `PostgreSQL restarted ${restarts} times under load: answers ${describeStatuses(load.statuses)}; acknowledged ${load.acknowledged.size}, stored ${stored}`,
    );
    expect(manyi.child.exitCode).toBe(null);
    expect(stored).toBe(load.acknowledged.size);
    expect(load.acknowledged.size).toBeGreaterThan(0);
    expect(load.statuses.get("500") ?? 0).toBe(0);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);

    // The job queue works again: a wave sent now is launched and its messages go out (to the outbox).
    const created = await api("POST", "/waves", {
      name: "after the restart",
      questionnaireId: sancheng.questionnaireId,
      channel: "email",
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id as number;
    expect((await api("POST", `/waves/${id}/send`)).status).toBe(202);
    const sent = await waitUntil(
      "the wave's messages to go out after the restart",
      async () => {
        const wave = await api("GET", `/waves/${id}`);
        const counters = wave.body.data.counters as { sent: number };
        return counters.sent > 0 && counters.sent;
      },
      90_000,
    );
    console.info(`after the restarts a new wave sent ${sent} messages`);
  });
});
