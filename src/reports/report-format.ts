import { departmentName } from "../departments/department.ts";
import type { Bilingual, Locale } from "../i18n/bilingual.ts";
import { translate } from "../i18n/i18n.ts";
import { formatScore, shownScore } from "../lib/score-format.ts";
import { modeKey } from "../responses/message-families.ts";
import type { Grade } from "../scoring/index.ts";
import type { BreakdownAttribute } from "./groups.ts";
import { reportValueKey } from "./message-families.ts";
import type { Period } from "./period.ts";
import type { Change, ScoreWithInterval } from "./sections/totals.ts";

/**
 * A department's name in `locale`, from the report's own names (a code without a department record is
 * shown as it is).
 */
export function departmentLabel(
  names: Readonly<Record<string, Bilingual>>,
  code: string | null | undefined,
  locale: Locale,
): string {
  if (!code) return "";
  return departmentName(new Map(Object.entries(names)), code, locale);
}

/**
 * Display helpers of the report's views and tables: the only place numbers of a report are rounded.
 * Scores are cut to one decimal by lib/score-format.ts, never rounded up past a
 * grade boundary. Pure (the locale is passed in).
 */

export const fmt = {
  score: formatScore,
  decimal: (value: number | null | undefined, digits = 2) =>
    typeof value === "number" ? value.toFixed(digits) : "—",
  percent: (share: number | null | undefined) =>
    typeof share === "number" ? `${(share * 100).toFixed(1)}%` : "—",
  signed: (value: number | null | undefined, digits = 1) =>
    typeof value === "number"
      ? `${value > 0 ? "+" : value < 0 ? "−" : "±"}${Math.abs(value).toFixed(digits)}`
      : "—",
  /** "p = 0.012", or "p < 0.001" (never "p = 0.000", nor "p = < 0.001"). */
  p: (p: number | null) => (p === null ? "—" : p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`),
  count: (value: number) => new Intl.NumberFormat("en-US").format(value),
};

const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "2026年10月" / "October 2026", "2026年第4季度" / "Q4 2026", … */
export function periodLabel(period: Period, locale: Locale): string {
  const year = period.from.slice(0, 4);
  const month = Number(period.from.slice(5, 7));
  switch (period.kind) {
    case "month":
      return locale === "zh-CN" ? `${year}年${month}月` : `${MONTHS_EN[month - 1]} ${year}`;
    case "quarter": {
      const q = period.key.slice(-1);
      return locale === "zh-CN" ? `${year}年第${q}季度` : `Q${q} ${year}`;
    }
    case "year":
      return locale === "zh-CN" ? `${year}年` : year;
    default: {
      const last = period.key.split("..")[1] ?? period.to;
      return `${period.from} – ${last}`;
    }
  }
}

/** Short label for chart axes: "10月" / "Oct 26". */
export function periodShortLabel(period: Period, locale: Locale): string {
  if (period.kind === "month") {
    const month = Number(period.from.slice(5, 7));
    return locale === "zh-CN"
      ? `${period.from.slice(2, 4)}年${month}月`
      : `${(MONTHS_EN[month - 1] ?? "").slice(0, 3)} ${period.from.slice(2, 4)}`;
  }
  if (period.kind === "quarter") return locale === "zh-CN" ? period.key.replace("-", " ") : period.key;
  if (period.kind === "year") return period.key;
  return period.from.slice(5);
}

export const localized = (text: Bilingual | undefined, locale: Locale) => text?.[locale] ?? text?.en ?? "";

export function gradeLabel(grade: Grade | null, locale: Locale): string {
  return grade ? translate(locale, `report.grade.${grade}`) : "—";
}

export function breakdownValueLabel(
  attribute: BreakdownAttribute,
  value: string,
  locale: Locale,
  managerName?: string,
) {
  if (value === "") return translate(locale, "report.value.none");
  const key =
    attribute === "mode"
      ? modeKey.keyOf(value)
      : attribute === "customerType" || attribute === "activity"
        ? reportValueKey.keyOf(value)
        : undefined;
  if (key) return translate(locale, key);
  if (attribute === "manager") return managerName ?? `#${value}`;
  return value;
}

/** A change since the previous period in words: the difference, the test, and ▲/▼ when significant. */
export function changeView(change: Change | null, previous: Period, locale: Locale) {
  const vs = translate(locale, "report.vsPrevious", { period: periodLabel(previous, locale) });
  if (!change)
    return {
      text: translate(locale, "report.noPrevious", { period: periodLabel(previous, locale) }),
      marker: "",
    };
  const test =
    change.p === null
      ? translate(locale, "report.noTest")
      : translate(locale, change.significant ? "report.significant" : "report.notSignificant", {
          p: fmt.p(change.p),
        });
  return {
    text: `${fmt.signed(change.difference)} ${vs} · ${test}`,
    marker: change.direction === "up" ? "▲" : change.direction === "down" ? "▼" : "",
    direction: change.direction,
  };
}

/**
 * A score in a table: the number as the page shows it (lib/score-format.ts), so
 * the XLSX (a number with one decimal) and the CSV ("84.9") say what the page and the e-mail say.
 */
export interface ScoreCell {
  readonly score: number;
}

export const scoreCell = (score: number | null): ScoreCell | null =>
  score === null ? null : { score: shownScore(score) };

/** A score in a chart's data, as the page shows it (so a tooltip never says 85.0 of a score graded 一般). */
export const chartScore = (score: number | null): number | null =>
  score === null ? null : shownScore(score);

export const isScoreCell = (cell: unknown): cell is ScoreCell =>
  typeof cell === "object" && cell !== null && typeof (cell as ScoreCell).score === "number";

/**
 * A share (0 to 1) in a table, such as a level's share of an item's answers or the response rate: the
 * XLSX writes the fraction with a percentage format (Excel shows 0.123 as 12.3% and computes with the
 * fraction), the CSV the page's text ("12.3%").
 */
export interface PercentCell {
  readonly share: number;
}

/** Excel's number format of a PercentCell: one decimal, as the page shows a share. */
export const PERCENT_NUMBER_FORMAT = "0.0%";

export const percentCell = (share: number | null): PercentCell | null => (share === null ? null : { share });

export const isPercentCell = (cell: unknown): cell is PercentCell =>
  typeof cell === "object" && cell !== null && typeof (cell as PercentCell).share === "number";

/** A table cell as the CSV writes it: a score as shown ("85.0"), a share as shown ("12.3%"), anything else as it is. */
export const csvCell = (cell: string | number | null | ScoreCell | PercentCell): string | number | null =>
  isScoreCell(cell) ? formatScore(cell.score) : isPercentCell(cell) ? fmt.percent(cell.share) : cell;

/** The cells of a score row: score, grade, interval and whether it is withheld or flagged. */
export function scoreCells(row: ScoreWithInterval, locale: Locale) {
  const shown = row.score !== null;
  return {
    n: row.n,
    scoreText: fmt.score(row.score),
    grade: gradeLabel(row.grade, locale),
    gradeKey: row.grade ?? "none",
    // an interval is not graded: its bounds are rounded, to the scores' precision
    ci: shown && row.lower !== null ? `${fmt.decimal(row.lower, 1)} – ${fmt.decimal(row.upper, 1)}` : "—",
    caution: row.reportability === "caution",
    suppressed: row.reportability === "suppress",
  };
}
