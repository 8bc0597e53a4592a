import type { Bilingual, Locale } from "../i18n/bilingual.ts";
import { type MessageKey, type MessageValues, translate } from "../i18n/i18n.ts";
import { modeKey } from "../responses/message-families.ts";
import type { Grade } from "../scoring/index.ts";
import type { SegmentAttribute } from "./groups.ts";
import { reportValueKey } from "./message-families.ts";
import type { Period } from "./period.ts";
import type { Change, ReportModel, ScoreWithInterval } from "./report-model.ts";

/**
 * Display helpers and the page's view model: the only place numbers of a report are rounded.
 * Pure (the locale is passed in).
 */

export const fmt = {
  score: (value: number | null | undefined) => (typeof value === "number" ? value.toFixed(1) : "—"),
  decimal: (value: number | null | undefined, digits = 2) =>
    typeof value === "number" ? value.toFixed(digits) : "—",
  percent: (share: number | null | undefined) =>
    typeof share === "number" ? `${(share * 100).toFixed(1)}%` : "—",
  signed: (value: number | null | undefined, digits = 1) =>
    typeof value === "number"
      ? `${value > 0 ? "+" : value < 0 ? "−" : "±"}${Math.abs(value).toFixed(digits)}`
      : "—",
  p: (p: number | null) => (p === null ? "—" : p < 0.001 ? "< 0.001" : p.toFixed(3)),
  count: (value: number) => new Intl.NumberFormat("en-US").format(value),
};

const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "2026年10月" / "October 2026", "2026年第4季度" / "Q4 2026", … */
export function periodLabel(period: Period, locale: Locale): string {
  const year = period.from.slice(0, 4);
  const month = Number(period.from.slice(5, 7));
  switch (period.kind) {
    case "month":
      return locale === "zh-CN" ? `${year}年${month}月` : `${MONTHS_EN[month - 1]} ${year}`;
    case "quarter": {
      const q = period.key.slice(-1);
      return locale === "zh-CN" ? `${year}年第${q}季度` : `Q${q} ${year}`;
    }
    case "year":
      return locale === "zh-CN" ? `${year}年` : year;
    default: {
      const last = period.key.split("..")[1] ?? period.to;
      return `${period.from} – ${last}`;
    }
  }
}

/** Short label for chart axes: "10月" / "Oct 26". */
export function periodShortLabel(period: Period, locale: Locale): string {
  if (period.kind === "month") {
    const month = Number(period.from.slice(5, 7));
    return locale === "zh-CN"
      ? `${period.from.slice(2, 4)}年${month}月`
      : `${(MONTHS_EN[month - 1] ?? "").slice(0, 3)} ${period.from.slice(2, 4)}`;
  }
  if (period.kind === "quarter") return locale === "zh-CN" ? period.key.replace("-", " ") : period.key;
  if (period.kind === "year") return period.key;
  return period.from.slice(5);
}

export const localized = (text: Bilingual | undefined, locale: Locale) => text?.[locale] ?? text?.en ?? "";

export function gradeLabel(grade: Grade | null, locale: Locale): string {
  return grade ? translate(locale, `report.grade.${grade}`) : "—";
}

export function segmentValueLabel(
  attribute: SegmentAttribute,
  value: string,
  locale: Locale,
  managerName?: string,
) {
  if (value === "") return translate(locale, "report.value.none");
  const key =
    attribute === "mode"
      ? modeKey.keyOf(value)
      : attribute === "customerType" || attribute === "activity"
        ? reportValueKey.keyOf(value)
        : undefined;
  if (key) return translate(locale, key);
  if (attribute === "manager") return managerName ?? `#${value}`;
  return value;
}

function changeView(change: Change | null, previous: Period, locale: Locale) {
  const vs = translate(locale, "report.vsPrevious", { period: periodLabel(previous, locale) });
  if (!change)
    return {
      text: translate(locale, "report.noPrevious", { period: periodLabel(previous, locale) }),
      marker: "",
    };
  const test =
    change.p === null
      ? translate(locale, "report.noTest")
      : translate(locale, change.significant ? "report.significant" : "report.notSignificant", {
          p: fmt.p(change.p),
        });
  return {
    text: `${fmt.signed(change.difference)} ${vs} · ${test}`,
    marker: change.direction === "up" ? "▲" : change.direction === "down" ? "▼" : "",
    direction: change.direction,
  };
}

function scoreCells(row: ScoreWithInterval, locale: Locale) {
  const shown = row.score !== null;
  return {
    n: row.n,
    scoreText: fmt.score(row.score),
    grade: gradeLabel(row.grade, locale),
    gradeKey: row.grade ?? "none",
    ci: shown && row.lower !== null ? `${fmt.score(row.lower)} – ${fmt.score(row.upper)}` : "—",
    caution: row.reportability === "caution",
    suppressed: row.reportability === "suppress",
  };
}

