import type { Bilingual, Locale } from "../i18n/bilingual.ts";
import { numberItems } from "../questionnaires/item-numbers.ts";
import { type QuestionnaireDefinition, scaleOf } from "../questionnaires/questionnaire-definition.ts";
import { RATER_LABELS } from "./respondent-view.ts";

/** A stored response as question → answer text in the reader's language, for the console. Pure. */
export function describeAnswers(
  definition: QuestionnaireDefinition,
  answers: Record<string, unknown>,
  locale: Locale,
) {
  const text = (value: Bilingual | undefined) => (value ? value[locale] || value["zh-CN"] : "");
  const scale = scaleOf(definition);
  const dimensionLabel = (key: string) =>
    text(definition.dimensions?.find((d) => d.key === key)?.label ?? RATER_LABELS[key]) || key;
  const numbers = numberItems(definition);
  return definition.sections.map((section) => ({
    title: text(section.title),
    items: section.items.map((item) => {
      const value = answers[item.key];
      let answer = "";
      let points: number | null = null;
      if (value !== undefined) {
        switch (item.type) {
          case "satisfaction": {
            const level = scale.levels.find((l) => l.key === value);
            answer = level ? text(level.label) : String(value);
            points = level?.points ?? null;
            break;
          }
          case "single_choice":
            answer = text(item.options.find((o) => o.key === value)?.label) || String(value);
            break;
          case "multiple_choice":
            answer = (value as string[])
              .map((key) => text(item.options.find((o) => o.key === key)?.label) || key)
              .join("; ");
            break;
          case "kano": {
            const pair = value as { functional: string; dysfunctional: string };
            answer = `${pair.functional} / ${pair.dysfunctional}`;
            break;
          }
          case "servqual": {
            const pair = value as { expectation: number; perception: number };
            answer = `E ${pair.expectation} · P ${pair.perception}`;
            break;
          }
          case "importance":
            answer = Object.entries(value as Record<string, number>)
              .map(([key, n]) => `${dimensionLabel(key)} ${n}`)
              .join(" · ");
            break;
          default:
            answer = String(value);
        }
      }
      return {
        number: numbers.get(item.key) ?? "",
        key: item.key,
        question: text(item.text),
        answer,
        points,
        answered: value !== undefined,
        dissatisfied: points !== null && points === Math.min(...scale.levels.map((l) => l.points)),
      };
    }),
  }));
}
