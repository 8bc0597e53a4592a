import type { Locale } from "../../i18n/bilingual.ts";
import type { MessageKey, MessageValues } from "../../i18n/i18n.ts";
import {
  allItems,
  type QuestionnaireDefinition,
  scaleOf,
} from "../../questionnaires/questionnaire-definition.ts";
import { reportability, type Scale } from "../../scoring/index.ts";
import {
  kanoMeasure,
  type SatisfactionGroups,
  satisfactionGroups,
  servqualMeasure,
  setMeasure,
} from "../groups.ts";
import type {
  MeasureTotals,
  ReportInputs,
  ReportModel,
  ReportVersion,
  VersionTotals,
} from "../report-model.ts";
import type { ReportTable } from "../report-tables.ts";
import { combine, levelMove } from "./totals.ts";

/**
 * One section of the report, in one place: its part of the model (numbers from rollup totals), its
 * part of the page's view model (rounded, in the viewer's language), its charts' data and its tables
 * (XLSX sheets, CSV downloads). report-model.ts, report-view.ts and report-tables.ts only walk the
 * sections in the order of REPORT_SECTIONS (sections/index.ts).
 */
export interface ReportSection<Part extends object, View extends object, Charts extends object> {
  /** The section's anchor on the page and its key in the view's `sectionNumbers`. */
  readonly name: string;
  /** A satisfaction-score section: left out of a questionnaire without satisfaction items. */
  readonly needsScore: boolean;
  /** The keys of the tables it may give (the CSV download's `section`), in order. */
  readonly tableKeys: readonly string[];
  /** Its part of the model; pure, unrounded. */
  model(context: ModelContext): Part;
  /** Whether the page shows (and numbers) it. */
  shown(model: ReportModel): boolean;
  /** Its part of the page's view model. */
  view(model: ReportModel, context: ViewContext): View;
  /** Its part of the charts' data (the page draws them with Chart.js, the e-mail as PNG images). */
  charts?(model: ReportModel, context: ViewContext): Charts;
  /**
   * Its tables; numbers unrounded (spreadsheets format them) but scores as shown (`scoreCell`), labels
   * in the viewer's language.
   */
  tables(model: ReportModel, context: ViewContext): ReportTable[];
}

/** Lets TypeScript infer a section's types from the object that defines it. */
export function defineSection<Part extends object, View extends object, Charts extends object = never>(
  section: ReportSection<Part, View, Charts>,
): ReportSection<Part, View, Charts> {
  return section;
}

/**
 * The analyses of a report, each read from its own respondents: the satisfaction score (and all that
 * derives from it), the Kano analysis and the SERVQUAL gap analysis. A questionnaire may have any of
 * them; each is withheld on its own count.
 */
export type Analysis = "satisfaction" | "kano" | "servqual";

/** What a section's model part reads: the inputs, and sums of rollup totals over the versions. */
export interface ModelContext {
  readonly inputs: ReportInputs;
  /** The latest version's definition (its texts label the report). */
  readonly definition: QuestionnaireDefinition;
  readonly scale: Scale;
  /** The latest version's satisfaction groups (of the department's items when one is filtered). */
  readonly groups: SatisfactionGroups;
  /**
   * Respondents behind each analysis in the period: satisfaction — those with a satisfaction answer
   * (the overall score's n); Kano — those who answered its most answered feature pair; SERVQUAL —
   * those who answered its most answered item. 0 when the questionnaire has no such items.
   */
  readonly respondents: Readonly<Record<Analysis, number>>;
  /**
   * Fewer than 30 respondents with satisfaction answers, filtered or not: the satisfaction scores and
   * everything derived from them (dimensions, indicators, distribution, dissatisfaction, breakdowns,
   * rankings) are withheld.
   */
  readonly suppressed: boolean;
  /** Whether an analysis is withheld: fewer than 30 respondents behind it (see `respondents`). */
  withheld(analysis: Analysis): boolean;
  /**
   * Sums one measure over the versions; `measureOf` names it in each version (undefined: none). Level
   * counts come on `scale`, added by level key (a level it does not have is left out of the counts).
   */
  total(totals: VersionTotals, measureOf: (version: ReportVersion) => string | undefined): MeasureTotals;
  /** Names a group of satisfaction items in each version, chosen from that version's groups. */
  setIn(
    keysOf: (groups: SatisfactionGroups) => readonly string[] | undefined,
  ): (version: ReportVersion) => string | undefined;
  /** Names every satisfaction item of a version: the overall score. */
  overall(version: ReportVersion): string | undefined;
  /** A value several sections read, computed once per report (keyed by the function). */
  once<T>(compute: (context: ModelContext) => T): T;
}

