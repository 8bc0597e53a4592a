import { dayIn, wallTimeIn, wallTimeToInstant } from "../lib/time.ts";
import { lastCompletePeriod, type Period } from "./period.ts";

/**
 * When scheduled reports are due, and which period each run reports. Pure: instants and time zones in,
 * instants out (the clock is passed in).
 *
 * A schedule runs on a day of the month (1–28, so every month has it) at a local time in the
 * organisation's time zone (see src/lib/time.ts): every month, every quarter (January, April, July, October) or every year (January), and
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

function runsInMonth(cadence: Cadence, month: number): boolean {
  if (cadence === "monthly") return true;
  if (cadence === "quarterly") return month % 3 === 1;
  return month === 1;
}

/**
 * The first run strictly after `after`. A local time the clocks skip (spring forward) runs as many
 * minutes after the gap; one they show twice (fall back) runs at the first, once: the next run after
 * it is in the next month.
 */
export function nextRunAfter(timing: ScheduleTiming, after: Date, timeZone: string): Date {
  const now = wallTimeIn(after, timeZone);
  for (let offset = 0; offset <= 24; offset += 1) {
    const months = now.month - 1 + offset;
    const year = now.year + Math.floor(months / 12);
    const month = (months % 12) + 1;
    if (!runsInMonth(timing.cadence, month)) continue;
    const instant = wallTimeToInstant(
      { year, month, day: timing.dayOfMonth, hour: timing.hour, minute: timing.minute },
      timeZone,
    );
    if (instant.getTime() > after.getTime()) return instant;
  }
  throw new RangeError("nextRunAfter: no run within two years");
}

/** The period a run at this instant reports: the last complete month, quarter or year. */
export function periodForRun(cadence: Cadence, runAt: Date, timeZone: string): Period {
  return lastCompletePeriod(
    dayIn(runAt, timeZone),
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
