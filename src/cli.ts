import { Command, InvalidArgumentError } from "commander";
import type { Kysely } from "kysely";
import type pg from "pg";
import { demoLoginsStillActive, seedDemoIfEmpty } from "../seeds/seed-demo.ts";
import { findStaffUserCredentials } from "./accounts/staff-user.repository.ts";
import { passwordSchema } from "./accounts/staff-user.schemas.ts";
import { resetStaffUserPassword } from "./accounts/staff-user.service.ts";
import { registerAnalyzeCommand } from "./analyze/analyze.command.ts";
import { registerBackupCommands } from "./backup/backup.command.ts";
import { BackupError } from "./backup/backup-error.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { registerImportCommand } from "./customers/import/import.command.ts";
import {
  connectDatabase,
  DatabaseUnavailableError,
  type ReachedDatabase,
  reachDatabase,
} from "./db/connect.ts";
import type { Database } from "./db/database.ts";
import { EmbeddedPostgresError } from "./db/embedded-postgres.ts";
import { createLogger } from "./logger.ts";
import { guardProcess } from "./process-guard.ts";
import { type RunningServer, StartupError, startServer } from "./server.ts";

/** Errors an operator can fix: one line, exit code 1, no stack trace. */
const OPERATOR_ERRORS = [
  ConfigError,
  StartupError,
  DatabaseUnavailableError,
  EmbeddedPostgresError,
  BackupError,
];

function fail(error: unknown): never {
  if (OPERATOR_ERRORS.some((type) => error instanceof type)) {
    process.stderr.write(`manyi: ${(error as Error).message}\n`);
  } else {
    process.stderr.write(
      `manyi: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
}

/** Runs `work` with a migrated database (embedded or DATABASE_URL) and its pool, then closes it. */
async function withDatabase<T>(work: (db: Kysely<Database>, pool: pg.Pool) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await connectDatabase(
    config,
    createLogger(config.logLevel === "info" ? "warn" : config.logLevel),
  );
  try {
    return await work(database.db, database.pool);
  } finally {
    await database.close();
  }
}

/** Runs `work` on the database as it is, neither migrated nor seeded (backup, restore), then lets go of it. */
async function withDatabaseAsItIs<T>(
  options: { create: boolean },
  work: (database: ReachedDatabase) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = await reachDatabase(
    config,
    createLogger(config.logLevel === "info" ? "warn" : config.logLevel),
    options,
  );
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const program = new Command()
  .name("manyi")
  .description("满意 manyi: customer-satisfaction surveys and analytics")
  .showHelpAfterError();

program
  .command("start")
  .description("start the web server (embedded PostgreSQL unless DATABASE_URL is set)")
  .action(async () => {
    let server: RunningServer | undefined;
    let stopping = false;
    const stop = (reason: string, exitCode: number) => {
      if (!server || stopping) return;
      stopping = true;
      server.logger.info({ reason }, "shutting down");
      server.close().then(
        () => process.exit(exitCode),
        (error) => fail(error),
      );
    };
    server = await startServer(loadConfig(), {
      onFatal: (error) => {
        server?.logger.fatal({ err: error }, "the database is gone; manyi stops");
        process.stderr.write(`manyi: ${error.message}\n`);
        stop("database", 1);
      },
    });
    guardProcess(server.logger, stop);
    for (const signal of ["SIGINT", "SIGTERM"] as const)
      process.once(signal, () => {
        // A second signal while shutting down forces the exit.
        process.once(signal, () => process.exit(130));
        stop(signal, 0);
      });
  });

program
  .command("migrate")
  .description("bring the database schema up to date")
  .action(async () => {
    await withDatabase(async () => {});
    process.stdout.write("database is up to date\n");
  });

program
  .command("seed")
  .description("load the demo organisation into an empty database")
  .action(async () => {
    const result = await withDatabase(async (db) => {
      const seeded = await seedDemoIfEmpty(db, new Date(), {
        customers: true,
        responses: true,
        departments: true,
      });
      return seeded.seeded ? seeded : { seeded: false, logins: await demoLoginsStillActive(db) };
    });
    process.stdout.write(
      result.seeded ? "demo data loaded\n" : "the database already has staff accounts; nothing loaded\n",
    );
    for (const login of result.logins)
      process.stdout.write(`  ${login.role.padEnd(17)} ${login.username.padEnd(10)} ${login.password}\n`);
  });

const user = program.command("user").description("staff accounts");
user
  .command("reset-password")
  .description(
    "set a staff member's password (e.g. a locked-out administrator); reads it from MANYI_NEW_PASSWORD",
  )
  .argument("<username>", "the account's username")
  .action(async (username: string) => {
    const parsed = passwordSchema.safeParse(process.env.MANYI_NEW_PASSWORD ?? "");
    if (!parsed.success) {
      throw new InvalidArgumentError(`MANYI_NEW_PASSWORD must be set: ${parsed.error.issues[0]?.message}`);
    }
    await withDatabase(async (db) => {
      const found = await findStaffUserCredentials(db, username);
      if (!found) throw new InvalidArgumentError(`no staff account named "${username}"`);
      await resetStaffUserPassword(db, { user: found.user, ip: "cli" }, found.user.id, parsed.data);
    });
    process.stdout.write(`password of ${username} changed; their sessions were ended\n`);
  });

registerAnalyzeCommand(program);
registerImportCommand(program, withDatabase);
registerBackupCommands(program, withDatabaseAsItIs);

program.parseAsync(process.argv).catch((error) => {
  if (error instanceof InvalidArgumentError) {
    process.stderr.write(`manyi: ${error.message}\n`);
    process.exit(1);
  }
  fail(error);
});
