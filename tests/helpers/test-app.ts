import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { seedDemoIfEmpty } from "../../seeds/seed-demo.ts";
import { closePdfBrowser } from "../../src/reports/report-pdf.ts";
import { createApp } from "../../src/web/app.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export interface TestApp {
  baseUrl: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real app on a random port, over its own migrated database with the demo staff loaded. */
export async function startTestApp(
  options: { now?: () => Date /** also load the demo year of responses */; demoResponses?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  await seedDemoIfEmpty(database.db, new Date(), { responses: options.demoResponses === true });
  const app = createApp({
    db: database.db,
    pool: database.pool,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    sessionSecret: "test-secret-test-secret-test-secret-123",
    publicUrl: "http://localhost",
    ...(options.now ? { now: options.now } : {}),
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closePdfBrowser();
      await database.drop();
    },
  };
}
