import { describe, expect, test } from "vitest";
import { combine, levelMove, moveCounts } from "../../../../src/reports/sections/totals.ts";
import type { Scale } from "../../../../src/scoring/index.ts";
import { satisfactionDefinition, totals } from "./fixtures.ts";

const scale = (...keys: string[]): Scale => ({
  levels: keys.map((key, index) => ({ key, points: 100 - index * 10, label: { en: key, "zh-CN": key } })),
});
const FOUR = scale("very_satisfied", "satisfied", "basically_satisfied", "dissatisfied");

describe("level counts of a version moved onto the report's scale by level key", () => {
  test.each([
    ["the same keys (points may differ): nothing to move", FOUR, FOUR, undefined, [8, 6, 4, 2]],
    [
      "a new top level: each moves one down",
      FOUR,
      scale("excellent", "very_satisfied", "satisfied", "basically_satisfied", "dissatisfied"),
      { positions: [1, 2, 3, 4], size: 5 },
      [0, 8, 6, 4, 2],
    ],
    [
      "a renamed level: its counts are left out",
      FOUR,
      scale("very_satisfied", "satisfied", "fair", "dissatisfied", "very_dissatisfied"),
      { positions: [0, 1, undefined, 3], size: 5 },
      [8, 6, 0, 2, 0],
    ],
    [
      "a level fewer",
      FOUR,
      scale("very_satisfied", "satisfied", "dissatisfied"),
      { positions: [0, 1, undefined, 2], size: 3 },
      [8, 6, 2],
    ],
    [
      "the same keys in another order",
      FOUR,
      scale("dissatisfied", "basically_satisfied", "satisfied", "very_satisfied"),
      { positions: [3, 2, 1, 0], size: 4 },
      [2, 4, 6, 8],
    ],
  ])("%s", (_, from, to, move, counts) => {
    expect(levelMove(from, to)).toEqual(move);
    expect(move ? moveCounts([8, 6, 4, 2], move) : [8, 6, 4, 2]).toEqual(counts);
  });

  test("combine moves only a satisfaction group's counts (Kano counts are per category)", () => {
    const definition = satisfactionDefinition();
    const versions = [
      { id: 1, definition },
      { id: 2, definition },
    ];
    const byVersion = new Map([
      [
        1,
        new Map([
          ["set:a1", totals({ n: 20, counts: [8, 6, 4, 2] })],
          ["kano:k", totals({ n: 1, counts: [1, 0, 0, 0, 0, 0] })],
        ]),
      ],
      [
        2,
        new Map([
          ["set:a1", totals({ n: 10, counts: [1, 2, 3, 4, 0] })],
          ["kano:k", totals({ n: 1, counts: [0, 1, 0, 0, 0, 0] })],
        ]),
      ],
    ]);
    const move = levelMove(
      FOUR,
      scale("excellent", "very_satisfied", "satisfied", "basically_satisfied", "dissatisfied"),
    );
    const moveOf = (version: { id: number }) => (version.id === 1 ? move : undefined);
    expect(combine(byVersion, versions, () => "set:a1", moveOf)).toMatchObject({
      n: 30,
      counts: [1, 10, 9, 8, 2],
    });
    expect(combine(byVersion, versions, () => "kano:k", moveOf).counts).toEqual([1, 1, 0, 0, 0, 0]);
  });
});
