import { describe, expect, test } from "vitest";
import { responseFilterSchema, toResponseFilter } from "../../../src/responses/response-filter.ts";

describe("the responses filter's days", () => {
  test.each([
    // whole days in the organisation's zone, whatever the host's: Shanghai is UTC+8
    ["Asia/Shanghai", "2026-12-10", "2026-12-10", "2026-12-09T16:00:00.000Z", "2026-12-10T16:00:00.000Z"],
    ["UTC", "2026-12-10", "2026-12-11", "2026-12-10T00:00:00.000Z", "2026-12-12T00:00:00.000Z"],
    // 1 November 2026 in New York lasts 25 hours (clocks go back)
    ["America/New_York", "2026-11-01", "2026-11-01", "2026-11-01T04:00:00.000Z", "2026-11-02T05:00:00.000Z"],
  ])("in %s, from %s to %s (included) is [%s, %s)", (timeZone, from, to, start, end) => {
    const filter = toResponseFilter(responseFilterSchema.parse({ from, to }), timeZone);
    expect(filter.from?.toISOString()).toBe(start);
    expect(filter.to?.toISOString()).toBe(end);
  });
});
