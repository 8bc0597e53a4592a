import { describe, expect, test } from "vitest";
import {
  lastCompletePeriod,
  parsePeriod,
  previousPeriod,
  trailingPeriods,
} from "../../../src/reports/period.ts";

describe("report periods", () => {
  test.each([
    ["2026-10", { kind: "month", key: "2026-10", from: "2026-10-01", to: "2026-11-01" }],
    ["2026-12", { kind: "month", key: "2026-12", from: "2026-12-01", to: "2027-01-01" }],
    ["2026-Q4", { kind: "quarter", key: "2026-Q4", from: "2026-10-01", to: "2027-01-01" }],
    ["2026-q1", { kind: "quarter", key: "2026-Q1", from: "2026-01-01", to: "2026-04-01" }],
    ["2026", { kind: "year", key: "2026", from: "2026-01-01", to: "2027-01-01" }],
    [
      "2026-02-20..2026-03-05",
      { kind: "custom", key: "2026-02-20..2026-03-05", from: "2026-02-20", to: "2026-03-06" },
    ],
  ])("%s", (text, expected) => {
    expect(parsePeriod(text)).toEqual(expected);
  });

  test.each([
    "2026-13",
    "2026-00",
    "2026-Q5",
    "26",
    "last-month",
    "2026-02-30..2026-03-01",
    "2026-03-05..2026-03-01",
    "",
  ])("refuses %j", (text) => {
    expect(parsePeriod(text)).toBeUndefined();
  });

  test("previous periods: month across a year, quarter, year, custom of the same length", () => {
    expect(previousPeriod(parsePeriod("2026-01") as never).key).toBe("2025-12");
    expect(previousPeriod(parsePeriod("2026-Q1") as never).key).toBe("2025-Q4");
    expect(previousPeriod(parsePeriod("2026") as never).key).toBe("2025");
    expect(previousPeriod(parsePeriod("2026-10-01..2026-10-15") as never)).toEqual({
      kind: "custom",
      key: "2026-09-16..2026-09-30",
      from: "2026-09-16",
      to: "2026-10-01",
    });
  });

  test("the trend is the 12 periods ending with the report's, oldest first", () => {
    const trend = trailingPeriods(parsePeriod("2026-10") as never);
    expect(trend).toHaveLength(12);
    expect(trend[0]?.key).toBe("2025-11");
    expect(trend[11]?.key).toBe("2026-10");
  });

  test("the default report is last month", () => {
    expect(lastCompletePeriod("2026-11-22").key).toBe("2026-10");
    expect(lastCompletePeriod("2026-01-01").key).toBe("2025-12");
    expect(lastCompletePeriod("2026-05-15", "quarter").key).toBe("2026-Q1");
  });
});
