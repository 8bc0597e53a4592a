import { pino } from "pino";
import type { Config } from "./config.ts";

/** JSON logs to stdout (one line a record); request records carry the request id. */
export function createLogger(level: Config["logLevel"]) {
  return pino({ level, base: { app: "manyi" }, redact: ["req.headers.cookie", "req.headers.authorization"] });
}
