import { type Locale, pick } from "../i18n/bilingual.ts";
import type { Message, MessageKey } from "../i18n/i18n.ts";
import { formatScore } from "../lib/score-format.ts";
import { formatDateTime } from "../lib/time.ts";
import { allItems, type QuestionnaireDefinition } from "../questionnaires/questionnaire-definition.ts";
import type { CaseDetail, CaseListEntry } from "./case.repository.ts";
import { type CaseStatus, NEXT_STATUSES } from "./case.ts";
import { type Cause, causeLabel, choosableCauses } from "./case-cause.ts";
import { countdownOf } from "./case-countdown.ts";
import { triggerText } from "./case-text.ts";
import { countdownWords, itemTextIn } from "./case-words.ts";

/** A comment quoted in a list row is cut to this many characters (the case's page has it whole). */
const COMMENT_SHOWN = 80;

/** The case pages' view models, pure: a case as a list row, and the steps its page offers. */

/** A case's countdown as the pages show it, or null when no time limit runs. */
export function countdownView(
  c: Pick<CaseListEntry, "status" | "contactDueAt" | "resolveDueAt">,
  locale: Locale,
  now: Date,
) {
  const countdown = countdownOf(c, now);
  return (
    countdown && {
      text: countdownWords(countdown, locale),
      overdue: countdown.overdue,
      due: countdown.due,
      dueIso: countdown.due.toISOString(),
    }
  );
}

/** One row of the case list, every text in the reader's language. */
export function caseRow(
  entry: CaseListEntry,
  definition: QuestionnaireDefinition | undefined,
  locale: Locale,
  now: Date,
) {
  const itemText = itemTextIn(definition, locale);
  return {
    id: entry.id,
    customerName: entry.customerName,
    customerRef: entry.customerRef,
    questionnaire: pick({ "zh-CN": entry.questionnaireName, en: entry.questionnaireNameEn }, locale),
    triggers: entry.triggers.map((trigger) =>
      triggerText(
        trigger.text && trigger.text.length > COMMENT_SHOWN
          ? { ...trigger, text: `${trigger.text.slice(0, COMMENT_SHOWN)}…` }
          : trigger,
        locale,
        itemText,
      ),
    ),
    score: entry.score,
    department: entry.department,
    assigneeName: entry.assigneeName,
    status: entry.status,
    escalated: entry.escalatedAt !== null,
    countdown: countdownView(entry, locale, now),
  };
}

const MOVE_LABELS: Record<Exclude<CaseStatus, "open" | "resolved">, MessageKey> = {
  contacted: "cases.move.contacted",
  unreachable: "cases.move.unreachable",
  closed: "cases.move.closed",
};

/**
 * The status buttons of a case page: every next status but "resolved" (resolving is the handling
 * form's, which asks for the cause and the reply), and "closed" only for who may close.
 */
export function moveActions(status: CaseStatus, canClose: boolean) {
  return NEXT_STATUSES[status].flatMap((to) => {
    if (to === "open" || to === "resolved" || (to === "closed" && !canClose)) return [];
    // a resolved case taken back is reopened: the customer is contacted again
    const label: MessageKey =
      to === "contacted" && status === "resolved" ? "cases.move.reopen" : MOVE_LABELS[to];
    return [{ to, label, danger: to === "closed" }];
  });
}

/**
 * What the customer wrote in their own words (the text items answered), for the top of a case's page:
 * the first thing to read before calling them back.
 */
export function writtenAnswers(
  definition: QuestionnaireDefinition | undefined,
  answers: Record<string, unknown>,
  locale: Locale,
): { question: string; text: string }[] {
  if (!definition) return [];
  return allItems(definition).flatMap((item) => {
    const value = answers[item.key];
    if (item.type !== "text" || typeof value !== "string" || value.trim() === "") return [];
    return [{ question: pick(item.text, locale), text: value.trim() }];
  });
}

/**
 * The handling form's cause choices, grouped (理赔 › 时效); the case's own cause stays offered after it
 * was retired, marked so.
 */
export function causeChoices(
  causes: readonly Cause[],
  selected: string,
  own: CaseDetail["cause"],
  locale: Locale,
) {
  const groups = choosableCauses(causes).map((group) => ({
    name: pick(group.name, locale),
    causes: group.children.map((cause) => ({
      id: cause.id,
      name: pick(cause.name, locale),
      selected: String(cause.id) === selected,
    })),
  }));
  const offered = groups.some((group) => group.causes.some((cause) => cause.id === own?.id));
  const retired =
    own && !offered
      ? {
          id: own.id,
          name: causeLabel(own, locale),
          selected: String(own.id) === selected,
        }
      : null;
  return { groups, retired };
}

/** What the case's page says of the recovery survey, or null when none was asked for. */
export function recoveryView(
  recovery: CaseDetail["recovery"],
  locale: Locale,
  timeZone: string,
): { message: Message; recovered: boolean | null; responseId: number | null } | null {
  const view = (message: Message) => ({
    message,
    recovered: recovery.recovered,
    responseId: recovery.responseId,
  });
  if (recovery.responseId !== null)
    return view({
      key: "cases.recovery.answered",
      values: { score: recovery.score === null ? "—" : formatScore(recovery.score) },
    });
  if (recovery.skipped !== null) return view({ key: `cases.recovery.skipped.${recovery.skipped}` });
  if (recovery.invitationId === null) return null;
  if (recovery.channel === "staff")
    return view({ key: "cases.recovery.onCallList", values: { name: recovery.assigneeName ?? "—" } });
  return recovery.sentAt
    ? view({ key: "cases.recovery.sent", values: { at: formatDateTime(recovery.sentAt, locale, timeZone) } })
    : view({ key: "cases.recovery.queued" });
}
