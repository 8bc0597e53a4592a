import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import { NotFoundError } from "../errors.ts";
import {
  allItems,
  parseDefinition,
  type QuestionnaireDefinition,
} from "../questionnaires/questionnaire-definition.ts";
import {
  BREAKDOWN_ATTRIBUTES,
  type BreakdownAttribute,
  breakdownKey,
  RESPONSES_MEASURE,
  satisfactionGroups,
  satisfactionItems,
  setMeasure,
} from "./groups.ts";
import { type Period, previousPeriod, trailingPeriods } from "./period.ts";
import { supersededIn, withoutSuperseded } from "./repeats.ts";
import {
  countDissatisfiedRespondents,
  countInvitations,
  findReportQuestionnaire,
  findStaffNames,
  listDissatisfiedComments,
  listPublishedVersions,
  sumBreakdowns,
  sumRollups,
  sumRollupsByPeriod,
} from "./report.repository.ts";
import {
  buildReportModel,
  type ReportFilter,
  type ReportModel,
  type ReportVersion,
  type VersionTotals,
} from "./report-model.ts";
import { findRepeats } from "./rollup.repository.ts";
import { catchUpRollups, rollupDeltasOf } from "./rollup.service.ts";

export interface ReportRequest {
  questionnaireId: number;
  period: Period;
  filter: ReportFilter;
}

/** What the person asking may see. */
export interface ReportViewer {
  /** Customers' comments with their names (quality staff, admins); never for management. */
  canSeeComments: boolean;
}

/** Counts of invitations sent and answered in a period (response rate); null when none were sent. */
export type InvitationCounter = (
  db: Kysely<Database>,
  questionnaireId: number,
  period: Period,
  filter: ReportFilter,
) => Promise<{ invited: number; responded: number } | null>;

export interface ReportOptions {
  timeZone: string;
  now: () => Date;
  /** Response-rate source; by default the invitations of the questionnaire's waves. */
  countInvitations?: InvitationCounter;
  /** How many comments the report lists at most. */
  commentLimit?: number;
}

/** Values present in a period, per attribute (for the filter form). */
export type BreakdownOptions = Partial<Record<BreakdownAttribute, string[]>>;

export interface ReportResult {
  model: ReportModel;
  breakdownOptions: BreakdownOptions;
  /** Departments of the latest version's items (for the filter form). */
  departments: string[];
  /** Names of the customer managers in the period's breakdowns. */
  managerNames: ReadonlyMap<string, string>;
}

/**
 * The report of a questionnaire for a period: brings the rollups up to date (new responses only),
 * reads them for the period, the previous period, the trend and the breakdowns, and builds the model.
 */
