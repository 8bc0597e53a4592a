import type { Bilingual } from "../../i18n/bilingual.ts";
import {
  type CaseCause,
  type FollowupCase,
  type FollowupFigures,
  figuresBy,
  followupFigures,
  type RankedCause,
  rankCauses,
} from "../followup-figures.ts";
import { RESPONSES_MEASURE } from "../groups.ts";
import type { Period } from "../period.ts";
import { departmentLabel, fmt, localized, percentCell, periodLabel } from "../report-format.ts";
import type { VersionTotals } from "../report-model.ts";
import type { Cell } from "../report-tables.ts";
import { defineSection, type ModelContext, type ViewContext } from "./section.ts";

/**
 * 12. The follow-up section (跟进闭环): the follow-up cases opened in the period for the questionnaire's
 * responses (as the filters select them), against their time limits — contacted and resolved within the
 * limit, overdue, the median times — the causes ranked, and the recovered rate (挽回率, the seed's "82%"
 * measured), by department and by assignee, and its key figures over the 12 trend periods. Aggregates
 * only: no customer, phone or comment; assignees are named as the rankings name customer managers.
 * Withheld with the report's figures when fewer than 30 respondents (a case is a dissatisfied answer:
 * the dissatisfaction counts are withheld then, so are these).
 */

/** What the service reads for the section: the cases of the trend's span, the cause list, assignees. */
export interface FollowupInputs {
  /** The cases opened in the trend periods, each with its period's index. */
  readonly cases: readonly FollowupCase[];
  readonly causes: readonly CaseCause[];
  /** Assignees' display names by staff id. */
  readonly assigneeNames: ReadonlyMap<string, string>;
}

export interface FollowupRow {
  /** A department code, or a staff id; null: no department / unassigned. */
  readonly key: string | null;
  /** The assignee's name (null for a department, and for unassigned). */
  readonly name: string | null;
  readonly figures: FollowupFigures;
}

export interface FollowupTrendPoint {
  readonly period: Period;
  /** null when the period's respondents are fewer than 30. */
  readonly figures: FollowupFigures | null;
}

export interface Followup {
  /** Fewer than 30 respondents in the period: every figure below is withheld (empty / null). */
  readonly withheld: boolean;
  readonly figures: FollowupFigures | null;
  readonly departments: readonly FollowupRow[];
  readonly assignees: readonly FollowupRow[];
  readonly causes: readonly RankedCause[];
  /** Cases of the period with no cause named yet. */
  readonly withoutCause: number;
  /** From the first period with a case; the report's period last. */
  readonly trend: readonly FollowupTrendPoint[];
}

/** A row of figures as the page shows it (rounded, in the viewer's language). */
export interface FollowupRowView {
  readonly label: string;
  /** Fewer than 30 respondents in its period: no figures. */
  readonly withheld: boolean;
  readonly opened: number | null;
  readonly contactedInTime: string;
  readonly resolvedInTime: string;
  readonly overdue: string;
  readonly toContact: string;
  readonly toResolve: string;
  /** "82.0% (n = 45)", "fewer than 30 answers (n = 12)" or "—". */
  readonly recovery: string;
  /** 30–59 recovery answers: marked *. */
  readonly caution: boolean;
}

export interface FollowupView {
  readonly withheld: boolean;
  /** No case opened in the period (本期没有跟进工单). */
  readonly empty: boolean;
  readonly filterNote: string;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly departments: readonly FollowupRowView[];
  readonly assignees: readonly FollowupRowView[];
  readonly causes: readonly {
    readonly rank: number;
    readonly label: string;
    readonly count: number;
    readonly share: string;
  }[];
  readonly withoutCause: string;
  readonly trend: readonly (FollowupRowView & { readonly current: boolean })[];
}

const WITHHELD_ROW: Omit<FollowupRowView, "label"> = {
  withheld: true,
  opened: null,
  contactedInTime: "",
  resolvedInTime: "",
  overdue: "",
  toContact: "",
  toResolve: "",
  recovery: "",
  caution: false,
};

export interface FollowupPart {
  /** null: the report was built without its cases (nothing to say). */
  readonly followup: Followup | null;
}

/**
 * A department's name as the report shows it: the department record's name in the viewer's language
 * (its code when there is no record); null: the case has no department.
 */
export function departmentName(
  code: string | null,
  model: { departmentNames: Readonly<Record<string, Bilingual>> },
  context: Pick<ViewContext, "t" | "locale">,
): string {
  return code === null
    ? context.t("report.followup.noDepartment")
    : departmentLabel(model.departmentNames, code, context.locale);
}

