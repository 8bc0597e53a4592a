import { describe, expect, test } from "vitest";
import { dueRuns, nextRunAfter, periodForRun, zonedTimeToInstant } from "../../../src/reports/schedule.ts";

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
    // 02:30 on the spring-forward night does not exist: the instant after the gap
    expect(
      zonedTimeToInstant(
        { year: 2026, month: 2, day: 29, hour: 2, minute: 30 },
        "Europe/Berlin",
      ).toISOString(),
    ).toBe("2026-03-29T01:30:00.000Z");
  });

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
