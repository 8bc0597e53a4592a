import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.ts";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "manyi-config-"));

describe("loadConfig", () => {
  it("has embedded defaults for everything", () => {
    const cwd = tmp();
    const config = loadConfig({}, cwd);
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: path.join(cwd, ".data"),
      publicUrl: "http://localhost:3000",
      smtpUrl: undefined,
      logLevel: "info",
      seedDemo: true,
    });
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("generates the session secret once, keeps it private in the data dir, and reuses it", () => {
    const cwd = tmp();
    const first = loadConfig({}, cwd).sessionSecret;
    const file = path.join(cwd, ".data", "session-secret");
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({}, cwd).sessionSecret).toBe(first);
  });

  it("reads every variable", () => {
    const config = loadConfig(
      {
        PORT: "8080",
        DATABASE_URL: "postgres://u:p@db:5432/manyi",
        MANYI_DATA_DIR: "/var/lib/manyi",
        PUBLIC_URL: "https://survey.example.com/",
        SMTP_URL: "smtp://relay:25",
        MAIL_FROM: "满意调查 <survey@example.com>",
        MAIL_RATE_PER_SECOND: "5",
        MAIL_CONNECTIONS: "4",
        MAIL_RETRY_SECONDS: "30",
        SESSION_SECRET: "s".repeat(40),
        LOG_LEVEL: "debug",
        MANYI_SEED_DEMO: "false",
        TIME_ZONE: "Asia/Shanghai",
        CHROMIUM_PATH: "/opt/chromium/chrome",
        METRICS_TOKEN: "scrape-token-0123456789",
      },
      tmp(),
    );
    expect(config).toEqual({
      port: 8080,
      databaseUrl: "postgres://u:p@db:5432/manyi",
      dataDir: "/var/lib/manyi",
      publicUrl: "https://survey.example.com",
      smtpUrl: "smtp://relay:25",
      mailFrom: "满意调查 <survey@example.com>",
      mailRatePerSecond: 5,
      mailConnections: 4,
      mailRetrySeconds: 30,
      sessionSecret: "s".repeat(40),
      logLevel: "debug",
      seedDemo: false,
      timeZone: "Asia/Shanghai",
      chromiumPath: "/opt/chromium/chrome",
      metricsToken: "scrape-token-0123456789",
    });
  });

  it.each([
    // TIME_ZONE is the setting; REPORT_TIME_ZONE, its former name, is still read; TIME_ZONE wins
    [{ TIME_ZONE: "Asia/Shanghai" }, "Asia/Shanghai"],
    [{ REPORT_TIME_ZONE: "Europe/Berlin" }, "Europe/Berlin"],
    [{ TIME_ZONE: "Asia/Shanghai", REPORT_TIME_ZONE: "Europe/Berlin" }, "Asia/Shanghai"],
    [{ TIME_ZONE: "", REPORT_TIME_ZONE: "Europe/Berlin" }, "Europe/Berlin"],
  ])("reads the organisation's time zone from %j", (env, zone) => {
    expect(loadConfig(env, tmp()).timeZone).toBe(zone);
  });

  it.each(["short-token", "a token with spaces in it", "令牌令牌令牌令牌令牌令牌令牌令牌"])(
    "rejects METRICS_TOKEN=%s without echoing it",
    (value) => {
      expect(() => loadConfig({ METRICS_TOKEN: value }, tmp())).toThrow(
        new ConfigError("METRICS_TOKEN expects at least 16 ASCII letters, digits or punctuation, no spaces"),
      );
    },
  );

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", SMTP_URL: " ", METRICS_TOKEN: "" }, tmp())).toMatchObject({
      databaseUrl: undefined,
      smtpUrl: undefined,
      metricsToken: undefined,
    });
  });

  it.each([
    ["PORT", "0", "PORT expects a port number between 1 and 65535"],
    ["PORT", "3000.5", "PORT expects a port number between 1 and 65535"],
    ["PORT", "70000", "PORT expects a port number between 1 and 65535"],
    [
      "DATABASE_URL",
      "localhost:5432",
      "DATABASE_URL expects a URL such as postgres://user:password@host:5432/manyi",
    ],
    [
      "DATABASE_URL",
      "http://db/manyi",
      "DATABASE_URL expects a URL such as postgres://user:password@host:5432/manyi",
    ],
    ["PUBLIC_URL", "survey.example.com", "PUBLIC_URL expects a URL such as https://survey.example.com"],
    ["SMTP_URL", "http://mail", "SMTP_URL expects a URL such as smtp://user:password@mail.example.com:587"],
    ["MAIL_FROM", "nobody", "MAIL_FROM expects an address such as 满意 <survey@example.com>"],
    ["SESSION_SECRET", "short", "SESSION_SECRET expects at least 32 characters"],
    ["LOG_LEVEL", "verbose", "LOG_LEVEL expects one of fatal, error, warn, info, debug, trace, silent"],
    ["MANYI_SEED_DEMO", "maybe", "MANYI_SEED_DEMO expects true or false"],
    ["TIME_ZONE", "Mars/Olympus", "TIME_ZONE expects an IANA time zone such as Asia/Shanghai"],
    ["REPORT_TIME_ZONE", "Mars/Olympus", "REPORT_TIME_ZONE expects an IANA time zone such as Asia/Shanghai"],
  ])("rejects %s=%s with one line naming the variable", (variable, value, message) => {
    expect(() => loadConfig({ [variable]: value }, tmp())).toThrow(
      new ConfigError(`${message} (got ${JSON.stringify(value)})`),
    );
  });
});
