import type { Bilingual } from "../i18n/bilingual.ts";
import { allItems, type QuestionnaireDefinition } from "../questionnaires/questionnaire-definition.ts";
import type { ExactSum } from "../scoring/index.ts";
import type { BreakdownAttribute } from "./groups.ts";
import type { Period } from "./period.ts";
import type { BreakdownsPart } from "./sections/breakdowns.ts";
import type { DimensionsPart } from "./sections/dimensions.ts";
import type { DissatisfactionPart } from "./sections/dissatisfaction.ts";
import type { DistributionPart } from "./sections/distribution.ts";
import type { FollowupInputs, FollowupPart } from "./sections/followup.ts";
import type { HeadlinePart } from "./sections/headline.ts";
import { REPORT_SECTIONS } from "./sections/index.ts";
import type { IndicatorsPart } from "./sections/indicators.ts";
import type { IpaPart } from "./sections/ipa.ts";
import type { KanoPart } from "./sections/kano.ts";
import type { RankingsPart } from "./sections/rankings.ts";
import { type Analysis, modelContext } from "./sections/section.ts";
import type { ServqualPart } from "./sections/servqual.ts";
import type { TrendPart } from "./sections/trend.ts";

/**
 * The report model: the inputs the service reads (rollup totals and a few counts), and the model built
 * from them, section by section (sections/). Pure: totals in, model out. Nothing is rounded here
 * (views round).
 */

/** Summed rollup rows of one measure. */
export interface MeasureTotals {
  readonly n: number;
  readonly sum: number;
  /** A satisfaction group's Σ respondent scores, exactly (`sum` is its nearest double); null otherwise. */
  readonly exactSum: ExactSum | null;
  readonly sumSq: number;
  readonly sumY: number;
  readonly sumYSq: number;
  readonly sumXy: number;
  readonly counts: readonly number[] | null;
}
/** Totals by questionnaire version, then by measure. */
export type VersionTotals = ReadonlyMap<number, ReadonlyMap<string, MeasureTotals>>;

/** One value of one customer attribute (or the survey mode); '' = not recorded. */
export interface AttributeValue {
  readonly attribute: BreakdownAttribute;
  readonly value: string;
}

/**
 * Whose answers a report counts, as the customer was when they answered: all of the conditions hold.
 * One attribute value alone is read from the rollups; any other combination is rolled up on the fly
 * from the matching responses (report-filter.ts).
 */
export interface ReportFilter {
  readonly attribute?: BreakdownAttribute;
  readonly value?: string;
  /** Values of further attributes (region 上海 and channel 个险, say). */
  readonly moreAttributes?: readonly AttributeValue[];
  /** A saved customer segment (客户细分); its name as it was when the report was made. */
  readonly segment?: { readonly id: number; readonly name: string };
  /** A free customer attribute's value. */
  readonly freeAttribute?: { readonly key: string; readonly value: string };
  /** Only the items this department is responsible for. */
  readonly department?: string;
}

export interface ReportVersion {
  readonly id: number;
  readonly definition: QuestionnaireDefinition;
}

export interface DissatisfiedComment {
  readonly responseId: number;
  readonly submittedAt: string;
  readonly customerName: string | null;
  readonly customerRef: string | null;
  /** Items answered on the lowest level. */
  readonly itemKeys: readonly string[];
  readonly comments: readonly { readonly itemKey: string; readonly text: string }[];
}

export interface ReportInputs {
  readonly questionnaire: { readonly id: number; readonly name: string };
  /** Every version with responses or published, the latest last (its texts label the report). */
  readonly versions: readonly ReportVersion[];
  readonly period: Period;
  readonly previousPeriod: Period;
  readonly trendPeriods: readonly Period[];
  readonly filter: ReportFilter;
  readonly current: VersionTotals;
  readonly previous: VersionTotals;
  /** One per trend period. */
  readonly trend: readonly VersionTotals[];
  /** Per breakdown key; null when a breakdown filter is set (breakdowns are of the whole population). */
  readonly breakdowns: ReadonlyMap<string, VersionTotals> | null;
  readonly managerNames: ReadonlyMap<string, string>;
  /** Names of the departments by code (an item's department is a code); absent: the codes are shown. */
  readonly departmentNames?: ReadonlyMap<string, Bilingual>;
  readonly invitations: { readonly invited: number; readonly responded: number } | null;
  readonly dissatisfiedRespondents: number;
  /** null: the viewer may not see customers' comments. */
  readonly comments: readonly DissatisfiedComment[] | null;
  /** The follow-up cases of the trend's periods (the follow-up section); absent: not read. */
  readonly followup?: FollowupInputs;
  readonly generatedAt: string;
}

