import { RESPONSES_MEASURE } from "../groups.ts";
import {
  changeView,
  fmt,
  gradeLabel,
  percentCell,
  periodLabel,
  scoreCell,
  scoreCells,
} from "../report-format.ts";
import { defineSection } from "./section.ts";
import { type Change, changeBetween, type ScoreWithInterval, withInterval } from "./totals.ts";

/**
 * 1. The overall score (总体满意度): mean of the respondents' scores with its interval, responses,
 * response rate and the change since the previous period. Without satisfaction items it is the
 * participation (参与情况) alone. Fewer than 30 respondents (a filter, or a short period): the score,
 * grade, interval and change are withheld; the counts stay, to say why.
 */

export interface Headline extends ScoreWithInterval {
  readonly responses: number;
  readonly respondents: number;
  readonly responseRate: {
    readonly invited: number;
    readonly responded: number;
    readonly rate: number;
  } | null;
  readonly change: Change | null;
}

export interface HeadlinePart {
  readonly headline: Headline;
}

export const headlineSection = defineSection({
  name: "headline",
  needsScore: false,
  tableKeys: ["headline"],

  model(context): HeadlinePart {
    const { inputs, suppressed } = context;
    const overall = context.total(inputs.current, context.overall);
    const previousOverall = context.total(inputs.previous, context.overall);
    return {
      headline: {
        ...withInterval(overall, true),
        responses: context.total(inputs.current, () => RESPONSES_MEASURE).n,
        respondents: overall.n,
        responseRate:
          inputs.invitations && inputs.invitations.invited > 0
            ? { ...inputs.invitations, rate: inputs.invitations.responded / inputs.invitations.invited }
            : null,
        change: suppressed ? null : changeBetween(overall, previousOverall),
      },
    };
  },

  shown: () => true,

  view(model, { locale, t }) {
    const h = model.headline;
    return {
      headline: {
        ...scoreCells(h, locale),
        responses: fmt.count(h.responses),
        respondents: fmt.count(h.respondents),
        hasScore: h.score !== null,
        responseRate: h.responseRate
          ? `${fmt.percent(h.responseRate.rate)} (${fmt.count(h.responseRate.responded)} / ${fmt.count(h.responseRate.invited)})`
          : t("report.responseRateNone"),
        // a withheld score has no change either: nothing to say about the previous period
        change:
          h.score === null ? { text: "—", marker: "" } : changeView(h.change, model.previousPeriod, locale),
        cautionText: h.reportability === "caution" ? t("report.caution", { n: h.n }) : null,
      },
    };
  },

  tables(model, { locale, t }) {
    const h = model.headline;
    return [
      {
        key: "headline",
        title: t("report.section.headline"),
        columns: [
          t("report.period"),
          t("report.score"),
          t("report.grade"),
          t("report.n"),
          t("report.responses"),
          t("report.column.ciLower"),
          t("report.column.ciUpper"),
          t("report.responseRate"),
          `${t("report.score")} (${periodLabel(model.previousPeriod, locale)})`,
          t("report.change"),
          t("report.column.p"),
        ],
        rows: [
          [
            periodLabel(model.period, locale),
            scoreCell(h.score),
            gradeLabel(h.grade, locale),
            h.respondents,
            h.responses,
            h.lower,
            h.upper,
            percentCell(h.responseRate?.rate ?? null),
            scoreCell(h.change?.previousScore ?? null),
            h.change?.difference ?? null,
            h.change?.p ?? null,
          ],
        ],
      },
    ];
  },
});
