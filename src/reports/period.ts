import { addDays, isDay } from "../lib/time.ts";

/**
 * Report periods: a month (the default), a quarter, a year or a custom range of days. Pure: days are
 * calendar dates ("2026-10-01") in the organisation's time zone (src/lib/time.ts gives today there),
 * so no clock and no time zone are needed here.
 */

export type PeriodKind = "month" | "quarter" | "year" | "custom";

export interface Period {
  readonly kind: PeriodKind;
  /** "2026-10", "2026-Q4", "2026", or "2026-10-01..2026-10-15" */
  readonly key: string;
  /** First day, inclusive. */
  readonly from: string;
  /** The day after the last day (exclusive), so consecutive periods share a boundary. */
  readonly to: string;
}

const DAY_MS = 86_400_000;
const MAX_CUSTOM_DAYS = 3_660;

function toUtc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function monthStart(year: number, month0: number): string {
  return formatDay(new Date(Date.UTC(year, month0, 1)));
}

function month(year: number, month0: number): Period {
  const from = monthStart(year, month0);
  return { kind: "month", key: from.slice(0, 7), from, to: monthStart(year, month0 + 1) };
}

function quarter(year: number, index: number): Period {
  const normalizedYear = year + Math.floor(index / 4);
  const q = ((index % 4) + 4) % 4;
  return {
    kind: "quarter",
    key: `${normalizedYear}-Q${q + 1}`,
    from: monthStart(normalizedYear, q * 3),
    to: monthStart(normalizedYear, q * 3 + 3),
  };
}

function year(value: number): Period {
  return { kind: "year", key: String(value), from: monthStart(value, 0), to: monthStart(value + 1, 0) };
}

function custom(from: string, toExclusive: string): Period {
  return { kind: "custom", key: `${from}..${addDays(toExclusive, -1)}`, from, to: toExclusive };
}

/**
 * Reads a period: `2026-10` (month), `2026-Q4` (quarter), `2026` (year) or `2026-10-01..2026-10-15`
 * (custom, both days included). Returns undefined when the text is none of these.
 */
export function parsePeriod(text: string): Period | undefined {
  const value = text.trim();
  let match = /^(\d{4})-(\d{2})$/.exec(value);
  if (match) {
    const m = Number(match[2]);
    return m >= 1 && m <= 12 ? month(Number(match[1]), m - 1) : undefined;
  }
  match = /^(\d{4})-Q([1-4])$/i.exec(value);
  if (match) return quarter(Number(match[1]), Number(match[2]) - 1);
  match = /^(\d{4})$/.exec(value);
  if (match) return year(Number(match[1]));
  match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (match?.[1] && match[2] && isDay(match[1]) && isDay(match[2])) {
    const to = addDays(match[2], 1);
    const days = (toUtc(to).getTime() - toUtc(match[1]).getTime()) / DAY_MS;
    return days >= 1 && days <= MAX_CUSTOM_DAYS ? custom(match[1], to) : undefined;
  }
  return undefined;
}

/** The period of the given kind that contains `day`. */
export function periodContaining(kind: Exclude<PeriodKind, "custom">, day: string): Period {
  const date = toUtc(day);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  if (kind === "month") return month(y, m);
  if (kind === "quarter") return quarter(y, Math.floor(m / 3));
  return year(y);
}

/** The last complete period of a kind before `today` (last month by default): what a report is about. */
export function lastCompletePeriod(today: string, kind: Exclude<PeriodKind, "custom"> = "month"): Period {
  return previousPeriod(periodContaining(kind, today));
}

/** The period just before: the previous month, quarter or year, or a custom range of the same length. */
export function previousPeriod(period: Period): Period {
  const from = toUtc(period.from);
  if (period.kind === "month") return month(from.getUTCFullYear(), from.getUTCMonth() - 1);
  if (period.kind === "quarter") {
    return quarter(from.getUTCFullYear(), Math.floor(from.getUTCMonth() / 3) - 1);
  }
  if (period.kind === "year") return year(from.getUTCFullYear() - 1);
  const days = (toUtc(period.to).getTime() - from.getTime()) / DAY_MS;
  return custom(addDays(period.from, -days), period.from);
}

/** The `count` periods ending with `period`, oldest first (the trend). */
export function trailingPeriods(period: Period, count = 12): Period[] {
  const periods = [period];
  while (periods.length < count) periods.unshift(previousPeriod(periods[0] as Period));
  return periods;
}
