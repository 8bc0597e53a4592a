import type { Bilingual } from "../i18n/bilingual.ts";
import { assertFinite } from "./validate.ts";

/** The grade of a satisfaction score. */
export type Grade = "excellent" | "good" | "average";

/** Lower bounds (inclusive) of the grades. */
export interface GradeThresholds {
  readonly excellent: number;
  readonly good: number;
}

/** The thresholds of the source documents: ≥ 95 excellent, ≥ 85 good. */
export const DEFAULT_GRADE_THRESHOLDS: GradeThresholds = Object.freeze({ excellent: 95, good: 85 });

/** Display labels of the grades. */
export const GRADE_LABELS: Readonly<Record<Grade, Bilingual>> = Object.freeze({
  excellent: Object.freeze({ "zh-CN": "优秀", en: "Excellent" }),
  good: Object.freeze({ "zh-CN": "良好", en: "Good" }),
  average: Object.freeze({ "zh-CN": "一般", en: "Average" }),
});

/**
 * The grade of a score, decided on the exact value (never on a rounded one):
 * score ≥ 95 → excellent (优秀); score ≥ 85 → good (良好, 85 inclusive); otherwise average (一般).
 * So 94.95 and 94.9999 are "good", 84.999 is "average".
 *
 * Source: grading rule of the source documents (../shared/MISSION.md, "Grade on the exact value").
 *
 * @param score a finite score
 * @param thresholds inclusive lower bounds; defaults to 95 / 85
 * @throws {RangeError} if the score is not a finite number or the thresholds are not ordered
 * @example
 * gradeFor(95); // => "excellent"
 * gradeFor(94.95); // => "good"
 */
export function gradeFor(score: number, thresholds: GradeThresholds = DEFAULT_GRADE_THRESHOLDS): Grade {
  assertFinite(score, "gradeFor(score)");
  assertFinite(thresholds.excellent, "gradeFor(thresholds.excellent)");
  assertFinite(thresholds.good, "gradeFor(thresholds.good)");
  if (thresholds.good > thresholds.excellent) {
    throw new RangeError(
      `gradeFor(thresholds): good (${thresholds.good}) must not be above excellent (${thresholds.excellent})`,
    );
  }
  if (score >= thresholds.excellent) return "excellent";
  if (score >= thresholds.good) return "good";
  return "average";
}
