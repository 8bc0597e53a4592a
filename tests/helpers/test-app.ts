import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { seedDemoIfEmpty } from "../../seeds/seed-demo.ts";
import { createApp } from "../../src/app.ts";
import { startBackground } from "../../src/background.ts";
import { defaultTimeZone } from "../../src/config.ts";
import type { JobQueue } from "../../src/jobs/job-queue.ts";
import { createMetrics } from "../../src/metrics/metrics.ts";
import { closePdfBrowser } from "../../src/reports/report-pdf.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export interface TestApp {
  baseUrl: string;
  database: TestDatabase;
  jobs: JobQueue;
  /** the app process's presence id (work it claims) */
  processId: string;
  close(): Promise<void>;
}

/** The real app on a random port, over its own migrated database with the demo staff loaded. */
export async function startTestApp(
  options: {
    now?: () => Date;
    smtpUrl?: string;
    mailRatePerSecond?: number;
    /** also load the demo year of responses */
    demoResponses?: boolean;
    /** false: the app queues jobs but runs none (as a process whose worker never gets to them) */
    workers?: boolean;
    /** the organisation's time zone (TIME_ZONE); by default the machine's */
    timeZone?: string;
    /** METRICS_TOKEN: GET /metrics then answers only requests bearing it */
    metricsToken?: string;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const timeZone = options.timeZone ?? defaultTimeZone();
  await seedDemoIfEmpty(database.db, new Date(), { responses: options.demoResponses === true, timeZone });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  // Listen first: the links in the messages must carry the real address.
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const metrics = createMetrics();
  const background = await startBackground({
    db: database.db,
    pool: database.pool,
    logger,
    publicUrl: baseUrl,
    timeZone,
    mail: {
      smtpUrl: options.smtpUrl,
      from: "满意测试 <survey@manyi.test>",
      ratePerSecond: options.mailRatePerSecond ?? 0,
      connections: 2,
      retrySeconds: 1,
    },
    pollingIntervalSeconds: 0.5,
    ...(options.now ? { now: options.now } : {}),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    countMessage: metrics.countMessage,
  });
  const app = createApp({
    db: database.db,
    pool: database.pool,
    jobs: background.jobs,
    mailer: background.mailer,
    processId: background.processId,
    logger,
    sessionSecret: "test-secret-test-secret-test-secret-123",
    publicUrl: baseUrl,
    timeZone,
    ...(options.now ? { now: options.now } : {}),
    metrics,
    metricsToken: options.metricsToken,
  });
  server.on("request", app);
  return {
    baseUrl,
    jobs: background.jobs,
    processId: background.processId,
    database,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await background.stop();
      await closePdfBrowser();
      await database.drop();
    },
  };
}
