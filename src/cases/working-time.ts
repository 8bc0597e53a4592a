import { addDays, dayIn, startOfDayIn } from "../lib/time.ts";

/**
 * Time limits in working days (工作日), pure: the clock of a case stops on days off. A working day is
 * Monday to Friday in the organisation's zone unless the calendar says otherwise (a public holiday
 * off, a make-up Saturday on: 调休).
 */

export interface WorkCalendar {
  readonly timeZone: string;
  /** yyyy-mm-dd → working or not, for the days that are not as the weekday says */
  readonly exceptions: ReadonlyMap<string, boolean>;
}

/** Whether a day (yyyy-mm-dd) is worked. */
export function isWorkingDay(calendar: WorkCalendar, day: string): boolean {
  const exception = calendar.exceptions.get(day);
  if (exception !== undefined) return exception;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Ten years of days off in a row is no calendar: the search stops there. */
const MAX_DAYS = 3_660;

/**
 * The instant `duration` ms of working time after `start`: time on days off does not count, so a case
 * opened on Saturday with 48 hours to contact is due at Wednesday 00:00, and one opened on Friday at
 * 18:00 is due on Tuesday at 18:00.
 */
export function addWorkingTime(start: Date, duration: number, calendar: WorkCalendar): Date {
  let day = dayIn(start, calendar.timeZone);
  let at = start.getTime();
  let left = duration;
  for (let i = 0; i < MAX_DAYS; i += 1) {
    const next = addDays(day, 1);
    const dayEnds = startOfDayIn(next, calendar.timeZone).getTime();
    if (isWorkingDay(calendar, day)) {
      if (at + left <= dayEnds) return new Date(at + left);
      left -= dayEnds - at;
    }
    day = next;
    at = dayEnds;
  }
  throw new Error("The working calendar has no working day in ten years");
}