/** Whether the period's responses are too few to show case counts (as the dissatisfaction counts). */
function tooFew(context: ModelContext, totals: VersionTotals, scored: boolean): boolean {
  const n = scored
    ? context.total(totals, context.overall).n
    : context.total(totals, () => RESPONSES_MEASURE).n;
  return n < 30;
}

const byOpened = (a: FollowupRow, b: FollowupRow, label: (row: FollowupRow) => string) =>
  (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) ||
  b.figures.opened - a.figures.opened ||
  label(a).localeCompare(label(b), "zh-CN");

export const followupSection = defineSection({
  name: "followup",
  needsScore: false,
  tableKeys: ["followup", "followupDepartments", "followupManagers", "followupCauses", "followupTrend"],

  model(context): FollowupPart {
    const { inputs } = context;
    const source = inputs.followup;
    if (!source) return { followup: null };
    const asOf = new Date(inputs.generatedAt);
    const scored = inputs.versions.some((version) => context.overall(version) !== undefined);
    const last = inputs.trendPeriods.length - 1;
    const inPeriod = (index: number) => source.cases.filter((c) => c.periodIndex === index);
    const trendPoints = inputs.trendPeriods.map((period, index) => ({
      period,
      cases: inPeriod(index).length,
      figures: tooFew(context, inputs.trend[index] ?? new Map(), scored)
        ? null
        : followupFigures(inPeriod(index), asOf),
    }));
    const first = trendPoints.findIndex((point) => point.cases > 0);
    const trend = trendPoints
      .slice(first === -1 ? last : first)
      .map(({ period, figures }) => ({ period, figures }));
    if (tooFew(context, inputs.current, scored)) {
      return {
        followup: {
          withheld: true,
          figures: null,
          departments: [],
          assignees: [],
          causes: [],
          withoutCause: 0,
          trend,
        },
      };
    }
    const cases = inPeriod(last);
    const departments = figuresBy(cases, (c) => c.department, asOf)
      .map(({ key, figures }) => ({ key, name: null, figures }))
      .sort((a, b) => byOpened(a, b, (row) => row.key ?? ""));
    const assignees = figuresBy(cases, (c) => c.assigneeId, asOf)
      .map(({ key, figures }) => ({
        key: key === null ? null : String(key),
        name: key === null ? null : (source.assigneeNames.get(String(key)) ?? `#${key}`),
        figures,
      }))
      .sort((a, b) => byOpened(a, b, (row) => row.name ?? ""));
    const { ranked, withoutCause } = rankCauses(cases, source.causes);
    return {
      followup: {
        withheld: false,
        figures: followupFigures(cases, asOf),
        departments,
        assignees,
        causes: ranked,
        withoutCause,
        trend,
      },
    };
  },

  shown: (model) => model.followup !== null,

  view(model, context): { followup: FollowupView | null } {
    const followup = model.followup;
    if (!followup) return { followup: null };
    const { locale, t } = context;
    const rowView = (label: string, figures: FollowupFigures | null): FollowupRowView => ({
      label,
      ...(figures ? figuresView(figures, context) : WITHHELD_ROW),
    });
    return {
      followup: {
        withheld: followup.withheld,
        empty: !followup.withheld && followup.figures?.opened === 0,
        filterNote: model.filter.department
          ? t("report.followup.departmentFilter", {
              department: departmentName(model.filter.department, model, context),
            })
          : "",
        facts: followup.figures ? factsView(followup.figures, context) : [],
        departments: followup.departments.map((row) =>
          rowView(departmentName(row.key, model, context), row.figures),
        ),
        assignees: followup.assignees.map((row) =>
          rowView(row.name ?? t("report.followup.unassigned"), row.figures),
        ),
        causes: followup.causes.map((cause, index) => ({
          rank: index + 1,
          label: localized(cause.label, locale),
          count: cause.count,
          share: fmt.percent(cause.share),
        })),
        withoutCause:
          followup.withoutCause > 0 ? t("report.followup.withoutCause", { n: followup.withoutCause }) : "",
        // newest first, as the trend section's table
        trend: followup.trend
          .map((point, index) => ({
            ...rowView(periodLabel(point.period, locale), point.figures),
            current: index === followup.trend.length - 1,
          }))
          .reverse(),
      },
    };
  },

  tables(model, context) {
    const followup = model.followup;
    if (!followup) return [];
    const { locale, t } = context;
    const columns = figureColumns(t);
    const title = (key: Parameters<ViewContext["t"]>[0]) =>
      t("report.tableLabel", { section: t("report.section.followup"), table: t(key) });
    return [
      {
        key: "followup",
        title: t("report.section.followup"),
        columns: [t("report.period"), ...columns],
        rows: followup.figures ? [[periodLabel(model.period, locale), ...figureCells(followup.figures)]] : [],
      },
      {
        key: "followupDepartments",
        title: title("report.followup.byDepartment"),
        columns: [t("report.department"), ...columns],
        rows: followup.departments.map((row) => [
          departmentName(row.key, model, context),
          ...figureCells(row.figures),
        ]),
      },
      {
        key: "followupManagers",
        title: title("report.followup.byManager"),
        columns: [t("report.breakdown.manager"), ...columns],
        rows: followup.assignees.map((row) => [
          row.name ?? t("report.followup.unassigned"),
          ...figureCells(row.figures),
        ]),
      },
      {
        key: "followupCauses",
        title: title("report.followup.causes"),
        columns: [
          t("report.rank"),
          t("report.followup.cause"),
          t("report.followup.cases"),
          t("report.followup.causeShare"),
        ],
        rows: followup.causes.map((cause, index) => [
          index + 1,
          localized(cause.label, locale),
          cause.count,
          percentCell(cause.share),
        ]),
      },
      {
        key: "followupTrend",
        title: title("report.followup.trend"),
        columns: [t("report.period"), ...columns],
        rows: followup.trend.map((point) => [
          periodLabel(point.period, locale),
          ...(point.figures ? figureCells(point.figures) : columns.map(() => null)),
        ]),
      },
    ];
  },
});