/** Everything the report page (and the PDF, which prints the page) shows, in the viewer's language. */
export function reportView(
  model: ReportModel,
  locale: Locale,
  managerNames: ReadonlyMap<string, string> = new Map(),
) {
  const t = (key: MessageKey, values?: MessageValues) => translate(locale, key, values);
  const h = model.headline;
  const hasData = h.responses > 0;
  const lowestIndex = model.scale.length - 1;
  const filterText = [
    model.filter.attribute
      ? `${t(`report.segment.${model.filter.attribute}`)} = ${segmentValueLabel(model.filter.attribute, model.filter.value ?? "", locale, managerNames.get(model.filter.value ?? ""))}`
      : null,
    model.filter.department ? `${t("report.department")} = ${model.filter.department}` : null,
  ]
    .filter(Boolean)
    .join(" · ");

  const trendPoints = model.trend.map((point) => ({
    label: periodShortLabel(point.period, locale),
    fullLabel: periodLabel(point.period, locale),
    responses: point.responses,
    ...scoreCells(point, locale),
  }));

  const charts = {
    dimensions: {
      labels: model.dimensions.map((d) => localized(d.label, locale)),
      scores: model.dimensions.map((d) => d.score),
    },
    distribution: {
      labels: model.distribution.map((item) => localized(item.text, locale)),
      levels: model.scale.map((level, index) => ({
        label: localized(level.label, locale),
        shares: model.distribution.map((item) => (item.levels[index]?.share ?? 0) * 100),
      })),
    },
    kano: (model.kano ?? []).map((feature) => ({
      label: localized(feature.text, locale),
      x: feature.better,
      y: feature.worse === null ? null : Math.abs(feature.worse),
      category: feature.category,
    })),
    ipa: model.ipa
      ? {
          xLabel: t("report.ipa.importance"),
          yLabel: t("report.ipa.performance"),
          crosshair: model.ipa.crosshair,
          points: model.ipa.points.map((point) => ({
            label: localized(point.label, locale),
            x: point.importance,
            y: point.performance,
            quadrant: point.quadrant,
          })),
        }
      : null,
    servqual: model.servqual
      ? {
          labels: model.servqual.dimensions.map((d) => t(`builder.rater.${d.dimension}`)),
          expectation: model.servqual.dimensions.map((d) => d.expectation),
          perception: model.servqual.dimensions.map((d) => d.perception),
          expectationLabel: t("report.servqual.expectation"),
          perceptionLabel: t("report.servqual.perception"),
        }
      : null,
    trend: {
      labels: trendPoints.map((p) => p.label),
      scores: model.trend.map((p) => p.score),
      lower: model.trend.map((p) => p.lower),
      upper: model.trend.map((p) => p.upper),
      scoreLabel: t("report.score"),
      ciLabel: t("report.ciShort"),
    },
  };

  const indicatorRows: {
    name: string;
    depth: number;
    n: number;
    scoreText: string;
    grade: string;
    gradeKey: string;
    departments: string;
  }[] = [];
  const walk = (nodes: ReportModel["indicatorTree"]) => {
    for (const node of nodes) {
      indicatorRows.push({
        name: node.name,
        depth: node.depth,
        n: node.n,
        scoreText: fmt.score(node.score),
        grade: gradeLabel(node.grade, locale),
        gradeKey: node.grade ?? "none",
        departments: node.departments.join("、"),
      });
      walk(node.children);
    }
  };
  walk(model.indicatorTree);

  const view = {
    title: localized(model.questionnaire.title, locale),
    questionnaireName: model.questionnaire.name,
    periodLabel: periodLabel(model.period, locale),
    previousLabel: periodLabel(model.previousPeriod, locale),
    filterText,
    generatedAt: model.generatedAt,
    hasData,
    suppressed: model.suppressed,
    scored: model.scored,
    headline: {
      ...scoreCells(h, locale),
      responses: fmt.count(h.responses),
      respondents: fmt.count(h.respondents),
      hasScore: h.score !== null,
      responseRate: h.responseRate
        ? `${fmt.percent(h.responseRate.rate)} (${fmt.count(h.responseRate.responded)} / ${fmt.count(h.responseRate.invited)})`
        : t("report.responseRateNone"),
      change: changeView(h.change, model.previousPeriod, locale),
      cautionText: h.reportability === "caution" ? t("report.caution", { n: h.n }) : null,
    },
    dimensions: model.dimensions.map((d) => ({
      label: localized(d.label, locale),
      ...scoreCells(d, locale),
      change: changeView(d.change, model.previousPeriod, locale),
    })),
    indicatorRows,
    distribution: model.distribution.map((item) => ({
      text: localized(item.text, locale),
      answerCount: item.answerCount,
      scoreText: fmt.score(item.score),
      grade: gradeLabel(item.grade, locale),
      gradeKey: item.grade ?? "none",
      levels: item.levels.map((level) => ({ count: level.count, share: fmt.percent(level.share) })),
      lowest: fmt.percent(item.levels[lowestIndex]?.share ?? 0),
    })),
    scaleLabels: model.scale.map((level) => `${localized(level.label, locale)} (${level.points})`),
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
    servqual: model.servqual
      ? {
          items: model.servqual.items.map((item) => ({
            key: item.key,
            text: localized(model.servqual?.itemTexts[item.key], locale),
            dimension: t(`builder.rater.${item.dimension}`),
            n: item.n,
            expectation: fmt.decimal(item.expectation),
            perception: fmt.decimal(item.perception),
            gap: fmt.decimal(item.gap),
            negative: item.gap < 0,
          })),
          dimensions: model.servqual.dimensions.map((d) => ({
            dimension: t(`builder.rater.${d.dimension}`),
            expectation: fmt.decimal(d.expectation),
            perception: fmt.decimal(d.perception),
            gap: fmt.decimal(d.gap),
            negative: d.gap < 0,
            weight: fmt.decimal(d.weight, 1),
          })),
          unweighted: fmt.decimal(model.servqual.unweighted),
          weighted: fmt.decimal(model.servqual.weighted),
        }
      : null,
    ipa: model.ipa
      ? {
          note: t(model.ipa.basis === "stated" ? "report.ipa.stated" : "report.ipa.derived"),
          points: [...model.ipa.points]
            .sort((a, b) => QUADRANT_ORDER.indexOf(a.quadrant) - QUADRANT_ORDER.indexOf(b.quadrant))
            .map((point) => ({
              label: localized(point.label, locale),
              importance: fmt.decimal(point.importance, model.ipa?.basis === "derived" ? 2 : 1),
              performance: fmt.decimal(point.performance, 1),
              quadrant: t(`report.ipa.${point.quadrant}`),
              quadrantKey: point.quadrant,
            })),
        }
      : null,
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
    trend: trendPoints,
    dissatisfaction: {
      answerCount: fmt.count(model.dissatisfaction.answerCount),
      respondents: fmt.count(model.dissatisfaction.respondents),
      items: model.dissatisfaction.items.map((item) => ({
        text: localized(item.text, locale),
        count: item.count,
        share: fmt.percent(item.share),
        department: item.department ?? "",
      })),
      hidden: model.dissatisfaction.comments === null,
      comments: model.dissatisfaction.comments?.map((comment) => ({
        responseId: comment.responseId,
        submittedAt: comment.submittedAt.slice(0, 10),
        customer: comment.customerName ?? comment.customerRef ?? t("report.dis.anonymous"),
        items: comment.itemKeys
          .map(
            (key) => localized(model.distribution.find((item) => item.itemKey === key)?.text, locale) || key,
          )
          .join("、"),
        texts: comment.comments.map((c) => c.text),
      })),
      more:
        model.dissatisfaction.comments &&
        model.dissatisfaction.comments.length < model.dissatisfaction.respondents
          ? t("report.dis.more", {
              shown: model.dissatisfaction.comments.length,
              total: model.dissatisfaction.respondents,
            })
          : null,
    },
    rankings: {
      departments: model.rankings.departments.map((row) => ({
        ...row,
        ...scoreCells(row, locale),
        rank: row.rank ?? "—",
      })),
      managers: model.rankings.managers?.map((row) => ({
        ...row,
        ...scoreCells(row, locale),
        rank: row.rank ?? "—",
      })),
    },
    charts,
  };
  return { ...view, sectionNumbers: sectionNumbers(view) };
}

