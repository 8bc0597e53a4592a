import type { Logger } from "pino";

/**
 * The last line of defence of a running server. A promise that fails with nobody to handle it is
 * logged and manyi carries on (background jobs and streams handle their own errors; this only catches
 * one that slipped through). An exception nobody caught leaves the process in an unknown state: it is
 * logged with its stack and manyi stops in order (requests in flight finish, the embedded database is
 * stopped, no orphan left behind), with exit code 1 so a supervisor starts it again.
 */
export function guardProcess(logger: Logger, stop: (reason: string, exitCode: number) => void): void {
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: reason }, "a failed promise was not handled; manyi carries on");
  });
  process.on("uncaughtException", (error, origin) => {
    logger.fatal({ err: error, origin }, "an unexpected error was not handled; manyi stops in order");
    stop("uncaughtException", 1);
  });
}
