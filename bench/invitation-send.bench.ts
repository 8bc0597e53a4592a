// Sending 10,000 invitations of an email wave to a local SMTP server (smtp-server) through manyi's
// sender (claims in PostgreSQL, a token per message, templates, retries bookkeeping, marking sent)
// against plain nodemailer sending the same messages over a pooled connection, alternating rounds.
// Prints the ratio of throughputs.
import type { Kysely } from "kysely";
import nodemailer from "nodemailer";
import { pino } from "pino";
import { SMTPServer } from "smtp-server";
import { seedDemoIfEmpty } from "../seeds/seed-demo.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { openDatabase } from "../src/db/open-database.ts";
import { composeMessage, sendDueMessages } from "../src/distribution/invitation-sender.ts";
import { findWaveMessages } from "../src/distribution/wave.repository.ts";
import { createInvitations } from "../src/distribution/wave-launch.ts";
import { type ProcessPresence, startProcessPresence } from "../src/jobs/process-presence.ts";
import { createMailer } from "../src/mail/mailer.ts";
import { benchDatabase, median } from "./harness.ts";

const MESSAGES = 10_000;
const CONNECTIONS = 5;

export async function benchInvitationSend(options: { rounds: number }) {
  const database = await benchDatabase();
  const handle = openDatabase(database.url);
  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        received++;
        callback();
      });
    },
  });
  smtp.on("error", () => {});
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  const port = (smtp.server.address() as { port: number }).port;
  let presence: ProcessPresence | undefined;
  try {
    const db = handle.db;
    await migrateToLatest(db as Kysely<unknown>);
    await seedDemoIfEmpty(db);
    await handle.pool.query("update customer set opted_out_at = now()");
    await handle.pool.query(
      `insert into customer (external_ref, name, email)
       select 'B' || n, '客户' || n, 'b' || n || '@example.com' from generate_series(1, ${MESSAGES}) n`,
    );
    const { rows } = await handle.pool.query(
      `insert into wave (questionnaire_id, questionnaire_version_id, name, channel, audience, launched_at)
       select questionnaire_id, id, 'bench', 'email', '{"kind":"all"}', now() from questionnaire_version
       where status = 'published' order by id limit 1 returning id`,
    );
    const waveId = rows[0].id as number;
    const wave = {
      id: waveId,
      channel: "email" as const,
      audience: { kind: "all" as const },
      defaultLocale: "zh-CN",
    };
    const texts = await findWaveMessages(db, waveId);
    if (!texts) throw new Error("no wave");
    const smtpUrl = `smtp://127.0.0.1:${port}`;
    presence = await startProcessPresence(handle.pool, pino({ level: "silent" }));

    const plain = async () => {
      const transport = nodemailer.createTransport(
        {
          pool: true,
          host: "127.0.0.1",
          port,
          secure: false,
          maxConnections: CONNECTIONS,
          maxMessages: Number.POSITIVE_INFINITY,
        },
        { from: "bench@localhost" },
      );
      const messages = Array.from({ length: MESSAGES }, (_, i) =>
        composeMessage(
          { publicUrl: "http://localhost:3000", timeZone: "Asia/Shanghai" },
          texts,
          {
            invitationId: i,
            waveId,
            email: `b${i + 1}@example.com`,
            locale: "zh-CN",
            customerName: `客户${i + 1}`,
            customerOptedOut: false,
            kind: "invitation",
            attempts: 0,
          },
          "x".repeat(43),
        ),
      );
      const start = performance.now();
      await Promise.all(messages.map((message) => transport.sendMail(message)));
      const seconds = (performance.now() - start) / 1000;
      transport.close();
      return MESSAGES / seconds;
    };

    const manyi = async () => {
      await handle.pool.query("delete from invitation where wave_id = $1", [waveId]);
      await createInvitations(db, wave, new Date());
      const mailer = createMailer(db, {
        smtpUrl,
        from: "bench@localhost",
        ratePerSecond: 0,
        connections: CONNECTIONS,
      });
      const start = performance.now();
      if (!presence) throw new Error("no presence");
      await sendDueMessages(
        {
          db,
          mailer,
          processId: presence.id,
          publicUrl: "http://localhost:3000",
          timeZone: "Asia/Shanghai",
          logger: pino({ level: "silent" }),
          retryBaseSeconds: 60,
          maxAttempts: 8,
        },
        600_000,
      );
      const seconds = (performance.now() - start) / 1000;
      mailer.close();
      const sent = await handle.pool.query(
        "select count(*)::int as n from invitation where wave_id = $1 and status = 'sent'",
        [waveId],
      );
      if (sent.rows[0].n !== MESSAGES) throw new Error(`only ${sent.rows[0].n} invitations sent`);
      return MESSAGES / seconds;
    };

    await plain();
    const baseline: number[] = [];
    const ours: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      baseline.push(await plain());
      ours.push(await manyi());
    }
    const result = {
      name: `${MESSAGES} invitations to a local SMTP server vs plain pooled nodemailer`,
      baselineMessagesPerSecond: Math.round(median(baseline)),
      manyiMessagesPerSecond: Math.round(median(ours)),
      ratio: median(ours) / median(baseline),
      smtpMessagesReceived: received,
    };
    console.log(
      `${result.name}: nodemailer ${result.baselineMessagesPerSecond} msg/s, manyi ${result.manyiMessagesPerSecond} msg/s ` +
        `→ ratio ${result.ratio.toFixed(2)} (median of ${options.rounds} rounds, ${CONNECTIONS} SMTP connections)`,
    );
    return result;
  } finally {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await presence?.stop();
    await handle.close();
    await database.stop();
  }
}
