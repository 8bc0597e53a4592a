import { type RawBuilder, sql } from "kysely";
import type { SegmentFilter } from "../customers/audience.ts";
import { segmentAsAnsweredConditions } from "../customers/customer-as-answered.ts";
import type { Db } from "../db/database.ts";
import type { Bilingual } from "../i18n/bilingual.ts";
import { exactScoreSum, exactSumToNumber } from "../scoring/index.ts";
import type { CaseCause, FollowupCase } from "./followup-figures.ts";
import { type BreakdownAttribute, POINT_UNITS } from "./groups.ts";
import type { Period } from "./period.ts";
import type { AttributeValue, DissatisfiedComment, MeasureTotals } from "./report-model.ts";

interface TotalsRow {
  v: number;
  measure: string;
  n: number;
  sum: number;
  sum_sq: number;
  sum_y: number;
  sum_y_sq: number;
  sum_xy: number;
  counts: number[] | null;
  /** bigint sums as text: they may pass 2^53, and are turned into an exact fraction */
  points_by_answer_count: string[] | null;
}

const SUMS = sql`sum(n)::float8 as n, sum(sum) as sum, sum(sum_sq) as sum_sq, sum(sum_y) as sum_y,
  sum(sum_y_sq) as sum_y_sq, sum(sum_xy) as sum_xy, report_sum_counts(counts)::float8[] as counts,
  report_sum_counts(points_by_answer_count)::text[] as points_by_answer_count`;

function toTotals(row: TotalsRow): MeasureTotals {
  // A satisfaction group's Σ respondent scores, exactly; the float Σ is the nearest double of it.
  const exactSum = row.points_by_answer_count
    ? exactScoreSum(
        row.points_by_answer_count.map((points) => BigInt(points)),
        POINT_UNITS,
      )
    : null;
  return {
    n: row.n,
    sum: exactSum ? exactSumToNumber(exactSum) : row.sum,
    exactSum,
    sumSq: row.sum_sq,
    sumY: row.sum_y,
    sumYSq: row.sum_y_sq,
    sumXy: row.sum_xy,
    counts: row.counts,
  };
}

function addRow(target: Map<number, Map<string, MeasureTotals>>, row: TotalsRow) {
  const byMeasure = target.get(row.v) ?? new Map<string, MeasureTotals>();
  byMeasure.set(row.measure, toTotals(row));
  target.set(row.v, byMeasure);
}

export interface QuestionnaireVersionRow {
  id: number;
  versionNumber: number;
  definition: unknown;
}

export async function findReportQuestionnaire(db: Db, questionnaireId: number) {
  return db
    .selectFrom("questionnaire")
    .select(["id", "name"])
    .where("id", "=", questionnaireId)
    .executeTakeFirst();
}

/** Published versions, oldest first. */
export async function listPublishedVersions(
  db: Db,
  questionnaireId: number,
): Promise<QuestionnaireVersionRow[]> {
  const rows = await db
    .selectFrom("questionnaire_version")
    .select(["id", "version_number", "definition"])
    .where("questionnaire_id", "=", questionnaireId)
    .where("status", "=", "published")
    .orderBy("version_number")
    .execute();
  return rows.map((row) => ({ id: row.id, versionNumber: row.version_number, definition: row.definition }));
}

/** Questionnaires that have a published version, for the report's picker. */
export async function listReportableQuestionnaires(db: Db): Promise<{ id: number; name: Bilingual }[]> {
  const rows = await db
    .selectFrom("questionnaire as q")
    .select(["q.id", "q.name", "q.name_en"])
    .where("q.archived_at", "is", null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("questionnaire_version as v")
          .select("v.id")
          .whereRef("v.questionnaire_id", "=", "q.id")
          .where("v.status", "=", "published"),
      ),
    )
    .orderBy("q.id")
    .execute();
  return rows.map((row) => ({ id: row.id, name: { "zh-CN": row.name, en: row.name_en } }));
}

/** Every measure of one breakdown over a period, by version. */
export async function sumRollups(
  db: Db,
  versionIds: readonly number[],
  breakdown: string,
  period: Pick<Period, "from" | "to">,
): Promise<Map<number, Map<string, MeasureTotals>>> {
  const result = await sql<TotalsRow>`
    select questionnaire_version_id as v, measure, ${SUMS}
    from report_rollup
    where questionnaire_version_id = any(${versionIds as number[]}::bigint[]) and breakdown = ${breakdown}
      and day >= ${period.from}::date and day < ${period.to}::date
    group by 1, 2`.execute(db);
  const totals = new Map<number, Map<string, MeasureTotals>>();
  for (const row of result.rows) addRow(totals, row);
  return totals;
}

