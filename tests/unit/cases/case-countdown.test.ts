import { describe, expect, it } from "vitest";
import { countdownOf, roughDuration } from "../../../src/cases/case-countdown.ts";
import { countdownWords } from "../../../src/cases/case-words.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const now = new Date("2026-12-10T02:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);

describe("roughDuration: minutes under an hour, hours under two days, then days, cut down", () => {
  it.each([
    [0, 1, "minutes"],
    [30 * 1000, 1, "minutes"],
    [59 * MIN, 59, "minutes"],
    [HOUR, 1, "hours"],
    [5 * HOUR + 59 * MIN, 5, "hours"],
    [47 * HOUR + 59 * MIN, 47, "hours"],
    [2 * DAY, 2, "days"],
    [6 * DAY + 23 * HOUR, 6, "days"],
    [-(2 * DAY + HOUR), 2, "days"],
  ])("%i ms → %i %s", (ms, amount, unit) => {
    expect(roughDuration(ms)).toEqual({ amount, unit });
  });
});

describe("countdownOf: the limit a case works against", () => {
  const times = { contactDueAt: at(5 * HOUR), resolveDueAt: at(6 * DAY + 5 * HOUR) };

  it.each([
    ["open", times, { deadline: "contact", overdue: false, amount: 5, unit: "hours" }],
    ["contacted", times, { deadline: "resolve", overdue: false, amount: 6, unit: "days" }],
    // past the contact time: overdue from that instant
    [
      "open",
      { ...times, contactDueAt: at(-1) },
      { deadline: "contact", overdue: true, amount: 1, unit: "minutes" },
    ],
    // an open case past its resolve time is shown against that
    [
      "open",
      { contactDueAt: at(-3 * DAY), resolveDueAt: at(-2 * DAY) },
      { deadline: "resolve", overdue: true, amount: 2, unit: "days" },
    ],
  ] as const)("%s → %o", (status, dates, expected) => {
    expect(countdownOf({ status, ...dates }, now)).toMatchObject(expected);
  });

  it.each(["resolved", "closed", "unreachable"] as const)("none for a %s case", (status) => {
    expect(countdownOf({ status, ...times }, now)).toBeNull();
  });

  it("the limit instant itself is not overdue yet", () => {
    expect(countdownOf({ status: "open", contactDueAt: now, resolveDueAt: at(DAY) }, now)?.overdue).toBe(
      false,
    );
  });
});

describe("countdownWords, in both languages", () => {
  it.each([
    ["en", "open", 5 * HOUR, "contact due in 5 h"],
    ["zh-CN", "open", 5 * HOUR, "距联系期限还有 5 小时"],
    ["en", "open", -(2 * DAY), "contact overdue by 2 days"],
    ["zh-CN", "open", -(2 * DAY), "联系已逾期 2 天"],
    ["en", "contacted", -30 * MIN, "resolve overdue by 30 min"],
    ["zh-CN", "contacted", 3 * DAY, "距解决期限还有 3 天"],
  ] as const)("%s, %s, %i ms → %s", (locale, status, left, words) => {
    const dates =
      status === "open"
        ? { contactDueAt: at(left), resolveDueAt: at(left + 5 * DAY) }
        : { contactDueAt: at(-DAY), resolveDueAt: at(left) };
    const countdown = countdownOf({ status, ...dates }, now);
    expect(countdown && countdownWords(countdown, locale)).toBe(words);
  });
});
