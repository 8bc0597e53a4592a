import { describe, expect, test } from "vitest";
import {
  parseKanoAnswer,
  parseSatisfactionAnswer,
  parseServqualDimension,
} from "../../../src/analyze/labels.ts";
import { DEFAULT_SCALE, type Scale } from "../../../src/scoring/index.ts";

describe("parseSatisfactionAnswer", () => {
  test.each([
    ["非常满意", "very_satisfied"],
    ["very satisfied", "very_satisfied"],
    ["Very Satisfied", "very_satisfied"],
    ["very_satisfied", "very_satisfied"],
    ["VERY-SATISFIED", "very_satisfied"],
    ["100", "very_satisfied"],
    ["100.0", "very_satisfied"],
    ["满意", "satisfied"],
    ["Satisfied", "satisfied"],
    ["90", "satisfied"],
    ["基本满意", "basically_satisfied"],
    ["basically satisfied", "basically_satisfied"],
    ["75", "basically_satisfied"],
    ["不满意", "dissatisfied"],
    ["dissatisfied", "dissatisfied"],
    ["60", "dissatisfied"],
    ["", null],
    ["-", null],
    ["N/A", null],
    ["不适用", null],
  ])("%j → %j", (cell, levelKey) => {
    expect(parseSatisfactionAnswer(cell, DEFAULT_SCALE)).toEqual({ ok: true, value: levelKey });
  });

  test.each([["很好"], ["85"], ["0"], ["satisfied!"], ["very"]])("rejects %j", (cell) => {
    expect(parseSatisfactionAnswer(cell, DEFAULT_SCALE)).toEqual({ ok: false });
  });

  test("follows a configured scale", () => {
    const scale: Scale = {
      levels: [
        { key: "yes", points: 1, label: { "zh-CN": "是", en: "Yes" } },
        { key: "no", points: 0, label: { "zh-CN": "否", en: "No" } },
      ],
    };
    expect(parseSatisfactionAnswer("是", scale)).toEqual({ ok: true, value: "yes" });
    expect(parseSatisfactionAnswer("0", scale)).toEqual({ ok: true, value: "no" });
    expect(parseSatisfactionAnswer("满意", scale)).toEqual({ ok: false });
  });
});

describe("parseKanoAnswer", () => {
  test.each([
    ["喜欢", "like"],
    ["我很喜欢", "like"],
    ["感到满意", "like"],
    ["like", "like"],
    ["I like it", "like"],
    ["1", "like"],
    ["理应如此", "must-be"],
    ["must-be", "must-be"],
    ["must be", "must-be"],
    ["I expect it", "must-be"],
    ["2", "must-be"],
    ["无所谓", "neutral"],
    ["Neutral", "neutral"],
    ["I am neutral", "neutral"],
    ["能忍受", "live-with"],
    ["勉强接受", "live-with"],
    ["live-with", "live-with"],
    ["live with", "live-with"],
    ["I can live with it", "live-with"],
    ["tolerate", "live-with"],
    ["不喜欢", "dislike"],
    ["我很不喜欢", "dislike"],
    ["感到不满", "dislike"],
    ["dislike", "dislike"],
    ["I dislike it", "dislike"],
    ["5", "dislike"],
  ])("%j → %s", (cell, answer) => {
    expect(parseKanoAnswer(cell)).toEqual({ ok: true, value: answer });
  });

  test.each([["love it"], [""], ["6"], ["满意"], ["yes"]])("rejects %j", (cell) => {
    expect(parseKanoAnswer(cell)).toEqual({ ok: false });
  });
});

describe("parseServqualDimension", () => {
  test.each([
    ["reliability", "reliability"],
    ["Reliability", "reliability"],
    ["信赖度", "reliability"],
    ["可靠性", "reliability"],
    ["assurance", "assurance"],
    ["专业度", "assurance"],
    ["保证性", "assurance"],
    ["Tangibles", "tangibles"],
    ["tangible", "tangibles"],
    ["有形度", "tangibles"],
    ["empathy", "empathy"],
    ["同理度", "empathy"],
    ["移情性", "empathy"],
    ["responsiveness", "responsiveness"],
    ["反应度", "responsiveness"],
    ["响应性", "responsiveness"],
  ])("%j → %s", (cell, dimension) => {
    expect(parseServqualDimension(cell)).toEqual({ ok: true, value: dimension });
  });

  test.each([["quality"], ["R"], [""]])("rejects %j", (cell) => {
    expect(parseServqualDimension(cell)).toEqual({ ok: false });
  });
});
