import { type BreakdownAttribute, parseBreakdownKey, RESPONSES_MEASURE } from "../groups.ts";
import { narrowsRespondents } from "../report-filter.ts";
import { breakdownValueLabel, gradeLabel, scoreCell, scoreCells } from "../report-format.ts";
import { defineSection } from "./section.ts";
import { type ScoreWithInterval, withInterval } from "./totals.ts";

/**
 * 8. The score by customer attribute (按客户属性对比): one table per attribute (customer type, channel, value
 * tier, activity, region, survey mode), one row per value; small breakdowns are withheld or flagged.
 * Customer managers are ranked in section 11 instead.
 */

export interface BreakdownRow extends ScoreWithInterval {
  readonly value: string;
  readonly responses: number;
}

export interface BreakdownBreakdown {
  readonly attribute: BreakdownAttribute;
  readonly rows: readonly BreakdownRow[];
}

export interface BreakdownsPart {
  /** null when a breakdown filter is set or the period is a range of days (see `breakdownsNote`). */
  readonly breakdowns: readonly BreakdownBreakdown[] | null;
  readonly breakdownsNote: "filtered" | "custom_period" | null;
}

/** Natural orders of the fixed breakdown values; other values sort by name, "not recorded" last. */
const VALUE_ORDER: Partial<Record<BreakdownAttribute, readonly string[]>> = {
  customerType: ["individual", "business"],
  valueTier: ["MVC", "MGC", "LVC", "BZ"],
  activity: ["active", "semi_dormant", "dormant"],
  mode: ["web", "email", "phone", "visit", "letter"],
};

const BREAKDOWN_ORDER: readonly BreakdownAttribute[] = [
  "customerType",
  "channel",
  "valueTier",
  "activity",
  "region",
  "mode",
  "manager",
];

export const breakdownsSection = defineSection({
  name: "breakdowns",
  needsScore: true,
  tableKeys: ["breakdowns"],

  model(context): BreakdownsPart {
    const { inputs } = context;
    let breakdowns: BreakdownBreakdown[] | null = null;
    if (inputs.breakdowns) {
      const byAttribute = new Map<BreakdownAttribute, BreakdownRow[]>();
      for (const [key, totals] of inputs.breakdowns) {
        const parsed = parseBreakdownKey(key);
        if (!parsed || parsed.attribute === "manager") continue;
        const row: BreakdownRow = {
          value: parsed.value,
          responses: context.total(totals, () => RESPONSES_MEASURE).n,
          ...withInterval(context.total(totals, context.overall), true),
        };
        byAttribute.set(parsed.attribute, [...(byAttribute.get(parsed.attribute) ?? []), row]);
      }
      breakdowns = [...byAttribute]
        .map(([attribute, rows]) => ({
          attribute,
          rows: rows.sort((a, b) => {
            const order = VALUE_ORDER[attribute];
            const rank = (value: string) => (value === "" ? 99 : (order?.indexOf(value) ?? -1));
            return rank(a.value) - rank(b.value) || a.value.localeCompare(b.value, "zh-CN");
          }),
        }))
        .sort((a, b) => BREAKDOWN_ORDER.indexOf(a.attribute) - BREAKDOWN_ORDER.indexOf(b.attribute));
    }
    return {
      breakdowns: context.suppressed ? null : breakdowns,
      breakdownsNote:
        breakdowns !== null ? null : narrowsRespondents(inputs.filter) ? "filtered" : "custom_period",
    };
  },

  shown: (model) => !model.suppressed,

  view(model, { locale, t }) {
    return {
      breakdownsNote:
        model.breakdownsNote === "custom_period"
          ? t("report.breakdowns.custom")
          : model.breakdownsNote === "filtered"
            ? t("report.breakdowns.filtered")
            : null,
      breakdowns: model.breakdowns?.map((breakdown) => ({
        title: t(`report.breakdown.${breakdown.attribute}`),
        rows: breakdown.rows.map((row) => ({
          label: breakdownValueLabel(breakdown.attribute, row.value, locale),
          responses: row.responses,
          ...scoreCells(row, locale),
        })),
      })),
    };
  },

  tables(model, { locale, t }) {
    if (!model.breakdowns) return [];
    return [
      {
        key: "breakdowns",
        title: t("report.section.breakdowns"),
        columns: [
          t("report.section.breakdowns"),
          "",
          t("report.n"),
          t("report.responses"),
          t("report.score"),
          t("report.column.ciLower"),
          t("report.column.ciUpper"),
          t("report.grade"),
          "",
        ],
        rows: model.breakdowns.flatMap((breakdown) =>
          breakdown.rows.map((row) => [
            t(`report.breakdown.${breakdown.attribute}`),
            breakdownValueLabel(breakdown.attribute, row.value, locale),
            row.n,
            row.responses,
            scoreCell(row.score),
            row.lower,
            row.upper,
            gradeLabel(row.grade, locale),
            row.reportability === "suppress"
              ? t("report.suppressedShort")
              : row.reportability === "caution"
                ? t("report.cautionShort")
                : "",
          ]),
        ),
      },
    ];
  },
});
