import {
  allItems,
  type Condition,
  type Item,
  type QuestionnaireDefinition,
  range,
  scaleOf,
} from "../questionnaires/questionnaire-definition.ts";
import { KANO_ANSWERS, type KanoAnswer, respondentScore } from "../scoring/index.ts";

/**
 * A respondent's answers, by item key, in their checked form. Pure: no I/O.
 *
 * satisfaction → level key · rating, nps → integer · kano → { functional, dysfunctional } ·
 * servqual → { expectation, perception } (1..7) · importance → { dimension: points } summing to 100 ·
 * single_choice → option key · multiple_choice → option keys · text → string
 */
export type AnswerValue =
  | string
  | number
  | string[]
  | { functional: KanoAnswer; dysfunctional: KanoAnswer }
  | { expectation: number; perception: number }
  | Record<string, number>;
export type Answers = Record<string, AnswerValue>;

/** What is wrong with one answer: `survey.error.<code>` with `params`, worded for the respondent and the API alike. */
export interface AnswerIssue {
  itemKey: string;
  code:
    | "required"
    | "invalid_choice"
    | "out_of_range"
    | "not_whole_number"
    | "too_long"
    | "too_many"
    | "sum_100"
    | "unknown_item";
  params?: Record<string, string | number>;
}

export const SERVQUAL_POINTS = { min: 1, max: 7 } as const;

/** Whether an item is shown, given the answers so far (conditions refer to earlier items only). */
export function isVisible(item: Item, answers: Answers): boolean {
  return item.showIf ? conditionHolds(item.showIf, answers) : true;
}

function conditionHolds(condition: Condition, answers: Answers): boolean {
  const value = answers[condition.item];
  if (value === undefined) return false;
  if (condition.answered) return true;
  const given = Array.isArray(value) ? value : [String(value)];
  return given.some((v) => condition.in?.includes(v));
}

export interface CheckOptions {
  /** true at submit: required items must be answered */
  complete: boolean;
  /** check only these items (the page being saved); unknown keys in `raw` are still reported */
  itemKeys?: string[];
  /** report keys that are not items of the questionnaire (the API does; forms ignore them) */
  rejectUnknown?: boolean;
  /** answers already saved (earlier pages), which decide whether conditional items are shown */
  known?: Answers;
}

/**
 * Checks raw answers against the definition. Hidden items (their condition does not hold) lose their
 * answers and are never required. Returns the clean answers and every problem, one per item.
 */
export function checkAnswers(
  definition: QuestionnaireDefinition,
  raw: Record<string, unknown>,
  options: CheckOptions,
): { answers: Answers; issues: AnswerIssue[] } {
  const items = allItems(definition);
  const byKey = new Map(items.map((item) => [item.key, item]));
  const issues: AnswerIssue[] = [];
  if (options.rejectUnknown) {
    for (const key of Object.keys(raw)) {
      if (!byKey.has(key))
        issues.push({
          itemKey: key,
          code: "unknown_item",
        });
    }
  }
  const only = options.itemKeys ? new Set(options.itemKeys) : undefined;
  const levelKeys = scaleOf(definition).levels.map((level) => level.key);
  const answers: Answers = {};
  const context: Answers = { ...(options.known ?? {}) };
  for (const item of items) {
    if (only && !only.has(item.key)) continue;
    if (!isVisible(item, context)) continue;
    const value = raw[item.key];
    if (isBlank(value)) {
      delete context[item.key];
      if (options.complete && item.required) {
        issues.push({ itemKey: item.key, code: "required" });
      }
      continue;
    }
    const checked = checkValue(item, value, levelKeys);
    if ("issue" in checked) {
      issues.push({ itemKey: item.key, ...checked.issue });
    } else {
      answers[item.key] = checked.value;
      context[item.key] = checked.value;
    }
  }
  return { answers, issues };
}

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every(isBlank);
  return false;
}

type Checked = { value: AnswerValue } | { issue: Omit<AnswerIssue, "itemKey"> };

function choice(value: unknown, allowed: string[]): Checked {
  const text = String(value);
  return typeof value === "string" && allowed.includes(text)
    ? { value: text }
    : { issue: { code: "invalid_choice" } };
}

function wholeNumber(value: unknown, min: number, max: number): Checked {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isFinite(number)) {
    return {
      issue: {
        code: "not_whole_number",
        params: { min, max },
      },
    };
  }
  if (!Number.isInteger(number)) {
    return {
      issue: {
        code: "not_whole_number",
        params: { min, max },
      },
    };
  }
  if (number < min || number > max) {
    return {
      issue: { code: "out_of_range", params: { min, max } },
    };
  }
  return { value: number };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `levelKeys`: the keys of the questionnaire's satisfaction scale. */
