import type { Kysely } from "kysely";
import { findSegment } from "../customers/segment.repository.ts";
import type { Database } from "../db/database.ts";
import { findDepartmentNames } from "../departments/department.repository.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
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
import {
  countDissatisfiedRespondents,
  countInvitations,
  findFilteredResponses,
  findReportQuestionnaire,
  findStaffNames,
  listCaseCauses,
  listDissatisfiedComments,
  listFollowupCases,
  listPublishedVersions,
  type RespondentFilter,
  sumBreakdowns,
  sumRollups,
  sumRollupsByPeriod,
} from "./report.repository.ts";
import { attributeValuesOf, isRolledUp, narrowsRespondents, totalsOfResponses } from "./report-filter.ts";
import {
  buildReportModel,
  type ReportFilter,
  type ReportModel,
  type ReportVersion,
  type VersionTotals,
} from "./report-model.ts";
import { catchUpRollups, loadRollupInputs } from "./rollup.service.ts";

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
  const { period } = request;
  const requested = request.filter;
  const previous = previousPeriod(period);
  const trendPeriods = trailingPeriods(period, 12);
  const overallMeasures = versions.flatMap((version) => {
    const keys = satisfactionGroups(version.definition, requested.department).overall;
    return keys.length > 0 ? [setMeasure(keys)] : [];
  });
  const headlineMeasures = [RESPONSES_MEASURE, ...new Set(overallMeasures)];
  const departmentItems =
    requested.department === undefined
      ? undefined
      : [
          ...new Set(
            versions.flatMap((v) => satisfactionItems(v.definition, requested.department).map((i) => i.key)),
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

  const { respondents, segmentName } = await respondentFilterOf(db, request.filter);
  const filter: ReportFilter =
    request.filter.segment === undefined
      ? request.filter
      : { ...request.filter, segment: { id: request.filter.segment.id, name: segmentName ?? "" } };
  const reading: TotalsReading = {
    versionIds,
    period,
    previous,
    trendPeriods,
    headlineMeasures,
    timeZone: options.timeZone,
  };

  const [totals, breakdowns, dissatisfiedRespondents, comments, invitations, followupCases, causes] =
    await Promise.all([
      isRolledUp(filter, period)
        ? rolledUpTotals(db, reading, breakdownKey(filter.attribute, filter.value))
        : filteredTotals(db, reading, respondents),
      sumBreakdowns(db, versionIds, BREAKDOWN_ATTRIBUTES, headlineMeasures, period),
      countDissatisfiedRespondents(db, versionIds, period, respondents, departmentItems),
      viewer.canSeeComments
        ? listDissatisfiedComments(
            db,
            versionIds,
            period,
            respondents,
            departmentItems,
            textItemKeys,
            options.commentLimit ?? 200,
          )
        : Promise.resolve(null),
      options.countInvitations
        ? options.countInvitations(db, request.questionnaireId, period, filter)
        : countInvitations(db, request.questionnaireId, period, respondents, options.timeZone),
      listFollowupCases(
        db,
        request.questionnaireId,
        trendPeriods,
        respondents,
        requested.department,
        options.timeZone,
      ),
      listCaseCauses(db),
    ]);
  const current = totals.current;
  const previousTotals = totals.previous;
  const trend = totals.trend;

  const managerIds = [...breakdowns.keys()]
    .filter((key) => key.startsWith("manager=") && key !== "manager=")
    .map((key) => Number(decodeURIComponent(key.slice("manager=".length))))
    .filter((id) => Number.isInteger(id));
  const assigneeIds = [
    ...new Set(followupCases.flatMap((c) => (c.assigneeId === null ? [] : [c.assigneeId]))),
  ];
  const [managerNames, assigneeNames, departmentNames] = await Promise.all([
    findStaffNames(db, managerIds),
    findStaffNames(db, assigneeIds),
    findDepartmentNames(db),
  ]);

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
    // Breakdowns are rolled up by month: breakdowns need whole months, and compare everyone.
    breakdowns: !narrowsRespondents(filter) && period.kind !== "custom" ? (totals.breakdowns ?? null) : null,
    managerNames,
    departmentNames,
    invitations,
    dissatisfiedRespondents,
    comments,
    followup: { cases: followupCases, causes, assigneeNames },
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

/** What the totals of a report are read for. */
interface TotalsReading {
  versionIds: readonly number[];
  period: Period;
  previous: Period;
  trendPeriods: readonly Period[];
  headlineMeasures: readonly string[];
  timeZone: string;
}

interface ReportTotals {
  current: VersionTotals;
  previous: VersionTotals;
  trend: VersionTotals[];
  /** Everyone's breakdowns (rolled-up reports of everyone only). */
  breakdowns?: ReadonlyMap<string, VersionTotals>;
}

/** Totals read from the rollups: everyone, or one attribute value by month. */
async function rolledUpTotals(
  db: Kysely<Database>,
  reading: TotalsReading,
  breakdown: string,
): Promise<ReportTotals> {
  const { versionIds, period, previous, trendPeriods, headlineMeasures } = reading;
  const [current, previousTotals, trend, breakdowns] = await Promise.all([
    sumRollups(db, versionIds, breakdown, period),
    sumRollups(db, versionIds, breakdown, previous),
    sumRollupsByPeriod(db, versionIds, breakdown, trendPeriods, headlineMeasures),
    breakdown === ""
      ? sumBreakdowns(db, versionIds, BREAKDOWN_ATTRIBUTES, headlineMeasures, period)
      : Promise.resolve(undefined),
  ]);
  return { current, previous: previousTotals, trend, ...(breakdowns ? { breakdowns } : {}) };
}

/** At most this many responses are rolled up on the fly for one filtered report. */
export const FILTERED_RESPONSE_LIMIT = 200_000;

/**
 * Totals rolled up on the fly from the responses the filter matches (a combination of attribute values,
 * a saved segment, a free attribute, a range of days), over the trend's span, repeats left out.
 *
 * @throws {ValidationError} when the filter matches more than FILTERED_RESPONSE_LIMIT responses
 */
async function filteredTotals(
  db: Kysely<Database>,
  reading: TotalsReading,
  respondents: RespondentFilter,
): Promise<ReportTotals> {
  const { versionIds, period, previous, trendPeriods } = reading;
  const span = {
    from: [previous.from, trendPeriods[0]?.from ?? period.from].sort()[0] as string,
    to: period.to,
  };
  const ids = await findFilteredResponses(
    db,
    versionIds,
    span,
    respondents,
    reading.timeZone,
    FILTERED_RESPONSE_LIMIT,
  );
  if (ids.length > FILTERED_RESPONSE_LIMIT) {
    throw new ValidationError(
      `The filter matches more than ${FILTERED_RESPONSE_LIMIT} responses: narrow it`,
      [
        {
          field: "period",
          message: { key: "report.error.filterTooBroad", values: { limit: FILTERED_RESPONSE_LIMIT } },
        },
      ],
    );
  }
  const { responses, plans } = await loadRollupInputs(db, ids, reading.timeZone);
  const of = (p: Period) => totalsOfResponses(plans, responses, p);
  return { current: of(period), previous: of(previous), trend: trendPeriods.map(of) };
}

/** The report filter as conditions on responses: its saved segment's filter read. */
async function respondentFilterOf(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<{ respondents: RespondentFilter; segmentName?: string }> {
  const segment = filter.segment === undefined ? undefined : await findSegment(db, filter.segment.id);
  if (filter.segment !== undefined && !segment) {
    throw new ValidationError("No such segment", [
      { field: "segment", message: { key: "report.error.segment", values: {} } },
    ]);
  }
  return {
    respondents: {
      attributes: attributeValuesOf(filter),
      ...(segment ? { segment: segment.filter } : {}),
      ...(filter.freeAttribute ? { freeAttribute: filter.freeAttribute } : {}),
    },
    ...(segment ? { segmentName: segment.name } : {}),
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
