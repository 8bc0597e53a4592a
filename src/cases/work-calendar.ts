import type { FieldIssue } from "../errors.ts";
import { isDay } from "../lib/time.ts";
import type { CalendarDay } from "./work-calendar.repository.ts";

/**
 * The working calendar as quality staff type it, one day a line: `2027-02-16 休 春节` (a day off) or
 * `2027-02-07 班 调休` (a Saturday or Sunday worked). English words work too: `off`, `on`.
 */

const LINE = /^(\S+)\s+(\S+)(?:\s+(.*))?$/;
const OFF = new Set(["休", "off"]);
const ON = new Set(["班", "on"]);

/** The days of the text, or what is wrong with which line. */
export function parseCalendar(text: string): { days: CalendarDay[] } | { problems: FieldIssue[] } {
  const days = new Map<string, CalendarDay>();
  const problems: FieldIssue[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = LINE.exec(line);
    const word = match?.[2]?.toLowerCase() ?? "";
    const day = match?.[1] ?? "";
    const problem = (
      key: "cases.calendar.error.day" | "cases.calendar.error.kind" | "cases.calendar.error.twice",
    ) =>
      problems.push({
        field: "days",
        message: { key, values: { line: index + 1, text: line.slice(0, 40) } },
      });
    if (!match || !isDay(day)) problem("cases.calendar.error.day");
    else if (!OFF.has(word) && !ON.has(word)) problem("cases.calendar.error.kind");
    else if (days.has(day)) problem("cases.calendar.error.twice");
    else days.set(day, { day, working: ON.has(word), note: (match[3] ?? "").trim().slice(0, 100) });
  }
  if (problems.length > 0) return { problems };
  return { days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)) };
}

/** The calendar as the text field shows it, in the page's words. */
export function calendarText(days: readonly CalendarDay[], locale: "zh-CN" | "en"): string {
  const word = (working: boolean) => (locale === "en" ? (working ? "on" : "off") : working ? "班" : "休");
  return days.map((d) => `${d.day} ${word(d.working)}${d.note ? ` ${d.note}` : ""}`).join("\n");
}
