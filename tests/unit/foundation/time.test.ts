import { describe, expect, test } from "vitest";
import {
  addDays,
  dayIn,
  endOfDayIn,
  formatDate,
  formatDateTime,
  isTimeZone,
  parseDateIn,
  startOfDayIn,
  todayIn,
  wallTimeIn,
  wallTimeToInstant,
} from "../../../src/lib/time.ts";

// Offsets from the IANA tz database (tzdata 2025): Asia/Shanghai is UTC+8 all year;
// America/New_York is UTC−5, UTC−4 from 2026-03-08 02:00 to 2026-11-01 02:00 (local);
// Europe/Berlin is UTC+1, UTC+2 from 2026-03-29 02:00 to 2026-10-25 03:00 (local).
const wall = (year: number, month: number, day: number, hour: number, minute: number) => ({
  year,
  month,
  day,
  hour,
  minute,
});

describe("the organisation's time zone", () => {
  test.each([
    ["Asia/Shanghai", true],
    ["America/New_York", true],
    ["UTC", true],
    ["Mars/Olympus", false],
    ["", false],
  ])("isTimeZone(%j) is %s", (zone, expected) => {
    expect(isTimeZone(zone)).toBe(expected);
  });

  test.each([
    // the UTC evening is already the next day in Shanghai
    ["2026-12-10T15:59:59.999Z", "Asia/Shanghai", "2026-12-10"],
    ["2026-12-10T16:00:00.000Z", "Asia/Shanghai", "2026-12-11"],
    ["2026-12-10T16:00:00.000Z", "UTC", "2026-12-10"],
    // and still the previous day in New York
    ["2026-11-01T03:59:00.000Z", "America/New_York", "2026-10-31"],
    ["2026-11-01T04:00:00.000Z", "America/New_York", "2026-11-01"],
  ])("the instant %s falls on %s's day %s", (instant, zone, day) => {
    expect(dayIn(new Date(instant), zone)).toBe(day);
    expect(todayIn(zone, new Date(instant))).toBe(day);
  });

  test.each([
    ["2026-12-10", 1, "2026-12-11"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2026-11-01", 30, "2026-12-01"],
  ])("%s plus %i days is %s", (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });

  test.each([
    // [day, zone, first instant, last instant]
    ["2026-12-10", "Asia/Shanghai", "2026-12-09T16:00:00.000Z", "2026-12-10T15:59:59.999Z"],
    ["2026-12-10", "UTC", "2026-12-10T00:00:00.000Z", "2026-12-10T23:59:59.999Z"],
    // a 25-hour day (clocks go back at 02:00 EDT → 01:00 EST)
    ["2026-11-01", "America/New_York", "2026-11-01T04:00:00.000Z", "2026-11-02T04:59:59.999Z"],
    // a 23-hour day (clocks go forward at 02:00 CET → 03:00 CEST)
    ["2026-03-29", "Europe/Berlin", "2026-03-28T23:00:00.000Z", "2026-03-29T21:59:59.999Z"],
    // a 25-hour day (03:00 CEST → 02:00 CET)
    ["2026-10-25", "Europe/Berlin", "2026-10-24T22:00:00.000Z", "2026-10-25T22:59:59.999Z"],
  ])("%s in %s runs from %s to %s", (day, zone, start, end) => {
    expect(startOfDayIn(day, zone).toISOString()).toBe(start);
    expect(endOfDayIn(day, zone).toISOString()).toBe(end);
  });

  test.each([
    ["plain", wall(2026, 12, 10, 8, 0), "Asia/Shanghai", "2026-12-10T00:00:00.000Z"],
    ["winter", wall(2026, 2, 2, 8, 0), "Europe/Berlin", "2026-02-02T07:00:00.000Z"],
    ["summer", wall(2026, 7, 2, 8, 0), "Europe/Berlin", "2026-07-02T06:00:00.000Z"],
    // fall-back: 01:30 happens twice in New York (EDT, then EST an hour later): the first
    ["fall-back, twice", wall(2026, 11, 1, 1, 30), "America/New_York", "2026-11-01T05:30:00.000Z"],
    // fall-back: 02:30 happens twice in Berlin (CEST, then CET): the first
    ["fall-back, twice", wall(2026, 10, 25, 2, 30), "Europe/Berlin", "2026-10-25T00:30:00.000Z"],
    ["after the fall-back", wall(2026, 11, 1, 2, 30), "America/New_York", "2026-11-01T07:30:00.000Z"],
    // spring-forward: 02:30 never happens: as far after the gap as it lies inside it (03:30)
    ["spring-forward gap", wall(2026, 3, 8, 2, 30), "America/New_York", "2026-03-08T07:30:00.000Z"],
    ["spring-forward gap", wall(2026, 3, 29, 2, 30), "Europe/Berlin", "2026-03-29T01:30:00.000Z"],
    ["after the gap", wall(2026, 3, 29, 3, 0), "Europe/Berlin", "2026-03-29T01:00:00.000Z"],
  ])("wall time to instant (%s): %j in %s is %s", (_case, time, zone, instant) => {
    expect(wallTimeToInstant(time, zone).toISOString()).toBe(instant);
  });

  test.each([
    ["2026-12-10T00:00:00.000Z", "Asia/Shanghai", wall(2026, 12, 10, 8, 0)],
    ["2026-11-01T05:30:00.000Z", "America/New_York", wall(2026, 11, 1, 1, 30)],
    // the second 01:30 of the night shows the same wall time
    ["2026-11-01T06:30:00.000Z", "America/New_York", wall(2026, 11, 1, 1, 30)],
    ["2026-03-29T01:00:00.000Z", "Europe/Berlin", wall(2026, 3, 29, 3, 0)],
  ])("the instant %s shows %s's wall time %j", (instant, zone, time) => {
    expect(wallTimeIn(new Date(instant), zone)).toEqual(time);
  });

  test.each([
    // a day typed into a form or sent by a client: the whole day in the zone
    ["2026-12-10", "Asia/Shanghai", "start", "2026-12-09T16:00:00.000Z"],
    ["2026-12-10", "Asia/Shanghai", "end", "2026-12-10T15:59:59.999Z"],
    ["2026-12-10", "UTC", "end", "2026-12-10T23:59:59.999Z"],
    // a local date and time: in the zone
    ["2026-12-10T18:00", "Asia/Shanghai", "end", "2026-12-10T10:00:00.000Z"],
    ["2026-12-10T23:59:59", "Asia/Shanghai", "end", "2026-12-10T15:59:59.000Z"],
    ["2026-11-01T01:30:00", "America/New_York", "start", "2026-11-01T05:30:00.000Z"],
    // an instant with its offset: as it is
    ["2026-12-10T10:00:00Z", "Asia/Shanghai", "end", "2026-12-10T10:00:00.000Z"],
    ["2026-12-10T18:00:00+08:00", "UTC", "start", "2026-12-10T10:00:00.000Z"],
  ] as const)("parseDateIn(%j) in %s (%s) is %s", (text, zone, edge, instant) => {
    expect(parseDateIn(text, zone, edge)?.toISOString()).toBe(instant);
  });

  test.each(["", "tomorrow", "2026-02-30", "2026-13-01", "2026-12-10T25:00", "12/10/2026", "1765353600000"])(
    "parseDateIn(%j) is undefined",
    (text) => {
      expect(parseDateIn(text, "Asia/Shanghai", "end")).toBeUndefined();
    },
  );

  test.each([
    // 16:30 UTC on 10 December is the 11th in Shanghai, whatever the host's zone
    ["2026-12-10T16:30:00Z", "zh-CN", "Asia/Shanghai", "2026年12月11日", "2026年12月11日 00:30"],
    ["2026-12-10T16:30:00Z", "en", "Asia/Shanghai", "December 11, 2026", "Dec 11, 2026, 12:30 AM"],
    ["2026-12-10T16:30:00Z", "en", "UTC", "December 10, 2026", "Dec 10, 2026, 4:30 PM"],
  ])("%s for %s in %s is %j / %j", (instant, locale, zone, date, dateTime) => {
    expect(formatDate(new Date(instant), locale, zone)).toBe(date);
    expect(formatDateTime(new Date(instant), locale, zone).replace(/\u202f/g, " ")).toBe(dateTime);
  });
});
