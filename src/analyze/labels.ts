import type { KanoAnswer, Scale, ServqualDimension } from "../scoring/index.ts";
import { normalizeLabel } from "./csv.ts";

/** Cells that mean "not answered / not applicable": the item is excluded, never scored 0. */
const UNANSWERED = new Set(
  ["", "-", "—", "n/a", "na", "null", "skip", "不适用", "未答", "未回答", "未作答"].map(normalizeLabel),
);

/** The result of reading one answer cell. */
export type ParsedCell<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

/**
 * Reads a satisfaction answer: the level's key (very_satisfied), its English or Chinese label
 * (very satisfied, 非常满意) or its points (100). Case, spaces, "_" and "-" do not matter.
 *
 * @returns the level key, `null` for an unanswered cell, or `{ ok: false }` when not recognised
 */
export function parseSatisfactionAnswer(cell: string, scale: Scale): ParsedCell<string | null> {
  const text = normalizeLabel(cell);
  if (UNANSWERED.has(text)) return { ok: true, value: null };
  const numeric = text === "" ? Number.NaN : Number(text);
  for (const level of scale.levels) {
    const names = [level.key, level.label.en, level.label["zh-CN"]].map(normalizeLabel);
    if (names.includes(text) || level.points === numeric) return { ok: true, value: level.key };
  }
  return { ok: false };
}

/** Human list of the accepted satisfaction answers, for error messages. */
export function satisfactionAnswerHint(scale: Scale): string {
  return scale.levels.map((level) => `${level.label["zh-CN"]}/${level.key}/${level.points}`).join(", ");
}

const KANO_NAMES: Readonly<Record<KanoAnswer, readonly string[]>> = {
  like: [
    "like",
    "i like it",
    "like it",
    "i like it that way",
    "喜欢",
    "我喜欢",
    "很喜欢",
    "我很喜欢",
    "非常喜欢",
    "感到满意",
    "1",
  ],
  "must-be": [
    "must-be",
    "must be",
    "expect",
    "expect it",
    "i expect it",
    "it must be that way",
    "i expect it that way",
    "理应如此",
    "必须如此",
    "应该如此",
    "应该的",
    "2",
  ],
  neutral: ["neutral", "i am neutral", "i'm neutral", "无所谓", "中立", "3"],
  "live-with": [
    "live-with",
    "live with",
    "live with it",
    "can live with it",
    "i can live with it",
    "i can live with it that way",
    "tolerate",
    "tolerate it",
    "i can tolerate it",
    "能忍受",
    "可以忍受",
    "勉强接受",
    "能接受",
    "4",
  ],
  dislike: [
    "dislike",
    "i dislike it",
    "dislike it",
    "i dislike it that way",
    "不喜欢",
    "我不喜欢",
    "很不喜欢",
    "我很不喜欢",
    "感到不满",
    "5",
  ],
};

const KANO_LOOKUP = new Map<string, KanoAnswer>(
  (Object.entries(KANO_NAMES) as [KanoAnswer, readonly string[]][]).flatMap(([answer, names]) =>
    names.map((name) => [normalizeLabel(name), answer] as const),
  ),
);

/**
 * Reads a Kano answer: like/must-be/neutral/live-with/dislike, the questionnaire wordings
 * ("I like it", "I expect it", "I can live with it"…), the Chinese options 喜欢/理应如此/无所谓/
 * 能忍受/不喜欢 (also 我很喜欢, 感到满意, 勉强接受, 感到不满…) or the positions 1–5.
 */
export function parseKanoAnswer(cell: string): ParsedCell<KanoAnswer> {
  const answer = KANO_LOOKUP.get(normalizeLabel(cell));
  return answer === undefined ? { ok: false } : { ok: true, value: answer };
}

const DIMENSION_NAMES: Readonly<Record<ServqualDimension, readonly string[]>> = {
  reliability: ["reliability", "信赖度", "可靠性", "可靠度"],
  assurance: ["assurance", "专业度", "保证性", "确实性"],
  tangibles: ["tangibles", "tangible", "tangibility", "有形度", "有形性"],
  empathy: ["empathy", "同理度", "移情性", "关怀性"],
  responsiveness: ["responsiveness", "反应度", "响应性", "响应度"],
};

const DIMENSION_LOOKUP = new Map<string, ServqualDimension>(
  (Object.entries(DIMENSION_NAMES) as [ServqualDimension, readonly string[]][]).flatMap(
    ([dimension, names]) => names.map((name) => [normalizeLabel(name), dimension] as const),
  ),
);

/** Reads a RATER dimension in English (Reliability, tangible…) or Chinese (信赖度, 可靠性…). */
export function parseServqualDimension(cell: string): ParsedCell<ServqualDimension> {
  const dimension = DIMENSION_LOOKUP.get(normalizeLabel(cell));
  return dimension === undefined ? { ok: false } : { ok: true, value: dimension };
}

/** The Chinese name of each RATER dimension, for display. */
export const DIMENSION_LABELS: Readonly<Record<ServqualDimension, string>> = {
  reliability: "信赖度",
  assurance: "专业度",
  tangibles: "有形度",
  empathy: "同理度",
  responsiveness: "反应度",
};
