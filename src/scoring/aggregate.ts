import { type GroupScore, scoreGroup } from "./group-score.ts";
import { type IndicatorNodeScore, scoreIndicatorTree } from "./indicator-tree.ts";
import { meanScore } from "./mean-score.ts";
import { DEFAULT_SCALE, type Scale, validateScale } from "./scale.ts";
import {
  type Answer,
  type Item,
  type Respondent,
  resolveAnswer,
  resolveRespondents,
  validateItems,
} from "./survey-data.ts";
import { assertFinite, assertListLength } from "./validate.ts";

/** A respondent's own score: the mean of their answered satisfaction items. */
export interface RespondentScore {
  readonly respondentKey: string;
  /** `null` when the respondent answered no satisfaction item. */
  readonly score: number | null;
  readonly answerCount: number;
}

/** Everything a report needs about the satisfaction scores of one survey (or wave, or segment). */
export interface SurveyScore {
  /** All satisfaction items: n respondents with ≥ 1 answer, final score, grade, level shares. */
  readonly overall: GroupScore;
  /** Per respondent, in input order. */
  readonly respondents: readonly RespondentScore[];
  /** Per item, in catalogue order. */
  readonly byItem: readonly (GroupScore & { readonly itemKey: string })[];
  /** Per dimension (RATER or custom, e.g. 诚心), in order of first appearance in the catalogue. */
  readonly byDimension: readonly (GroupScore & { readonly dimension: string })[];
  /** Per responsible department, in order of first appearance in the catalogue. */
  readonly byDepartment: readonly (GroupScore & { readonly department: string })[];
  /** Per node of the 一级/二级/三级 indicator tree. */
  readonly indicatorTree: readonly IndicatorNodeScore[];
}

/** The input of `scoreSurvey`. */
export interface SurveyScoreInput {
  /** The satisfaction items (only items that are scored belong here). */
  readonly items: readonly Item[];
  readonly respondents: readonly Respondent[];
  /** The questionnaire's scale; DEFAULT_SCALE (100/90/75/60) when omitted. */
  readonly scale?: Scale;
}

/**
 * A respondent's score: the mean of the points of the items they answered,
 * Σ points / number of answered items. Unanswered items (`levelKey: null` / `points: null`) are
 * left out, never counted as zero.
 *
 * Source: "A respondent's score is the mean of their satisfaction items" (../shared/MISSION.md).
 *
 * @returns the exact mean, or `null` when no item is answered (including an empty list)
 * @throws {RangeError} if an answer is not on the scale or an item is answered twice
 * @example
 * respondentScore([{ itemKey: "Q1", levelKey: "satisfied" }, { itemKey: "Q2", levelKey: null },
 *   { itemKey: "Q3", points: 75 }]); // => 82.5
 */
export function respondentScore(answers: readonly Answer[], scale: Scale = DEFAULT_SCALE): number | null {
  validateScale(scale, "respondentScore(scale)");
  if (!Array.isArray(answers)) throw new RangeError("respondentScore(answers) must be a list");
  const seen = new Set<string>();
  const points: number[] = [];
  answers.forEach((answer, index) => {
    const where = `respondentScore(answers[${index}])`;
    const itemKey = answer?.itemKey;
    if (typeof itemKey === "string") {
      if (seen.has(itemKey))
        throw new RangeError(`${where}: item ${JSON.stringify(itemKey)} is answered twice`);
      seen.add(itemKey);
    }
    const level = resolveAnswer(answer, scale, where);
    if (level !== null) points.push(level.points);
  });
  return points.length === 0 ? null : meanScore(points);
}

/**
 * The survey's final score: Σ respondent scores / number of respondents. Respondents without a
 * score (`null`: they answered no satisfaction item) are not counted.
 *
 * Source: "The survey's final score is Σ respondent scores / number of respondents"
 * (../shared/MISSION.md).
 *
 * @throws {RangeError} if no respondent has a score, or a score is not a finite number
 * @example
 * overallScore([100, 90, null, 80]); // => 90
 */
export function overallScore(respondentScores: readonly (number | null)[]): number {
  assertListLength(respondentScores, "overallScore(respondentScores)");
  const scores: number[] = [];
  respondentScores.forEach((score, index) => {
    if (score === null) return;
    assertFinite(score, `overallScore(respondentScores[${index}])`);
    scores.push(score);
  });
  if (scores.length === 0) {
    throw new RangeError("overallScore(respondentScores): no respondent has a score (all are null)");
  }
  return meanScore(scores);
}

/**
 * Scores a survey: the overall score, each respondent's score, and the same rule per item, per
 * dimension, per department and per node of the indicator tree — each with n, score, grade
 * (on the exact value) and the share of each answer level. Nothing is rounded.
 *
 * Rule (../shared/MISSION.md): a respondent's score for a group of items is the mean of their
 * answered items in the group; the group's score is the mean of those respondent scores over the
 * respondents who answered at least one item of the group. A group nobody answered has n = 0 and
 * score/grade `null`.
 *
 * @throws {RangeError} on an empty item catalogue or respondent list, duplicate keys, an answer to an
 *   unknown item, an item answered twice, or an answer that is not on the scale
 * @example
 * scoreSurvey({
 *   items: [{ key: "Q1", dimension: "诚心" }, { key: "Q2", dimension: "诚信" }],
 *   respondents: [{ respondentKey: "r1", answers: [{ itemKey: "Q1", levelKey: "very_satisfied" },
 *     { itemKey: "Q2", levelKey: "satisfied" }] }],
 * }).overall.score; // => 95
 */
export function scoreSurvey(input: SurveyScoreInput): SurveyScore {
  const scale = input.scale ?? DEFAULT_SCALE;
  validateScale(scale, "scoreSurvey(scale)");
  validateItems(input.items, "scoreSurvey(items)");
  const itemKeys = new Set(input.items.map((item) => item.key));
  const respondents = resolveRespondents(input.respondents, itemKeys, scale, "scoreSurvey(respondents)");

  const groupBy = <K extends "dimension" | "department">(property: K) => {
    const groups = new Map<string, Set<string>>();
    for (const item of input.items) {
      const name = item[property];
      if (name === undefined) continue;
      const keys = groups.get(name) ?? new Set<string>();
      keys.add(item.key);
      groups.set(name, keys);
    }
    return [...groups].map(([name, keys]) => ({
      name,
      score: scoreGroup(respondents, scale, (itemKey) => keys.has(itemKey)),
    }));
  };

  return {
    overall: scoreGroup(respondents, scale, () => true),
    respondents: respondents.map((respondent) => ({
      respondentKey: respondent.respondentKey,
      score:
        respondent.answers.length === 0
          ? null
          : meanScore(respondent.answers.map((answer) => answer.level.points)),
      answerCount: respondent.answers.length,
    })),
    byItem: input.items.map((item) => ({
      itemKey: item.key,
      ...scoreGroup(respondents, scale, (itemKey) => itemKey === item.key),
    })),
    byDimension: groupBy("dimension").map(({ name, score }) => ({ dimension: name, ...score })),
    byDepartment: groupBy("department").map(({ name, score }) => ({ department: name, ...score })),
    indicatorTree: scoreIndicatorTree(input.items, respondents, scale),
  };
}
