import { z } from "zod";

/**
 * A manyi backup is one gzip stream of text:
 *
 *     manyi-backup                       the first line, always
 *     {header}                           one line of JSON: what follows and how to rebuild the schema
 *     COPY text of table 1               the rows, exactly as PostgreSQL's COPY … TO writes them
 *     \.                                 the end of that table's rows
 *     …                                  one such block per table, in the header's order
 *     {trailer}                          one line of JSON: the number of rows written per table
 *
 * COPY's text format escapes every backslash, newline and carriage return inside a value, so a line
 * that is exactly `\.` can only be an end mark (PostgreSQL's own end-of-data line). The trailer comes
 * last, so a file cut short is always seen as incomplete, besides gzip's own length and CRC check.
 */
export const BACKUP_MAGIC = "manyi-backup";
export const BACKUP_FORMAT = 1;
export const END_OF_TABLE = "\\.";

const identifier = z.string().min(1).max(63);

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  /** the server and database it was taken from, for people */
  source: z.object({ server: z.string(), database: z.string() }),
  /** the manyi migrations applied, in order: a restore migrates an empty database to the last one */
  migrations: z.array(z.string()),
  /** pg-boss's schema, when it existed: its version and the queues that have a table */
  jobQueue: z.object({ schemaVersion: z.number().int(), queues: z.array(z.string()) }).nullable(),
  /** every table, in an order in which its rows can be loaded (a table after those it refers to) */
  tables: z.array(z.object({ schema: identifier, name: identifier, columns: z.array(identifier).min(1) })),
  /** every sequence and its position (bigint as text), set once the rows are in */
  sequences: z.array(
    z.object({
      schema: identifier,
      name: identifier,
      lastValue: z.string().regex(/^-?\d+$/),
      isCalled: z.boolean(),
    }),
  ),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;
export type BackupTable = BackupHeader["tables"][number];

export const backupTrailerSchema = z.object({
  /** rows written per table, by `schema.name` */
  rows: z.record(z.string(), z.number().int().nonnegative()),
});
export type BackupTrailer = z.infer<typeof backupTrailerSchema>;

/** `schema.name`, as the trailer counts rows by. */
export function tableKey(table: { schema: string; name: string }): string {
  return `${table.schema}.${table.name}`;
}

/** The header's format number without checking the rest (a newer format is named as such). */
export function formatOf(header: unknown): unknown {
  return typeof header === "object" && header !== null ? (header as { format?: unknown }).format : undefined;
}
