import type { Locale } from "../i18n/bilingual.ts";
import { translate } from "../i18n/i18n.ts";
import { formatScore } from "../lib/score-format.ts";
import type { CaseTrigger } from "./case.ts";

/** A trigger in words ("对“服务态度”不满意"); the item named by its key when its text is not at hand. */
export function triggerText(
  trigger: CaseTrigger,
  locale: Locale,
  itemText?: (key: string) => string,
): string {
  const item = trigger.itemKey ? (itemText?.(trigger.itemKey) ?? trigger.itemKey) : "";
  return translate(locale, `cases.trigger.${trigger.kind}`, {
    item,
    value:
      trigger.kind === "score" && trigger.value !== undefined
        ? formatScore(trigger.value)
        : (trigger.value ?? ""),
    threshold: trigger.threshold ?? "",
    text: trigger.text ?? "",
  });
}
