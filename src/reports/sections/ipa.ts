import type { Bilingual } from "../../i18n/bilingual.ts";
import { ipaQuadrant, pearsonCorrelationFromSums } from "../../scoring/index.ts";
import { ratingMeasure, restMeasure } from "../groups.ts";
import { fmt, localized, scoreCell } from "../report-format.ts";
import { dimensionLabel } from "./dimensions.ts";
import { itemDistributions } from "./distribution.ts";
import { defineSection, type ModelContext } from "./section.ts";
import { servqualScores } from "./servqual.ts";

/**
 * 7. The importance–performance analysis (重要性—表现分析): each item (or SERVQUAL dimension) placed by
 * its importance and its performance into one of four quadrants around the means. Importance is stated
 * (importance ratings, or the 100-point allocation) or, when not asked, derived: the corrected
 * item–total correlation, of the item with the mean of the respondent's OTHER satisfaction items (a
 * total that includes the item correlates with it by construction, most for questionnaires of few
 * items). Withheld with the analysis it reads (SERVQUAL, or the satisfaction items).
 */

export interface IpaPoint {
  readonly key: string;
  readonly label: Bilingual;
  readonly importance: number;
  readonly performance: number;
  readonly quadrant: ReturnType<typeof ipaQuadrant>;
}

export interface IpaModel {
  /**
   * stated: asked (importance ratings or the 100-point allocation); derived: the corrected item–total
   * correlation (with the mean of the respondent's other satisfaction items)
   */
  readonly basis: "stated" | "derived";
  readonly level: "item" | "dimension";
  readonly crosshair: { readonly importance: number; readonly performance: number };
  readonly points: readonly IpaPoint[];
}

export interface IpaPart {
  /** null with fewer than two points, or when the analysis it reads is withheld. */
  readonly ipa: IpaModel | null;
}

const QUADRANT_ORDER = ["concentrate_here", "keep_up_the_good_work", "low_priority", "possible_overkill"];

function withCrosshair(
  basis: IpaModel["basis"],
  level: IpaModel["level"],
  raw: Omit<IpaPoint, "quadrant">[],
): IpaModel | null {
  if (raw.length < 2) return null;
  const crosshair = {
    importance: raw.reduce((total, point) => total + point.importance, 0) / raw.length,
    performance: raw.reduce((total, point) => total + point.performance, 0) / raw.length,
  };
  return {
    basis,
    level,
    crosshair,
    points: raw.map((point) => ({
      ...point,
      quadrant: ipaQuadrant(point.importance, point.performance, crosshair),
    })),
  };
}

function importancePerformance(context: ModelContext): IpaModel | null {
  const { inputs } = context;
  const servqual = context.once(servqualScores);
  // SERVQUAL with the 100-point allocation: importance stated per dimension, performance = perception.
  if (servqual?.weights) {
    return withCrosshair(
      "stated",
      "dimension",
      servqual.dimensions.map((dimension) => ({
        key: dimension.dimension,
        label: dimensionLabel(context.definition, dimension.dimension),
        importance: servqual.weights?.[dimension.dimension] ?? 0,
        performance: dimension.perception,
      })),
    );
  }
  if (context.suppressed) return null;
  const scored = context.once(itemDistributions).filter((item) => item.score !== null);
  if (scored.length < 2) return null;
  // Stated: every item has an importance rating `imp_<item>`; otherwise derived from the correlation
  // of the item with the rest (the `rest:<item>` rollup: x = the item, y = the other items' mean).
  const stated = scored.map((item) =>
    context.total(inputs.current, () => ratingMeasure(`imp_${item.itemKey}`)),
  );
  if (stated.every((totals) => totals.n > 0)) {
    return withCrosshair(
      "stated",
      "item",
      scored.map((item, index) => ({
        key: item.itemKey,
        label: item.text,
        importance: (stated[index]?.sum ?? 0) / (stated[index]?.n ?? 1),
        performance: item.score as number,
      })),
    );
  }
  const derived = scored.flatMap((item) => {
    const asked = context.setIn((g) => (g.overall.includes(item.itemKey) ? [item.itemKey] : undefined));
    const totals = context.total(inputs.current, (version) =>
      asked(version) === undefined ? undefined : restMeasure(item.itemKey),
    );
    const r = pearsonCorrelationFromSums({
      n: totals.n,
      sumX: totals.sum,
      sumY: totals.sumY,
      sumXX: totals.sumSq,
      sumYY: totals.sumYSq,
      sumXY: totals.sumXy,
    });
    return r === null
      ? []
      : [{ key: item.itemKey, label: item.text, importance: r, performance: item.score as number }];
  });
  return withCrosshair("derived", "item", derived);
}

export const ipaSection = defineSection({
  name: "ipa",
  needsScore: false,
  tableKeys: ["ipa"],

  model(context): IpaPart {
    return { ipa: importancePerformance(context) };
  },

  shown: (model) => Boolean(model.ipa),

  view(model, { locale, t }) {
    const ipa = model.ipa;
    return {
      ipa: ipa
        ? {
            note: t(ipa.basis === "stated" ? "report.ipa.stated" : "report.ipa.derived"),
            points: [...ipa.points]
              .sort((a, b) => QUADRANT_ORDER.indexOf(a.quadrant) - QUADRANT_ORDER.indexOf(b.quadrant))
              .map((point) => ({
                label: localized(point.label, locale),
                importance: fmt.decimal(point.importance, ipa.basis === "derived" ? 2 : 1),
                // an item's performance is its satisfaction score, shown as everywhere else
                performance:
                  ipa.level === "item" ? fmt.score(point.performance) : fmt.decimal(point.performance, 1),
                quadrant: t(`report.ipa.${point.quadrant}`),
                quadrantKey: point.quadrant,
              })),
          }
        : null,
    };
  },

  charts(model, { locale, t }) {
    const ipa = model.ipa;
    return {
      ipa: ipa
        ? {
            xLabel: t("report.ipa.importance"),
            yLabel: t("report.ipa.performance"),
            crosshair: ipa.crosshair,
            points: ipa.points.map((point) => ({
              label: localized(point.label, locale),
              x: point.importance,
              y: point.performance,
              quadrant: point.quadrant,
            })),
          }
        : null,
    };
  },

  tables(model, { locale, t }) {
    if (!model.ipa) return [];
    return [
      {
        key: "ipa",
        title: t("report.section.ipa"),
        columns: [
          t("report.item"),
          t("report.ipa.importance"),
          t("report.ipa.performance"),
          t("report.ipa.quadrant"),
        ],
        rows: model.ipa.points.map((p) => [
          localized(p.label, locale),
          p.importance,
          model.ipa?.level === "item" ? scoreCell(p.performance) : p.performance,
          t(`report.ipa.${p.quadrant}`),
        ]),
      },
    ];
  },
});
