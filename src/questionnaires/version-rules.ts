import type { Scale } from "../scoring/index.ts";
import { type DefinitionIssue, type QuestionnaireDefinition, scaleOf } from "./questionnaire-definition.ts";

/**
 * What a later version may not change once a version of the questionnaire is published. Pure.
 *
 * The satisfaction scale: reports add the answers of every version up level by level, so the levels
 * (how many, their keys, their order and their points) stay those of the published version; only
 * their labels may be reworded. A new scale is a new questionnaire.
 */

const levelsText = (scale: Scale) => scale.levels.map((level) => `${level.key} (${level.points})`).join(", ");

/**
 * How `next`'s satisfaction scale differs from that of the published version `published` (numbered
 * `version`): one issue per changed level's key or points, at its field, or one for a changed number of
 * levels naming both scales. Empty when only labels changed (or nothing).
 *
 * @example scaleChanges(v1, 1, { ...v1, scale: fiveLevels }) // => [{ path: "scale.levels", message: { key: "builder.issue.scaleLevelCount", … } }]
 */
export function scaleChanges(
  published: QuestionnaireDefinition,
  version: number,
  next: QuestionnaireDefinition,
): DefinitionIssue[] {
  const before = scaleOf(published);
  const after = scaleOf(next);
  if (before.levels.length !== after.levels.length) {
    return [
      {
        path: "scale.levels",
        message: {
          key: "builder.issue.scaleLevelCount",
          values: {
            version,
            published: before.levels.length,
            publishedLevels: levelsText(before),
            draft: after.levels.length,
            draftLevels: levelsText(after),
          },
        },
      },
    ];
  }
  const issues: DefinitionIssue[] = [];
  before.levels.forEach((was, index) => {
    const now = after.levels[index];
    if (!now) return;
    const at = `scale.levels.${index}`;
    const number = index + 1;
    if (now.key !== was.key) {
      issues.push({
        path: `${at}.key`,
        message: {
          key: "builder.issue.scaleLevelKey",
          values: { version, number, published: was.key, draft: now.key },
        },
      });
    }
    if (now.points !== was.points) {
      issues.push({
        path: `${at}.points`,
        message: {
          key: "builder.issue.scaleLevelPoints",
          // points as written: a number value would be rounded to 3 decimals by the message format
          values: { version, number, key: was.key, published: String(was.points), draft: String(now.points) },
        },
      });
    }
  });
  return issues;
}
