import { type Locale, pick } from "../i18n/bilingual.ts";
import { translate } from "../i18n/i18n.ts";
import { formatScore } from "../lib/score-format.ts";
import { allItems, type QuestionnaireDefinition } from "../questionnaires/questionnaire-definition.ts";
import type { CaseTrigger } from "./case.ts";
import type { Countdown } from "./case-countdown.ts";

/** A comment quoted in a trigger is cut to this many characters in lists (the case page has it whole). */
const COMMENT_SHOWN = 80;

/**
 * Why a case was opened, in the reader's language: "对“理赔时效”不满意", "Score 62.5 below 70".
 * Items are named by their text in the version the customer answered; an item no longer found there is
 * named by its key.
 */
export function triggerWords(
  trigger: CaseTrigger,
  definition: QuestionnaireDefinition | undefined,
  locale: Locale,
): string {
  const item = trigger.itemKey
    ? definition && allItems(definition).find((candidate) => candidate.key === trigger.itemKey)
    : undefined;
  const text = trigger.text ?? "";
  return translate(locale, `cases.trigger.${trigger.kind}`, {
    item: item ? pick(item.text, locale) : (trigger.itemKey ?? ""),
    value: trigger.kind === "score" ? formatScore(trigger.value) : String(trigger.value ?? ""),
    threshold: String(trigger.threshold ?? ""),
    text: text.length > COMMENT_SHOWN ? `${text.slice(0, COMMENT_SHOWN)}…` : text,
  });
}

const DUE_KEYS = {
  contact: { due: "cases.due.contactIn", overdue: "cases.due.contactOverdue" },
  resolve: { due: "cases.due.resolveIn", overdue: "cases.due.resolveOverdue" },
} as const;

/** A countdown in words: "contact due in 5 h", "解决已逾期 2 天". */
export function countdownWords(countdown: Countdown, locale: Locale): string {
  const keys = DUE_KEYS[countdown.deadline];
  const time = translate(locale, `cases.duration.${countdown.unit}`, { n: countdown.amount });
  return translate(locale, countdown.overdue ? keys.overdue : keys.due, { time });
}