/** A span of hours in words: hours under two days, then days; one decimal. */
export function durationText(hours: number | null, t: ViewContext["t"]): string {
  if (hours === null) return "—";
  return hours < 48
    ? t("report.followup.hours", { n: hours.toFixed(1) })
    : t("report.followup.days", { n: (hours / 24).toFixed(1) });
}

const countShareText = ({ count, share }: { count: number; share: number | null }) =>
  share === null ? String(count) : `${count} (${fmt.percent(share)})`;

/** The recovered rate in words: the rate with its n, "fewer than 30 answers (n = 12)", or "—". */
function recoveryText(figures: FollowupFigures, t: ViewContext["t"]): string {
  const { recovery } = figures;
  if (recovery.n === 0) return "—";
  if (recovery.rate === null) return `${t("report.followup.recoveryWithheld")} (n = ${recovery.n})`;
  return `${fmt.percent(recovery.rate)} (n = ${recovery.n})`;
}

function figuresView(figures: FollowupFigures, { t }: ViewContext): Omit<FollowupRowView, "label"> {
  return {
    withheld: false,
    opened: figures.opened,
    contactedInTime: countShareText(figures.contactedInTime),
    resolvedInTime: countShareText(figures.resolvedInTime),
    overdue: countShareText(figures.overdue),
    toContact: durationText(figures.medianHoursToContact, t),
    toResolve: durationText(figures.medianHoursToResolve, t),
    recovery: recoveryText(figures, t),
    caution: figures.recovery.reportability === "caution",
  };
}

function factsView(figures: FollowupFigures, context: ViewContext) {
  const { t } = context;
  const shown = figuresView(figures, context);
  return [
    { label: t("report.followup.opened"), value: String(figures.opened) },
    { label: t("report.followup.contactedInTime"), value: shown.contactedInTime },
    { label: t("report.followup.resolvedInTime"), value: shown.resolvedInTime },
    { label: t("report.followup.overdue"), value: shown.overdue },
    { label: t("report.followup.toContact"), value: shown.toContact },
    { label: t("report.followup.toResolve"), value: shown.toResolve },
    {
      label: t("report.followup.recovered"),
      value: `${shown.recovery}${shown.caution ? ` * ${t("report.followup.recoveryCaution")}` : ""}`,
    },
  ];
}

function figureColumns(t: ViewContext["t"]): string[] {
  return [
    t("report.followup.opened"),
    t("report.followup.contactedInTime"),
    t("report.followup.contactedInTimeShare"),
    t("report.followup.resolvedInTime"),
    t("report.followup.resolvedInTimeShare"),
    t("report.followup.overdue"),
    t("report.followup.overdueShare"),
    t("report.followup.hoursToContact"),
    t("report.followup.hoursToResolve"),
    t("report.followup.recoveredCount"),
    t("report.followup.recoveryN"),
    t("report.followup.recovered"),
  ];
}

/** A row's figures as table cells: counts, shares as PercentCells, hours unrounded, the rate withheld as empty. */
function figureCells(figures: FollowupFigures): Cell[] {
  return [
    figures.opened,
    figures.contactedInTime.count,
    percentCell(figures.contactedInTime.share),
    figures.resolvedInTime.count,
    percentCell(figures.resolvedInTime.share),
    figures.overdue.count,
    percentCell(figures.overdue.share),
    figures.medianHoursToContact,
    figures.medianHoursToResolve,
    figures.recovery.recovered,
    figures.recovery.n,
    percentCell(figures.recovery.rate),
  ];
}
