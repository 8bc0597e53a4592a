import { describe, expect, test } from "vitest";
import {
  classifyKano,
  KANO_ANSWERS,
  type KanoAnswer,
  type KanoCategory,
  type KanoPair,
  tallyKano,
} from "../../../src/scoring/index.ts";
import { deepFreeze } from "./deep-freeze.ts";

// The standard evaluation table, typed in as its 5 × 5 matrix (rows: functional answer, columns:
// dysfunctional answer, both in the order like, must-be, neutral, live-with, dislike).
// Source: Berger et al. 1993, CQM Journal 2(4) p.7-11; Sauerwein et al. 1996 Fig. 6;
// ../shared/reference/kano_evaluation_table.json "table_matrix".
const MATRIX = ["Q A A A O", "R I I I M", "R I I I M", "R I I I M", "R R R R Q"].map(
  (row) => row.split(" ") as KanoCategory[],
);

const ORDER: KanoAnswer[] = ["like", "must-be", "neutral", "live-with", "dislike"];
const ALL_CELLS = ORDER.flatMap((functional, row) =>
  ORDER.map(
    (dysfunctional, column) => [functional, dysfunctional, MATRIX[row]?.[column] as KanoCategory] as const,
  ),
);

describe("classifyKano", () => {
  test("the answers are the five of the table, in its order", () => {
    expect([...KANO_ANSWERS]).toEqual(ORDER);
  });

  test.each(ALL_CELLS)("%s / %s → %s", (functional, dysfunctional, category) => {
    expect(classifyKano(functional, dysfunctional)).toBe(category);
  });

  // The cells public code gets wrong (reference JSON, "cells_easy_to_get_wrong" and
  // "known_wrong_variants_seen_in_public_code").
  test.each([
    ["like", "like", "Q"], // not O
    ["like", "dislike", "O"], // not A
    ["dislike", "like", "R"],
    ["dislike", "dislike", "Q"],
    ["must-be", "must-be", "I"],
    ["live-with", "neutral", "I"],
    ["neutral", "dislike", "M"],
  ] as const)("easy-to-get-wrong cell %s / %s → %s", (functional, dysfunctional, category) => {
    expect(classifyKano(functional, dysfunctional)).toBe(category);
  });

  test("the table has 9 I, 3 A, 3 M, 1 O, 7 R and 2 Q cells", () => {
    const counts: Record<string, number> = {};
    for (const [functional, dysfunctional] of ALL_CELLS) {
      const category = classifyKano(functional, dysfunctional);
      counts[category] = (counts[category] ?? 0) + 1;
    }
    expect(counts).toEqual({ I: 9, A: 3, M: 3, O: 1, R: 7, Q: 2 });
  });

  test.each([
    [
      "an unknown functional answer",
      "love",
      "dislike",
      /classifyKano\(functional\) must be one of like, must-be/,
    ],
    ["an unknown dysfunctional answer", "like", "hate", /classifyKano\(dysfunctional\).*got "hate"/],
    ["a Chinese label (parse it first)", "喜欢", "不喜欢", /got "喜欢"/],
    ["undefined", undefined, "like", /got undefined/],
  ])("throws a RangeError on %s", (_case, functional, dysfunctional, message) => {
    const call = () => classifyKano(functional as KanoAnswer, dysfunctional as KanoAnswer);
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

describe("tallyKano", () => {
  test("counts every cell of the table once", () => {
    const pairs: KanoPair[] = ALL_CELLS.map(([functional, dysfunctional]) => ({ functional, dysfunctional }));
    expect(tallyKano(pairs)).toEqual({ M: 3, O: 1, A: 3, I: 9, R: 7, Q: 2 });
  });

  test("counts repeated answers", () => {
    const pairs: KanoPair[] = [
      { functional: "like", dysfunctional: "dislike" },
      { functional: "like", dysfunctional: "dislike" },
      { functional: "neutral", dysfunctional: "dislike" },
      { functional: "like", dysfunctional: "neutral" },
    ];
    expect(tallyKano(deepFreeze(pairs))).toEqual({ M: 1, O: 2, A: 1, I: 0, R: 0, Q: 0 });
  });

  test.each([
    ["an empty list", [], /tallyKano\(pairs\): the list is empty/],
    [
      "a bad answer",
      [
        { functional: "like", dysfunctional: "like" },
        { functional: "like", dysfunctional: "meh" },
      ],
      /tallyKano\(pairs\[1\]\.dysfunctional\)/,
    ],
  ])("throws a RangeError on %s", (_case, pairs, message) => {
    expect(() => tallyKano(pairs as KanoPair[])).toThrow(RangeError);
    expect(() => tallyKano(pairs as KanoPair[])).toThrow(message);
  });
});