/** A few measures of one breakdown in each of several periods (the trend). */
export async function sumRollupsByPeriod(
  db: Db,
  versionIds: readonly number[],
  breakdown: string,
  periods: readonly Pick<Period, "from" | "to">[],
  measures: readonly string[],
): Promise<Map<number, Map<string, MeasureTotals>>[]> {
  const first = periods[0];
  const last = periods[periods.length - 1];
  const out = periods.map(() => new Map<number, Map<string, MeasureTotals>>());
  if (!first || !last) return out;
  const result = await sql<TotalsRow & { idx: number }>`
    select p.idx::int as idx, r.questionnaire_version_id as v, r.measure, ${SUMS}
    from report_rollup r
    join unnest(${periods.map((p) => p.from)}::date[], ${periods.map((p) => p.to)}::date[])
      with ordinality as p(f, t, idx) on r.day >= p.f and r.day < p.t
    where r.questionnaire_version_id = any(${versionIds as number[]}::bigint[]) and r.breakdown = ${breakdown}
      and r.measure = any(${measures as string[]}::text[])
      and r.day >= ${first.from}::date and r.day < ${last.to}::date
    group by 1, 2, 3`.execute(db);
  for (const row of result.rows) {
    const target = out[row.idx - 1];
    if (target) addRow(target, row);
  }
  return out;
}

/** A few measures of every breakdown of some attributes over a period, by breakdown then version. */
export async function sumBreakdowns(
  db: Db,
  versionIds: readonly number[],
  attributes: readonly BreakdownAttribute[],
  measures: readonly string[],
  period: Pick<Period, "from" | "to">,
): Promise<Map<string, Map<number, Map<string, MeasureTotals>>>> {
  const result = await sql<TotalsRow & { breakdown: string }>`
    select breakdown, questionnaire_version_id as v, measure, ${SUMS}
    from report_rollup
    where questionnaire_version_id = any(${versionIds as number[]}::bigint[])
      and breakdown_attribute = any(${attributes as string[]}::text[])
      and measure = any(${measures as string[]}::text[])
      and day >= ${period.from}::date and day < ${period.to}::date
    group by 1, 2, 3`.execute(db);
  const breakdowns = new Map<string, Map<number, Map<string, MeasureTotals>>>();
  for (const row of result.rows) {
    const totals = breakdowns.get(row.breakdown) ?? new Map<number, Map<string, MeasureTotals>>();
    addRow(totals, row);
    breakdowns.set(row.breakdown, totals);
  }
  return breakdowns;
}

/** A filter's column on a response (`r`) or invitation (`i`): the customer as they were when they answered or were invited. */
const filterColumn = (attribute: BreakdownAttribute, alias: "r" | "i"): RawBuilder<unknown> =>
  attribute === "mode"
    ? sql`r.mode`
    : attribute === "manager"
      ? sql`${sql.ref(`${alias}.manager_user_id`)}::text`
      : sql.ref(`${alias}.${FILTER_COLUMN_NAMES[attribute]}`);

const FILTER_COLUMN_NAMES: Record<Exclude<BreakdownAttribute, "mode" | "manager">, string> = {
  customerType: "customer_type",
  channel: "channel",
  valueTier: "value_tier",
  activity: "activity",
  region: "region",
};

/** Whose responses (and invitations) a report counts: the filter, its saved segment's conditions read. */
export interface RespondentFilter {
  readonly attributes: readonly AttributeValue[];
  readonly segment?: SegmentFilter;
  readonly freeAttribute?: { readonly key: string; readonly value: string };
}

/** The filter's conditions on a response (`r`) or an invitation (`i`), the customer as they were then. */
function respondentConditions(filter: RespondentFilter, alias: "r" | "i"): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  for (const { attribute, value } of filter.attributes) {
    if (alias === "i" && attribute === "mode") continue; // invitations are e-mails (countInvitations)
    const column = filterColumn(attribute, alias);
    conditions.push(value ? sql`${column} = ${value}` : sql`${column} is null`);
  }
  if (filter.segment) conditions.push(...segmentAsAnsweredConditions(filter.segment, alias));
  if (filter.freeAttribute) {
    const { key, value } = filter.freeAttribute;
    conditions.push(
      sql`${sql.ref(`${alias}.customer_attributes`)} @> ${JSON.stringify({ [key]: value })}::jsonb`,
    );
  }
  return conditions;
}

