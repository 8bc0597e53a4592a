import { type Locale, pick } from "../i18n/bilingual.ts";
import { translate } from "../i18n/i18n.ts";
import { allItems, type QuestionnaireDefinition } from "../questionnaires/questionnaire-definition.ts";
import type { Countdown } from "./case-countdown.ts";

/**
 * An item's text in the reader's language, by key, from the version the customer answered (for
 * `triggerText`); undefined for a key no longer found there, which is then named by its key.
 */
export function itemTextIn(definition: QuestionnaireDefinition | undefined, locale: Locale) {
  const items = new Map(definition ? allItems(definition).map((item) => [item.key, item.text]) : []);
  return (key: string) => {
    const text = items.get(key);
    return text ? pick(text, locale) : key;
  };
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
