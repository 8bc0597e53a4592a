import { once } from "node:events";
import type { Writable } from "node:stream";
import { END_OF_TABLE } from "./backup-format.ts";

const NEWLINE = 0x0a;
const END_LINE = Buffer.from(`${END_OF_TABLE}\n`);
const NEWLINE_END_LINE = Buffer.from(`\n${END_OF_TABLE}\n`);

/** The backup's bytes could not be read (gzip found them damaged or cut short), or do not follow the format. */
export class DamagedBackupError extends Error {
  override name = "DamagedBackupError";
}

/**
 * Reads a backup's text as it comes out of gunzip: single lines (the header and the trailer), and the
 * COPY rows of one table at a time, handed on to a writable up to the table's end line, in large
 * slices and only as fast as the writable takes them (a table of millions of rows is never in memory).
 * Whatever goes wrong in the source (gzip's CRC or length check, a cut-off file) and a stream that
 * ends before its end mark is thrown as a DamagedBackupError.
 */
export class SectionReader {
  readonly #source: AsyncIterator<Buffer>;
  /** always starts at the beginning of a line */
  #buffer: Buffer = Buffer.alloc(0);
  #ended = false;

  constructor(source: AsyncIterable<Buffer>) {
    this.#source = source[Symbol.asyncIterator]();
  }

  /**
   * The next line without its newline; undefined at the end of the stream.
   *
   * @throws {DamagedBackupError} when the stream fails, ends inside a line, or a line is longer than
   *   `maxBytes`
   */
  async readLine(maxBytes = Number.POSITIVE_INFINITY): Promise<string | undefined> {
    for (;;) {
      const end = this.#buffer.indexOf(NEWLINE);
      if (end >= 0) {
        const line = this.#buffer.subarray(0, end).toString("utf8");
        this.#buffer = this.#buffer.subarray(end + 1);
        return line;
      }
      if (this.#buffer.length > maxBytes)
        throw new DamagedBackupError(`a line longer than ${maxBytes} bytes`);
      if (!(await this.#readMore())) {
        if (this.#buffer.length === 0) return undefined;
        throw new DamagedBackupError("it ends in the middle of a line");
      }
    }
  }

  /**
   * Writes the lines up to the next end line (`\.`) into `target`, and skips the end line. `failed`
   * is asked before each write: once the target has failed (it reports that by an event), nothing more
   * is written to it and its error is thrown.
   *
   * @throws {DamagedBackupError} when the stream fails or ends before the end line
   */
  async copySectionTo(target: Writable, failed: () => Error | undefined): Promise<void> {
    const write = async (chunk: Buffer) => {
      const error = failed();
      if (error) throw error;
      if (chunk.length > 0 && !target.write(chunk)) await once(target, "drain");
    };
    for (;;) {
      const end = this.#endLine();
      if (end >= 0) {
        await write(this.#buffer.subarray(0, end));
        this.#buffer = this.#buffer.subarray(end + END_LINE.length);
        return;
      }
      // Whole lines go on; a partial last line stays, as it may be the start of the end line.
      const lastNewline = this.#buffer.lastIndexOf(NEWLINE);
      if (lastNewline >= 0) {
        await write(this.#buffer.subarray(0, lastNewline + 1));
        this.#buffer = this.#buffer.subarray(lastNewline + 1);
      }
      if (!(await this.#readMore())) throw new DamagedBackupError("it ends in the middle of a table");
    }
  }

  /**
   * Reads the rest of the stream and drops it, for gzip to check it: rows the database refused may
   * come from a file that is damaged further on, which is then the better explanation.
   *
   * @throws {DamagedBackupError} when the stream fails
   */
  async readToEnd(): Promise<void> {
    while (await this.#readMore()) this.#buffer = Buffer.alloc(0);
  }

  /** Where the end line starts in the buffer, or -1. */
  #endLine(): number {
    if (this.#buffer.subarray(0, END_LINE.length).equals(END_LINE)) return 0;
    const at = this.#buffer.indexOf(NEWLINE_END_LINE);
    return at < 0 ? -1 : at + 1;
  }

  async #readMore(): Promise<boolean> {
    if (this.#ended) return false;
    let next: IteratorResult<Buffer>;
    try {
      next = await this.#source.next();
    } catch (error) {
      throw new DamagedBackupError(error instanceof Error ? error.message : String(error));
    }
    if (next.done) {
      this.#ended = true;
      return false;
    }
    this.#buffer = this.#buffer.length === 0 ? next.value : Buffer.concat([this.#buffer, next.value]);
    return true;
  }
}
