// A server for the benchmarks, in its own process so the load generator does not share its event loop.
//   tsx bench/serve.ts bare          → a bare Express route
//   tsx bench/serve.ts app <pgUrl>   → the manyi app on a migrated, seeded database
//   tsx bench/serve.ts insert <pgUrl> → a bare Express route doing one INSERT (the response bench's baseline)
//   tsx bench/serve.ts app <pgUrl> open-cases → the app, opening follow-up cases without pause while it
//     is being sent requests (what the case job does with a backlog), to measure what that costs a submit
import type { AddressInfo } from "node:net";
import express from "express";
import type { Kysely } from "kysely";
import { pino } from "pino";
import { seedDemoIfEmpty } from "../seeds/seed-demo.ts";
import { createApp } from "../src/app.ts";
import { startBackground } from "../src/background.ts";
import { JOB_OPENING, openPendingCases } from "../src/cases/case-opening.service.ts";
import { defaultTimeZone } from "../src/config.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { openDatabase } from "../src/db/open-database.ts";

const [kind, url, mode] = process.argv.slice(2);
let app: express.Express;
if (kind === "bare") {
  app = express();
  app.get("/bare", (_req, res) => {
    res.send("<!doctype html><title>bare</title><p>hello</p>");
  });
} else if (kind === "insert" && url) {
  const database = openDatabase(url, { max: 10 });
  await database.pool.query(
    "create table if not exists bench_insert (id bigserial primary key, body jsonb not null, at timestamptz not null default now())",
  );
  app = express();
  app.use(express.json());
  app.post("/insert", async (req, res) => {
    const { rows } = await database.pool.query("insert into bench_insert (body) values ($1) returning id", [
      JSON.stringify(req.body),
    ]);
    res.status(201).json({ id: rows[0].id });
  });
} else if (kind === "app" && url) {
  const database = openDatabase(url);
  await migrateToLatest(database.db as Kysely<unknown>);
  await seedDemoIfEmpty(database.db);
  const logger = pino({ level: "silent" });
  const background = await startBackground({
    db: database.db,
    pool: database.pool,
    logger,
    publicUrl: "http://localhost",
    timeZone: defaultTimeZone(),
    mail: { smtpUrl: undefined, from: "bench@localhost", ratePerSecond: 0, connections: 1, retrySeconds: 60 },
  });
  const manyi = createApp({
    db: database.db,
    pool: database.pool,
    jobs: background.jobs,
    mailer: background.mailer,
    processId: background.processId,
    logger,
    sessionSecret: "bench-secret-bench-secret-bench-secret",
    publicUrl: "http://localhost",
    timeZone: defaultTimeZone(),
  });
  app = express();
  let lastRequest = 0;
  app.use((_req, _res, next) => {
    lastRequest = Date.now();
    next();
  });
  app.use(manyi);
  if (mode === "open-cases") void openCasesWhileBusy(database.db, () => lastRequest);
} else {
  throw new Error("usage: tsx bench/serve.ts bare | app <postgres-url>");
}
/**
 * Opens pending follow-up cases as the case job does (its batches and its rests), run after run without
 * waiting for the minute, while requests arrive (idle otherwise): the worst a backlog can do.
 */
async function openCasesWhileBusy(db: Parameters<typeof openPendingCases>[0], lastRequest: () => number) {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const { dutyCycle, ...job } = JOB_OPENING;
  for (;;) {
    if (Date.now() - lastRequest() > 1_000) {
      await pause(50);
      continue;
    }
    // one batch at a time (so that it stops when the requests do), resting as the job rests
    const started = performance.now();
    const opened = await openPendingCases(db, {
      now: () => new Date(),
      timeZone: defaultTimeZone(),
      ...job,
      maxBatches: 1,
    });
    await pause(opened === 0 ? 50 : ((performance.now() - started) * (1 - dutyCycle)) / dutyCycle);
  }
}

const server = app.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
