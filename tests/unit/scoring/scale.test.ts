import { describe, expect, test } from "vitest";
import { DEFAULT_SCALE, pointsForAnswer, type Scale } from "../../../src/scoring/index.ts";

// The default scale is the one of the source documents (../shared/MISSION.md, "The 4-level
// satisfaction scale"): 非常满意 100, 满意 90, 基本满意 75, 不满意 60.
describe("DEFAULT_SCALE", () => {
  test.each([
    ["very_satisfied", 100, "非常满意", "Very satisfied"],
    ["satisfied", 90, "满意", "Satisfied"],
    ["basically_satisfied", 75, "基本满意", "Basically satisfied"],
    ["dissatisfied", 60, "不满意", "Dissatisfied"],
  ])("%s scores %d (%s / %s)", (key, points, zh, en) => {
    const level = DEFAULT_SCALE.levels.find((candidate) => candidate.key === key);
    expect(level).toEqual({ key, points, label: { "zh-CN": zh, en } });
    expect(pointsForAnswer(DEFAULT_SCALE, key)).toBe(points);
  });

  test("lists the levels best first and is frozen", () => {
    expect(DEFAULT_SCALE.levels.map((level) => level.points)).toEqual([100, 90, 75, 60]);
    expect(Object.isFrozen(DEFAULT_SCALE)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SCALE.levels)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SCALE.levels[0]?.label)).toBe(true);
  });
});

describe("pointsForAnswer", () => {
  const fivePoint: Scale = {
    levels: [
      { key: "5", points: 100, label: { "zh-CN": "很满意", en: "Very satisfied" } },
      { key: "4", points: 80, label: { "zh-CN": "满意", en: "Satisfied" } },
      { key: "3", points: 60, label: { "zh-CN": "一般", en: "Neutral" } },
      { key: "2", points: 40, label: { "zh-CN": "不满意", en: "Dissatisfied" } },
      { key: "1", points: 0, label: { "zh-CN": "很不满意", en: "Very dissatisfied" } },
    ],
  };

  test.each([
    ["5", 100],
    ["3", 60],
    ["1", 0],
  ])("reads a configured scale: %s → %d", (key, points) => {
    expect(pointsForAnswer(fivePoint, key)).toBe(points);
  });

  test.each([
    ["an unknown level", DEFAULT_SCALE, "good", /unknown answer level "good".*very_satisfied/],
    ["a label instead of a key", DEFAULT_SCALE, "满意", /unknown answer level/],
    [
      "a one-level scale",
      { levels: [DEFAULT_SCALE.levels[0]] } as Scale,
      "very_satisfied",
      /at least 2 levels/,
    ],
    [
      "duplicate keys",
      { levels: [DEFAULT_SCALE.levels[0], { ...DEFAULT_SCALE.levels[1], key: "very_satisfied" }] } as Scale,
      "very_satisfied",
      /levels\[1\]: duplicate level key/,
    ],
    [
      "duplicate points",
      { levels: [DEFAULT_SCALE.levels[0], { ...DEFAULT_SCALE.levels[1], points: 100 }] } as Scale,
      "satisfied",
      /levels\[1\]: duplicate points 100/,
    ],
    [
      "NaN points",
      { levels: [DEFAULT_SCALE.levels[0], { ...DEFAULT_SCALE.levels[1], points: Number.NaN }] } as Scale,
      "satisfied",
      /levels\[1\]\.points must be a finite number, got NaN/,
    ],
  ])("throws a RangeError on %s", (_case, scale, key, message) => {
    expect(() => pointsForAnswer(scale, key)).toThrow(RangeError);
    expect(() => pointsForAnswer(scale, key)).toThrow(message);
  });
});