/** The parts of the model every section may read: what is reported, for when, on which scale. */
export interface ReportFrame {
  readonly questionnaire: { readonly id: number; readonly name: string; readonly title: Bilingual };
  readonly period: Period;
  readonly previousPeriod: Period;
  readonly filter: ReportFilter;
  readonly generatedAt: string;
  readonly scale: readonly { readonly key: string; readonly label: Bilingual; readonly points: number }[];
  /**
   * The names of the departments the report names (its items', its filter's), by code; a code without a
   * department record is missing here and shown as it is.
   */
  readonly departmentNames: Readonly<Record<string, Bilingual>>;
  /**
   * Respondents behind each analysis: with a satisfaction answer, with the most answered Kano pair, with
   * the most answered SERVQUAL item (0: the questionnaire has none). Each analysis with fewer than 30 is
   * withheld, with all that derives from it, filtered or not.
   */
  readonly respondentsByAnalysis: Readonly<Record<Analysis, number>>;
  /**
   * The report's figures are withheld: fewer than 30 respondents with satisfaction answers or, for a
   * questionnaire without satisfaction items, behind each of its analyses that was answered.
   */
  readonly suppressed: boolean;
  /**
   * Whether the questionnaire has satisfaction items. Without them (a Kano or SERVQUAL survey) there is
   * no satisfaction score, so no score by breakdown, trend, dissatisfaction or ranking either.
   */
  readonly scored: boolean;
}

/** The report: the frame, then each section's part (sections/, in the order of REPORT_SECTIONS). */
export interface ReportModel
  extends ReportFrame,
    HeadlinePart,
    DimensionsPart,
    IndicatorsPart,
    DistributionPart,
    KanoPart,
    ServqualPart,
    IpaPart,
    BreakdownsPart,
    TrendPart,
    DissatisfactionPart,
    RankingsPart,
    FollowupPart {}

/** The names of the departments of the versions' items and of the filter, by code. */
function namesOfDepartments(inputs: ReportInputs): Record<string, Bilingual> {
  const codes = new Set(
    inputs.versions.flatMap((version) => allItems(version.definition).map((i) => i.department)),
  );
  codes.add(inputs.filter.department);
  const names: Record<string, Bilingual> = {};
  for (const code of codes) {
    const name = code ? inputs.departmentNames?.get(code) : undefined;
    if (code && name) names[code] = name;
  }
  return names;
}

/** Builds the report from rollup totals. */
export function buildReportModel(inputs: ReportInputs): ReportModel {
  const context = modelContext(inputs);
  const scored = inputs.versions.some((version) => context.overall(version) !== undefined);
  const answered = (["kano", "servqual"] as const).filter((analysis) => context.respondents[analysis] > 0);
  const frame: ReportFrame = {
    questionnaire: { ...inputs.questionnaire, title: context.definition.title },
    period: inputs.period,
    previousPeriod: inputs.previousPeriod,
    filter: inputs.filter,
    generatedAt: inputs.generatedAt,
    scale: context.scale.levels.map((level) => ({
      key: level.key,
      label: level.label,
      points: level.points,
    })),
    departmentNames: namesOfDepartments(inputs),
    respondentsByAnalysis: context.respondents,
    suppressed: scored
      ? context.suppressed
      : answered.length > 0 && answered.every((analysis) => context.withheld(analysis)),
    scored,
  };
  const parts = REPORT_SECTIONS.map((section) => section.model(context));
  return Object.assign({}, frame, ...parts) as ReportModel;
}
