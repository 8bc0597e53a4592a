import type { Bilingual } from "../../i18n/bilingual.ts";
import { allItems } from "../../questionnaires/questionnaire-definition.ts";
import {
  SERVQUAL_DIMENSIONS,
  type ServqualDimension,
  type ServqualScores,
  servqualFromItemScores,
} from "../../scoring/index.ts";
import { allocationMeasure, servqualMeasure } from "../groups.ts";
import { fmt, localized } from "../report-format.ts";
import { defineSection, type ModelContext, withheldAnswered } from "./section.ts";

/**
 * 6. The SERVQUAL gap analysis (SERVQUAL 差距分析): perception − expectation per item and per RATER
 * dimension, unweighted and weighted by the 100-point importance allocation when it was asked.
 * Withheld when fewer than 30 respondents answered the SERVQUAL items (whatever the satisfaction
 * items' count).
 */

export interface ServqualModel extends ServqualScores {
  readonly itemTexts: Readonly<Record<string, Bilingual>>;
  readonly weights: Readonly<Partial<Record<ServqualDimension, number>>> | null;
}

export interface ServqualPart {
  /** null without SERVQUAL answers, or withheld: fewer than 30 respondents answered its items. */
  readonly servqual: ServqualModel | null;
}

/**
 * The SERVQUAL scores, also read by the importance–performance analysis; null when withheld. Call
 * through `context.once`.
 */
export function servqualScores(context: ModelContext): ServqualModel | null {
  if (context.withheld("servqual")) return null;
  const { inputs, definition } = context;
  const items = allItems(definition).filter((item) => item.type === "servqual");
  const scored = items.flatMap((item) => {
    const totals = context.total(inputs.current, () => servqualMeasure(item.key));
    if (totals.n === 0 || !(SERVQUAL_DIMENSIONS as readonly string[]).includes(item.dimension ?? ""))
      return [];
    const expectation = totals.sum / totals.n;
    const perception = totals.sumY / totals.n;
    return [
      {
        key: item.key,
        dimension: item.dimension as ServqualDimension,
        n: totals.n,
        expectation,
        perception,
        gap: perception - expectation,
      },
    ];
  });
  if (scored.length === 0) return null;
  const allocation = allItems(definition).find((item) => item.type === "importance");
  let weights: Partial<Record<ServqualDimension, number>> | null = null;
  if (allocation?.type === "importance") {
    const present = new Set(scored.map((item) => item.dimension));
    const means = allocation.dimensions.map((dimension) => {
      const totals = context.total(inputs.current, () => allocationMeasure(allocation.key, dimension));
      return [dimension, totals.n > 0 ? totals.sum / totals.n : null] as const;
    });
    // Weighted SERVQUAL needs a weight for exactly the dimensions that have items.
    if (
      means.every(([, mean]) => mean !== null) &&
      means.length === present.size &&
      means.every(([dimension]) => present.has(dimension as ServqualDimension))
    ) {
      weights = Object.fromEntries(means) as Partial<Record<ServqualDimension, number>>;
    }
  }
  let result: ServqualScores;
  try {
    result = servqualFromItemScores(scored, weights ?? undefined);
  } catch {
    // Weights whose means do not add up to 100 (answers to an older version): unweighted only.
    weights = null;
    result = servqualFromItemScores(scored);
  }
  return {
    ...result,
    weights,
    itemTexts: Object.fromEntries(items.map((item) => [item.key, item.text])),
  };
}

export const servqualSection = defineSection({
  name: "servqual",
  needsScore: false,
  tableKeys: ["servqual"],

  model(context): ServqualPart {
    return { servqual: context.once(servqualScores) };
  },

  // withheld but answered: shown, to say why there is no analysis
  shown: (model) => Boolean(model.servqual) || withheldAnswered(model.respondentsByAnalysis.servqual),

  view(model, { locale, t }) {
    const sq = model.servqual;
    const n = model.respondentsByAnalysis.servqual;
    return {
      servqualWithheld: withheldAnswered(n) ? t("report.analysisWithheld", { n }) : null,
      servqual: sq
        ? {
            items: sq.items.map((item) => ({
              key: item.key,
              text: localized(sq.itemTexts[item.key], locale),
              dimension: t(`builder.rater.${item.dimension}`),
              n: item.n,
              expectation: fmt.decimal(item.expectation),
              perception: fmt.decimal(item.perception),
              gap: fmt.decimal(item.gap),
              negative: item.gap < 0,
            })),
            dimensions: sq.dimensions.map((d) => ({
              dimension: t(`builder.rater.${d.dimension}`),
              expectation: fmt.decimal(d.expectation),
              perception: fmt.decimal(d.perception),
              gap: fmt.decimal(d.gap),
              negative: d.gap < 0,
              weight: fmt.decimal(d.weight, 1),
            })),
            unweighted: fmt.decimal(sq.unweighted),
            weighted: fmt.decimal(sq.weighted),
          }
        : null,
    };
  },

  charts(model, { t }) {
    const sq = model.servqual;
    return {
      servqual: sq
        ? {
            labels: sq.dimensions.map((d) => t(`builder.rater.${d.dimension}`)),
            expectation: sq.dimensions.map((d) => d.expectation),
            perception: sq.dimensions.map((d) => d.perception),
            expectationLabel: t("report.servqual.expectation"),
            perceptionLabel: t("report.servqual.perception"),
          }
        : null,
    };
  },

  tables(model, { locale, t }) {
    const sq = model.servqual;
    if (!sq) return [];
    return [
      {
        key: "servqual",
        title: t("report.section.servqual"),
        columns: [
          t("report.item"),
          t("report.dimension"),
          t("report.n"),
          t("report.servqual.expectation"),
          t("report.servqual.perception"),
          t("report.servqual.gap"),
          t("report.servqual.weight"),
        ],
        rows: [
          ...sq.items.map((item) => [
            localized(sq.itemTexts[item.key], locale),
            t(`builder.rater.${item.dimension}`),
            item.n,
            item.expectation,
            item.perception,
            item.gap,
            null,
          ]),
          ...sq.dimensions.map((d) => [
            `${t("report.dimension")}: ${t(`builder.rater.${d.dimension}`)}`,
            t(`builder.rater.${d.dimension}`),
            null,
            d.expectation,
            d.perception,
            d.gap,
            d.weight,
          ]),
          [t("report.servqual.unweighted"), null, null, null, null, sq.unweighted, null],
          [t("report.servqual.weighted"), null, null, null, null, sq.weighted, null],
        ],
      },
    ];
  },
});
