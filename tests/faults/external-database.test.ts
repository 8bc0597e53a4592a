import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, killAllManyi, runManyi, type Started, waitForReady } from "../helpers/app-process.ts";
import { PageClient } from "../helpers/http-client.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../helpers/smtp-server.ts";
import { waitUntil } from "../helpers/wait.ts";
import { type ExternalPostgres, startExternalPostgres } from "./external-postgres.ts";
import {
  demoApiToken,
  demoWave,
  describeStatuses,
  queryOnce,
  storedUnderPrefix,
  submitLoad,
} from "./submit-load.ts";

// `manyi start` on an external PostgreSQL (DATABASE_URL) whose server is restarted under a submit load.
let database: ExternalPostgres;
let manyi: Started;
let baseUrl: string;
let token: string;
let smtp: TestSmtpServer;
let smtpPort: number;

beforeAll(async () => {
  database = await startExternalPostgres();
  smtpPort = await freePort();
  smtp = await startTestSmtpServer({ parse: false, port: smtpPort });
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  manyi = runManyi(["start"], {
    DATABASE_URL: database.url,
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_RETRY_SECONDS: "1",
  });
  await waitForReady(manyi, baseUrl);
  token = await demoApiToken(baseUrl);
});

afterAll(async () => {
  killAllManyi();
  await smtp?.close();
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

    // The job queue works again: a wave sent now is launched and its messages go out.
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
        const counters = wave.body.data.counters as { sent: number; waiting: number };
        // all of them, so that none is still on its way when the next test watches the mail server
        return counters.sent > 0 && counters.waiting === 0 && counters.sent;
      },
      90_000,
    );
    console.info(`after the restarts a new wave sent ${sent} messages`);
  });
});

describe("the mail server refusing, then down, then back", () => {
  it("delivers every message of a wave exactly once when it is back", async () => {
    const sancheng = await demoWave(database.url);
    const created = await api("POST", "/waves", {
      name: "through an SMTP outage",
      questionnaireId: sancheng.questionnaireId,
      channel: "email",
    });
    const id = created.body.data.id as number;
    smtp.refuse(451);
    expect((await api("POST", `/waves/${id}/send`)).status).toBe(202);
    const counters = async () =>
      (await api("GET", `/waves/${id}`)).body.data.counters as {
        invited: number;
        sent: number;
        failed: number;
        waiting: number;
      };
    await waitUntil(
      "the first refusals",
      async () => (await counters()).invited > 0 && (await failedAttempts(id)) > 0,
      60_000,
    );
    await smtp.close(); // down: connections refused
    await new Promise((resolve) => setTimeout(resolve, 3000));
    smtp = await startTestSmtpServer({ parse: false, port: smtpPort }); // back, accepting
    const sent = await waitUntil(
      "every message to be delivered",
      async () => {
        const now = await counters();
        return now.waiting === 0 && now.sent > 0 && now;
      },
      120_000,
    );
    const invited = sent.invited;
    const recipients = smtp.received.map((message) => message.to);
    console.info(
      `SMTP refusing, down, back: ${invited} invited, ${sent.sent} sent, ${sent.failed} failed, ${recipients.length} received by the server that came back`,
    );
    expect(sent.failed).toBe(0);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(sent.sent + (await notSendable(id))).toBe(invited);
    expect(recipients.length).toBe(sent.sent);
  });
});

const countOf = async (waveId: number, where: string) =>
  Number(
    (
      await queryOnce<{ n: string }>(
        database.url,
        `select count(*) as n from invitation where wave_id = $1 and ${where}`,
        [waveId],
      )
    )[0]?.n,
  );
const failedAttempts = (waveId: number) => countOf(waveId, "attempts > 0");
/** Invitations that are not sent by design: the customer opted out or has no address. */
const notSendable = (waveId: number) => countOf(waveId, "status in ('cancelled', 'not_sent')");

describe("40 wrong passwords at once for one account, through two manyi processes", () => {
  it("checks exactly 5 of them; the rest are told to wait, and so is the right password then", async () => {
    const port = await freePort();
    const secondUrl = `http://127.0.0.1:${port}`;
    const second = runManyi(["start"], {
      DATABASE_URL: database.url,
      PORT: String(port),
      PUBLIC_URL: secondUrl,
    });
    await waitForReady(second, secondUrl);
    const browsers = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const browser = new PageClient(i % 2 ? secondUrl : baseUrl, { "accept-language": "en" });
        await browser.get("/login");
        return browser;
      }),
    );
    const outcomes = await Promise.all(
      browsers.map(async (browser, i) => {
        const response = await browser.post("/login", { username: "cm.zhang", password: `wrong-${i}` });
        if (response.status === 401) return "checked";
        return response.status === 429 ? "throttled" : `status ${response.status}`;
      }),
    );
    const count = (outcome: string) => outcomes.filter((o) => o === outcome).length;
    console.info(
      `40 simultaneous wrong passwords through 2 processes: ${count("checked")} checked, ${count("throttled")} throttled`,
    );
    expect(count("checked")).toBe(5);
    expect(count("throttled")).toBe(35);
    const right = new PageClient(baseUrl, { "accept-language": "en" });
    expect((await right.logIn("cm.zhang", "manyi-cm-demo-1")).status).toBe(429);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
