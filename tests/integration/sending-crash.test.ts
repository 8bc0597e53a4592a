import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "../../seeds/seed-demo.ts";
import { generateSecretToken, hashSecretToken } from "../../src/accounts/tokens.ts";
import { createInvitations } from "../../src/distribution/wave-launch.ts";
import { freePort, killAllManyi, runManyi, type Started, waitForReady } from "../helpers/app-process.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../helpers/smtp-server.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.ts";
import { waitForQueueIdle } from "../helpers/wait.ts";

// The reliability promise of sending: kill -9 in the middle of a 10,000-invitation wave, start again,
// and every customer gets the invitation; two processes sending the same wave never send twice.

const CUSTOMERS = 10_000;
const MAIL_CONNECTIONS = 3;
// Messages handed to the SMTP server and not yet recorded as sent, at most: two claim loops, each
// with `connections × 8` messages at a time (src/mail/mailer.ts, src/distribution/invitation-sender.ts).
const IN_FLIGHT = 2 * MAIL_CONNECTIONS * 8;

let database: TestDatabase;
let smtp: TestSmtpServer;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoIfEmpty(database.db);
  await database.pool.query(
    `insert into customer (external_ref, name, email)
     select 'K' || n, '客户' || n, 'k' || n || '@example.com' from generate_series(1, ${CUSTOMERS}) n`,
  );
  // The demo customers are not part of these waves.
  await database.pool.query(`update customer set opted_out_at = now() where external_ref like 'C000%'`);
  smtp = await startTestSmtpServer({ parse: false });
});
afterAll(async () => {
  killAllManyi();
  await smtp?.close();
  await database?.drop();
});

async function emailWave(name: string): Promise<number> {
  const { rows } = await database.pool.query(
    `insert into wave (questionnaire_id, questionnaire_version_id, name, channel, audience)
     select questionnaire_id, id, $1, 'email', '{"kind":"all"}' from questionnaire_version
     where status = 'published' order by id limit 1 returning id`,
    [name],
  );
  return rows[0].id;
}

async function startApp(): Promise<{ started: Started; baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = runManyi(["start"], {
    DATABASE_URL: database.url,
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    SMTP_URL: smtp.url,
    MAIL_RATE_PER_SECOND: "0",
    MAIL_CONNECTIONS: String(MAIL_CONNECTIONS),
    MANYI_SEED_DEMO: "false",
  });
  await waitForReady(started, baseUrl);
  return { started, baseUrl };
}

async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// A mail goes out only for an invitation claimed while due, so none is on its way once no invitation
// is due or being sent. The queue's jobs are not waited for: the job the killed process held stays
// active in pg-boss until it expires, and it can send nothing.
const waitForInvitationsIdle = () => waitForQueueIdle(database.db, [], 60_000);

const sentCount = async (waveId: number) =>
  (
    await database.pool.query(
      "select count(*)::int as n from invitation where wave_id = $1 and status = 'sent'",
      [waveId],
    )
  ).rows[0].n as number;

function tally(messages: { to: string }[]) {
  const perRecipient = new Map<string, number>();
  for (const message of messages) perRecipient.set(message.to, (perRecipient.get(message.to) ?? 0) + 1);
  return perRecipient;
}

describe("sending a wave", () => {
  it("survives kill -9 in the middle: every customer gets the invitation, second copies only from messages in flight", async () => {
    const waveId = await emailWave("kill -9 wave");
    await database.pool.query("update wave set launched_at = now() where id = $1", [waveId]);
    expect(
      await createInvitations(
        database.db,
        { id: waveId, channel: "email", audience: { kind: "all" }, defaultLocale: "zh-CN" },
        new Date(),
      ),
    ).toBe(CUSTOMERS);

    const first = await startApp();
    await waitUntil(async () => smtp.received.length >= CUSTOMERS / 4, "a quarter of the wave");
    first.started.child.kill("SIGKILL");
    await first.started.exited;
    const atKill = smtp.received.length;
    expect(atKill).toBeLessThan(CUSTOMERS);

    // Two processes take over together.
    const [second, third] = await Promise.all([startApp(), startApp()]);
    await waitUntil(async () => (await sentCount(waveId)) === CUSTOMERS, "every invitation to be sent");
    await waitForInvitationsIdle();

    const perRecipient = tally(smtp.received);
    expect(perRecipient.size).toBe(CUSTOMERS);
    const secondCopies = smtp.received.length - CUSTOMERS;
    console.log(
      `kill -9 after ${atKill} of ${CUSTOMERS} messages: every customer received the invitation; ` +
        `${secondCopies} second copies (bound: ${IN_FLIGHT} in flight)`,
    );
    expect(secondCopies).toBeLessThanOrEqual(IN_FLIGHT);
    const { rows } = await database.pool.query(
      "select status, count(*)::int as n from invitation where wave_id = $1 group by status",
      [waveId],
    );
    expect(rows).toEqual([{ status: "sent", n: CUSTOMERS }]);

    // Both processes are still running: a second wave, launched through the API, goes out with no
    // second copy at all, whichever process sends each message.
    const token = generateSecretToken("manyi_");
    await database.pool.query(
      `insert into api_token (name, staff_user_id, token_hash, token_prefix)
       select 'crash test', id, $1, 'manyi_' from staff_user where username = 'quality'`,
      [hashSecretToken(token)],
    );
    const next = await emailWave("two processes wave");
    smtp.received.length = 0;
    const launched = await fetch(`${second.baseUrl}/api/v1/waves/${next}/send`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(launched.status).toBe(202);
    await waitUntil(async () => (await sentCount(next)) === CUSTOMERS, "the second wave to be sent");
    await waitForInvitationsIdle();
    const secondWave = tally(smtp.received);
    expect(secondWave.size).toBe(CUSTOMERS);
    expect(smtp.received.length).toBe(CUSTOMERS);
    const senders = await database.pool.query(
      "select sent_by, count(*)::int as n from invitation where wave_id = $1 group by sent_by",
      [next],
    );
    console.log(
      `second wave: ${senders.rows.map((r) => r.n).join(" + ")} messages by ${senders.rows.length} processes, no second copy`,
    );
    expect(senders.rows).toHaveLength(2);
    expect(third.started.child.exitCode).toBeNull();
  }, 600_000);
});
