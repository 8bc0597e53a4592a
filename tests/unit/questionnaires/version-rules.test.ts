import { describe, expect, test } from "vitest";
import {
  parseDefinition,
  type QuestionnaireDefinition,
} from "../../../src/questionnaires/questionnaire-definition.ts";
import { scaleChanges } from "../../../src/questionnaires/version-rules.ts";
import { DEFAULT_SCALE, type Scale } from "../../../src/scoring/index.ts";

const text = (en: string) => ({ en, "zh-CN": en });
function definition(scale?: Scale): QuestionnaireDefinition {
  const parsed = parseDefinition({
    title: text("Survey"),
    ...(scale ? { scale } : {}),
    sections: [
      { key: "main", title: text("Main"), items: [{ key: "q1", type: "satisfaction", text: text("q1") }] },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.definition;
}
const levels = DEFAULT_SCALE.levels;
const withLevel = (index: number, change: Partial<Scale["levels"][number]>): Scale => ({
  levels: levels.map((level, i) => (i === index ? { ...level, ...change } : level)),
});

describe("a later version keeps the published version's scale", () => {
  test.each([
    ["the standard scale, implied or written out", undefined, DEFAULT_SCALE],
    [
      "relabelled levels",
      undefined,
      { levels: levels.map((level) => ({ ...level, label: text(`${level.label.en}!`) })) },
    ],
  ])("allowed: %s", (_, published, next) => {
    expect(scaleChanges(definition(published), 1, definition(next))).toEqual([]);
  });

  test("another number of levels: one issue naming both scales", () => {
    const five = {
      levels: [...levels, { key: "very_dissatisfied", points: 40, label: text("Very dissatisfied") }],
    };
    expect(scaleChanges(definition(), 3, definition(five))).toEqual([
      {
        path: "scale.levels",
        message: {
          key: "builder.issue.scaleLevelCount",
          values: {
            version: 3,
            published: 4,
            publishedLevels:
              "very_satisfied (100), satisfied (90), basically_satisfied (75), dissatisfied (60)",
            draft: 5,
            draftLevels:
              "very_satisfied (100), satisfied (90), basically_satisfied (75), dissatisfied (60), very_dissatisfied (40)",
          },
        },
      },
    ]);
  });

  test("a changed key or points: one issue each, at the level's field", () => {
    expect(scaleChanges(definition(), 1, definition(withLevel(2, { key: "fair", points: 72.5 })))).toEqual([
      {
        path: "scale.levels.2.key",
        message: {
          key: "builder.issue.scaleLevelKey",
          values: { version: 1, number: 3, published: "basically_satisfied", draft: "fair" },
        },
      },
      {
        path: "scale.levels.2.points",
        message: {
          key: "builder.issue.scaleLevelPoints",
          values: { version: 1, number: 3, key: "basically_satisfied", published: "75", draft: "72.5" },
        },
      },
    ]);
  });

  test("the same levels in another order are a change of every moved level", () => {
    const reversed = { levels: [...levels].reverse() };
    expect(scaleChanges(definition(), 1, definition(reversed)).map((issue) => issue.path)).toEqual([
      "scale.levels.0.key",
      "scale.levels.0.points",
      "scale.levels.1.key",
      "scale.levels.1.points",
      "scale.levels.2.key",
      "scale.levels.2.points",
      "scale.levels.3.key",
      "scale.levels.3.points",
    ]);
  });
});
