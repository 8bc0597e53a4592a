import type { Bilingual } from "../../i18n/bilingual.ts";
import { departmentLabel, fmt, localized, percentCell } from "../report-format.ts";
import type { DissatisfiedComment } from "../report-model.ts";
import type { ReportTable } from "../report-tables.ts";
import { itemDistributions } from "./distribution.ts";
import { defineSection } from "./section.ts";

/**
 * 10. The dissatisfaction analysis (不满意分析): answers on the lowest level of the scale, by item, the
 * respondents who gave any, and their comments (客户意见) for the staff who may see customers. All of
 * it is withheld with the satisfaction scores (fewer than 30 respondents): seven customers of a region
 * of whom three were dissatisfied are seven people, not a rate.
 */

export interface Dissatisfaction {
  /** Answers on the lowest level of the scale; null when withheld. */
  readonly answerCount: number | null;
  /** Respondents with at least one such answer; null when withheld. */
  readonly respondents: number | null;
  readonly items: readonly {
    readonly itemKey: string;
    readonly text: Bilingual;
    readonly count: number;
    /** Of the item's answers. */
    readonly share: number;
    readonly department: string | null;
  }[];
  readonly comments: readonly DissatisfiedComment[] | null;
}

export interface DissatisfactionPart {
  readonly dissatisfaction: Dissatisfaction;
}

export const dissatisfactionSection = defineSection({
  name: "dissatisfaction",
  needsScore: true,
  tableKeys: ["dissatisfaction", "comments"],

  model(context): DissatisfactionPart {
    if (context.suppressed) {
      return { dissatisfaction: { answerCount: null, respondents: null, items: [], comments: null } };
    }
    const lowest = context.scale.levels.length - 1;
    const items = context
      .once(itemDistributions)
      .map((item) => ({
        itemKey: item.itemKey,
        text: item.text,
        count: item.levels[lowest]?.count ?? 0,
        share: item.levels[lowest]?.share ?? 0,
        department: item.department,
      }))
      .filter((item) => item.count > 0)
      .sort((a, b) => b.count - a.count);
    return {
      dissatisfaction: {
        answerCount: items.reduce((total, item) => total + item.count, 0),
        respondents: context.inputs.dissatisfiedRespondents,
        items,
        comments: context.inputs.comments,
      },
    };
  },

  shown: (model) => !model.suppressed,

  view(model, { locale, t }) {
    const { dissatisfaction } = model;
    return {
      dissatisfaction: {
        answerCount: dissatisfaction.answerCount === null ? "—" : fmt.count(dissatisfaction.answerCount),
        respondents: dissatisfaction.respondents === null ? "—" : fmt.count(dissatisfaction.respondents),
        items: dissatisfaction.items.map((item) => ({
          text: localized(item.text, locale),
          count: item.count,
          share: fmt.percent(item.share),
          department: departmentLabel(model.departmentNames, item.department, locale),
        })),
        hidden: dissatisfaction.comments === null,
        comments: dissatisfaction.comments?.map((comment) => ({
          responseId: comment.responseId,
          submittedAt: comment.submittedAt.slice(0, 10),
          customer: comment.customerName ?? comment.customerRef ?? t("report.dis.anonymous"),
          items: comment.itemKeys
            .map(
              (key) =>
                localized(model.distribution.find((item) => item.itemKey === key)?.text, locale) || key,
            )
            .join("、"),
          texts: comment.comments.map((c) => c.text),
        })),
        more:
          dissatisfaction.comments &&
          dissatisfaction.respondents !== null &&
          dissatisfaction.comments.length < dissatisfaction.respondents
            ? t("report.dis.more", {
                shown: dissatisfaction.comments.length,
                total: dissatisfaction.respondents,
              })
            : null,
      },
    };
  },

  tables(model, { locale, t }) {
    const { dissatisfaction } = model;
    const tables: ReportTable[] = [
      {
        key: "dissatisfaction",
        title: t("report.section.dissatisfaction"),
        columns: [t("report.item"), t("report.dis.answers"), t("report.dis.share"), t("report.departments")],
        rows: dissatisfaction.items.map((item) => [
          localized(item.text, locale),
          item.count,
          percentCell(item.share),
          item.department === null ? null : departmentLabel(model.departmentNames, item.department, locale),
        ]),
      },
    ];
    if (dissatisfaction.comments) {
      tables.push({
        key: "comments",
        title: t("report.dis.comments"),
        columns: ["response", t("report.dis.customer"), "ref", t("report.dis.on"), t("report.dis.comment")],
        rows: dissatisfaction.comments.map((c) => [
          c.responseId,
          c.customerName,
          c.customerRef,
          c.itemKeys.join(", "),
          c.comments.map((comment) => comment.text).join("\n"),
        ]),
      });
    }
    return tables;
  },
});
