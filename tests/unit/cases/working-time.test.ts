import { describe, expect, it } from "vitest";
import { DEFAULT_RULE, dueDates } from "../../../src/cases/case.ts";
import { calendarText, parseCalendar } from "../../../src/cases/work-calendar.ts";
import { addWorkingTime, isWorkingDay, type WorkCalendar } from "../../../src/cases/working-time.ts";

const shanghai = (exceptions: [string, boolean][] = []): WorkCalendar => ({
  timeZone: "Asia/Shanghai",
  exceptions: new Map(exceptions),
});
const HOUR = 3_600_000;

describe("working days", () => {
  it("are Monday to Friday unless the calendar says otherwise", () => {
    const calendar = shanghai([
      ["2027-02-15", false], // a Monday of the Spring Festival
      ["2027-02-20", true], // a make-up Saturday
    ]);
    expect(isWorkingDay(calendar, "2026-12-04")).toBe(true); // Friday
    expect(isWorkingDay(calendar, "2026-12-05")).toBe(false); // Saturday
    expect(isWorkingDay(calendar, "2026-12-06")).toBe(false); // Sunday
    expect(isWorkingDay(calendar, "2027-02-15")).toBe(false);
    expect(isWorkingDay(calendar, "2027-02-20")).toBe(true);
  });

  it("stop the clock on days off, in the organisation's zone", () => {
    // Friday 18:00 in Shanghai + 48 h of working time: Friday's 6 h, Monday's 24 h, Tuesday 18:00
    const friday = new Date("2026-12-04T10:00:00Z");
    expect(addWorkingTime(friday, 48 * HOUR, shanghai()).toISOString()).toBe("2026-12-08T10:00:00.000Z");
    // opened on a Saturday: the clock starts on Monday at midnight (Shanghai)
    const saturday = new Date("2026-12-05T03:00:00Z");
    expect(addWorkingTime(saturday, 48 * HOUR, shanghai()).toISOString()).toBe("2026-12-08T16:00:00.000Z");
    // a holiday Monday moves it one more day
    expect(addWorkingTime(saturday, 48 * HOUR, shanghai([["2026-12-07", false]])).toISOString()).toBe(
      "2026-12-09T16:00:00.000Z",
    );
    // within the same working day
    expect(addWorkingTime(friday, 2 * HOUR, shanghai()).toISOString()).toBe("2026-12-04T12:00:00.000Z");
  });

  it("give due dates by the rule: calendar time, or working time when the rule says so", () => {
    const friday = new Date("2026-12-04T10:00:00Z");
    const calendarDays = dueDates(DEFAULT_RULE, friday, shanghai());
    expect(calendarDays.contactDueAt.toISOString()).toBe("2026-12-06T10:00:00.000Z");
    expect(calendarDays.resolveDueAt.toISOString()).toBe("2026-12-11T10:00:00.000Z");
    const working = dueDates({ ...DEFAULT_RULE, workingDays: true }, friday, shanghai());
    expect(working.contactDueAt.toISOString()).toBe("2026-12-08T10:00:00.000Z");
    // 7 working days from Friday 18:00: Friday's rest, then Mon–Fri and Mon, to Tuesday 18:00
    expect(working.resolveDueAt.toISOString()).toBe("2026-12-15T10:00:00.000Z");
  });

  it("refuse a calendar without a single working day", () => {
    const never: WorkCalendar = {
      timeZone: "UTC",
      exceptions: { get: () => false, has: () => true } as unknown as ReadonlyMap<string, boolean>,
    };
    expect(() => addWorkingTime(new Date("2026-12-04T00:00:00Z"), HOUR, never)).toThrow(/no working day/);
  });
});

describe("the calendar as typed", () => {
  it("reads days off and make-up days in either language, sorted, with notes", () => {
    const parsed = parseCalendar(
      "2027-02-16 休 春节\n\n# comment\n2027-02-07 班 调休\n2027-01-01 off New Year",
    );
    expect(parsed).toEqual({
      days: [
        { day: "2027-01-01", working: false, note: "New Year" },
        { day: "2027-02-07", working: true, note: "调休" },
        { day: "2027-02-16", working: false, note: "春节" },
      ],
    });
    if (!("days" in parsed)) throw new Error("parsed");
    expect(calendarText(parsed.days, "zh-CN")).toBe(
      "2027-01-01 休 New Year\n2027-02-07 班 调休\n2027-02-16 休 春节",
    );
    expect(calendarText(parsed.days, "en").split("\n")[1]).toBe("2027-02-07 on 调休");
  });

  it("names each line it cannot read", () => {
    const parsed = parseCalendar("2027-02-30 休\n2027-03-01 maybe\n2027-03-02 休\n2027-03-02 班");
    expect("problems" in parsed && parsed.problems.map((p) => p.message)).toEqual([
      { key: "cases.calendar.error.day", values: { line: 1, text: "2027-02-30 休" } },
      { key: "cases.calendar.error.kind", values: { line: 2, text: "2027-03-01 maybe" } },
      { key: "cases.calendar.error.twice", values: { line: 4, text: "2027-03-02 班" } },
    ]);
  });
});
