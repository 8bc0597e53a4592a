/**
 * One CSV line (RFC 4180: quotes doubled, fields with commas, quotes or line breaks quoted), CRLF.
 * A text cell starting with = + - @ or a tab is prefixed with ' so a spreadsheet never runs it as a
 * formula (CSV injection); numbers are written as they are.
 */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

function csvCell(cell: string | number | null | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
