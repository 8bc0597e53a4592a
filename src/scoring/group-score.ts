import { mean } from "simple-statistics";
import type { Bilingual } from "../i18n/bilingual.ts";
import { type ExactSum, exactMean } from "./exact-sum.ts";
import { type Grade, gradeFor } from "./grade.ts";
import type { Scale } from "./scale.ts";
import type { ResolvedRespondent } from "./survey-data.ts";
import { assertFinite, assertInteger } from "./validate.ts";

/** How often one answer level was given within a group. */
export interface LevelShare {
  readonly levelKey: string;
  readonly label: Bilingual;
  readonly points: number;
  /** Number of answers (item responses) at this level. */
  readonly count: number;
  /** count / answerCount, 0..1; 0 when the group has no answers. */
  readonly share: number;
}

/**
 * The score of a group of items (all items, a dimension, an indicator node, a department, one item).
 * `score` and `grade` are `null` when nobody answered any item of the group (n = 0).
 */
export interface GroupScore {
  /** Respondents who answered at least one item of the group. */
  readonly n: number;
  /** Answers (item responses) in the group. */
  readonly answerCount: number;
  /** Mean over those respondents of their mean points on the group's answered items. Unrounded. */
  readonly score: number | null;
  readonly grade: Grade | null;
  /** One entry per scale level, in scale order. */
  readonly levels: readonly LevelShare[];
}

/**
 * Scores a group of items: each respondent's group score is the mean of their answered items in
 * the group; the group score is the mean of those respondent scores (Σ respondent scores / n).
 * Unanswered items were already dropped, so they never count as zero.
 *
 * Source: scoring rule of the source documents (../shared/MISSION.md), applied per dimension and
 * per indicator as the source's example report does (诚心 97.8%, 诚信 89.6%, 诚行 85.7%).
 *
 * @param respondents respondents already resolved against the scale (unanswered items dropped)
 * @param includes whether an item belongs to the group
 * @example
 * // r1 answered Q1 = 100 and Q2 = 90, r2 answered Q1 = 60 → (95 + 60) / 2
 * scoreGroup(resolved, DEFAULT_SCALE, () => true).score; // => 77.5
 */
export function scoreGroup(
  respondents: readonly ResolvedRespondent[],
  scale: Scale,
  includes: (itemKey: string) => boolean,
): GroupScore {
  const counts = new Map<string, number>(scale.levels.map((level) => [level.key, 0]));
  const respondentScores: number[] = [];
  let answerCount = 0;
  for (const respondent of respondents) {
    const points: number[] = [];
    for (const answer of respondent.answers) {
      if (!includes(answer.itemKey)) continue;
      points.push(answer.level.points);
      counts.set(answer.level.key, (counts.get(answer.level.key) ?? 0) + 1);
    }
    if (points.length > 0) {
      respondentScores.push(mean(points));
      answerCount += points.length;
    }
  }
  const score = respondentScores.length > 0 ? mean(respondentScores) : null;
  return {
    n: respondentScores.length,
    answerCount,
    score,
    grade: score === null ? null : gradeFor(score),
    levels: scale.levels.map((level) => {
      const count = counts.get(level.key) ?? 0;
      return {
        levelKey: level.key,
        label: level.label,
        points: level.points,
        count,
        share: answerCount === 0 ? 0 : count / answerCount,
      };
    }),
  };
}

/** A group's running totals, as report rollups keep them. */
export interface GroupTotals {
  /** Respondents who answered at least one item of the group. */
  readonly n: number;
  /** Σ of those respondents' group scores (each the mean of their answered items in the group). */
  readonly sum: number;
  /** The same Σ kept exactly; when given, the score is computed from it rather than from `sum`. */
  readonly exactSum?: ExactSum | null;
  /** Answers per scale level, in scale order. */
  readonly levelCounts: readonly number[];
}

/**
 * The same `GroupScore` as `scoreGroup`, from totals kept incrementally (n, Σ respondent group
 * scores, answers per level) instead of the respondents themselves: score = Σ / n, grade on the
 * exact value, shares = count / answer count. With `exactSum` the score is the double nearest to the
 * exact Σ / n (`exactMean`), so a mean of exactly 85 is 85 and graded good.
 *
 * @throws {RangeError} if n or a count is not a non-negative integer, Σ is not finite, or there are
 *   not as many counts as scale levels
 * @example
 * groupScoreFromTotals({ n: 2, sum: 155, levelCounts: [1, 1, 0, 1] }, DEFAULT_SCALE).score; // => 77.5
 */
export function groupScoreFromTotals(totals: GroupTotals, scale: Scale): GroupScore {
  assertInteger(totals?.n, "groupScoreFromTotals(totals.n)");
  assertFinite(totals.sum, "groupScoreFromTotals(totals.sum)");
  if (!Array.isArray(totals.levelCounts) || totals.levelCounts.length !== scale.levels.length) {
    throw new RangeError(
      `groupScoreFromTotals(totals.levelCounts) must have one count per scale level (${scale.levels.length})`,
    );
  }
  totals.levelCounts.forEach((count, index) => {
    assertInteger(count, `groupScoreFromTotals(totals.levelCounts[${index}])`);
  });
  const answerCount = totals.levelCounts.reduce((total, count) => total + count, 0);
  const score = totals.exactSum
    ? exactMean(totals.exactSum, totals.n)
    : totals.n > 0
      ? totals.sum / totals.n
      : null;
  return {
    n: totals.n,
    answerCount,
    score,
    grade: score === null ? null : gradeFor(score),
    levels: scale.levels.map((level, index) => {
      const count = totals.levelCounts[index] ?? 0;
      return {
        levelKey: level.key,
        label: level.label,
        points: level.points,
        count,
        share: answerCount === 0 ? 0 : count / answerCount,
      };
    }),
  };
}
