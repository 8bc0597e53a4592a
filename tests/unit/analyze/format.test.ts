import { describe, expect, test } from "vitest";
import {
  displayWidth,
  formatBadRows,
  formatGrade,
  formatNumber,
  formatScore,
  formatShare,
  renderTable,
} from "../../../src/analyze/format.ts";

describe("formatScore", () => {
  test.each([
    [90.27777777777777, "90.28"], // ordinary rounding half up
    [96.66666666666667, "96.67"],
    [95, "95.00"],
    [85, "85.00"],
    [94.999, "94.99"], // graded good: never shown as 95.00
    [94.995, "94.99"],
    [84.999, "84.99"], // graded average: never shown as 85.00
    [84.996, "84.99"],
    [94.95, "94.95"],
    [99.999, "100.00"], // no threshold crossed
    [null, "—"],
  ])("%s → %s", (score, text) => {
    expect(formatScore(score)).toBe(text);
  });
});

describe("formatNumber, formatShare, formatGrade", () => {
  test.each([
    [-0.25, 2, "-0.25"],
    [-0.0001, 2, "0.00"], // no "-0.00"
    [0.7272727, 2, "0.73"],
    [32, 0, "32"],
    [null, 2, "—"],
  ])("formatNumber(%s, %d) → %s", (value, digits, text) => {
    expect(formatNumber(value, digits)).toBe(text);
  });

  test("shares are percentages with one decimal", () => {
    expect(formatShare(2 / 3)).toBe("66.7%");
    expect(formatShare(0)).toBe("0.0%");
  });

  test("grades in English and Chinese", () => {
    expect(formatGrade("excellent")).toBe("excellent 优秀");
    expect(formatGrade("average")).toBe("average 一般");
    expect(formatGrade(null)).toBe("—");
  });
});

describe("renderTable", () => {
  test("counts CJK characters as two columns so the table stays aligned", () => {
    expect(displayWidth("诚心")).toBe(4);
    expect(displayWidth("Q1")).toBe(2);
    const table = renderTable(
      [{ header: "Dimension" }, { header: "Score", align: "right" }],
      [
        ["诚心", "97.50"],
        ["Overall", "9.00"],
      ],
    );
    expect(table.split("\n")).toEqual([
      "Dimension  Score",
      "---------  -----",
      "诚心       97.50",
      "Overall     9.00",
    ]);
  });
});

describe("formatBadRows", () => {
  test("one line per bad row with its line number", () => {
    expect(
      formatBadRows([
        { line: 3, reason: "empty respondent id" },
        { line: 9, reason: "no item answered" },
      ]),
    ).toBe("2 bad rows skipped:\n  line 3: empty respondent id\n  line 9: no item answered\n");
    expect(formatBadRows([])).toBe("");
  });
});
