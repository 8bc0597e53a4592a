import { sampleCorrelation, sampleVariance } from "simple-statistics";
import { describe, expect, test } from "vitest";
import {
  DEFAULT_SCALE,
  groupScoreFromTotals,
  meanConfidenceInterval,
  meanConfidenceIntervalFromSummary,
  pearsonCorrelationFromSums,
  servqualFromItemScores,
  servqualScores,
  summarizeSample,
  summaryVariance,
  welchTTest,
  welchTTestFromSummaries,
} from "../../../src/scoring/index.ts";
import { SLEEP } from "./data-sets.ts";

// The summary forms must give exactly what the raw-value functions give: reports compute from rollups
// (n, Σx, Σx²) what tests recompute from the raw answers.
describe("sufficient statistics", () => {
  const samples = [[100, 90, 90, 75, 100, 90], [75, 60, 90, 75, 60, 75, 90, 60], SLEEP.group1, SLEEP.group2];

  test.each(samples.map((s, i) => [i, s] as const))(
    "sample %i: variance and interval equal the raw ones",
    (_, values) => {
      const summary = summarizeSample(values);
      expect(summaryVariance(summary)).toBeCloseTo(sampleVariance([...values]), 10);
      const raw = meanConfidenceInterval(values);
      const fromSummary = meanConfidenceIntervalFromSummary(summary);
      expect(fromSummary.mean).toBeCloseTo(raw.mean, 12);
      expect(fromSummary.lower).toBeCloseTo(raw.lower, 10);
      expect(fromSummary.upper).toBeCloseTo(raw.upper, 10);
    },
  );

  // Student's sleep data; R: t.test(extra ~ group, data = sleep) → t = -1.8608, df = 17.776, p = 0.07939
  test("Welch from summaries: Student's sleep data", () => {
    const result = welchTTestFromSummaries(summarizeSample(SLEEP.group1), summarizeSample(SLEEP.group2));
    expect(result.t).toBeCloseTo(-1.8608, 4);
    expect(result.df).toBeCloseTo(17.776, 3);
    expect(result.p).toBeCloseTo(0.07939, 5);
    const raw = welchTTest(samples[0] as number[], samples[1] as number[]);
    const summarized = welchTTestFromSummaries(
      summarizeSample(samples[0] as number[]),
      summarizeSample(samples[1] as number[]),
    );
    expect(summarized.p).toBeCloseTo(raw.p, 12);
  });

  test("all-equal groups have no Welch test; fewer than 2 values have no interval", () => {
    expect(() => welchTTestFromSummaries(summarizeSample([90, 90]), summarizeSample([75, 75]))).toThrow(
      RangeError,
    );
    expect(() => meanConfidenceIntervalFromSummary(summarizeSample([90]))).toThrow(RangeError);
    expect(summaryVariance(summarizeSample([90, 90, 90]))).toBe(0);
  });

  test("Pearson from sums equals simple-statistics' sample correlation; constant → null", () => {
    const x = [100, 90, 75, 60, 90, 100];
    const y = [95, 88, 80, 70, 85, 97];
    const sums = {
      n: x.length,
      sumX: x.reduce((a, b) => a + b, 0),
      sumY: y.reduce((a, b) => a + b, 0),
      sumXX: x.reduce((a, b) => a + b * b, 0),
      sumYY: y.reduce((a, b) => a + b * b, 0),
      sumXY: x.reduce((a, b, i) => a + b * (y[i] as number), 0),
    };
    expect(pearsonCorrelationFromSums(sums)).toBeCloseTo(sampleCorrelation(x, y), 12);
    expect(
      pearsonCorrelationFromSums({ n: 3, sumX: 270, sumY: 6, sumXX: 24300, sumYY: 14, sumXY: 540 }),
    ).toBeNull();
    expect(
      pearsonCorrelationFromSums({ n: 1, sumX: 90, sumY: 90, sumXX: 8100, sumYY: 8100, sumXY: 8100 }),
    ).toBeNull();
  });

  test("a group's score from totals: (95 + 60) / 2 with the level shares", () => {
    const score = groupScoreFromTotals({ n: 2, sum: 155, levelCounts: [1, 1, 0, 1] }, DEFAULT_SCALE);
    expect(score.score).toBe(77.5);
    expect(score.grade).toBe("average");
    expect(score.answerCount).toBe(3);
    expect(score.levels.map((level) => level.share)).toEqual([1 / 3, 1 / 3, 0, 1 / 3]);
    expect(groupScoreFromTotals({ n: 0, sum: 0, levelCounts: [0, 0, 0, 0] }, DEFAULT_SCALE).score).toBeNull();
    expect(() => groupScoreFromTotals({ n: 1, sum: 90, levelCounts: [1] }, DEFAULT_SCALE)).toThrow(
      RangeError,
    );
  });

  test("SERVQUAL from item means equals SERVQUAL from the answers", () => {
    const input = {
      items: [
        { key: "r1", dimension: "reliability" as const, expectation: [7, 6, 7], perception: [5, 6, 4] },
        { key: "r2", dimension: "reliability" as const, expectation: [6, 6, 7], perception: [6, 5, 5] },
        { key: "t1", dimension: "tangibles" as const, expectation: [5, 6, 5], perception: [6, 6, 5] },
      ],
      weights: { reliability: 70, tangibles: 30 },
    };
    const raw = servqualScores(input);
    const fromMeans = servqualFromItemScores(raw.items, input.weights);
    expect(fromMeans.unweighted).toBeCloseTo(raw.unweighted, 12);
    expect(fromMeans.weighted).toBeCloseTo(raw.weighted as number, 12);
    expect(() => servqualFromItemScores([])).toThrow(RangeError);
  });
});
