import { constants, promises as fs } from "node:fs";
import path from "node:path";
import { pipeline, type Readable, type Writable } from "node:stream";
import { createGunzip } from "node:zlib";
import { z } from "zod";
import { BackupError } from "./backup-error.ts";
import {
  BACKUP_FORMAT,
  BACKUP_MAGIC,
  type BackupHeader,
  backupHeaderSchema,
  formatOf,
} from "./backup-format.ts";
import { DamagedBackupError, SectionReader } from "./section-reader.ts";

/** A backup being written: under a temporary name beside the target until `keep`, so no half file is ever left under the target's name. */
export interface BackupFileInProgress {
  stream: Writable;
  /** Moves the finished file to its name. */
  keep(): Promise<{ bytes: number }>;
  /** Removes the unfinished file. */
  discard(): Promise<void>;
  /** Why writing the file failed, in words; undefined while it has not. */
  failure(): string | undefined;
}

/**
 * Opens the file a backup goes to, before anything is read from the database, so a path that cannot
 * be written is refused at once. The file is readable by its owner only: it holds personal data and
 * password hashes.
 *
 * @throws {BackupError} when the file exists (and `replace` is not set) or cannot be created
 */
export async function createBackupFile(
  file: string,
  options: { replace: boolean },
): Promise<BackupFileInProgress> {
  const target = path.resolve(file);
  const existing = await fs.stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new BackupError(`${file} is a directory; give the backup a file name`);
  if (existing && !options.replace)
    throw new BackupError(`${file} already exists; choose a new name, or add --force to replace it`);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (error) {
    throw new BackupError(`cannot write ${file}: ${describeFileError(error, path.dirname(target))}`);
  }
  const stream = handle.createWriteStream({ flush: true });
  let failure: string | undefined;
  stream.on("error", (error) => {
    failure ??= describeFileError(error, path.dirname(target));
  });
  return {
    stream,
    keep: async () => {
      await fs.rename(temporary, target);
      return { bytes: (await fs.stat(target)).size };
    },
    discard: async () => {
      stream.destroy();
      await fs.rm(temporary, { force: true });
    },
    failure: () => failure,
  };
}

/** A backup opened for restoring: its header read and checked, the reader at the first table's rows. */
export interface OpenedBackup {
  header: BackupHeader;
  reader: SectionReader;
  close(): void;
}

/** The first line and the header are short; a longer first line is not a manyi backup. */
const MAGIC_MAX_BYTES = 64;
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/**
 * Opens a backup and reads its header, before any database is touched.
 *
 * @throws {BackupError} when the file is missing or unreadable, is not a manyi backup, or was written
 *   in a newer format than this manyi reads
 */
export async function openBackupFile(file: string): Promise<OpenedBackup> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, "r");
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw new BackupError(`${file} is a directory, not a backup file`);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new BackupError(`no such file: ${file}`);
    throw new BackupError(
      `cannot read ${file}: ${describeFileError(error, path.dirname(path.resolve(file)))}`,
    );
  }
  const start = Buffer.alloc(GZIP_MAGIC.length);
  const { bytesRead } = await handle.read(start, 0, start.length, 0);
  if (bytesRead < start.length || !start.equals(GZIP_MAGIC)) {
    await handle.close();
    throw notABackup(file);
  }
  const gunzip = createGunzip();
  const input: Readable = handle.createReadStream();
  // Errors of either stream reach the reader through gunzip.
  pipeline(input, gunzip, () => {});
  const reader = new SectionReader(gunzip);
  const close = () => {
    gunzip.destroy();
    input.destroy();
  };
  try {
    const header = await readHeader(file, reader);
    return { header, reader, close };
  } catch (error) {
    close();
    throw error;
  }
}

async function readHeader(file: string, reader: SectionReader): Promise<BackupHeader> {
  const magic = await reader.readLine(MAGIC_MAX_BYTES).catch((error: unknown) => {
    if (error instanceof DamagedBackupError) return undefined;
    throw error;
  });
  if (magic !== BACKUP_MAGIC) throw notABackup(file);
  try {
    const text = await reader.readLine();
    let json: unknown;
    try {
      json = JSON.parse(text ?? "");
    } catch {
      throw notABackup(file);
    }
    const format = formatOf(json);
    if (typeof format === "number" && format > BACKUP_FORMAT)
      throw new BackupError(
        `${file} was written by a newer manyi (backup format ${format}; this manyi reads format ${BACKUP_FORMAT}); restore it with that manyi or a newer one`,
      );
    const header = backupHeaderSchema.safeParse(json);
    if (!header.success)
      throw new BackupError(
        `${file} is not a manyi backup (its header is not one: ${z.prettifyError(header.error).split("\n")[0]})`,
      );
    return header.data;
  } catch (error) {
    if (error instanceof DamagedBackupError) throw damaged(file, error);
    throw error;
  }
}

/** The one-line message for a backup whose bytes are damaged or cut short. */
export function damaged(file: string, error: DamagedBackupError): BackupError {
  return new BackupError(`${file} is damaged or incomplete (${error.message})`);
}

function notABackup(file: string): BackupError {
  return new BackupError(`${file} is not a manyi backup (made by manyi backup)`);
}

function describeFileError(error: unknown, directory: string): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case "ENOENT":
      return `no such file or directory (is ${directory} there?)`;
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
      return "no space left on the device";
    case "ENOTDIR":
      return `${directory} is not a directory`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
