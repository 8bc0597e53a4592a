import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { KanoRule } from "../scoring/index.ts";
import { CsvFileError, NoUsableRowsError } from "./csv.ts";
import { formatBadRows, formatKanoAnalysis, formatScoreAnalysis, formatServqualAnalysis } from "./format.ts";
import { analyzeKanoCsv } from "./kano-csv.ts";
import { analyzeScoreCsv } from "./score-csv.ts";
import { analyzeServqualCsv, parseWeights } from "./servqual-csv.ts";

/** The kinds of analysis `manyi analyze` runs. */
export const ANALYZE_KINDS = ["score", "kano", "servqual"] as const;
export type AnalyzeKind = (typeof ANALYZE_KINDS)[number];

export interface AnalyzeOptions {
  readonly json?: boolean;
  /** servqual: importance points, e.g. "reliability=32,responsiveness=22,…". */
  readonly weights?: string;
  /** kano: "mode" (default) or "oam". */
  readonly rule?: string;
}

/** Where `runAnalyze` reads and writes, so tests need no real process. */
export interface AnalyzeIo {
  readFile(path: string): Uint8Array;
  stdout(text: string): void;
  stderr(text: string): void;
}

const nodeIo: AnalyzeIo = {
  readFile: (path) => readFileSync(path),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

class AnalyzeError extends Error {}

function readText(file: string, io: AnalyzeIo): string {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES"
            ? "permission denied"
            : (error as Error).message;
    throw new AnalyzeError(`cannot read ${file}: ${why}`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AnalyzeError(`${file} is not UTF-8 text (save it as "CSV UTF-8")`);
  }
}

function analyze(kind: AnalyzeKind, text: string, options: AnalyzeOptions) {
  switch (kind) {
    case "score":
      return analyzeScoreCsv(text);
    case "kano": {
      const rule = options.rule ?? "mode";
      if (rule !== "mode" && rule !== "oam")
        throw new AnalyzeError(`--rule must be "mode" or "oam", got "${rule}"`);
      return analyzeKanoCsv(text, rule as KanoRule);
    }
    case "servqual":
      return analyzeServqualCsv(
        text,
        options.weights === undefined ? undefined : parseWeights(options.weights),
      );
  }
}

/**
 * Runs `manyi analyze <kind> <file>`: reads the CSV, analyses the good rows, prints a table (bad rows
 * to stderr) or, with `json`, one JSON document with a `badRows` array.
 *
 * @returns the exit code: 0 when something was analysed, 1 (with a one-line message on stderr) for an
 *   unknown kind, a missing or unreadable file, an unusable header, bad options or no usable rows
 */
export function runAnalyze(
  kind: string,
  file: string,
  options: AnalyzeOptions,
  io: AnalyzeIo = nodeIo,
): number {
  try {
    if (!(ANALYZE_KINDS as readonly string[]).includes(kind)) {
      throw new AnalyzeError(`unknown kind "${kind}" (use ${ANALYZE_KINDS.join(", ")})`);
    }
    const analysis = analyze(kind as AnalyzeKind, readText(file, io), options);
    if (options.json) {
      const { kind: analysed, ...result } = analysis;
      io.stdout(`${JSON.stringify({ kind: analysed, file, ...result }, null, 2)}\n`);
      return 0;
    }
    if (analysis.kind === "score") io.stdout(formatScoreAnalysis(analysis, file));
    else if (analysis.kind === "kano") io.stdout(formatKanoAnalysis(analysis, file));
    else io.stdout(formatServqualAnalysis(analysis, file));
    io.stderr(formatBadRows(analysis.badRows));
    return 0;
  } catch (error) {
    if (error instanceof NoUsableRowsError) {
      io.stderr(`manyi analyze: ${file}: ${error.message}\n`);
      return 1;
    }
    if (error instanceof CsvFileError) {
      io.stderr(`manyi analyze: ${file}: ${error.message}\n`);
      return 1;
    }
    if (error instanceof AnalyzeError || error instanceof RangeError) {
      io.stderr(`manyi analyze: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

const COLUMNS_HELP = `
Kinds and CSV columns (UTF-8, with or without BOM; full description in seeds/analyze/README.md):
  score     one row per respondent: [respondent,] Q1[诚心], Q2[诚信], …
            answers 非常满意/满意/基本满意/不满意, very satisfied…, very_satisfied…, or 100/90/75/60;
            empty, "-", n/a or 不适用 = not answered (excluded, never 0)
  kano      one row per respondent and feature: [respondent,] feature, functional, dysfunctional
            answers like/must-be/neutral/live-with/dislike or 喜欢/理应如此/无所谓/能忍受/不喜欢
  servqual  one row per respondent and item: [respondent,] item, dimension, expectation, perception
            dimensions reliability/assurance/tangibles/empathy/responsiveness (or 信赖度/专业度/有形度/同理度/反应度)

Bad rows are reported with their line numbers and left out; the other rows are analysed.
Exit code 0 when something was analysed, 1 otherwise.`;

/** Adds `analyze <kind> <file>` to the manyi CLI. */
export function registerAnalyzeCommand(program: Command): void {
  program
    .command("analyze")
    .description("analyse satisfaction data from a CSV file: score, kano or servqual")
    .argument("<kind>", `what to compute: ${ANALYZE_KINDS.join(", ")}`)
    .argument("<file>", "the CSV file")
    .option("--json", "print the result as JSON (unrounded numbers, badRows array)")
    .option(
      "--weights <points>",
      "servqual: importance points, e.g. reliability=32,responsiveness=22,assurance=19,empathy=16,tangibles=11",
    )
    .option("--rule <rule>", "kano: mode (default, ties M > O > A > I) or oam ((O+A+M) vs (I+R+Q))")
    .addHelpText("after", COLUMNS_HELP)
    .action((kind: string, file: string, options: AnalyzeOptions) => {
      process.exitCode = runAnalyze(kind, file, options);
    });
}
