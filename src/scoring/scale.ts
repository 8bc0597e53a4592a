import type { Bilingual } from "../i18n/bilingual.ts";
import { assertFinite, assertNonEmptyString, describe } from "./validate.ts";

/** One answer level of a satisfaction scale, e.g. `satisfied` = 90 points, 满意. */
export interface ScaleLevel {
  readonly key: string;
  readonly points: number;
  readonly label: Bilingual;
}

/** A satisfaction scale: its levels, best first. Configurable per questionnaire. */
export interface Scale {
  readonly levels: readonly ScaleLevel[];
}

/**
 * The default 4-level satisfaction scale of the source documents (../shared/MISSION.md):
 * 非常满意 100, 满意 90, 基本满意 75, 不满意 60.
 */
export const DEFAULT_SCALE: Scale = Object.freeze({
  levels: Object.freeze([
    Object.freeze({
      key: "very_satisfied",
      points: 100,
      label: Object.freeze({ "zh-CN": "非常满意", en: "Very satisfied" }),
    }),
    Object.freeze({
      key: "satisfied",
      points: 90,
      label: Object.freeze({ "zh-CN": "满意", en: "Satisfied" }),
    }),
    Object.freeze({
      key: "basically_satisfied",
      points: 75,
      label: Object.freeze({ "zh-CN": "基本满意", en: "Basically satisfied" }),
    }),
    Object.freeze({
      key: "dissatisfied",
      points: 60,
      label: Object.freeze({ "zh-CN": "不满意", en: "Dissatisfied" }),
    }),
  ]),
});

/**
 * Checks that a scale is usable: at least two levels, unique non-empty keys, unique finite points
 * (points must identify a level so that answers given as points can be counted per level).
 *
 * @throws {RangeError} when the scale is malformed; the message names the level.
 */
export function validateScale(scale: Scale, where = "scale"): void {
  if (scale === null || typeof scale !== "object" || !Array.isArray(scale.levels)) {
    throw new RangeError(`${where} must be an object with a list of levels, got ${describe(scale)}`);
  }
  if (scale.levels.length < 2) {
    throw new RangeError(`${where} needs at least 2 levels, got ${scale.levels.length}`);
  }
  const keys = new Set<string>();
  const points = new Set<number>();
  scale.levels.forEach((level, index) => {
    const at = `${where}.levels[${index}]`;
    assertNonEmptyString(level?.key, `${at}.key`);
    assertFinite(level.points, `${at}.points`);
    if (keys.has(level.key)) throw new RangeError(`${at}: duplicate level key ${JSON.stringify(level.key)}`);
    if (points.has(level.points)) throw new RangeError(`${at}: duplicate points ${level.points}`);
    keys.add(level.key);
    points.add(level.points);
  });
}

/**
 * The points of an answer level.
 *
 * Source: the 100/90/75/60 scoring rule of the source documents (../shared/MISSION.md); the scale
 * itself is configurable.
 *
 * @param scale the questionnaire's scale (e.g. DEFAULT_SCALE)
 * @param levelKey the level's key, e.g. "satisfied"
 * @returns the level's points, e.g. 90
 * @throws {RangeError} if the scale is malformed or the key is not one of its levels
 * @example
 * pointsForAnswer(DEFAULT_SCALE, "basically_satisfied"); // => 75
 */
export function pointsForAnswer(scale: Scale, levelKey: string): number {
  validateScale(scale, "pointsForAnswer(scale)");
  const level = scale.levels.find((candidate) => candidate.key === levelKey);
  if (level === undefined) {
    throw new RangeError(
      `pointsForAnswer: unknown answer level ${describe(levelKey)}, expected one of ${scale.levels
        .map((candidate) => candidate.key)
        .join(", ")}`,
    );
  }
  return level.points;
}
