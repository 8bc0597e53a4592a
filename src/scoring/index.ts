// Public API of the scoring library: pure functions, plain data in and out, nothing rounded.
// See README.md for the formulas and sources, CONTEXT.md for the words we use.

export type { Bilingual } from "../i18n/bilingual.ts";
export type { RespondentScore, SurveyScore, SurveyScoreInput } from "./aggregate.ts";
export { overallScore, respondentScore, scoreSurvey } from "./aggregate.ts";
export type { OneWayAnova } from "./anova.ts";
export { oneWayAnova } from "./anova.ts";
export type { MeanConfidenceInterval } from "./confidence-interval.ts";
export { meanConfidenceInterval } from "./confidence-interval.ts";
export { cronbachAlpha } from "./cronbach-alpha.ts";
export type { ExactSum } from "./exact-sum.ts";
export { addExactSums, exactMean, exactScoreSum, exactSumToNumber } from "./exact-sum.ts";
export type { Grade, GradeThresholds } from "./grade.ts";
export { GRADE_LABELS, gradeFor } from "./grade.ts";
export type { GroupScore, GroupTotals, LevelShare } from "./group-score.ts";
export { groupScoreFromTotals } from "./group-score.ts";
export type { IndicatorNodeScore } from "./indicator-tree.ts";
export type { IpaCrosshair, IpaQuadrant } from "./ipa.ts";
export { ipaQuadrant } from "./ipa.ts";
export type { KanoAnswer, KanoCategory, KanoCounts, KanoPair } from "./kano.ts";
export { classifyKano, KANO_ANSWERS, tallyKano } from "./kano.ts";
export type { ContinuousKano, KanoAxis } from "./kano-continuous.ts";
export { continuousKano } from "./kano-continuous.ts";
export type { FongTest, KanoRule, KanoSummary, KanoSummaryOptions } from "./kano-summary.ts";
export { summarizeKano } from "./kano-summary.ts";
export type { KruskalWallis } from "./kruskal-wallis.ts";
export { kruskalWallis } from "./kruskal-wallis.ts";
export { meanScore } from "./mean-score.ts";
export type { NpsScore } from "./nps.ts";
export { npsScore } from "./nps.ts";
export type { TwoProportionZTest } from "./proportions.ts";
export { twoProportionZTest } from "./proportions.ts";
export type { Reportability } from "./reportability.ts";
export { reportability } from "./reportability.ts";
export type { Scale, ScaleLevel } from "./scale.ts";
export { DEFAULT_SCALE, pointsForAnswer } from "./scale.ts";
export type {
  ServqualDimension,
  ServqualDimensionScore,
  ServqualGap,
  ServqualInput,
  ServqualItemInput,
  ServqualItemScore,
  ServqualScores,
} from "./servqual.ts";
export { SERVQUAL_DIMENSIONS, servqualFromItemScores, servqualScores } from "./servqual.ts";
export type { PairedSums, SampleSummary } from "./summary-statistics.ts";
export {
  meanConfidenceIntervalFromSummary,
  pearsonCorrelationFromSums,
  summarizeSample,
  summaryVariance,
  welchTTestFromSummaries,
} from "./summary-statistics.ts";
export type { Answer, Item, Respondent } from "./survey-data.ts";
export type { WelchTTest } from "./welch-t-test.ts";
export { welchTTest } from "./welch-t-test.ts";
