import type { Locale } from "../../i18n/bilingual.ts";
import { type Message, type MessageKey, render } from "../../i18n/i18n.ts";
import type { DefinitionIssue } from "../questionnaire-definition.ts";

/**
 * Definition issues (from `parseDefinition`: message keys and values) as the builder shows them: in
 * the page's language, next to the form field they concern. Pure: no I/O.
 */

/**
 * Wordings that read better in the builder than the general one, by the field's name (its full
 * path below the item, or its last part): general message key → the builder's own.
 */
const FIELD_WORDING: Record<string, Partial<Record<MessageKey, MessageKey>>> = {
  "showIf.in": { "validation.chooseOne": "builder.issue.tickAnswer" },
  dimensions: { "builder.issue.dimensionsMin": "builder.issue.tickDimensions" },
  // a level's points may be a fraction; every other number in a definition is whole
  points: { "validation.number": "validation.number" },
  "indicator.0": { "validation.required": "builder.issue.indicatorLevel" },
  "indicator.1": { "validation.required": "builder.issue.indicatorLevel" },
};
const GENERAL_WORDING: Partial<Record<MessageKey, MessageKey>> = {
  "validation.number": "validation.wholeNumber",
};

/**
 * An issue's message in `locale`, in the builder's wording for `field`.
 * @example localizeMessage({ key: "builder.issue.unknownAllocated", values: { dimension: "诚意" } }, "zh-CN") // => "未知维度“诚意”"
 */
export function localizeMessage(message: Message, locale: Locale, field?: string): string {
  const last = field?.split(".").at(-1);
  const key =
    (field ? FIELD_WORDING[field]?.[message.key] : undefined) ??
    (last ? FIELD_WORDING[last]?.[message.key] : undefined) ??
    GENERAL_WORDING[message.key] ??
    message.key;
  return render(locale, { ...message, key });
}

/**
 * The issues below `prefix` (e.g. `sections.0.items.3`), keyed by the rest of their path (`text.en`)
 * with the first message for each, localized. An issue at `prefix` itself is keyed "".
 */
export function issuesBelow(
  issues: DefinitionIssue[],
  prefix: string,
  locale: Locale,
): Record<string, string> {
  const found: Record<string, string> = {};
  for (const issue of issues) {
    let rest: string;
    if (prefix === "") rest = issue.path;
    else if (issue.path === prefix) rest = "";
    else if (issue.path.startsWith(`${prefix}.`)) rest = issue.path.slice(prefix.length + 1);
    else continue;
    found[rest] ??= localizeMessage(issue.message, locale, rest);
  }
  return found;
}

/** Where an issue is, for a list of problems: the item's key when it has one, else its path. */
export interface LocatedIssue {
  itemKey: string | undefined;
  path: string;
  message: string;
}

export function locateIssues(issues: DefinitionIssue[], locale: Locale): LocatedIssue[] {
  return issues.map((issue) => ({
    itemKey: issue.itemKey,
    path: issue.path,
    message: localizeMessage(issue.message, locale, lastSegment(issue.path)),
  }));
}

function lastSegment(path: string): string {
  return path.replace(/^sections\.\d+\.items\.\d+\./, "");
}
