import { readFile } from "node:fs/promises";
import path from "node:path";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import type { Kysely } from "kysely";
import type pg from "pg";
import type { Database } from "../../db/database.ts";
import { startProcessPresence } from "../../jobs/process-presence.ts";
import { describeProblem } from "../customer.ts";
import { listImportIssues } from "./customer-import.repository.ts";
import {
  createImport,
  ImportFileError,
  loadImport,
  MappingError,
  mapImport,
  runImport,
} from "./customer-import.service.ts";
import { applyMappingOverrides, describeMappingProblem, MappingSyntaxError } from "./customer-import.ts";

/** Bad rows printed on the terminal; all of them are in the console's report and its CSV download. */
const BAD_ROWS_SHOWN = 100;

interface ImportOptions {
  mapping?: string;
  as?: string;
  dryRun?: boolean;
}

type WithDatabase = <T>(work: (db: Kysely<Database>, pool: pg.Pool) => Promise<T>) => Promise<T>;

const out = (line = "") => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `manyi import customers <file.csv> [--mapping "header=target,…"] [--as username] [--dry-run]`: the
 * console's import from a shell, with a progress bar, a summary and the bad rows with their line
 * numbers. Exit code 0 when customers were imported (bad rows are reported, not fatal), 1 when the
 * file cannot be used at all (not text, no header, no usable column mapping, no good row).
 */
export function registerImportCommand(program: Command, withDatabase: WithDatabase) {
  const command = program.command("import").description("load data from files");
  command
    .command("customers")
    .description("import or update customers from a CSV file (UTF-8, Chinese or English headers)")
    .argument("<file>", "the CSV file")
    .option(
      "--mapping <pairs>",
      'override the suggested column mapping: "header=target,…" with targets externalRef, name, email, phone, customerType, channel, valueTier, activity, region, manager, locale, optedOut, attr:<name>, or empty to ignore',
    )
    .option("--as <username>", "record the import as done by this staff user")
    .option("--dry-run", "check every row and report, without changing any customer")
    .action(async (file: string, options: ImportOptions) => {
      process.exitCode = await withDatabase((db, pool) => importCustomers(db, pool, file, options));
    });
}

async function importCustomers(
  db: Kysely<Database>,
  pool: pg.Pool,
  file: string,
  options: ImportOptions,
): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    err(`manyi: cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  let createdBy: number | null = null;
  if (options.as) {
    const user = await db
      .selectFrom("staff_user")
      .select("id")
      .where("username", "=", options.as)
      .executeTakeFirst();
    if (!user) {
      err(`manyi: no staff account named "${options.as}"`);
      return 1;
    }
    createdBy = user.id;
  }
  let id: number;
  try {
    id = await createImport(db, { name: path.basename(file), bytes }, "cli", createdBy);
  } catch (error) {
    if (error instanceof ImportFileError) {
      err(`manyi: ${file}: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const found = await loadImport(db, id);
  let mapping: ReturnType<typeof applyMappingOverrides>;
  try {
    mapping = applyMappingOverrides(found.header, options.mapping ?? "");
  } catch (error) {
    if (!(error instanceof MappingSyntaxError)) throw error;
    err(`manyi: --mapping: ${error.message}`);
    await db.deleteFrom("customer_import").where("id", "=", id).execute();
    return 1;
  }
  out(`${path.basename(file)}: ${found.totalRows} rows (${found.encoding}). Columns:`);
  found.header.forEach((header, index) => {
    out(`  ${header || `(column ${index + 1})`} → ${mapping[index] || "(ignored)"}`);
  });
  let preview: Awaited<ReturnType<typeof mapImport>>;
  try {
    preview = await mapImport(db, id, mapping, new Date(), { sample: 0, issues: BAD_ROWS_SHOWN });
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    for (const problem of error.problems) err(`manyi: mapping: ${describeMappingProblem(problem)}`);
    err('Fix it with --mapping "header=target,…"');
    await db.deleteFrom("customer_import").where("id", "=", id).execute();
    return 1;
  }
  if (options.dryRun || preview.goodRows === 0) {
    await db.deleteFrom("customer_import").where("id", "=", id).execute();
    out(`Dry run: ${preview.goodRows} rows would be imported, ${preview.badRows} bad rows would be skipped.`);
    printBadRows(preview.issues, preview.badRows);
    if (preview.goodRows === 0) {
      err("manyi: no row of the file can be imported");
      return 1;
    }
    return 0;
  }
  const bar = new SingleBar({
    format: "Importing |{bar}| {percentage}% · {value}/{total} rows · {duration}s",
    stream: process.stderr,
    hideCursor: true,
  });
  if (process.stderr.isTTY) bar.start(found.totalRows, 0);
  const started = Date.now();
  // The CLI has no job worker: it runs the import itself, claimed under a presence of its own, so a
  // running app leaves the import alone while this command lives and resumes it if it is killed.
  const presence = await startProcessPresence(pool, { warn: (message: string) => err(`manyi: ${message}`) });
  let done: Awaited<ReturnType<typeof runImport>>;
  try {
    done = await runImport(db, id, presence.id, {
      onProgress: (processed) => {
        if (process.stderr.isTTY) bar.update(processed);
      },
    });
  } finally {
    await presence.stop();
  }
  if (process.stderr.isTTY) bar.stop();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  out(
    `Imported ${done.insertedRows + done.updatedRows} customers in ${seconds} s: ${done.insertedRows} new, ${done.updatedRows} updated; ${done.badRows} bad rows skipped.`,
  );
  out(`Import #${id}; its customers are the customer list #${done.listId} (a wave can target it).`);
  const issues = await listImportIssues(db, id, { limit: BAD_ROWS_SHOWN, offset: 0 });
  printBadRows(issues, done.badRows, id);
  return 0;
}

function printBadRows(
  issues: { line: number; externalRef: string | null; problems: Parameters<typeof describeProblem>[0][] }[],
  total: number,
  importId?: number,
) {
  if (total === 0) return;
  err(`${total} bad row${total === 1 ? "" : "s"} skipped:`);
  for (const issue of issues) {
    err(
      `  line ${issue.line}${issue.externalRef ? ` (${issue.externalRef})` : ""}: ${issue.problems.map(describeProblem).join("; ")}`,
    );
  }
  if (total > issues.length) {
    err(
      `  … and ${total - issues.length} more${importId ? ` (all of them: /admin/customers/import/${importId}/issues.csv)` : ""}`,
    );
  }
}
