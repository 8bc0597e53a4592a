import type { CaseStatus } from "./case.ts";

/** Which time limit a case is working against: first contact while open, resolving once contacted. */
export type Deadline = "contact" | "resolve";
export type DurationUnit = "minutes" | "hours" | "days";

export interface Countdown {
  readonly deadline: Deadline;
  readonly due: Date;
  readonly overdue: boolean;
  /** the time left (or past the limit), whole units cut down, at least 1 */
  readonly amount: number;
  readonly unit: DurationUnit;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A span as people count it on a countdown: minutes under an hour, hours under two days, then days;
 * cut down (5 h 50 min left is "5 h": never more time than there is), at least 1.
 *
 * @example
 * roughDuration(5 * 3_600_000 + 50 * 60_000); // => { amount: 5, unit: "hours" }
 * roughDuration(49 * 3_600_000); // => { amount: 2, unit: "days" }
 */
export function roughDuration(ms: number): { amount: number; unit: DurationUnit } {
  const span = Math.abs(ms);
  if (span < HOUR) return { amount: Math.max(1, Math.floor(span / MINUTE)), unit: "minutes" };
  if (span < 2 * DAY) return { amount: Math.floor(span / HOUR), unit: "hours" };
  return { amount: Math.floor(span / DAY), unit: "days" };
}

/**
 * The countdown a case shows: to its contact time while open, to its resolve time once contacted;
 * none for a case that is resolved, closed or could not be reached (no limit runs for those, as
 * `isOverdue` in case.ts says). Overdue from the instant the limit passes.
 */
export function countdownOf(
  c: { status: CaseStatus; contactDueAt: Date; resolveDueAt: Date },
  now: Date,
): Countdown | null {
  let deadline: Deadline;
  if (c.status === "open") {
    // an open case past its resolve time too is shown against that, the later and graver limit
    deadline = c.resolveDueAt < now ? "resolve" : "contact";
  } else if (c.status === "contacted") deadline = "resolve";
  else return null;
  const due = deadline === "contact" ? c.contactDueAt : c.resolveDueAt;
  const left = due.getTime() - now.getTime();
  return { deadline, due, overdue: left < 0, ...roughDuration(left) };
}
