import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DamagedBackupError, SectionReader } from "../../../src/backup/section-reader.ts";

/** The text cut into pieces of `size` bytes, as gunzip may hand it on. */
async function* pieces(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function* failing(text: string, error: Error): AsyncGenerator<Buffer> {
  yield Buffer.from(text);
  throw error;
}

function collector(): { target: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const target = new Writable({
    highWaterMark: 4,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      setImmediate(callback);
    },
  });
  return { target, text: () => Buffer.concat(chunks).toString("utf8") };
}

const noFailure = () => undefined;

// Two tables' COPY text: values with escaped backslashes, tabs and newlines, Chinese text, an empty table.
const first = "1\t张三\ta\\\\.b\n2\t\\\\.\tline\\nbreak\n";
const backup = `manyi-backup\n{"h":1}\n${first}\\.\n\\.\n{"rows":2}\n`;

describe("SectionReader", () => {
  it.each([1, 2, 3, 5, 7, 64, 4096])(
    "splits lines and tables the same for pieces of %i bytes",
    async (size) => {
      const reader = new SectionReader(pieces(backup, size));
      expect(await reader.readLine()).toBe("manyi-backup");
      expect(await reader.readLine()).toBe('{"h":1}');
      const one = collector();
      await reader.copySectionTo(one.target, noFailure);
      expect(one.text()).toBe(first);
      const empty = collector();
      await reader.copySectionTo(empty.target, noFailure);
      expect(empty.text()).toBe("");
      expect(await reader.readLine()).toBe('{"rows":2}');
      expect(await reader.readLine()).toBeUndefined();
    },
  );

  it("takes an escaped backslash and dot inside a row for data, not for the end of the table", async () => {
    const reader = new SectionReader(pieces("\\\\.\n\\.\nrest\n", 2));
    const rows = collector();
    await reader.copySectionTo(rows.target, noFailure);
    expect(rows.text()).toBe("\\\\.\n");
    expect(await reader.readLine()).toBe("rest");
  });

  it("calls a stream that ends inside a table or a line damaged", async () => {
    const cutInTable = new SectionReader(pieces("1\tone\n2\ttw", 3));
    await expect(cutInTable.copySectionTo(collector().target, noFailure)).rejects.toThrow(DamagedBackupError);
    const cutInLine = new SectionReader(pieces('{"rows"', 3));
    await expect(cutInLine.readLine()).rejects.toThrow("it ends in the middle of a line");
  });

  it("passes on a failure of the source (gzip's check) as damage", async () => {
    const reader = new SectionReader(failing("1\tone\n", new Error("incorrect data check")));
    await expect(reader.copySectionTo(collector().target, noFailure)).rejects.toThrow(
      new DamagedBackupError("incorrect data check"),
    );
  });

  it("stops writing once the target has failed, with the target's error", async () => {
    const refused = new Error("the server refused a row");
    const reader = new SectionReader(pieces("1\n2\n3\n\\.\n", 2));
    const rows = collector();
    let writes = 0;
    await expect(
      reader.copySectionTo(rows.target, () => (writes++ > 0 ? refused : undefined)),
    ).rejects.toThrow(refused);
    expect(rows.text()).toBe("1\n");
  });

  it("refuses a line longer than asked for", async () => {
    const reader = new SectionReader(pieces(`${"x".repeat(100)}\n`, 10));
    await expect(reader.readLine(64)).rejects.toThrow(DamagedBackupError);
  });
});
