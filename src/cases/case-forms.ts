import { z } from "zod";
import { wallTimeIn } from "../lib/time.ts";
import type { CaseFilter } from "./case.repository.ts";
import { CASE_STATUSES, CONTACT_CHANNELS, CONTACT_OUTCOMES, TRIGGER_KINDS } from "./case.ts";
import { RULE_LIMITS } from "./case-rule.ts";

/** The case pages' query strings and forms, as zod schemas; the routes parse with them. */

const blank = (v: unknown) => (v === "" ? undefined : v);
const optionalId = z.preprocess(blank, z.coerce.number().int().positive().optional());
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional());

/** "active" (open, contacted or could not reach: what still needs work) unless another is chosen. */
export const STATUS_CHOICES = ["active", ...CASE_STATUSES, "all"] as const;

export const caseListQuerySchema = z.object({
  status: z.preprocess(blank, z.enum(STATUS_CHOICES).default("active")),
  overdue: z.preprocess(blank, z.enum(["1"]).optional()),
  questionnaire: optionalId,
  department: optionalText(200),
  trigger: z.preprocess(blank, z.enum(TRIGGER_KINDS).optional()),
  /** a staff user's id, or `none` for the quality queue (cases nobody has) */
  assignee: z.preprocess(blank, z.union([z.literal("none"), z.coerce.number().int().positive()]).optional()),
  q: optionalText(100),
});
export type CaseListQuery = z.output<typeof caseListQuerySchema>;

/** The repository's filter for a list query; only quality staff filter by assignee. */
export function toCaseFilter(query: CaseListQuery, byAssignee: boolean): CaseFilter {
  return {
    status: query.status === "all" ? undefined : query.status,
    overdue: query.overdue === "1",
    questionnaireId: query.questionnaire,
    department: query.department,
    trigger: query.trigger,
    assignedTo: byAssignee ? query.assignee : undefined,
    customer: query.q,
  };
}

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
  notes: z.string().max(4000).default(""),
});
export type ContactForm = z.input<typeof contactFormSchema>;

export const handlingFormSchema = z.object({
  cause: z.string().trim().max(200).default(""),
  fix: z.string().trim().max(4000).default(""),
  reply: z.string().trim().max(4000).default(""),
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
});

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as a `datetime-local` field's value in a zone: "2026-12-10T14:30". */
export function dateTimeInputValue(instant: Date, timeZone: string): string {
  const wall = wallTimeIn(instant, timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}