export async function buildReport(
  db: Kysely<Database>,
  request: ReportRequest,
  viewer: ReportViewer,
  options: ReportOptions,
): Promise<ReportResult> {
  await catchUpRollups(db, { timeZone: options.timeZone });
  const questionnaire = await findReportQuestionnaire(db, request.questionnaireId);
  if (!questionnaire) throw new NotFoundError("No such questionnaire");
  const versions: ReportVersion[] = (await listPublishedVersions(db, request.questionnaireId)).flatMap(
    (row) => {
      const parsed = parseDefinition(row.definition);
      return parsed.ok ? [{ id: row.id, definition: parsed.definition }] : [];
    },
  );
  if (versions.length === 0) throw new NotFoundError("This questionnaire has no published version yet");
  const versionIds = versions.map((version) => version.id);
  const { filter, period } = request;
  const breakdown = breakdownKey(filter.attribute, filter.value);
  const previous = previousPeriod(period);
  const trendPeriods = trailingPeriods(period, 12);
  const overallMeasures = versions.flatMap((version) => {
    const keys = satisfactionGroups(version.definition, filter.department).overall;
    return keys.length > 0 ? [setMeasure(keys)] : [];
  });
  const headlineMeasures = [RESPONSES_MEASURE, ...new Set(overallMeasures)];
  const departmentItems =
    filter.department === undefined
      ? undefined
      : [
          ...new Set(
            versions.flatMap((v) => satisfactionItems(v.definition, filter.department).map((i) => i.key)),
          ),
        ];
  const textItemKeys = [
    ...new Set(
      versions.flatMap((v) =>
        allItems(v.definition)
          .filter((i) => i.type === "text")
          .map((i) => i.key),
      ),
    ),
  ];

  // A known customer counts once per period: their earlier responses of each period are taken out.
  const repeats = await findRepeats(db, request.questionnaireId, {
    from: [previous.from, trendPeriods[0]?.from ?? period.from].sort()[0] as string,
    to: period.to,
  });
  const superseded = supersededIn(repeats, period);
  const supersededByPeriod = [previous, ...trendPeriods].map((p) => supersededIn(repeats, p));
  const supersededDeltas = await rollupDeltasOf(
    db,
    [...new Set([...superseded, ...supersededByPeriod.flat()])],
    options.timeZone,
  );
  const once = (totals: VersionTotals, key: string, span: Period) =>
    withoutSuperseded(totals, supersededDeltas, key, span);

  const [current, previousTotals, trend, breakdowns, dissatisfiedRespondents, comments, invitations] =
    await Promise.all([
      sumRollups(db, versionIds, breakdown, period).then((totals) => once(totals, breakdown, period)),
      sumRollups(db, versionIds, breakdown, previous).then((totals) => once(totals, breakdown, previous)),
      sumRollupsByPeriod(db, versionIds, breakdown, trendPeriods, headlineMeasures).then((totals) =>
        totals.map((periodTotals, index) => once(periodTotals, breakdown, trendPeriods[index] as Period)),
      ),
      sumBreakdowns(db, versionIds, BREAKDOWN_ATTRIBUTES, headlineMeasures, period).then(
        (byBreakdown) => new Map([...byBreakdown].map(([key, totals]) => [key, once(totals, key, period)])),
      ),
      countDissatisfiedRespondents(db, versionIds, period, filter, departmentItems, superseded),
      viewer.canSeeComments
        ? listDissatisfiedComments(
            db,
            versionIds,
            period,
            filter,
            departmentItems,
            superseded,
            textItemKeys,
            options.commentLimit ?? 200,
          )
        : Promise.resolve(null),
      options.countInvitations
        ? options.countInvitations(db, request.questionnaireId, period, filter)
        : countInvitations(db, request.questionnaireId, period, filter, options.timeZone),
    ]);

  const managerIds = [...breakdowns.keys()]
    .filter((key) => key.startsWith("manager=") && key !== "manager=")
    .map((key) => Number(decodeURIComponent(key.slice("manager=".length))))
    .filter((id) => Number.isInteger(id));
  const managerNames = await findStaffNames(db, managerIds);

  const model = buildReportModel({
    questionnaire,
    versions,
    period,
    previousPeriod: previous,
    trendPeriods,
    filter,
    current,
    previous: previousTotals,
    trend,
    // Breakdowns are rolled up by month: breakdowns need whole months, and no breakdown filter.
    breakdowns: filter.attribute === undefined && period.kind !== "custom" ? breakdowns : null,
    managerNames,
    invitations,
    dissatisfiedRespondents,
    comments,
    generatedAt: options.now().toISOString(),
  });
  const latest = versions[versions.length - 1] as ReportVersion;
  return {
    model,
    breakdownOptions: breakdownOptionsOf(breakdowns, managerNames),
    departments: departmentsOf(latest.definition),
    managerNames,
  };
}

function breakdownOptionsOf(
  breakdowns: ReadonlyMap<string, unknown>,
  managerNames: ReadonlyMap<string, string>,
): BreakdownOptions {
  const options: BreakdownOptions = {};
  for (const key of breakdowns.keys()) {
    const index = key.indexOf("=");
    const attribute = key.slice(0, index) as BreakdownAttribute;
    const value = decodeURIComponent(key.slice(index + 1));
    if (value === "" || (attribute === "manager" && !managerNames.has(value))) continue;
    options[attribute] = [...(options[attribute] ?? []), value].sort();
  }
  return options;
}

/** The departments of a questionnaire's latest version (for the filter form). */
function departmentsOf(definition: QuestionnaireDefinition): string[] {
  return [...satisfactionGroups(definition).departments.keys()];
}