/** What a section's view and table parts read besides the model. */
export interface ViewContext {
  readonly locale: Locale;
  readonly t: (key: MessageKey, values?: MessageValues) => string;
  /** Names of customer managers by id (a filter on one manager names them). */
  readonly managerNames: ReadonlyMap<string, string>;
}

/** An analysis that was answered, by too few to show it (1–29 respondents): its section says so. */
export function withheldAnswered(respondents: number): boolean {
  return respondents > 0 && reportability(respondents) === "suppress";
}

/** @throws {RangeError} when the questionnaire has no version */
export function modelContext(inputs: ReportInputs): ModelContext {
  const latest = inputs.versions[inputs.versions.length - 1];
  if (!latest) throw new RangeError("buildReportModel: the questionnaire has no version");
  const department = inputs.filter.department;
  const groupsOf = new Map<number, SatisfactionGroups>(
    inputs.versions.map((version) => [version.id, satisfactionGroups(version.definition, department)]),
  );
  const setIn =
    (keysOf: (g: SatisfactionGroups) => readonly string[] | undefined) => (version: ReportVersion) => {
      const keys = keysOf(groupsOf.get(version.id) as SatisfactionGroups);
      return keys && keys.length > 0 ? setMeasure(keys) : undefined;
    };
  const overall = setIn((g) => g.overall);
  // level counts are added by level key onto the latest version's scale, not by position
  const scale = scaleOf(latest.definition);
  const moves = new Map(
    inputs.versions.map((version) => [version.id, levelMove(scaleOf(version.definition), scale)]),
  );
  const total = (totals: VersionTotals, measureOf: (version: ReportVersion) => string | undefined) =>
    combine(totals, inputs.versions, measureOf, (version) => moves.get(version.id));
  const respondents = respondentsByAnalysis(inputs, latest.definition, total, overall);
  const withheld = (analysis: Analysis) => reportability(respondents[analysis]) === "suppress";
  const memo = new Map<unknown, unknown>();
  const context: ModelContext = {
    inputs,
    definition: latest.definition,
    scale,
    groups: groupsOf.get(latest.id) as SatisfactionGroups,
    respondents,
    suppressed: withheld("satisfaction"),
    withheld,
    total,
    setIn,
    overall,
    once<T>(compute: (context: ModelContext) => T): T {
      if (!memo.has(compute)) memo.set(compute, compute(context));
      return memo.get(compute) as T;
    },
  };
  return context;
}

/**
 * The respondents behind each analysis. Rollups count the respondents of each Kano pair and SERVQUAL
 * item, not of the questionnaire's pairs together: the most answered one is the analysis' count (every
 * respondent of the analysis answered it, when all answer every pair, as these questionnaires ask; and
 * when even the most answered has fewer than 30, so has every figure of the analysis).
 */
function respondentsByAnalysis(
  inputs: ReportInputs,
  definition: QuestionnaireDefinition,
  total: ModelContext["total"],
  overall: (version: ReportVersion) => string | undefined,
): Record<Analysis, number> {
  const most = (type: "kano" | "servqual", measureOf: (itemKey: string) => string) =>
    Math.max(
      0,
      ...allItems(definition)
        .filter((item) => item.type === type)
        .map(
          (item) =>
            total(inputs.current, (version) =>
              allItems(version.definition).some(
                (candidate) => candidate.key === item.key && candidate.type === type,
              )
                ? measureOf(item.key)
                : undefined,
            ).n,
        ),
    );
  return {
    satisfaction: total(inputs.current, overall).n,
    kano: most("kano", kanoMeasure),
    servqual: most("servqual", servqualMeasure),
  };
}
