import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { WorkCalendar } from "./working-time.ts";

export interface CalendarDay {
  day: string;
  working: boolean;
  note: string;
}

/** The calendar's exceptions to Monday–Friday, by day. */
export async function listCalendarDays(db: Db): Promise<CalendarDay[]> {
  // as text: pg would read a date as a JavaScript Date at the server's midnight
  return db
    .selectFrom("work_calendar_day")
    .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as("day"), "working", "note"])
    .orderBy("work_calendar_day.day")
    .execute();
}

/** The working calendar in the organisation's zone (a few hundred rows at most). */
export async function loadWorkCalendar(db: Db, timeZone: string): Promise<WorkCalendar> {
  const days = await listCalendarDays(db);
  return { timeZone, exceptions: new Map(days.map((d) => [d.day, d.working])) };
}

/** Replaces the whole calendar (the page edits it as one list). */
export async function replaceCalendarDays(db: Db, days: readonly CalendarDay[]): Promise<void> {
  await db.deleteFrom("work_calendar_day").execute();
  if (days.length > 0)
    await db
      .insertInto("work_calendar_day")
      .values([...days])
      .execute();
}
