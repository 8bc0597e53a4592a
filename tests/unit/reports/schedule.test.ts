import { describe, expect, test } from "vitest";
import { dueRuns, nextRunAfter, periodForRun } from "../../../src/reports/schedule.ts";

const monthly = { cadence: "monthly" as const, dayOfMonth: 2, hour: 8, minute: 0 };

describe("report schedules", () => {
  test("monthly on the 2nd at 08:00 in Shanghai (UTC+8)", () => {
    expect(nextRunAfter(monthly, new Date("2026-11-22T09:00:00Z"), "Asia/Shanghai").toISOString()).toBe(
      "2026-12-02T00:00:00.000Z",
    );
    // just before and exactly at a run
    expect(nextRunAfter(monthly, new Date("2026-12-01T23:59:00Z"), "Asia/Shanghai").toISOString()).toBe(
      "2026-12-02T00:00:00.000Z",
    );
    expect(nextRunAfter(monthly, new Date("2026-12-02T00:00:00Z"), "Asia/Shanghai").toISOString()).toBe(
      "2027-01-02T00:00:00.000Z",
    );
  });

  test("quarterly runs in January, April, July and October; yearly in January", () => {
    const quarterly = { ...monthly, cadence: "quarterly" as const };
    expect(nextRunAfter(quarterly, new Date("2026-11-22T00:00:00Z"), "UTC").toISOString()).toBe(
      "2027-01-02T08:00:00.000Z",
    );
    expect(nextRunAfter(quarterly, new Date("2027-01-02T08:00:00Z"), "UTC").toISOString()).toBe(
      "2027-04-02T08:00:00.000Z",
    );
    const yearly = { ...monthly, cadence: "yearly" as const };
    expect(nextRunAfter(yearly, new Date("2027-01-02T08:00:00Z"), "UTC").toISOString()).toBe(
      "2028-01-02T08:00:00.000Z",
    );
  });

  test("local time across daylight saving (Berlin): 08:00 is 07:00 UTC in winter, 06:00 UTC in summer", () => {
    expect(nextRunAfter(monthly, new Date("2026-02-10T00:00:00Z"), "Europe/Berlin").toISOString()).toBe(
      "2026-03-02T07:00:00.000Z",
    );
    expect(nextRunAfter(monthly, new Date("2026-03-10T00:00:00Z"), "Europe/Berlin").toISOString()).toBe(
      "2026-04-02T06:00:00.000Z",
    );
  });

  // Daylight saving in 2026 (IANA tz database): New York springs forward on 8 March at 02:00 EST and
  // falls back on 1 November at 02:00 EDT; Berlin falls back on 25 October at 03:00 CEST.
  test.each([
    // 02:30 does not exist on 8 March in New York: the run is at 03:30 EDT, the same minutes after the gap
    [
      "spring-forward gap",
      { day: 8, hour: 2, min: 30 },
      "America/New_York",
      "2026-03-01T00:00:00Z",
      "2026-03-08T07:30:00.000Z",
    ],
    // 01:30 happens twice on 1 November in New York: the run is at the first (EDT)
    [
      "fall-back, New York",
      { day: 1, hour: 1, min: 30 },
      "America/New_York",
      "2026-10-15T00:00:00Z",
      "2026-11-01T05:30:00.000Z",
    ],
    // 02:30 happens twice on 25 October in Berlin: the run is at the first (CEST)
    [
      "fall-back, Berlin",
      { day: 25, hour: 2, min: 30 },
      "Europe/Berlin",
      "2026-10-01T00:00:00Z",
      "2026-10-25T00:30:00.000Z",
    ],
    // after the run at the first 01:30, the second 01:30 is not another run: the next is in December (EST)
    [
      "after the fall-back run",
      { day: 1, hour: 1, min: 30 },
      "America/New_York",
      "2026-11-01T05:30:00Z",
      "2026-12-01T06:30:00.000Z",
    ],
    [
      "after the fall-back run",
      { day: 25, hour: 2, min: 30 },
      "Europe/Berlin",
      "2026-10-25T00:30:00Z",
      "2026-11-25T01:30:00.000Z",
    ],
  ])("daylight saving (%s): next run after %s", (_case, at, zone, after, expected) => {
    const timing = { cadence: "monthly" as const, dayOfMonth: at.day, hour: at.hour, minute: at.min };
    expect(nextRunAfter(timing, new Date(after), zone).toISOString()).toBe(expected);
  });

  test.each([
    ["America/New_York", { day: 1, hour: 1, min: 30 }, "2026-11-01T05:30:00Z", "2026-11-01T06:45:00Z"],
    ["Europe/Berlin", { day: 25, hour: 2, min: 30 }, "2026-10-25T00:30:00Z", "2026-10-25T01:45:00Z"],
  ])(
    "a schedule in the hour that happens twice (%s) runs once, not again when the clocks show it a second time",
    (zone, at, first, afterSecond) => {
      const timing = { cadence: "monthly" as const, dayOfMonth: at.day, hour: at.hour, minute: at.min };
      expect(
        dueRuns(timing, new Date(first), new Date(afterSecond), zone).map((d) => d.toISOString()),
      ).toEqual([new Date(first).toISOString()]);
    },
  );

  test("each run reports the last complete period of its cadence", () => {
    expect(periodForRun("monthly", new Date("2026-12-02T00:00:00Z"), "Asia/Shanghai").key).toBe("2026-11");
    // 00:30 on the 1st in Shanghai is still the 30th of the previous month in UTC
    expect(periodForRun("monthly", new Date("2026-11-30T16:30:00Z"), "Asia/Shanghai").key).toBe("2026-11");
    expect(periodForRun("monthly", new Date("2026-11-30T16:30:00Z"), "UTC").key).toBe("2026-10");
    expect(periodForRun("quarterly", new Date("2027-01-02T08:00:00Z"), "UTC").key).toBe("2026-Q4");
    expect(periodForRun("yearly", new Date("2027-01-02T08:00:00Z"), "UTC").key).toBe("2026");
  });

  test("runs missed while the app was down are all due, oldest first; none before their time", () => {
    const first = new Date("2026-09-02T08:00:00Z");
    expect(
      dueRuns(monthly, first, new Date("2026-11-22T00:00:00Z"), "UTC").map((d) => d.toISOString()),
    ).toEqual(["2026-09-02T08:00:00.000Z", "2026-10-02T08:00:00.000Z", "2026-11-02T08:00:00.000Z"]);
    expect(dueRuns(monthly, first, new Date("2026-09-02T07:59:00Z"), "UTC")).toEqual([]);
    expect(dueRuns(monthly, first, new Date("2030-01-01T00:00:00Z"), "UTC", 12)).toHaveLength(12);
  });
});
