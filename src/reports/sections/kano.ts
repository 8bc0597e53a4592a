import type { Bilingual } from "../../i18n/bilingual.ts";
import { allItems } from "../../questionnaires/questionnaire-definition.ts";
import { type KanoCategory, type KanoSummary, summarizeKano } from "../../scoring/index.ts";
import { kanoMeasure, ratingMeasure } from "../groups.ts";
import { fmt, localized } from "../report-format.ts";
import { KANO_COUNT_ORDER } from "../rollup.ts";
import { defineSection, withheldAnswered } from "./section.ts";

/**
 * 5. The Kano analysis (Kano 分析): each feature's answer pairs counted by category (A, O, M, I, R, Q),
 * its category, Better/Worse coefficients, Fong's test and the stated importance. Withheld when fewer
 * than 30 respondents answered the Kano pairs (whatever the satisfaction items' count).
 */

export interface KanoFeature extends KanoSummary {
  readonly itemKey: string;
  readonly text: Bilingual;
  /** Mean stated importance (the `imp_<feature>` rating), when asked. */
  readonly importance: number | null;
}

export interface KanoPart {
  /** null without Kano answers, or withheld: fewer than 30 respondents answered the Kano pairs. */
  readonly kano: readonly KanoFeature[] | null;
}

export const kanoSection = defineSection({
  name: "kano",
  needsScore: false,
  tableKeys: ["kano"],

  model(context): KanoPart {
    if (context.withheld("kano")) return { kano: null };
    const { inputs } = context;
    const kano: KanoFeature[] = [];
    for (const item of allItems(context.definition).filter((candidate) => candidate.type === "kano")) {
      const totals = context.total(inputs.current, (version) =>
        allItems(version.definition).some(
          (candidate) => candidate.key === item.key && candidate.type === "kano",
        )
          ? kanoMeasure(item.key)
          : undefined,
      );
      if (totals.n === 0 || !totals.counts) continue;
      const counts = Object.fromEntries(
        KANO_COUNT_ORDER.map((category, index) => [category, totals.counts?.[index] ?? 0]),
      ) as Record<KanoCategory, number>;
      const importance = context.total(inputs.current, () => ratingMeasure(`imp_${item.key}`));
      kano.push({
        itemKey: item.key,
        text: item.text,
        ...summarizeKano(counts),
        importance: importance.n > 0 ? importance.sum / importance.n : null,
      });
    }
    return { kano: kano.length > 0 ? kano : null };
  },

  // withheld but answered: shown, to say why there is no analysis
  shown: (model) => (model.kano?.length ?? 0) > 0 || withheldAnswered(model.respondentsByAnalysis.kano),

  view(model, { locale, t }) {
    const n = model.respondentsByAnalysis.kano;
    return {
      kanoWithheld: withheldAnswered(n) ? t("report.analysisWithheld", { n }) : null,
      kano: model.kano?.map((feature) => ({
        text: localized(feature.text, locale),
        n: feature.n,
        counts: (["A", "O", "M", "I", "R", "Q"] as const).map((category) => feature.counts[category]),
        category: `${feature.category} · ${t(`report.kano.cat.${feature.category}`)}`,
        better: fmt.decimal(feature.better),
        worse: fmt.decimal(feature.worse),
        fong: feature.fong.significant ? t("report.kano.robust") : t("report.kano.notRobust"),
        importance: fmt.decimal(feature.importance, 1),
      })),
    };
  },

  charts(model, { locale }) {
    return {
      kano: (model.kano ?? []).map((feature) => ({
        label: localized(feature.text, locale),
        x: feature.better,
        y: feature.worse === null ? null : Math.abs(feature.worse),
        category: feature.category,
      })),
    };
  },

  tables(model, { locale, t }) {
    if (!model.kano) return [];
    return [
      {
        key: "kano",
        title: t("report.section.kano"),
        columns: [
          t("report.kano.feature"),
          "A",
          "O",
          "M",
          "I",
          "R",
          "Q",
          "n",
          t("report.kano.category"),
          t("report.kano.better"),
          t("report.kano.worse"),
          t("report.kano.fong"),
          t("report.kano.importance"),
        ],
        rows: model.kano.map((f) => [
          localized(f.text, locale),
          f.counts.A,
          f.counts.O,
          f.counts.M,
          f.counts.I,
          f.counts.R,
          f.counts.Q,
          f.n,
          f.category,
          f.better,
          f.worse,
          f.fong.significant ? t("report.kano.robust") : t("report.kano.notRobust"),
          f.importance,
        ]),
      },
    ];
  },
});
