import { parseSegmentKey, RESPONSES_MEASURE, type SegmentAttribute } from "../groups.ts";
import { gradeLabel, scoreCells, segmentValueLabel } from "../report-format.ts";
import { defineSection } from "./section.ts";
import { type ScoreWithInterval, withInterval } from "./totals.ts";

/**
 * 8. The score by customer segment (客户细分): one table per attribute (customer type, channel, value
 * tier, activity, region, survey mode), one row per value; small segments are withheld or flagged.
 * Customer managers are ranked in section 11 instead.
 */

export interface SegmentRow extends ScoreWithInterval {
  readonly value: string;
  readonly responses: number;
}

export interface SegmentBreakdown {
  readonly attribute: SegmentAttribute;
  readonly rows: readonly SegmentRow[];
}

export interface SegmentsPart {
  /** null when a segment filter is set or the period is a range of days (see `segmentsNote`). */
  readonly segments: readonly SegmentBreakdown[] | null;
  readonly segmentsNote: "filtered" | "custom_period" | null;
}

/** Natural orders of the fixed segment values; other values sort by name, "not recorded" last. */
const VALUE_ORDER: Partial<Record<SegmentAttribute, readonly string[]>> = {
  customerType: ["individual", "business"],
  valueTier: ["MVC", "MGC", "LVC", "BZ"],
  activity: ["active", "semi_dormant", "dormant"],
  mode: ["web", "email", "phone", "visit", "letter"],
};

const SEGMENT_ORDER: readonly SegmentAttribute[] = [
  "customerType",
  "channel",
  "valueTier",
  "activity",
  "region",
  "mode",
  "manager",
];

export const segmentsSection = defineSection({
  name: "segments",
  needsScore: true,
  tableKeys: ["segments"],

  model(context): SegmentsPart {
    const { inputs } = context;
    let segments: SegmentBreakdown[] | null = null;
    if (inputs.segments) {
      const byAttribute = new Map<SegmentAttribute, SegmentRow[]>();
      for (const [key, totals] of inputs.segments) {
        const parsed = parseSegmentKey(key);
        if (!parsed || parsed.attribute === "manager") continue;
        const row: SegmentRow = {
          value: parsed.value,
          responses: context.total(totals, () => RESPONSES_MEASURE).n,
          ...withInterval(context.total(totals, context.overall), true),
        };
        byAttribute.set(parsed.attribute, [...(byAttribute.get(parsed.attribute) ?? []), row]);
      }
      segments = [...byAttribute]
        .map(([attribute, rows]) => ({
          attribute,
          rows: rows.sort((a, b) => {
            const order = VALUE_ORDER[attribute];
            const rank = (value: string) => (value === "" ? 99 : (order?.indexOf(value) ?? -1));
            return rank(a.value) - rank(b.value) || a.value.localeCompare(b.value, "zh-CN");
          }),
        }))
        .sort((a, b) => SEGMENT_ORDER.indexOf(a.attribute) - SEGMENT_ORDER.indexOf(b.attribute));
    }
    return {
      segments: context.suppressed ? null : segments,
      segmentsNote:
        segments !== null ? null : inputs.filter.attribute !== undefined ? "filtered" : "custom_period",
    };
  },

  shown: (model) => !model.suppressed,

  view(model, { locale, t }) {
    return {
      segmentsNote:
        model.segmentsNote === "custom_period"
          ? t("report.segments.custom")
          : model.segmentsNote === "filtered"
            ? t("report.segments.filtered")
            : null,
      segments: model.segments?.map((breakdown) => ({
        title: t(`report.segment.${breakdown.attribute}`),
        rows: breakdown.rows.map((row) => ({
          label: segmentValueLabel(breakdown.attribute, row.value, locale),
          responses: row.responses,
          ...scoreCells(row, locale),
        })),
      })),
    };
  },

  tables(model, { locale, t }) {
    if (!model.segments) return [];
    return [
      {
        key: "segments",
        title: t("report.section.segments"),
        columns: [
          t("report.section.segments"),
          "",
          t("report.n"),
          t("report.responses"),
          t("report.score"),
          t("report.column.ciLower"),
          t("report.column.ciUpper"),
          t("report.grade"),
          "",
        ],
        rows: model.segments.flatMap((breakdown) =>
          breakdown.rows.map((row) => [
            t(`report.segment.${breakdown.attribute}`),
            segmentValueLabel(breakdown.attribute, row.value, locale),
            row.n,
            row.responses,
            row.score,
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
