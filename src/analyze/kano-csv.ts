import {
  type ContinuousKano,
  continuousKano,
  type KanoPair,
  type KanoRule,
  type KanoSummary,
  summarizeKano,
  tallyKano,
} from "../scoring/index.ts";
import {
  type BadRow,
  type CsvRecord,
  columnCountProblem,
  findColumns,
  NoUsableRowsError,
  RESPONDENT_COLUMN,
  type RowResult,
  readCsv,
} from "./csv.ts";
import { parseKanoAnswer } from "./labels.ts";

/** One feature's answer pairs read from a Kano CSV. */
export interface KanoFeaturePairs {
  readonly feature: string;
  readonly pairs: readonly KanoPair[];
}

export interface KanoCsv {
  readonly features: readonly KanoFeaturePairs[];
  readonly badRows: readonly BadRow[];
}

/** One feature's result. `continuous` is null with fewer than 2 answer pairs. */
export interface KanoFeatureAnalysis extends KanoSummary {
  readonly feature: string;
  readonly continuous: ContinuousKano | null;
}

/** What `manyi analyze kano` reports (and prints with --json). Numbers are unrounded. */
export interface KanoAnalysis {
  readonly kind: "kano";
  readonly rule: KanoRule;
  readonly features: readonly KanoFeatureAnalysis[];
  readonly badRows: readonly BadRow[];
}

const COLUMNS = {
  respondent: { names: RESPONDENT_COLUMN, required: false },
  feature: { names: ["feature", "attribute", "requirement", "功能", "属性", "需求", "特性"], required: true },
  functional: {
    names: ["functional", "functional answer", "正向", "正向问题", "具备时", "有此功能"],
    required: true,
  },
  dysfunctional: {
    names: ["dysfunctional", "dysfunctional answer", "反向", "反向问题", "不具备时", "无此功能"],
    required: true,
  },
} as const;

const ANSWER_HINT = "like, must-be, neutral, live-with, dislike, or 喜欢, 理应如此, 无所谓, 能忍受, 不喜欢";

function readPairRow(
  record: CsvRecord,
  header: CsvRecord,
  columns: Record<keyof typeof COLUMNS, number>,
): RowResult<{ feature: string; respondent: string | null; pair: KanoPair }> {
  const problem = columnCountProblem(record, header);
  if (problem !== null) return { ok: false, reason: problem };
  const feature = record.cells[columns.feature] ?? "";
  if (feature === "") return { ok: false, reason: "empty feature" };
  const functionalCell = record.cells[columns.functional] ?? "";
  const dysfunctionalCell = record.cells[columns.dysfunctional] ?? "";
  const functional = parseKanoAnswer(functionalCell);
  if (!functional.ok) {
    return { ok: false, reason: `unrecognised functional answer "${functionalCell}" (use ${ANSWER_HINT})` };
  }
  const dysfunctional = parseKanoAnswer(dysfunctionalCell);
  if (!dysfunctional.ok) {
    return {
      ok: false,
      reason: `unrecognised dysfunctional answer "${dysfunctionalCell}" (use ${ANSWER_HINT})`,
    };
  }
  const respondent = columns.respondent === -1 ? null : (record.cells[columns.respondent] ?? "");
  if (respondent === "") return { ok: false, reason: "empty respondent id" };
  return {
    ok: true,
    value: {
      feature,
      respondent,
      pair: { functional: functional.value, dysfunctional: dysfunctional.value },
    },
  };
}

/**
 * Reads a long-format Kano CSV: one row per respondent and feature, columns `respondent` (optional),
 * `feature`, `functional`, `dysfunctional` (Chinese headers 受访者, 功能, 正向, 反向 also work).
 * Answers in English or Chinese (see `parseKanoAnswer`). Rows with an unrecognised or missing answer,
 * an empty feature, a wrong number of columns or a repeated respondent × feature are bad rows.
 *
 * @throws {CsvFileError} when a required column is missing
 */
export function parseKanoCsv(text: string): KanoCsv {
  const { header, records, badRows: unreadable } = readCsv(text);
  const columns = findColumns(header, COLUMNS);
  const badRows: BadRow[] = [...unreadable];
  const features = new Map<string, KanoPair[]>();
  const firstLine = new Map<string, number>();
  for (const record of records) {
    const row = readPairRow(record, header, columns);
    if (!row.ok) {
      badRows.push({ line: record.line, reason: row.reason });
      continue;
    }
    const { feature, respondent, pair } = row.value;
    if (respondent !== null) {
      const key = JSON.stringify([respondent, feature]);
      const earlier = firstLine.get(key);
      if (earlier !== undefined) {
        badRows.push({
          line: record.line,
          reason: `respondent "${respondent}" already answered "${feature}" on line ${earlier}`,
        });
        continue;
      }
      firstLine.set(key, record.line);
    }
    const pairs = features.get(feature) ?? [];
    pairs.push(pair);
    features.set(feature, pairs);
  }
  badRows.sort((left, right) => left.line - right.line);
  return { features: [...features].map(([feature, pairs]) => ({ feature, pairs })), badRows };
}

/**
 * Reads a Kano CSV and summarizes every feature: category counts, category (mode or oam rule),
 * Better/Worse, Fong test, category and total strength, continuous (DuMouchel) means.
 *
 * @throws {CsvFileError} when a required column is missing
 * @throws {NoUsableRowsError} when no row could be analysed
 */
export function analyzeKanoCsv(text: string, rule: KanoRule = "mode"): KanoAnalysis {
  const { features, badRows } = parseKanoCsv(text);
  if (features.length === 0) throw new NoUsableRowsError(badRows);
  return {
    kind: "kano",
    rule,
    features: features.map(({ feature, pairs }) => ({
      feature,
      ...summarizeKano(tallyKano(pairs), { rule }),
      continuous: pairs.length >= 2 ? continuousKano(pairs) : null,
    })),
    badRows,
  };
}
