/**
 * Errors that mean "the database cannot be reached just now" rather than "this request is wrong": the
 * server is restarting or shutting down, our connection was ended (pg_terminate_backend, a restart),
 * or no new connection can be made. A request that meets one is answered 503 and may be retried.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  "57P01", // admin_shutdown (also pg_terminate_backend)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, shutting down)
  "53300", // too_many_connections
]);
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND"]);
const UNAVAILABLE_MESSAGES = [
  "Connection terminated",
  "connection error and is not queryable",
  "timeout exceeded when trying to connect",
  "Client was closed and is not queryable",
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08"))) return true;
  if (typeof code === "string" && UNAVAILABLE_NODE_CODES.has(code)) return true;
  if (UNAVAILABLE_MESSAGES.some((message) => error.message.includes(message))) return true;
  // pg-boss and Kysely may wrap the driver's error
  return error.cause !== undefined && error.cause !== error && isDatabaseUnavailable(error.cause);
}

/**
 * A unique constraint refused a row (two requests creating the same thing at once get past any check
 * made before the insert); with `column`, only when it was that column's constraint.
 */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  if (!(error instanceof Error)) return false;
  if ((error as { code?: unknown }).code !== "23505") return false;
  return column === undefined || uniqueViolationColumn(error) === column;
}

/** The column a unique violation names ("Key (slug)=(x) already exists." → "slug"). */
export function uniqueViolationColumn(error: unknown): string | undefined {
  const detail = (error as { detail?: unknown })?.detail;
  return typeof detail === "string" ? /^Key \(([^)]+)\)=/.exec(detail)?.[1] : undefined;
}
