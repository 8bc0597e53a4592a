import { RESPONSES_MEASURE } from "../groups.ts";
import type { Period } from "../period.ts";
import {
  chartScore,
  gradeLabel,
  periodLabel,
  periodShortLabel,
  scoreCell,
  scoreCells,
} from "../report-format.ts";
import { defineSection } from "./section.ts";
import { type ScoreWithInterval, withInterval } from "./totals.ts";

/**
 * 9. The trend (趋势): the overall score of the 12 periods up to the report's, each with its interval;
 * periods with fewer than 30 respondents are withheld.
 */

export interface TrendPoint extends ScoreWithInterval {
  readonly period: Period;
  readonly responses: number;
}

export interface TrendPart {
  readonly trend: readonly TrendPoint[];
}

export const trendSection = defineSection({
  name: "trend",
  needsScore: true,
  tableKeys: ["trend"],

  model(context): TrendPart {
    const { inputs } = context;
    return {
      trend: inputs.trendPeriods.map((period, index) => {
        const totals = inputs.trend[index] ?? new Map();
        return {
          period,
          responses: context.total(totals, () => RESPONSES_MEASURE).n,
          ...withInterval(context.total(totals, context.overall), true),
        };
      }),
    };
  },

  shown: () => true,

  view(model, { locale }) {
    return {
      trend: model.trend.map((point) => ({
        label: periodShortLabel(point.period, locale),
        fullLabel: periodLabel(point.period, locale),
        responses: point.responses,
        ...scoreCells(point, locale),
      })),
    };
  },

  charts(model, { locale, t }) {
    return {
      trend: {
        labels: model.trend.map((point) => periodShortLabel(point.period, locale)),
        scores: model.trend.map((p) => chartScore(p.score)),
        lower: model.trend.map((p) => p.lower),
        upper: model.trend.map((p) => p.upper),
        scoreLabel: t("report.score"),
        ciLabel: t("report.ciShort"),
      },
    };
  },

  tables(model, { locale, t }) {
    return [
      {
        key: "trend",
        title: t("report.section.trend"),
        columns: [
          t("report.period"),
          t("report.score"),
          t("report.grade"),
          t("report.n"),
          t("report.responses"),
          t("report.column.ciLower"),
          t("report.column.ciUpper"),
        ],
        rows: model.trend.map((p) => [
          periodLabel(p.period, locale),
          scoreCell(p.score),
          gradeLabel(p.grade, locale),
          p.n,
          p.responses,
          p.lower,
          p.upper,
        ]),
      },
    ];
  },
});
