import type { Scale, ScaleLevel } from "./scale.ts";
import { assertListLength, assertNonEmptyString, describe } from "./validate.ts";

/**
 * One answer of a respondent to a satisfaction item, by level key or by points.
 * `null` means the item was left unanswered (or "not applicable"): it is excluded from every mean,
 * never counted as zero.
 */
export type Answer =
  | { readonly itemKey: string; readonly levelKey: string | null }
  | { readonly itemKey: string; readonly points: number | null };

/** A satisfaction item of the questionnaire's catalogue and where it is reported. */
export interface Item {
  readonly key: string;
  /** RATER dimension or a custom one such as 诚心 / 诚信 / 诚行. */
  readonly dimension?: string;
  /** 一级 / 二级 / 三级指标: 1 to 3 names, top level first. */
  readonly indicatorPath?: readonly string[];
  /** The department responsible for the item. */
  readonly department?: string;
}

/** A respondent and their answers. Items they were not asked may simply be absent. */
export interface Respondent {
  readonly respondentKey: string;
  readonly answers: readonly Answer[];
}

/** An answered item, resolved against the scale. */
export interface ResolvedAnswer {
  readonly itemKey: string;
  readonly level: ScaleLevel;
}

/** A respondent with only their answered items, resolved against the scale. */
export interface ResolvedRespondent {
  readonly respondentKey: string;
  readonly answers: readonly ResolvedAnswer[];
}

/** The deepest indicator tree the platform reports (一级/二级/三级指标). */
export const MAX_INDICATOR_DEPTH = 3;

/**
 * Resolves one answer to its scale level, or `null` when unanswered.
 *
 * @throws {RangeError} if the level key or the points are not on the scale (the message says where)
 */
export function resolveAnswer(answer: Answer, scale: Scale, where: string): ScaleLevel | null {
  if (answer === null || typeof answer !== "object") {
    throw new RangeError(`${where} must be an answer object, got ${describe(answer)}`);
  }
  if ("levelKey" in answer) {
    if (answer.levelKey === null) return null;
    const level = scale.levels.find((candidate) => candidate.key === answer.levelKey);
    if (level === undefined) {
      throw new RangeError(
        `${where}: answer level ${describe(answer.levelKey)} is not on the scale (${scale.levels
          .map((candidate) => candidate.key)
          .join(", ")})`,
      );
    }
    return level;
  }
  if ("points" in answer) {
    if (answer.points === null) return null;
    const level = scale.levels.find((candidate) => candidate.points === answer.points);
    if (level === undefined) {
      throw new RangeError(
        `${where}: ${describe(answer.points)} points is not on the scale (${scale.levels
          .map((candidate) => candidate.points)
          .join(", ")})`,
      );
    }
    return level;
  }
  throw new RangeError(`${where} must have a levelKey or points`);
}

/**
 * Checks an item catalogue: non-empty, unique keys, optional dimension/department non-empty,
 * indicator path of 1 to 3 non-empty names.
 *
 * @throws {RangeError} naming the offending item
 */
export function validateItems(items: readonly Item[], where: string): void {
  assertListLength(items, where);
  const keys = new Set<string>();
  items.forEach((item, index) => {
    const at = `${where}[${index}]`;
    if (item === null || typeof item !== "object") throw new RangeError(`${at} must be an item object`);
    assertNonEmptyString(item.key, `${at}.key`);
    if (keys.has(item.key)) throw new RangeError(`${at}: duplicate item key ${JSON.stringify(item.key)}`);
    keys.add(item.key);
    if (item.dimension !== undefined) assertNonEmptyString(item.dimension, `${at}.dimension`);
    if (item.department !== undefined) assertNonEmptyString(item.department, `${at}.department`);
    if (item.indicatorPath !== undefined) {
      if (
        !Array.isArray(item.indicatorPath) ||
        item.indicatorPath.length < 1 ||
        item.indicatorPath.length > MAX_INDICATOR_DEPTH
      ) {
        throw new RangeError(
          `${at}.indicatorPath must list 1 to ${MAX_INDICATOR_DEPTH} indicator names, got ${describe(item.indicatorPath)}`,
        );
      }
      item.indicatorPath.forEach((name, depth) => {
        assertNonEmptyString(name, `${at}.indicatorPath[${depth}]`);
      });
    }
  });
}

/**
 * Resolves respondents against the catalogue and the scale, dropping unanswered items.
 *
 * @throws {RangeError} on an empty list, a duplicate respondent, an unknown item, an item answered
 *   twice by one respondent, or an answer that is not on the scale
 */
export function resolveRespondents(
  respondents: readonly Respondent[],
  itemKeys: ReadonlySet<string>,
  scale: Scale,
  where: string,
): ResolvedRespondent[] {
  assertListLength(respondents, where);
  const seen = new Set<string>();
  return respondents.map((respondent, index) => {
    const at = `${where}[${index}]`;
    if (respondent === null || typeof respondent !== "object") {
      throw new RangeError(`${at} must be a respondent object`);
    }
    assertNonEmptyString(respondent.respondentKey, `${at}.respondentKey`);
    if (seen.has(respondent.respondentKey)) {
      throw new RangeError(`${at}: duplicate respondent ${JSON.stringify(respondent.respondentKey)}`);
    }
    seen.add(respondent.respondentKey);
    if (!Array.isArray(respondent.answers)) throw new RangeError(`${at}.answers must be a list`);
    const answered = new Set<string>();
    const resolved: ResolvedAnswer[] = [];
    respondent.answers.forEach((answer, answerIndex) => {
      const answerAt = `${at} (${respondent.respondentKey}).answers[${answerIndex}]`;
      assertNonEmptyString(answer?.itemKey, `${answerAt}.itemKey`);
      if (!itemKeys.has(answer.itemKey)) {
        throw new RangeError(
          `${answerAt}: item ${JSON.stringify(answer.itemKey)} is not in the item catalogue`,
        );
      }
      if (answered.has(answer.itemKey)) {
        throw new RangeError(`${answerAt}: item ${JSON.stringify(answer.itemKey)} is answered twice`);
      }
      answered.add(answer.itemKey);
      const level = resolveAnswer(answer, scale, `${answerAt} (${answer.itemKey})`);
      if (level !== null) resolved.push({ itemKey: answer.itemKey, level });
    });
    return { respondentKey: respondent.respondentKey, answers: resolved };
  });
}
