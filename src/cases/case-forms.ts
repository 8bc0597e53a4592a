import { z } from "zod";
import { wallTimeIn } from "../lib/time.ts";
import {
  CASE_STATUSES,
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  DEFAULT_RULE,
  RECOVERY_CHANNELS,
} from "./case.ts";
import { type CaseListQuery, caseListQuerySchema } from "./case-input.ts";
import { RULE_LIMITS } from "./case-rule.ts";

/**
 * The case pages' forms, as zod schemas (the list's query is case-input.ts', shared with the API). A
 * date and time is typed as the organisation's wall time and read in its zone by the route.
 */

const blank = (v: unknown) => (v === "" ? undefined : v);

/** The list's status choices in the order the filter offers them: "active" (still to handle) first. */
export const STATUS_CHOICES = ["active", ...CASE_STATUSES, "all"] as const;

/** The list's filters as text (kept in the pages' links): the default status and the paging left out. */
export function keptCaseQuery(query: CaseListQuery): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query)
      .filter(([key, value]) => key in caseListQuerySchema.shape && value !== undefined)
      .filter(([key, value]) => !(key === "status" && value === "active"))
      .map(([key, value]) => [key, String(value)]),
  );
}

/** A date and time typed into a `datetime-local` field (read in the organisation's zone by the route). */
const dateTimeText = z.string().trim().max(40);

export const contactFormSchema = z.object({
  channel: z.enum(CONTACT_CHANNELS),
  outcome: z.enum(CONTACT_OUTCOMES),
  contactedAt: dateTimeText.min(1),
  callBackAt: dateTimeText.default(""),
  notes: z.string().trim().max(2000).default(""),
});
export type ContactForm = z.input<typeof contactFormSchema>;

export const handlingFormSchema = z.object({
  /** a second-level cause's id, or empty */
  causeId: z.string().trim().max(20).default(""),
  causeNotes: z.string().trim().max(2000).default(""),
  fix: z.string().trim().max(2000).default(""),
  reply: z.string().trim().max(2000).default(""),
  /** the button pressed: save only, or save and mark the case resolved */
  action: z.enum(["save", "resolve"]).default("save"),
});
export type HandlingForm = z.input<typeof handlingFormSchema>;

/** A step of the status buttons; resolving is the handling form's (it needs the cause and the reply). */
export const statusFormSchema = z.object({ to: z.enum(["contacted", "unreachable", "closed"]) });

export const assignFormSchema = z.object({
  assignedTo: z.preprocess(
    blank,
    z.coerce
      .number({ error: "cases.error.assignee" })
      .int("cases.error.assignee")
      .positive("cases.error.assignee"),
  ),
});

const checkbox = z
  .literal("on")
  .optional()
  .transform((value) => value === "on");
const threshold = z.preprocess(
  blank,
  z.coerce.number().min(RULE_LIMITS.threshold.min).max(RULE_LIMITS.threshold.max).nullable().default(null),
);

/** The rule form; its fields are CaseRule's, a threshold left empty is no such condition. */
export const ruleFormSchema = z.object({
  enabled: checkbox,
  onDissatisfied: checkbox,
  onBasicallySatisfied: checkbox,
  scoreBelow: threshold,
  npsDetractor: checkbox,
  onNo: checkbox,
  commentScoreBelow: threshold,
  anonymous: checkbox,
  contactHours: z.coerce.number().int().min(RULE_LIMITS.contactHours.min).max(RULE_LIMITS.contactHours.max),
  resolveDays: z.coerce.number().int().min(RULE_LIMITS.resolveDays.min).max(RULE_LIMITS.resolveDays.max),
  workingDays: checkbox,
  /** left out (an older form): the default */
  unreachableAfter: z.preprocess(
    (v) => (v === undefined ? String(DEFAULT_RULE.unreachableAfter) : v),
    z.coerce.number().int().min(RULE_LIMITS.unreachableAfter.min).max(RULE_LIMITS.unreachableAfter.max),
  ),
  /** a questionnaire's id, or empty for no recovery survey */
  recoveryQuestionnaireId: z.preprocess(
    blank,
    z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable().default(null),
  ),
  recoveryChannel: z.enum(RECOVERY_CHANNELS).default("email"),
});

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as a `datetime-local` field's value in a zone: "2026-12-10T14:30". */
export function dateTimeInputValue(instant: Date, timeZone: string): string {
  const wall = wallTimeIn(instant, timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}
