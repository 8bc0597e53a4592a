import {
  allItems,
  type QuestionnaireDefinition,
  scaleOf,
} from "../questionnaires/questionnaire-definition.ts";
import type { AnswerRow } from "../responses/answers.ts";
import { addWorkingTime, type WorkCalendar } from "./working-time.ts";

/**
 * Follow-up cases, pure: what a rule opens a case for, how a case moves from status to status, and
 * when it is due. A case is opened for one response and lists every trigger that fired.
 */

export const CASE_STATUSES = ["open", "contacted", "resolved", "closed", "unreachable"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * The steps a case may take: contact before resolving, resolve before closing. "Unreachable" after
 * attempts that reached no one; a resolved case may be reopened (contacted again) before it is closed.
 */
export const NEXT_STATUSES: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ["contacted", "unreachable"],
  contacted: ["resolved", "unreachable"],
  resolved: ["closed", "contacted"],
  unreachable: ["contacted", "closed"],
  closed: [],
};

export const CONTACT_CHANNELS = ["phone", "visit", "letter", "email"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_OUTCOMES = ["reached", "no_answer", "call_back", "refused"] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const TRIGGER_KINDS = [
  "dissatisfied",
  "basically_satisfied",
  "score",
  "nps",
  "no",
  "comment",
] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** Why a case was opened: one entry per item or figure that fired. */
export interface CaseTrigger {
  readonly kind: TriggerKind;
  /** the item (satisfaction, NPS, yes/no or comment item); absent for the respondent score */
  readonly itemKey?: string;
  /** the respondent score or the NPS answer */
  readonly value?: number;
  /** the rule's threshold (score, comment) */
  readonly threshold?: number;
  /** the comment, for the comment trigger */
  readonly text?: string;
}

/** A questionnaire's follow-up rule, as quality staff set it. */
export interface CaseRule {
  readonly enabled: boolean;
  /** any satisfaction item answered on the lowest level (不满意) */
  readonly onDissatisfied: boolean;
  /** …or on the level above it (基本满意) */
  readonly onBasicallySatisfied: boolean;
  /** the respondent score below this */
  readonly scoreBelow: number | null;
  /** an NPS answer of 0–6 */
  readonly npsDetractor: boolean;
  /** a yes/no question (options `yes` and `no`) answered no */
  readonly onNo: boolean;
  /** a comment written with a respondent score below this */
  readonly commentScoreBelow: number | null;
  /** also for responses without a known customer (no one to call back: quality staff look at them) */
  readonly anonymous: boolean;
  /** first contact within this many hours */
  readonly contactHours: number;
  /** resolved within this many days */
  readonly resolveDays: number;
  /** the time limits count working days only (the clock stops on days off) */
  readonly workingDays: boolean;
  /** unanswered attempts (no answer) after which an open case becomes "could not reach" */
  readonly unreachableAfter: number;
  /** the questionnaire a resolved case's customer is asked to answer (跟进回访), if any */
  readonly recoveryQuestionnaireId: number | null;
  /** how it reaches them: an e-mail with a personal link, or a call on the handler's call list */
  readonly recoveryChannel: RecoveryChannel;
}

export const RECOVERY_CHANNELS = ["email", "phone"] as const;
export type RecoveryChannel = (typeof RECOVERY_CHANNELS)[number];

/** Why a resolved case's customer got no recovery survey. */
export const RECOVERY_SKIPS = ["no_customer", "no_email", "surveyed", "unpublished"] as const;
export type RecoverySkipped = (typeof RECOVERY_SKIPS)[number];

/** The rule of a questionnaire nobody has configured: every 不满意 answer of a known customer. */
export const DEFAULT_RULE: CaseRule = {
  enabled: true,
  onDissatisfied: true,
  onBasicallySatisfied: false,
  scoreBelow: null,
  npsDetractor: false,
  onNo: false,
  commentScoreBelow: null,
  anonymous: false,
  contactHours: 48,
  resolveDays: 7,
  workingDays: false,
  unreachableAfter: 3,
  recoveryQuestionnaireId: null,
  recoveryChannel: "email",
};

/**
 * What in a response fires the rule, in the questionnaire's item order; none: no case.
 *
 * @param rows the response's answer rows (satisfaction rows carry the level key in `text`)
 * @param score the respondent score (null without satisfaction answers)
 * @param known whether the response belongs to a known customer
 */
export function caseTriggers(
  rule: CaseRule,
  definition: QuestionnaireDefinition,
  rows: readonly AnswerRow[],
  score: number | null,
  known: boolean,
): CaseTrigger[] {
  if (!rule.enabled || (!known && !rule.anonymous)) return [];
  const levels = scaleOf(definition).levels.map((level) => level.key);
  const lowest = levels[levels.length - 1];
  const nextLowest = levels[levels.length - 2];
  const answer = new Map(rows.filter((row) => row.part === "").map((row) => [row.itemKey, row]));
  const triggers: CaseTrigger[] = [];
  for (const item of allItems(definition)) {
    const row = answer.get(item.key);
    if (!row) continue;
    if (item.type === "satisfaction") {
      if (rule.onDissatisfied && row.text === lowest)
        triggers.push({ kind: "dissatisfied", itemKey: item.key });
      else if (rule.onBasicallySatisfied && row.text === nextLowest)
        triggers.push({ kind: "basically_satisfied", itemKey: item.key });
    } else if (item.type === "nps") {
      if (rule.npsDetractor && row.number !== null && row.number <= 6)
        triggers.push({ kind: "nps", itemKey: item.key, value: row.number });
    } else if (item.type === "single_choice") {
      const keys = item.options
        .map((option) => option.key)
        .sort()
        .join(",");
      if (rule.onNo && keys === "no,yes" && row.text === "no")
        triggers.push({ kind: "no", itemKey: item.key });
    } else if (item.type === "text") {
      const text = row.text?.trim() ?? "";
      if (rule.commentScoreBelow !== null && text !== "" && score !== null && score < rule.commentScoreBelow)
        triggers.push({ kind: "comment", itemKey: item.key, text, threshold: rule.commentScoreBelow });
    }
  }
  if (rule.scoreBelow !== null && score !== null && score < rule.scoreBelow)
    triggers.push({ kind: "score", value: score, threshold: rule.scoreBelow });
  return triggers;
}

/**
 * The department responsible for the worst-answered satisfaction item that has one (its lowest level
 * first, then the questionnaire's order), for routing a case without a customer manager.
 */
export function worstDepartment(
  definition: QuestionnaireDefinition,
  rows: readonly AnswerRow[],
): string | null {
  const levels = scaleOf(definition).levels.map((level) => level.key);
  const answer = new Map(rows.filter((row) => row.part === "").map((row) => [row.itemKey, row]));
  let worst: { level: number; department: string } | null = null;
  for (const item of allItems(definition)) {
    if (item.type !== "satisfaction" || !item.department) continue;
    const level = levels.indexOf(answer.get(item.key)?.text ?? "");
    if (level < 0) continue;
    if (!worst || level > worst.level) worst = { level, department: item.department };
  }
  return worst?.department ?? null;
}

/**
 * When a case opened at `openedAt` must be contacted and resolved: so many hours and days later, or
 * of working time when the rule counts working days.
 */
export function dueDates(
  rule: Pick<CaseRule, "contactHours" | "resolveDays" | "workingDays">,
  openedAt: Date,
  calendar: WorkCalendar,
) {
  const after = (ms: number) =>
    rule.workingDays ? addWorkingTime(openedAt, ms, calendar) : new Date(openedAt.getTime() + ms);
  return {
    contactDueAt: after(rule.contactHours * 3_600_000),
    resolveDueAt: after(rule.resolveDays * 86_400_000),
  };
}

/** Whether a case may move from one status to another. */
export function canMove(from: CaseStatus, to: CaseStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/** Overdue: not contacted by its contact time, or not resolved by its resolve time. */
export function isOverdue(
  c: { status: CaseStatus; contactDueAt: Date; resolveDueAt: Date },
  now: Date,
): boolean {
  if (c.status === "open" && c.contactDueAt < now) return true;
  return (c.status === "open" || c.status === "contacted") && c.resolveDueAt < now;
}