/**
 * The rolled-up responses of some versions submitted in a span of days that a filter matches, with
 * their day, oldest first; at most `limit` + 1 (so the caller can tell "too many").
 */
export async function findFilteredResponses(
  db: Db,
  versionIds: readonly number[],
  span: Pick<Period, "from" | "to">,
  filter: RespondentFilter,
  timeZone: string,
  limit: number,
): Promise<number[]> {
  const conditions = [
    sql`r.questionnaire_version_id = any(${versionIds as number[]}::bigint[])`,
    // what the rollups hold: rolled up, and counted (a customer once per month, repeats.ts)
    sql`r.status = 'submitted' and not r.is_test and r.rolled_up and r.counted`,
    sql`r.submitted_at >= (${span.from}::date)::timestamp at time zone ${timeZone}`,
    sql`r.submitted_at < (${span.to}::date)::timestamp at time zone ${timeZone}`,
    ...respondentConditions(filter, "r"),
  ];
  const result = await sql<{ id: number }>`
    select r.id from response r where ${sql.join(conditions, sql` and `)}
    order by r.id limit ${limit + 1}`.execute(db);
  return result.rows.map((row) => row.id);
}

function dissatisfiedWhere(
  versionIds: readonly number[],
  period: Pick<Period, "from" | "to">,
  filter: RespondentFilter,
  departmentItems: readonly string[] | undefined,
) {
  const conditions = [
    sql`d.questionnaire_version_id = any(${versionIds as number[]}::bigint[])`,
    sql`d.day >= ${period.from}::date and d.day < ${period.to}::date`,
    ...respondentConditions(filter, "r"),
  ];
  if (departmentItems !== undefined)
    conditions.push(sql`d.item_keys && ${departmentItems as string[]}::text[]`);
  return sql.join(conditions, sql` and `);
}

/** How many respondents gave at least one dissatisfied answer (an indexed read of those responses only). */
export async function countDissatisfiedRespondents(
  db: Db,
  versionIds: readonly number[],
  period: Pick<Period, "from" | "to">,
  filter: RespondentFilter,
  departmentItems: readonly string[] | undefined,
): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n
    from report_dissatisfied d join response r on r.id = d.response_id
    where ${dissatisfiedWhere(versionIds, period, filter, departmentItems)}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** The latest dissatisfied responses with their comments (text answers) and their customer. */
export async function listDissatisfiedComments(
  db: Db,
  versionIds: readonly number[],
  period: Pick<Period, "from" | "to">,
  filter: RespondentFilter,
  departmentItems: readonly string[] | undefined,
  textItemKeys: readonly string[],
  limit: number,
): Promise<DissatisfiedComment[]> {
  const result = await sql<{
    response_id: number;
    submitted_at: Date;
    item_keys: string[];
    customer_name: string | null;
    customer_ref: string | null;
    comments: { itemKey: string; text: string }[] | null;
  }>`
    select d.response_id, r.submitted_at, d.item_keys, c.name as customer_name,
      coalesce(r.customer_ref, c.external_ref) as customer_ref,
      (select json_agg(json_build_object('itemKey', a.item_key, 'text', a.text) order by a.item_key)
        from answer a where a.response_id = d.response_id and a.part = ''
          and a.item_key = any(${textItemKeys as string[]}::text[]) and coalesce(a.text, '') <> '') as comments
    from report_dissatisfied d join response r on r.id = d.response_id
      left join customer c on c.id = r.customer_id
    where ${dissatisfiedWhere(versionIds, period, filter, departmentItems)}
    order by r.submitted_at desc, d.response_id desc
    limit ${limit}`.execute(db);
  return result.rows.map((row) => ({
    responseId: row.response_id,
    submittedAt: row.submitted_at.toISOString(),
    customerName: row.customer_name,
    customerRef: row.customer_ref,
    itemKeys: row.item_keys,
    comments: row.comments ?? [],
  }));
}

