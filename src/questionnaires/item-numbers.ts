import type { QuestionnaireDefinition } from "./questionnaire-definition.ts";

/**
 * The number every page shows before an item (题号): the builder, the respondent's page, the preview,
 * an interview and a stored response all read it here, so "question 5" is the same question for the
 * customer and for the staff who read their answers.
 *
 * Items are numbered 1, 2, 3… in the definition's order, across sections. A conditional item
 * (`showIf`, e.g. 「为什么不满意？」 shown only after a low mark) takes the number of the item before it
 * with a letter — 3a, 3b — instead of a number of its own: the numbers a respondent sees never skip
 * when a follow-up stays hidden, and they do not depend on the answers given. A condition always points
 * to an earlier item, so a conditional item is never first; if one were, it would get a number.
 *
 * @returns the label of each item key, e.g. `"3"` or `"3a"`
 * @example
 * numberItems(definition) // => Map { "q1" => "1", "why" => "1a", "q2" => "2" }
 */
export function numberItems(definition: QuestionnaireDefinition): Map<string, string> {
  const numbers = new Map<string, string>();
  let number = 0;
  let followUps = 0;
  for (const section of definition.sections) {
    for (const item of section.items) {
      if (item.showIf && number > 0) {
        followUps += 1;
        numbers.set(item.key, `${number}${letters(followUps)}`);
      } else {
        number += 1;
        followUps = 0;
        numbers.set(item.key, String(number));
      }
    }
  }
  return numbers;
}

/** a, b, … z, aa, ab, … (as spreadsheet columns, in lower case) */
function letters(n: number): string {
  let rest = n;
  let out = "";
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    out = String.fromCharCode(97 + digit) + out;
    rest = Math.floor((rest - 1) / 26);
  }
  return out;
}