/**
 * The report's sections in order, numbered 1, 2, 3… over those it shows; null for one it leaves out.
 * The template shows a section exactly when it has a number.
 */
function sectionNumbers(view: {
  scored: boolean;
  suppressed: boolean;
  dimensions: readonly unknown[];
  indicatorRows: readonly unknown[];
  distribution: readonly unknown[];
  kano: readonly unknown[] | undefined;
  servqual: unknown;
  ipa: unknown;
}): Record<string, number | null> {
  const beyondScore = view.scored && !view.suppressed;
  const shown: [string, boolean][] = [
    ["headline", true],
    ["dimensions", view.dimensions.length > 0],
    ["indicators", view.indicatorRows.length > 0],
    ["distribution", view.distribution.length > 0],
    ["kano", (view.kano?.length ?? 0) > 0],
    ["servqual", Boolean(view.servqual)],
    ["ipa", Boolean(view.ipa)],
    ["segments", beyondScore],
    ["trend", view.scored],
    ["dissatisfaction", beyondScore],
    ["rankings", beyondScore],
  ];
  let number = 0;
  return Object.fromEntries(shown.map(([name, on]) => [name, on ? ++number : null]));
}

const QUADRANT_ORDER = ["concentrate_here", "keep_up_the_good_work", "low_priority", "possible_overkill"];

export type ReportView = ReturnType<typeof reportView>;