export async function findStaffNames(db: Db, ids: readonly number[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("staff_user")
    .select(["id", "display_name"])
    .where("id", "in", ids as number[])
    .execute();
  return new Map(rows.map((row) => [String(row.id), row.display_name]));
}

/** Staff who manage customers, for the manager filter. */
export async function listCustomerManagers(db: Db) {
  return db
    .selectFrom("staff_user")
    .select(["id", "display_name"])
    .where("role", "=", "customer_manager")
    .orderBy("display_name")
    .execute();
}

/**
 * Response rate: invitations first sent in the period (waves of the questionnaire, their customers
 * within the filter) and how many of those were answered. null when none were sent (open links only).
 */
export async function countInvitations(
  db: Db,
  questionnaireId: number,
  period: Pick<Period, "from" | "to">,
  filter: RespondentFilter,
  timeZone: string,
): Promise<{ invited: number; responded: number } | null> {
  // Invitations are e-mails: they belong to the e-mail mode only.
  if (filter.attributes.some(({ attribute, value }) => attribute === "mode" && value !== "email"))
    return null;
  const conditions = [
    sql`w.questionnaire_id = ${questionnaireId}`,
    sql`i.first_sent_at is not null`,
    sql`(i.first_sent_at at time zone ${timeZone})::date >= ${period.from}::date`,
    sql`(i.first_sent_at at time zone ${timeZone})::date < ${period.to}::date`,
    ...respondentConditions(filter, "i"),
  ];
  const result = await sql<{ invited: number; responded: number }>`
    select count(*)::int as invited, count(i.completed_at)::int as responded
    from invitation i join wave w on w.id = i.wave_id
    where ${sql.join(conditions, sql` and `)}`.execute(db);
  const row = result.rows[0];
  return row && row.invited > 0 ? row : null;
}

/**
 * The follow-up cases of a questionnaire opened in each of some periods (by the day they were opened in
 * the organisation's time zone), whose responses the filter matches (the customer as they answered) and,
 * with a department, routed to it. Only how each was handled: no customer, no text.
 */
export async function listFollowupCases(
  db: Db,
  questionnaireId: number,
  periods: readonly Pick<Period, "from" | "to">[],
  filter: RespondentFilter,
  department: string | undefined,
  timeZone: string,
): Promise<FollowupCase[]> {
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return [];
  const opened = (day: string) => sql`(${day}::date)::timestamp at time zone ${timeZone}`;
  const conditions = [
    sql`sc.kind = 'followup'`,
    sql`sc.questionnaire_id = ${questionnaireId}`,
    sql`sc.created_at >= ${opened(first.from)} and sc.created_at < ${opened(last.to)}`,
    ...respondentConditions(filter, "r"),
    ...(department === undefined ? [] : [sql`sc.department = ${department}`]),
  ];
  const result = await sql<{
    idx: number;
    created_at: Date;
    contact_due_at: Date;
    resolve_due_at: Date;
    contacted_at: Date | null;
    resolved_at: Date | null;
    department: string | null;
    assigned_to: number | null;
    cause_id: number | null;
    recovered: boolean | null;
  }>`
    select p.idx::int as idx, sc.created_at, sc.contact_due_at, sc.resolve_due_at, sc.contacted_at,
      sc.resolved_at, sc.department, sc.assigned_to, sc.cause_id, sc.recovered
    from service_case sc
      join response r on r.id = sc.response_id
      join unnest(${periods.map((p) => p.from)}::date[], ${periods.map((p) => p.to)}::date[])
        with ordinality as p(f, t, idx)
        on sc.created_at >= (p.f)::timestamp at time zone ${timeZone}
          and sc.created_at < (p.t)::timestamp at time zone ${timeZone}
    where ${sql.join(conditions, sql` and `)}
    order by sc.id`.execute(db);
  return result.rows.map((row) => ({
    periodIndex: row.idx - 1,
    openedAt: row.created_at,
    contactDueAt: row.contact_due_at,
    resolveDueAt: row.resolve_due_at,
    contactedAt: row.contacted_at,
    resolvedAt: row.resolved_at,
    department: row.department,
    assigneeId: row.assigned_to === null ? null : Number(row.assigned_to),
    causeId: row.cause_id === null ? null : Number(row.cause_id),
    recovered: row.recovered,
  }));
}

/** The whole cause list (inactive causes too: old cases may name them). */
export async function listCaseCauses(db: Db): Promise<CaseCause[]> {
  const rows = await db
    .selectFrom("case_cause")
    .select(["id", "parent_id", "name_zh", "name_en", "position"])
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    name: { "zh-CN": row.name_zh, en: row.name_en },
    position: row.position,
  }));
}
