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
 * periods with fewer than 30 respondents are withheld. Periods before the first with a response are
 * left out (a questionnaire that started in September shows September and October, not ten empty
 * periods before them); the gaps between periods with responses stay.
 */

export interface TrendPoint extends ScoreWithInterval {
  readonly period: Period;
  readonly responses: number;
}

export interface TrendPart {
  readonly trend: readonly TrendPoint[];
}

/** The points from the first period with a response on; the report's own period always stays. */
function fromFirstResponse(points: readonly TrendPoint[]): readonly TrendPoint[] {
  const first = points.findIndex((point) => point.responses > 0 || point.n > 0);
  return points.slice(first === -1 ? Math.max(0, points.length - 1) : first);
}

export const trendSection = defineSection({
  name: "trend",
  needsScore: true,
  tableKeys: ["trend"],

  model(context): TrendPart {
    const { inputs } = context;
    return {
      trend: fromFirstResponse(
        inputs.trendPeriods.map((period, index) => {
          const totals = inputs.trend[index] ?? new Map();
          return {
            period,
            responses: context.total(totals, () => RESPONSES_MEASURE).n,
            ...withInterval(context.total(totals, context.overall), true),
          };
        }),
      ),
    };
  },

  shown: () => true,

  // The page's table lists the report's period first, so a phone shows it without scrolling; the
  // chart reads left to right in time, ending with it. The downloads keep the model's order.
  view(model, { locale }) {
    const last = model.trend.length - 1;
    return {
      trend: model.trend
        .map((point, index) => ({
          label: periodShortLabel(point.period, locale),
          fullLabel: periodLabel(point.period, locale),
          responses: point.responses,
          current: index === last,
          ...scoreCells(point, locale),
        }))
        .reverse(),
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
