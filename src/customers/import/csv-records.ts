/** One record of a CSV file with the line it starts on (1-based), or why that record is unreadable. */
export type CsvRecordResult =
  | { line: number; cells: string[]; error?: undefined }
  | { line: number; cells?: undefined; error: string };

/**
 * Splits CSV text (RFC 4180: commas, CRLF/LF/CR line ends, quoted cells with "" for a quote and line
 * breaks inside) into records, each with the line it starts on. A leading BOM is ignored, blank lines
 * are skipped. A broken record is reported on its own and reading goes on at the next line: text
 * after a closing quote makes the rest of that line one bad record; a quote that is never closed makes
 * its starting line bad and reading restarts on the line after it, so one stray quote cannot swallow
 * the rest of the file. A quote inside an unquoted cell is kept as it is (5"6 stays 5"6).
 *
 * A single pass over the text, fast enough for 100,000 rows in well under a second.
 */
export function* csvRecords(input: string): Generator<CsvRecordResult> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const length = text.length;
  let pos = 0;
  let line = 1;
  while (pos < length) {
    const startLine = line;
    const startPos = pos;
    const cells: string[] = [];
    let error: string | undefined;
    let unclosed = false;
    // one record
    for (;;) {
      if (text.charCodeAt(pos) === 34 /* " */) {
        // quoted cell
        let value = "";
        let from = pos + 1;
        let closed = false;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) break;
          value += text.slice(from, quote);
          if (text.charCodeAt(quote + 1) === 34) {
            value += '"';
            from = quote + 2;
            continue;
          }
          pos = quote + 1;
          closed = true;
          break;
        }
        if (!closed) {
          unclosed = true;
          break;
        }
        // count the line breaks inside the quotes
        for (let i = value.indexOf("\n"); i !== -1; i = value.indexOf("\n", i + 1)) line++;
        for (let i = value.indexOf("\r"); i !== -1; i = value.indexOf("\r", i + 1))
          if (value.charCodeAt(i + 1) !== 10) line++;
        // spaces may follow the closing quote; anything else is an error
        while (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9) pos++;
        const next = text.charCodeAt(pos);
        cells.push(value);
        if (next === 44 /* , */) {
          pos++;
          continue;
        }
        if (pos >= length || next === 10 || next === 13) break;
        error = `text after a closing quote in cell ${cells.length}`;
        break;
      }
      // unquoted cell: up to the next comma or line end
      let end = pos;
      while (end < length) {
        const c = text.charCodeAt(end);
        if (c === 44 || c === 10 || c === 13) break;
        end++;
      }
      cells.push(text.slice(pos, end));
      pos = end;
      if (text.charCodeAt(pos) === 44) {
        pos++;
        continue;
      }
      break;
    }
    if (unclosed) {
      // report the starting line and read again from the line after it
      yield { line: startLine, error: "a quoted cell is never closed" };
      const nextLine = nextLineStart(text, startPos);
      pos = nextLine;
      line = startLine + 1;
      continue;
    }
    if (error !== undefined) {
      pos = skipToLineEnd(text, pos);
    }
    // consume the line end
    if (text.charCodeAt(pos) === 13) pos++;
    if (text.charCodeAt(pos) === 10) pos++;
    const endLine = line;
    line++;
    if (error !== undefined) {
      yield { line: startLine, error };
      continue;
    }
    if (cells.length === 1 && cells[0]?.trim() === "" && endLine === startLine) continue;
    yield { line: startLine, cells };
  }
}

function skipToLineEnd(text: string, from: number): number {
  let pos = from;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 10 || c === 13) break;
    pos++;
  }
  return pos;
}

function nextLineStart(text: string, from: number): number {
  let pos = skipToLineEnd(text, from);
  if (text.charCodeAt(pos) === 13) pos++;
  if (text.charCodeAt(pos) === 10) pos++;
  return pos;
}

/**
 * Decodes an uploaded file: UTF-8 (with or without BOM); when the bytes are not valid UTF-8, GB18030
 * (a superset of GBK, what Excel in Chinese writes for "CSV (逗号分隔)"). `undefined` when neither fits.
 */
export function decodeCsvBytes(
  bytes: Uint8Array,
): { text: string; encoding: "utf-8" | "gb18030" } | undefined {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    try {
      return { text: new TextDecoder("gb18030", { fatal: true }).decode(bytes), encoding: "gb18030" };
    } catch {
      return undefined;
    }
  }
}
