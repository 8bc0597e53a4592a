import type { Locale } from "../i18n/bilingual.ts";
import { type MessageKey, type MessageValues, translate } from "../i18n/i18n.ts";
import type { ReportModel } from "./report-model.ts";
import { gradeLabel, localized, periodLabel, segmentValueLabel } from "./report-view.ts";

/**
 * The table behind each report section, for the XLSX workbook (one sheet each) and the CSV downloads.
 * Numbers stay unrounded here (spreadsheets format them); labels are in the viewer's language.
 */
export type Cell = string | number | null;
export interface ReportTable {
  /** Stable key, used in the CSV URL and the file name. */
  readonly key: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export const TABLE_KEYS = [
  "headline",
  "dimensions",
  "indicators",
  "distribution",
  "kano",
  "servqual",
  "ipa",
  "segments",
  "trend",
  "dissatisfaction",
  "comments",
  "departments",
  "managers",
] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

export function reportTables(model: ReportModel, locale: Locale): ReportTable[] {
  const t = (key: MessageKey, values?: MessageValues) => translate(locale, key, values);
  const tables: ReportTable[] = [];
  const h = model.headline;
  tables.push({
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
        h.score,
        gradeLabel(h.grade, locale),
        h.respondents,
        h.responses,
        h.lower,
        h.upper,
        h.responseRate?.rate ?? null,
        h.change?.previousScore ?? null,
        h.change?.difference ?? null,
        h.change?.p ?? null,
      ],
    ],
  });
  tables.push({
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
      d.score,
      gradeLabel(d.grade, locale),
      d.n,
      d.lower,
      d.upper,
      d.change?.difference ?? null,
      d.change?.p ?? null,
    ]),
  });
  const indicatorRows: Cell[][] = [];
  const walk = (nodes: ReportModel["indicatorTree"]) => {
    for (const node of nodes) {
      indicatorRows.push([
        node.path[0] ?? null,
        node.path[1] ?? null,
        node.path[2] ?? null,
        node.score,
        gradeLabel(node.grade, locale),
        node.n,
        node.departments.join(", "),
      ]);
      walk(node.children);
    }
  };
  walk(model.indicatorTree);
  tables.push({
    key: "indicators",
    title: t("report.section.indicators"),
    columns: [
      t("report.level1"),
      t("report.level2"),
      t("report.level3"),
      t("report.score"),
      t("report.grade"),
      t("report.n"),
      t("report.departments"),
    ],
    rows: indicatorRows,
  });
  tables.push({
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
      ...item.levels.flatMap((level) => [level.count, level.share]),
      item.answerCount,
      item.score,
    ]),
  });
  if (model.kano) {
    tables.push({
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
    });
  }
  if (model.servqual) {
    const sq = model.servqual;
    tables.push({
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
    });
  }
  if (model.ipa) {
    tables.push({
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
        p.performance,
        t(`report.ipa.${p.quadrant}`),
      ]),
    });
  }
  if (model.segments) {
    tables.push({
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
    });
  }
  tables.push({
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
      p.score,
      gradeLabel(p.grade, locale),
      p.n,
      p.responses,
      p.lower,
      p.upper,
    ]),
  });
  tables.push({
    key: "dissatisfaction",
    title: t("report.section.dissatisfaction"),
    columns: [t("report.item"), t("report.dis.answers"), t("report.dis.share"), t("report.departments")],
    rows: model.dissatisfaction.items.map((item) => [
      localized(item.text, locale),
      item.count,
      item.share,
      item.department,
    ]),
  });
  if (model.dissatisfaction.comments) {
    tables.push({
      key: "comments",
      title: t("report.dis.comments"),
      columns: ["response", t("report.dis.customer"), "ref", t("report.dis.on"), t("report.dis.comment")],
      rows: model.dissatisfaction.comments.map((c) => [
        c.responseId,
        c.customerName,
        c.customerRef,
        c.itemKeys.join(", "),
        c.comments.map((comment) => comment.text).join("\n"),
      ]),
    });
  }
  tables.push({
    key: "departments",
    title: t("report.rank.departments"),
    columns: [t("report.rank"), t("report.department"), t("report.score"), t("report.grade"), t("report.n")],
    rows: model.rankings.departments.map((row) => [
      row.rank,
      row.label,
      row.score,
      gradeLabel(row.grade, locale),
      row.n,
    ]),
  });
  if (model.rankings.managers) {
    tables.push({
      key: "managers",
      title: t("report.rank.managers"),
      columns: [
        t("report.rank"),
        t("report.segment.manager"),
        t("report.score"),
        t("report.column.ciLower"),
        t("report.column.ciUpper"),
        t("report.n"),
      ],
      rows: model.rankings.managers.map((row) => [
        row.rank,
        row.label,
        row.score,
        row.lower,
        row.upper,
        row.n,
      ]),
    });
  }
  // without satisfaction items every score-based table would be empty: only the analyses remain
  return model.scored ? tables : tables.filter((table) => UNSCORED_TABLES.has(table.key));
}

const UNSCORED_TABLES: ReadonlySet<string> = new Set<TableKey>(["headline", "kano", "servqual", "ipa"]);
