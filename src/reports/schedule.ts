import { formatDay, lastCompletePeriod, type Period } from "./period.ts";

/**
 * When scheduled reports are due, and which period each run reports. Pure: instants and time zones in,
 * instants out (the clock is passed in).
 *
 * A schedule runs on a day of the month (1–28, so every month has it) at a local time in the report
 * time zone: every month, every quarter (January, April, July, October) or every year (January), and
 * reports the last complete period of its cadence: "monthly on the 2nd at 08:00" sends last month's
 * report.
 */

export type Cadence = "monthly" | "quarterly" | "yearly";
export const CADENCES: readonly Cadence[] = ["monthly", "quarterly", "yearly"];

export interface ScheduleTiming {
  readonly cadence: Cadence;
  readonly dayOfMonth: number;
  readonly hour: number;
  readonly minute: number;
}

interface WallTime {
  year: number;
  /** 0-based */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock time of an instant in a time zone. */
export function wallTimeIn(instant: Date, timeZone: string): WallTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month) - 1,
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  };
}

/**
 * The instant at which a time zone's clocks show this wall time. In a spring-forward gap the time
 * does not exist and the instant after the gap is returned; in a fall-back overlap, the first one.
 */
export function zonedTimeToInstant(wall: WallTime, timeZone: string): Date {
  const target = Date.UTC(wall.year, wall.month, wall.day, wall.hour, wall.minute);
  const offsetAt = (instant: number) => {
    const shown = wallTimeIn(new Date(instant), timeZone);
    return Date.UTC(shown.year, shown.month, shown.day, shown.hour, shown.minute) - instant;
  };
  // The zone's offsets half a day either side: one of them is in force at the wall time.
  const before = target - offsetAt(target - 43_200_000);
  const after = target - offsetAt(target + 43_200_000);
  const matches = [before, after].filter((instant) => instant + offsetAt(instant) === target);
  // Overlap (clocks went back): the first. Gap (clocks went forward): the offset from before the gap,
  // which lands the same minutes after it.
  return new Date(matches.length > 0 ? Math.min(...matches) : before);
}

function runsInMonth(cadence: Cadence, month0: number): boolean {
  if (cadence === "monthly") return true;
  if (cadence === "quarterly") return month0 % 3 === 0;
  return month0 === 0;
}

/** The first run strictly after `after`. */
export function nextRunAfter(timing: ScheduleTiming, after: Date, timeZone: string): Date {
  const now = wallTimeIn(after, timeZone);
  for (let offset = 0; offset <= 24; offset += 1) {
    const month = now.month + offset;
    const year = now.year + Math.floor(month / 12);
    const month0 = ((month % 12) + 12) % 12;
    if (!runsInMonth(timing.cadence, month0)) continue;
    const instant = zonedTimeToInstant(
      { year, month: month0, day: timing.dayOfMonth, hour: timing.hour, minute: timing.minute },
      timeZone,
    );
    if (instant.getTime() > after.getTime()) return instant;
  }
  throw new RangeError("nextRunAfter: no run within two years");
}

/** The period a run at this instant reports: the last complete month, quarter or year. */
export function periodForRun(cadence: Cadence, runAt: Date, timeZone: string): Period {
  const wall = wallTimeIn(runAt, timeZone);
  const today = formatDay(new Date(Date.UTC(wall.year, wall.month, wall.day)));
  return lastCompletePeriod(
    today,
    cadence === "monthly" ? "month" : cadence === "quarterly" ? "quarter" : "year",
  );
}

/**
 * The runs due by `now`, oldest first, starting with `nextRunAt`: every one missed while the app was
 * down is still sent (each reports its own period), at most `limit` of them.
 */
export function dueRuns(
  timing: ScheduleTiming,
  nextRunAt: Date,
  now: Date,
  timeZone: string,
  limit = 12,
): Date[] {
  const due: Date[] = [];
  let run = nextRunAt;
  while (run.getTime() <= now.getTime() && due.length < limit) {
    due.push(run);
    run = nextRunAfter(timing, run, timeZone);
  }
  return due;
}
