/**
 * A backup or restore that cannot go on, for a reason the operator can act on (a missing file, a
 * damaged backup, a database that is not empty): printed as one line, exit code 1.
 */
export class BackupError extends Error {
  override name = "BackupError";
}
