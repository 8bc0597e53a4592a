import type { Bilingual } from "../../i18n/bilingual.ts";
import {
  type Grade,
  type GroupScore,
  groupScoreFromTotals,
  type Reportability,
  reportability,
} from "../../scoring/index.ts";
import { fmt, gradeLabel, localized, percentCell, scoreCell } from "../report-format.ts";
import type { MeasureTotals } from "../report-model.ts";
import { defineSection, type ModelContext } from "./section.ts";

/**
 * 4. The answer distribution (答案分布): for each satisfaction item, how many answers fell on each level
 * of the scale, with the item's score. The scale is the latest version's: an earlier version's answers
 * count on the level of the same key, and those on a level it no longer has are left out of the counts
 * and shares (not of n, nor of the score, which each version's own points make).
 */

export interface ItemDistribution {
  readonly itemKey: string;
  readonly text: Bilingual;
  readonly dimension: string | null;
  readonly department: string | null;
  readonly n: number;
  /** null without answers, or withheld (fewer than 30 respondents); the counts stay. */
  readonly score: number | null;
  readonly grade: Grade | null;
  readonly reportability: Reportability;
  readonly answerCount: number;
  readonly levels: GroupScore["levels"];
}

export interface DistributionPart {
  readonly distribution: readonly ItemDistribution[];
}

/**
 * One count per level of the report's scale (`context.total` has already added each version's counts
 * onto it by level key), 0 where nothing was counted.
 */
function levelCounts(totals: MeasureTotals, size: number): number[] {
  return Array.from({ length: size }, (_, index) => totals.counts?.[index] ?? 0);
}

/**
 * Every satisfaction item's distribution, also when scores are withheld (the dissatisfaction counts
 * and the importance–performance analysis read it). An item answered by fewer than 30 respondents
 * has its counts but no score or grade. Call through `context.once`.
 */
export function itemDistributions(context: ModelContext): ItemDistribution[] {
  const { scale } = context;
  return context.groups.items.map((item) => {
    const totals = context.total(
      context.inputs.current,
      context.setIn((g) => (g.overall.includes(item.key) ? [item.key] : undefined)),
    );
    const group = groupScoreFromTotals(
      {
        n: totals.n,
        sum: totals.sum,
        exactSum: totals.exactSum,
        levelCounts: levelCounts(totals, scale.levels.length),
      },
      scale,
    );
    const rule = reportability(group.n);
    return {
      itemKey: item.key,
      text: item.text,
      dimension: item.dimension ?? null,
      department: item.department ?? null,
      n: group.n,
      score: rule === "suppress" ? null : group.score,
      grade: rule === "suppress" ? null : group.grade,
      reportability: rule,
      answerCount: group.answerCount,
      levels: group.levels,
    };
  });
}

export const distributionSection = defineSection({
  name: "distribution",
  needsScore: true,
  tableKeys: ["distribution"],

  model(context): DistributionPart {
    return { distribution: context.suppressed ? [] : context.once(itemDistributions) };
  },

  shown: (model) => model.distribution.length > 0,

  view(model, { locale }) {
    const lowestIndex = model.scale.length - 1;
    return {
      distribution: model.distribution.map((item) => ({
        text: localized(item.text, locale),
        answerCount: item.answerCount,
        scoreText: fmt.score(item.score),
        grade: gradeLabel(item.grade, locale),
        gradeKey: item.grade ?? "none",
        suppressed: item.reportability === "suppress",
        levels: item.levels.map((level) => ({ count: level.count, share: fmt.percent(level.share) })),
        lowest: fmt.percent(item.levels[lowestIndex]?.share ?? 0),
      })),
      scaleLabels: model.scale.map((level) => `${localized(level.label, locale)} (${level.points})`),
    };
  },

  charts(model, { locale }) {
    return {
      distribution: {
        labels: model.distribution.map((item) => localized(item.text, locale)),
        levels: model.scale.map((level, index) => ({
          label: localized(level.label, locale),
          shares: model.distribution.map((item) => (item.levels[index]?.share ?? 0) * 100),
        })),
      },
    };
  },

  tables(model, { locale, t }) {
    return [
      {
        key: "distribution",
        title: t("report.section.distribution"),
        columns: [
          t("report.item"),
          ...model.scale.flatMap((level) => [
            `${localized(level.label, locale)} (${level.points})`,
            `${localized(level.label, locale)} %`,
          ]),
          t("report.answers"),
          t("report.score"),
        ],
        rows: model.distribution.map((item) => [
          localized(item.text, locale),
          ...item.levels.flatMap((level) => [level.count, percentCell(level.share)]),
          item.answerCount,
          scoreCell(item.score),
        ]),
      },
    ];
  },
});
