import { expect, test } from "vitest";
import * as scoring from "../../../src/scoring/index.ts";

test("src/scoring/index.ts exports the public API of issue 3 and the aggregation functions", () => {
  expect(Object.keys(scoring).sort()).toEqual(
    [
      // issue 3 public API
      "DEFAULT_SCALE",
      "pointsForAnswer",
      "meanScore",
      "gradeFor",
      "classifyKano",
      "summarizeKano",
      "continuousKano",
      "servqualScores",
      "meanConfidenceInterval",
      "welchTTest",
      "oneWayAnova",
      "kruskalWallis",
      "twoProportionZTest",
      "cronbachAlpha",
      "npsScore",
      "ipaQuadrant",
      "reportability",
      // aggregation
      "respondentScore",
      "overallScore",
      "scoreSurvey",
      "tallyKano",
      // from rollups' sufficient statistics (issue 6: reports)
      "groupScoreFromTotals",
      "servqualFromItemScores",
      "summarizeSample",
      "summaryVariance",
      "meanConfidenceIntervalFromSummary",
      "welchTTestFromSummaries",
      "pearsonCorrelationFromSums",
      // exact sums of respondent scores (issue 14: a score of exactly 85 is graded good)
      "exactScoreSum",
      "addExactSums",
      "exactMean",
      "exactSumToNumber",
      // constants for labels and validation elsewhere
      "GRADE_LABELS",
      "KANO_ANSWERS",
      "SERVQUAL_DIMENSIONS",
    ].sort(),
  );
  for (const value of Object.values(scoring)) {
    if (typeof value === "function") expect(value.length).toBeGreaterThan(0);
  }
});
