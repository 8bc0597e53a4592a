import type { Server } from "node:http";
import type { Logger } from "pino";
import { demoLoginsStillActive, seedDemoIfEmpty } from "../seeds/seed-demo.ts";
import { deleteExpiredSessions } from "./accounts/session.repository.ts";
import { createApp } from "./app.ts";
import { type Background, startBackground } from "./background.ts";
import type { Config } from "./config.ts";
import { connectDatabase } from "./db/connect.ts";
import { listWaves } from "./distribution/wave.repository.ts";
import { createLogger } from "./logger.ts";
import { createMetrics } from "./metrics/metrics.ts";
import { closePdfBrowser } from "./reports/report-pdf.ts";
import { catchUpRollups } from "./reports/rollup.service.ts";

export interface RunningServer {
  url: string;
  logger: Logger;
  /** Stops taking requests, lets in-flight ones finish, closes the pool, stops the embedded database. */
  close(): Promise<void>;
}

export class StartupError extends Error {
  override name = "StartupError";
}

/** The composition root: config → database (embedded or external) → migrations → demo data → app → listen. */
export async function startServer(
  config: Config,
  options: {
    /** The database is gone for good (the embedded server could not be started again). */
    onFatal?: (error: Error) => void;
  } = {},
): Promise<RunningServer> {
  const started = Date.now();
  const logger = createLogger(config.logLevel);
  const database = await connectDatabase(config, logger, options);
  let server: Server | undefined;
  let background: Background | undefined;
  // one set of metrics for the process: the app serves them, the background's sender counts messages
  const metrics = createMetrics();
  try {
    // Expired sessions can no longer be used; clear them out once per start.
    await deleteExpiredSessions(database.db, new Date());
    background = await startBackground({
      db: database.db,
      pool: database.pool,
      logger,
      publicUrl: config.publicUrl,
      mail: {
        smtpUrl: config.smtpUrl,
        from: config.mailFrom,
        ratePerSecond: config.mailRatePerSecond,
        connections: config.mailConnections,
        retrySeconds: config.mailRetrySeconds,
      },
      timeZone: config.timeZone,
      reports: { chromiumPath: config.chromiumPath },
      countMessage: metrics.countMessage,
    });
    const seed = config.seedDemo
      ? await seedDemoIfEmpty(database.db, new Date(), {
          customers: true,
          responses: true,
          timeZone: config.timeZone,
        })
      : { seeded: false, logins: [] };
    const app = createApp({
      db: database.db,
      pool: database.pool,
      jobs: background.jobs,
      mailer: background.mailer,
      processId: background.processId,
      logger,
      sessionSecret: config.sessionSecret,
      publicUrl: config.publicUrl,
      timeZone: config.timeZone,
      reports: { chromiumPath: config.chromiumPath },
      metrics,
      metricsToken: config.metricsToken,
    });
    server = await listen(app, config.port);
    // Bring the report rollups up to date in the background, so the first report opens at once.
    catchUpRollups(database.db, { timeZone: config.timeZone }).catch((error: unknown) =>
      logger.warn({ err: error }, "report rollups could not be brought up to date"),
    );
    const url = config.publicUrl;
    const logins = seed.seeded
      ? seed.logins
      : config.seedDemo
        ? await demoLoginsStillActive(database.db)
        : [];
    const openLinks = (await listWaves(database.db))
      .filter((wave) => wave.channel === "web" && wave.slug)
      .slice(0, 4)
      .map((wave) => `${url}/w/${wave.slug}`);
    printBanner(
      url,
      database.description,
      background.mailer.description,
      logins,
      openLinks,
      seed.seeded,
      Date.now() - started,
    );
    logger.info({ url, database: database.description, ms: Date.now() - started }, "manyi is ready");
    const running = server;
    const runningBackground = background;
    let closing: Promise<void> | undefined;
    return {
      url,
      logger,
      close: () => {
        closing ??= (async () => {
          await closeServer(running);
          await runningBackground.stop();
          await closePdfBrowser();
          await database.close();
          logger.info("manyi stopped");
        })();
        return closing;
      },
    };
  } catch (error) {
    server?.close();
    await background?.stop();
    await database.close();
    throw error;
  }
}

function listen(app: import("express").Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port);
    server.once("listening", () => resolve(server));
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new StartupError(
              `Port ${port} is already in use; stop the other program or set PORT to a free port`,
            )
          : error,
      );
    });
  });
}

/** In-flight requests get 10 s to finish; idle keep-alive connections are closed at once. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function printBanner(
  url: string,
  database: string,
  mail: string,
  logins: { username: string; password: string; role: string }[],
  openLinks: string[],
  firstStart: boolean,
  ms: number,
) {
  const lines = [
    "",
    `  满意 manyi is running at ${url}  (ready in ${(ms / 1000).toFixed(1)} s)`,
    `  database: ${database}`,
    `  email: ${mail === "outbox" ? "no SMTP_URL set: messages go to the outbox in the console (/admin/outbox)" : mail}`,
  ];
  if (logins.length > 0) {
    lines.push(
      firstStart ? "  demo data loaded; sign in with:" : "  demo logins (still on their demo passwords):",
    );
    for (const login of logins)
      lines.push(`    ${login.role.padEnd(17)} ${login.username.padEnd(10)} ${login.password}`);
  }
  if (openLinks.length > 0) {
    lines.push("  survey open links (answer as a customer would):");
    for (const link of openLinks) lines.push(`    ${link}`);
  }
  lines.push("  press Ctrl+C to stop", "");
  process.stdout.write(`${lines.join("\n")}\n`);
}
