/**
 * Dates and times in the organisation's time zone (the `TIME_ZONE` setting). Pure: the zone and the
 * current instant are always passed in; nothing here reads the environment or the clock.
 *
 * Three kinds of value, never mixed up:
 * - an *instant* (`Date`): a point in time, what the database stores (timestamptz);
 * - a *day* (`"2026-12-10"`): a calendar date, meaning the whole day in the organisation's zone;
 * - a *wall time* ({@link WallTime}): what the clocks on the wall show in a zone.
 *
 * The zones' rules come from date-fns-tz (over the runtime's tz database). Its `fromZonedTime`
 * resolves a wall time that happens twice (clocks going back) or never (clocks going forward)
 * differently from zone to zone, so {@link wallTimeToInstant} resolves them itself with the rule of
 * RFC 5545 and of Temporal's "compatible" disambiguation: the earlier of two; for a skipped time, the
 * same minutes after the gap. Text for people is formatted by `Intl.DateTimeFormat` (the locales' own
 * date styles) in the zone.
 */
import { formatInTimeZone } from "date-fns-tz";

/** The clock on the wall in a zone; `month` is 1–12. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const HALF_DAY_MS = 43_200_000;

/**
 * Whether the runtime knows an IANA time zone such as `Asia/Shanghai`.
 * @example isTimeZone("Asia/Shanghai") // true
 */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Whether the text is a real calendar day `YYYY-MM-DD` (not 2026-02-30). */
export function isDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The day an instant falls on in a zone.
 * @example dayIn(new Date("2026-12-10T16:30:00Z"), "Asia/Shanghai") // "2026-12-11"
 */
export function dayIn(instant: Date, timeZone: string): string {
  return formatInTimeZone(instant, timeZone, "yyyy-MM-dd");
}

/** Today in a zone, `now` being the current instant: `todayIn("Asia/Shanghai", now)`. */
export function todayIn(timeZone: string, now: Date): string {
  return dayIn(now, timeZone);
}

/** The calendar day `days` after (or before, when negative) a day. */
export function addDays(day: string, days: number): string {
  // whole UTC days: UTC has no daylight saving, so a day is always 86,400,000 ms there
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The wall time an instant shows in a zone (to the minute). */
export function wallTimeIn(instant: Date, timeZone: string): WallTime {
  const [year, month, day, hour, minute] = formatInTimeZone(instant, timeZone, "yyyy M d H m")
    .split(" ")
    .map(Number) as [number, number, number, number, number];
  return { year, month, day, hour, minute };
}

/**
 * The instant at which a zone's clocks show this wall time. When the clocks go back the wall time
 * happens twice: the first is returned. When they go forward it never happens: the instant as many
 * minutes after the gap as the time lies inside it (02:30 in a 02:00–03:00 gap is 03:30).
 * @example wallTimeToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, "America/New_York")
 * // 2026-11-01T05:30:00Z (01:30 EDT, not the 01:30 EST an hour later)
 */
export function wallTimeToInstant(wall: WallTime, timeZone: string): Date {
  const target = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // Zones change their offset at most once in a day: one of the offsets half a day either side is
  // in force at the wall time, and both are when it happens twice.
  const before = target - offsetAt(target - HALF_DAY_MS, timeZone);
  const after = target - offsetAt(target + HALF_DAY_MS, timeZone);
  const matches = [before, after].filter((instant) => instant + offsetAt(instant, timeZone) === target);
  // None matches in a gap: the offset from before the gap lands the same minutes after it.
  return new Date(matches.length > 0 ? Math.min(...matches) : before);
}

/** The first instant of a day in a zone (midnight, or the end of a gap where midnight is skipped). */
export function startOfDayIn(day: string, timeZone: string): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return wallTimeToInstant({ year, month, day: date, hour: 0, minute: 0 }, timeZone);
}

/**
 * The last instant (millisecond) of a day in a zone: a wave "closing on 10 December" takes answers
 * until this instant and is closed from the next day's midnight.
 * @example endOfDayIn("2026-12-10", "Asia/Shanghai") // 2026-12-10T15:59:59.999Z
 */
export function endOfDayIn(day: string, timeZone: string): Date {
  return new Date(startOfDayIn(addDays(day, 1), timeZone).getTime() - 1);
}

/**
 * Reads a date typed by a person or sent by a client: a day (`2026-12-10`, the start or the end of
 * that day in the zone, as `edge` says), a local date and time (`2026-12-10T18:00`, in the zone), or
 * an instant with its offset (`2026-12-10T10:00:00Z`, `…+08:00`). Undefined for anything else.
 */
export function parseDateIn(text: string, timeZone: string, edge: "start" | "end"): Date | undefined {
  const value = text.trim();
  if (DAY.test(value)) {
    if (!isDay(value)) return undefined;
    return edge === "start" ? startOfDayIn(value, timeZone) : endOfDayIn(value, timeZone);
  }
  const local = LOCAL_DATE_TIME.exec(value);
  if (local) {
    const [year, month, day, hour, minute, second] = local.slice(1).map((part) => Number(part ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (!isDay(`${local[1]}-${local[2]}-${local[3]}`) || hour > 23 || minute > 59 || second > 59)
      return undefined;
    return new Date(
      wallTimeToInstant({ year, month, day, hour, minute }, timeZone).getTime() + second * 1000,
    );
  }
  if (!/^\d{4}-\d{2}-\d{2}T.*(?:Z|[+-]\d{2}:?\d{2})$/i.test(value)) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/** A date for people in their language, in the zone: "2026年12月10日", "December 10, 2026". */
export function formatDate(instant: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }).format(instant);
}

/**
 * A date and time for people in their language, in the zone: "2026年12月10日 18:00",
 * "Dec 10, 2026, 6:00 PM".
 */
export function formatDateTime(instant: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    instant,
  );
}

/**
 * The zone's offset from UTC at an instant, in ms. (date-fns-tz's `getTimezoneOffset` reads its date
 * as a wall time, which is off by an hour around a change of offset.)
 */
function offsetAt(instant: number, timeZone: string): number {
  const shown = formatInTimeZone(new Date(instant), timeZone, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
  return Date.parse(shown) - instant;
}
