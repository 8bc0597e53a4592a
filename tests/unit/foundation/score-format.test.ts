import { describe, expect, test } from "vitest";
import { formatScore, SCORE_NUMBER_FORMAT, shownScore } from "../../../src/lib/score-format.ts";
import { gradeFor } from "../../../src/scoring/index.ts";

// Scores are shown with one decimal, cut (never rounded up), so the number shown never crosses a grade
// boundary (≥ 85 good, ≥ 95 excellent, on the exact score) that the score did not (issue 14, item 7).
describe("formatScore", () => {
  test.each([
    [84.955, "84.9"], // graded 一般: never "85.0"
    [84.95, "84.9"],
    [84.99999999999999, "84.9"],
    [85, "85.0"],
    [85.04, "85.0"],
    [94.95, "94.9"], // graded 良好: never "95.0"
    [94.9999, "94.9"],
    [95, "95.0"],
    [100, "100.0"],
    [284 / 3, "94.6"], // 94.666…
    [764 / 9, "84.8"], // 84.888…
    [84.3, "84.3"], // the double 84.3 is a hair below 84.3: still shown as 84.3
    [90.3, "90.3"],
    [0, "0.0"],
    [-0.04, "-0.1"], // cut down, not towards zero
    [null, "—"],
    [undefined, "—"],
    [Number.NaN, "—"],
  ])("%s → %s", (score, text) => {
    expect(formatScore(score)).toBe(text);
  });

  test("the shown number is the text's number; spreadsheets format it with one decimal", () => {
    expect(shownScore(84.955)).toBe(84.9);
    expect(shownScore(85)).toBe(85);
    expect(SCORE_NUMBER_FORMAT).toBe("0.0");
  });

  test("never crosses a boundary the grade did not: every thousandth from 80 to 100, and the doubles next to 85 and 95", () => {
    const scores: number[] = [];
    for (let thousandths = 80_000; thousandths <= 100_000; thousandths += 1) scores.push(thousandths / 1000);
    for (const boundary of [85, 95]) {
      scores.push(boundary - 2 ** -46, boundary - 2 ** -47, boundary, boundary + 2 ** -46);
    }
    for (const score of scores) {
      const shown = Number(formatScore(score));
      expect(gradeFor(shown), `${score} shown as ${formatScore(score)}`).toBe(gradeFor(score));
      expect(shown).toBeLessThanOrEqual(score + 1e-9);
      expect(score - shown).toBeLessThan(0.1 + 1e-9);
    }
  });
});
