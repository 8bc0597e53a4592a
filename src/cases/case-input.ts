import { z } from "zod";
import { ValidationError } from "../errors.ts";
import { parseDateIn } from "../lib/time.ts";
import { CASE_STATUSES, CONTACT_CHANNELS, CONTACT_OUTCOMES, TRIGGER_KINDS } from "./case.ts";

/** What a request may say about cases: the list's filter, a contact, a step, a reassignment. Shared by the API and the pages. */

const blank = (value: unknown) => (value === "" ? undefined : value);
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().min(1).max(max).optional());
/** A time as sent: an instant with its offset, or a date and time read in the organisation's zone (`instantIn`). */
const instant = z.preprocess(blank, z.string().trim().max(40).optional());

export const caseListQuerySchema = z.object({
  status: z.preprocess(blank, z.enum([...CASE_STATUSES, "active", "all"]).default("active")),
  overdue: z.preprocess(blank, z.enum(["1", "true"]).optional()),
  questionnaire: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  department: optionalText(60),
  trigger: z.preprocess(blank, z.enum(TRIGGER_KINDS).optional()),
  /** a cause, or an area (its causes) */
  cause: z.preprocess(blank, z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional()),
  assignedTo: z.preprocess(
    blank,
    z.union([z.literal("none"), z.coerce.number().int().positive()]).optional(),
  ),
  customer: optionalText(100),
});
export type CaseListQuery = z.output<typeof caseListQuerySchema>;

export const contactSchema = z.object({
  channel: z.enum(CONTACT_CHANNELS),
  outcome: z.enum(CONTACT_OUTCOMES),
  contactedAt: instant,
  callBackAt: instant,
  notes: z.preprocess((value) => value ?? "", z.string().trim().max(2000)),
});

const handlingText = z.preprocess(blank, z.string().trim().max(2000).optional());

const causeId = z.preprocess(
  blank,
  z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
);

export const stepSchema = z.object({
  status: z.enum(CASE_STATUSES),
  causeId,
  causeNotes: handlingText,
  fix: handlingText,
  reply: handlingText,
});

export const reassignSchema = z.object({ assignedTo: z.coerce.number().int().positive() });

export const caseIdSchema = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** The list filter of a parsed query. */
export function caseFilterOf(query: CaseListQuery) {
  return {
    ...(query.status === "all" ? {} : { status: query.status }),
    ...(query.overdue ? { overdue: true } : {}),
    ...(query.questionnaire === undefined ? {} : { questionnaireId: query.questionnaire }),
    ...(query.department === undefined ? {} : { department: query.department }),
    ...(query.trigger === undefined ? {} : { trigger: query.trigger }),
    ...(query.cause === undefined ? {} : { causeId: query.cause }),
    ...(query.assignedTo === undefined ? {} : { assignedTo: query.assignedTo }),
    ...(query.customer === undefined ? {} : { customer: query.customer }),
  };
}

/**
 * A contact's time as the API reads it: `2026-12-10T10:00:00+08:00` (an instant), or `2026-12-10T10:00`
 * (the organisation's wall time, never the server's); undefined when it was not given.
 *
 * @throws ValidationError at the field for a text that is no time
 */
export function instantIn(text: string | undefined, timeZone: string, field: string): Date | undefined {
  if (text === undefined) return undefined;
  const at = parseDateIn(text, timeZone, "start");
  if (!at)
    throw new ValidationError(`${field} is not a time`, [
      { field, message: { key: "cases.error.dateTime" } },
    ]);
  return at;
}