function checkValue(item: Item, value: unknown, levelKeys: string[]): Checked {
  switch (item.type) {
    case "satisfaction":
      return choice(value, levelKeys);
    case "rating":
      return wholeNumber(value, item.min, item.max);
    case "nps":
      return wholeNumber(value, 0, 10);
    case "single_choice":
      return choice(
        value,
        item.options.map((option) => option.key),
      );
    case "multiple_choice": {
      const list = Array.isArray(value) ? value : [value];
      const allowed = item.options.map((option) => option.key);
      if (!list.every((v) => typeof v === "string" && allowed.includes(v))) {
        return {
          issue: { code: "invalid_choice" },
        };
      }
      const unique = [...new Set(list as string[])];
      if (item.maxSelected !== undefined && unique.length > item.maxSelected) {
        return {
          issue: {
            code: "too_many",
            params: { max: item.maxSelected },
          },
        };
      }
      return { value: unique };
    }
    case "text": {
      if (typeof value !== "string") return { issue: { code: "invalid_choice" } };
      const text = value.trim();
      if (text.length > item.maxLength) {
        return {
          issue: {
            code: "too_long",
            params: { max: item.maxLength },
          },
        };
      }
      return { value: text };
    }
    case "kano": {
      const pair = asRecord(value);
      const answers = KANO_ANSWERS as readonly string[];
      const functional = pair?.functional;
      const dysfunctional = pair?.dysfunctional;
      if (typeof functional !== "string" || typeof dysfunctional !== "string") {
        return {
          issue: {
            code: "required",
            params: { parts: 2 },
          },
        };
      }
      if (!answers.includes(functional) || !answers.includes(dysfunctional)) {
        return {
          issue: { code: "invalid_choice" },
        };
      }
      return { value: { functional: functional as KanoAnswer, dysfunctional: dysfunctional as KanoAnswer } };
    }
    case "servqual": {
      const pair = asRecord(value);
      if (isBlank(pair?.expectation) || isBlank(pair?.perception)) {
        return {
          issue: {
            code: "required",
            params: { parts: 2 },
          },
        };
      }
      const expectation = wholeNumber(pair?.expectation, SERVQUAL_POINTS.min, SERVQUAL_POINTS.max);
      if ("issue" in expectation) return expectation;
      const perception = wholeNumber(pair?.perception, SERVQUAL_POINTS.min, SERVQUAL_POINTS.max);
      if ("issue" in perception) return perception;
      return { value: { expectation: expectation.value as number, perception: perception.value as number } };
    }
    case "importance": {
      const points = asRecord(value);
      const result: Record<string, number> = {};
      for (const dimension of item.dimensions) {
        const checked = wholeNumber(points?.[dimension] ?? 0, 0, 100);
        // the row at fault is named: the respondent sees which of the dimensions to correct
        if ("issue" in checked)
          return {
            issue: {
              ...checked.issue,
              params: { ...checked.issue.params, part: dimension },
            },
          };
        result[dimension] = checked.value as number;
      }
      const extra = Object.keys(points ?? {}).filter((key) => !item.dimensions.includes(key));
      if (extra.length > 0) return { issue: { code: "invalid_choice" } };
      const sum = Object.values(result).reduce((a, b) => a + b, 0);
      if (sum !== 100) {
        return {
          issue: {
            code: "sum_100",
            params: { sum },
          },
        };
      }
      return { value: result };
    }
  }
}

/** One compact row of the `answer` table. */
export interface AnswerRow {
  itemKey: string;
  part: string;
  number: number | null;
  text: string | null;
}

/** The compact rows stored for analysis; satisfaction rows carry the points and the level key. */
export function answerRows(definition: QuestionnaireDefinition, answers: Answers): AnswerRow[] {
  const rows: AnswerRow[] = [];
  const scale = scaleOf(definition);
  // Plain pushes, no helper closure per item: this runs for every answer of every submitted response.
  for (const item of allItems(definition)) {
    const itemKey = item.key;
    const value = answers[itemKey];
    if (value === undefined) continue;
    switch (item.type) {
      case "satisfaction": {
        const level = scale.levels.find((candidate) => candidate.key === value);
        rows.push({ itemKey, part: "", number: level?.points ?? null, text: String(value) });
        break;
      }
      case "rating":
      case "nps":
        rows.push({ itemKey, part: "", number: value as number, text: null });
        break;
      case "single_choice":
      case "text":
        rows.push({ itemKey, part: "", number: null, text: value as string });
        break;
      case "multiple_choice":
        for (const key of value as string[]) rows.push({ itemKey, part: key, number: 1, text: key });
        break;
      case "kano": {
        const pair = value as { functional: string; dysfunctional: string };
        rows.push({ itemKey, part: "functional", number: null, text: pair.functional });
        rows.push({ itemKey, part: "dysfunctional", number: null, text: pair.dysfunctional });
        break;
      }
      case "servqual": {
        const pair = value as { expectation: number; perception: number };
        rows.push({ itemKey, part: "expectation", number: pair.expectation, text: null });
        rows.push({ itemKey, part: "perception", number: pair.perception, text: null });
        break;
      }
      case "importance":
        for (const [dimension, points] of Object.entries(value as Record<string, number>))
          rows.push({ itemKey, part: dimension, number: points, text: null });
        break;
    }
  }
  return rows;
}

/** The respondent score: the mean points of their answered satisfaction items, or null if none. */
export function scoreAnswers(definition: QuestionnaireDefinition, answers: Answers): number | null {
  const satisfaction = allItems(definition)
    .filter((item) => item.type === "satisfaction" && typeof answers[item.key] === "string")
    .map((item) => ({ itemKey: item.key, levelKey: answers[item.key] as string }));
  return satisfaction.length === 0 ? null : respondentScore(satisfaction, scaleOf(definition));
}

/** The numbers a rating/NPS item offers, for rendering. */
export function ratingChoices(item: Item): number[] {
  if (item.type === "nps") return range(0, 10);
  if (item.type === "rating") return range(item.min, item.max);
  return [];
}
