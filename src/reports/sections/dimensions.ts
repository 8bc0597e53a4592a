import type { Bilingual } from "../../i18n/bilingual.ts";
import type { QuestionnaireDefinition } from "../../questionnaires/questionnaire-definition.ts";
import type { ServqualDimension } from "../../scoring/index.ts";
import { changeView, chartScore, gradeLabel, localized, scoreCell, scoreCells } from "../report-format.ts";
import { defineSection } from "./section.ts";
import { type Change, changeBetween, type ScoreWithInterval, withInterval } from "./totals.ts";

/**
 * 2. The score of each dimension (各维度得分: 诚心/诚信/诚行, or the RATER dimensions) with its change
 * since the previous period, in the catalogue's order. A dimension of fewer than 30 respondents is
 * withheld, 30–59 flagged, as every score of the report.
 */

export interface DimensionScore extends ScoreWithInterval {
  readonly key: string;
  readonly label: Bilingual;
  readonly change: Change | null;
}

export interface DimensionsPart {
  readonly dimensions: readonly DimensionScore[];
}

const RATER_LABELS: Record<ServqualDimension, Bilingual> = {
  reliability: { "zh-CN": "信赖度", en: "Reliability" },
  assurance: { "zh-CN": "专业度", en: "Assurance" },
  tangibles: { "zh-CN": "有形度", en: "Tangibles" },
  empathy: { "zh-CN": "同理度", en: "Empathy" },
  responsiveness: { "zh-CN": "反应度", en: "Responsiveness" },
};

/** A dimension's name: declared by the questionnaire, a RATER dimension's, or its key. */
export function dimensionLabel(definition: QuestionnaireDefinition, key: string): Bilingual {
  const custom = definition.dimensions?.find((dimension) => dimension.key === key);
  if (custom) return custom.label;
  return RATER_LABELS[key as ServqualDimension] ?? { "zh-CN": key, en: key };
}

export const dimensionsSection = defineSection({
  name: "dimensions",
  needsScore: true,
  tableKeys: ["dimensions"],

  model(context): DimensionsPart {
    const { inputs } = context;
    if (context.suppressed) return { dimensions: [] };
    return {
      dimensions: [...context.groups.dimensions.keys()].map((key) => {
        const measureOf = context.setIn((g) => g.dimensions.get(key));
        const totals = context.total(inputs.current, measureOf);
        return {
          key,
          label: dimensionLabel(context.definition, key),
          ...withInterval(totals, true),
          change: changeBetween(totals, context.total(inputs.previous, measureOf)),
        };
      }),
    };
  },

  shown: (model) => model.dimensions.length > 0,

  view(model, { locale }) {
    return {
      dimensions: model.dimensions.map((d) => ({
        label: localized(d.label, locale),
        ...scoreCells(d, locale),
        // a withheld score has no change either
        change:
          d.score === null ? { text: "—", marker: "" } : changeView(d.change, model.previousPeriod, locale),
      })),
    };
  },

  charts(model, { locale }) {
    return {
      dimensions: {
        labels: model.dimensions.map((d) => localized(d.label, locale)),
        scores: model.dimensions.map((d) => chartScore(d.score)),
      },
    };
  },

  tables(model, { locale, t }) {
    return [
      {
        key: "dimensions",
        title: t("report.section.dimensions"),
        columns: [
          t("report.dimension"),
          t("report.score"),
          t("report.grade"),
          t("report.n"),
          t("report.column.ciLower"),
          t("report.column.ciUpper"),
          t("report.change"),
          t("report.column.p"),
        ],
        rows: model.dimensions.map((d) => [
          localized(d.label, locale),
          scoreCell(d.score),
          gradeLabel(d.grade, locale),
          d.n,
          d.lower,
          d.upper,
          d.change?.difference ?? null,
          d.change?.p ?? null,
        ]),
      },
    ];
  },
});
