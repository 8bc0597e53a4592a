import { sql, type Transaction } from "kysely";
import type { Database, Db } from "../db/database.ts";
import type { BreakdownValues } from "./groups.ts";
import type { CountingKey } from "./repeats.ts";
import type { DissatisfiedResponse, RollupDelta, RollupResponse } from "./rollup.ts";

/** One lock for everyone who writes rollups, so concurrent upserts never deadlock on each other. */
export async function lockRollups(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('manyi.report_rollup'))`.execute(trx);
}

export async function findRollupTimeZone(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom("report_rollup_state").select("time_zone").executeTakeFirst();
  return row?.time_zone;
}

/** Forgets every rollup (e.g. the report time zone changed) so the next catch-up rebuilds them. */
export async function resetRollups(trx: Transaction<Database>, timeZone: string): Promise<void> {
  await trx.deleteFrom("report_rollup").execute();
  await trx.deleteFrom("report_dissatisfied").execute();
  await trx
    .updateTable("response")
    .set({ rolled_up: false, counted: true })
    .where((eb) => eb.or([eb("rolled_up", "=", true), eb("counted", "=", false)]))
    .execute();
  await trx
    .insertInto("report_rollup_state")
    .values({ id: 1, time_zone: timeZone })
    .onConflict((oc) => oc.column("id").doUpdateSet({ time_zone: timeZone }))
    .execute();
}

/**
 * Claims up to `limit` submitted responses not yet rolled up, oldest first, locking them; responses
 * another transaction holds (a retried submit) are skipped and picked up next time.
 */
export async function claimPendingResponses(trx: Transaction<Database>, limit: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    select id from response
    where status = 'submitted' and not rolled_up and not is_test
    order by id
    limit ${limit}
    for update skip locked`.execute(trx);
  return result.rows.map((row) => row.id);
}

/**
 * The claimed responses with their day (in the report time zone), breakdowns and answer rows. The
 * breakdowns are the customer's attributes as they were when they answered (copied onto the response).
 */
export async function loadRollupResponses(
  trx: Db,
  ids: readonly number[],
  timeZone: string,
): Promise<RollupResponse[]> {
  if (ids.length === 0) return [];
  const [responses, answers] = await Promise.all([
    sql<{
      id: number;
      version_id: number;
      day: string;
      mode: string;
      customer_type: string | null;
      channel: string | null;
      value_tier: string | null;
      activity: string | null;
      region: string | null;
      manager: string | null;
    }>`
      select r.id, r.questionnaire_version_id as version_id,
        to_char(r.submitted_at at time zone ${timeZone}, 'YYYY-MM-DD') as day, r.mode,
        r.customer_type, r.channel, r.value_tier, r.activity, r.region, r.manager_user_id::text as manager
      from response r
      where r.id = any(${ids as number[]}::bigint[])`.execute(trx),
    sql<{ response_id: number; item_key: string; part: string; number: number | null; text: string | null }>`
      select response_id, item_key, part, number, text from answer
      where response_id = any(${ids as number[]}::bigint[])`.execute(trx),
  ]);
  const byResponse = new Map<number, RollupResponse["answers"][number][]>();
  for (const row of answers.rows) {
    const list = byResponse.get(row.response_id) ?? [];
    list.push({ itemKey: row.item_key, part: row.part, number: row.number, text: row.text });
    byResponse.set(row.response_id, list);
  }
  return responses.rows.map((row) => {
    const breakdowns: BreakdownValues = {
      customerType: row.customer_type,
      channel: row.channel,
      valueTier: row.value_tier,
      activity: row.activity,
      region: row.region,
      mode: row.mode,
      manager: row.manager,
    };
    return {
      id: row.id,
      versionId: row.version_id,
      day: row.day,
      breakdowns,
      answers: byResponse.get(row.id) ?? [],
    };
  });
}

export async function findVersionDefinitions(
  db: Db,
  versionIds: readonly number[],
): Promise<Map<number, unknown>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("questionnaire_version")
    .select(["id", "definition"])
    .where("id", "in", versionIds as number[])
    .execute();
  return new Map(rows.map((row) => [row.id, row.definition]));
}

/** Adds the deltas to the rollups (insert or add), in key order so concurrent writers never deadlock. */
export async function upsertRollupDeltas(trx: Transaction<Database>, deltas: readonly RollupDelta[]) {
  const sorted = [...deltas].sort(
    (a, b) =>
      a.versionId - b.versionId ||
      (a.breakdown < b.breakdown ? -1 : a.breakdown > b.breakdown ? 1 : 0) ||
      (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) ||
      (a.measure < b.measure ? -1 : a.measure > b.measure ? 1 : 0),
  );
  const chunk = 5_000;
  for (let start = 0; start < sorted.length; start += chunk) {
    const rows = sorted.slice(start, start + chunk);
    await sql`
      insert into report_rollup as r (questionnaire_version_id, breakdown, breakdown_attribute, day, measure,
        n, sum, sum_sq, sum_y, sum_y_sq, sum_xy, counts, points_by_answer_count)
      select v, s, a, d::date, m, n, x, xx, y, yy, xy, c::bigint[], p::bigint[]
      from unnest(${rows.map((row) => row.versionId)}::bigint[], ${rows.map((row) => row.breakdown)}::text[],
        ${rows.map((row) => row.breakdownAttribute)}::text[], ${rows.map((row) => row.day)}::text[],
        ${rows.map((row) => row.measure)}::text[], ${rows.map((row) => row.n)}::bigint[],
        ${rows.map((row) => row.sum)}::float8[], ${rows.map((row) => row.sumSq)}::float8[],
        ${rows.map((row) => row.sumY)}::float8[], ${rows.map((row) => row.sumYSq)}::float8[],
        ${rows.map((row) => row.sumXy)}::float8[],
        ${rows.map((row) => (row.counts ? `{${row.counts.join(",")}}` : null))}::text[],
        ${rows.map((row) => (row.pointsByAnswerCount ? `{${row.pointsByAnswerCount.join(",")}}` : null))}::text[])
        as t(v, s, a, d, m, n, x, xx, y, yy, xy, c, p)
      on conflict (questionnaire_version_id, breakdown, day, measure) do update set
        n = r.n + excluded.n, sum = r.sum + excluded.sum, sum_sq = r.sum_sq + excluded.sum_sq,
        sum_y = r.sum_y + excluded.sum_y, sum_y_sq = r.sum_y_sq + excluded.sum_y_sq,
        sum_xy = r.sum_xy + excluded.sum_xy, counts = report_add_counts(r.counts, excluded.counts),
        points_by_answer_count = report_add_counts(r.points_by_answer_count, excluded.points_by_answer_count)`.execute(
      trx,
    );
  }
}

export async function insertDissatisfied(trx: Transaction<Database>, rows: readonly DissatisfiedResponse[]) {
  if (rows.length === 0) return;
  await sql`
    insert into report_dissatisfied (response_id, questionnaire_version_id, day, item_keys)
    select r, v, d::date, string_to_array(k, ',')
    from unnest(${rows.map((row) => row.responseId)}::bigint[], ${rows.map((row) => row.versionId)}::bigint[],
      ${rows.map((row) => row.day)}::text[], ${rows.map((row) => row.itemKeys.join(","))}::text[]) as t(r, v, d, k)
    on conflict (response_id) do nothing`.execute(trx);
}

/**
 * The counting keys of the known customers' responses being rolled up (`ids`), and of the responses of
 * the same customers and questionnaires already counted in the rollups (repeats.ts decides).
 */
export async function findCountingKeys(
  trx: Db,
  ids: readonly number[],
  timeZone: string,
): Promise<{ incoming: CountingKey[]; counted: CountingKey[] }> {
  if (ids.length === 0) return { incoming: [], counted: [] };
  const { rows } = await sql<{
    id: number;
    customer_id: number;
    questionnaire_id: number;
    month: string;
    submitted_at: Date;
    incoming: boolean;
  }>`
    with batch as (
      select r.id, r.customer_id, v.questionnaire_id
      from response r join questionnaire_version v on v.id = r.questionnaire_version_id
      where r.id = any(${ids as number[]}::bigint[]) and r.customer_id is not null
    ), customers as (select distinct customer_id, questionnaire_id from batch)
    select r.id, r.customer_id, v.questionnaire_id, r.submitted_at,
      to_char(r.submitted_at at time zone ${timeZone}, 'YYYY-MM') as month,
      r.id = any(${ids as number[]}::bigint[]) as incoming
    from customers k
      join response r on r.customer_id = k.customer_id
      join questionnaire_version v on v.id = r.questionnaire_version_id and v.questionnaire_id = k.questionnaire_id
    where r.status = 'submitted' and not r.is_test
      and ((r.rolled_up and r.counted) or r.id = any(${ids as number[]}::bigint[]))`.execute(trx);
  const toKey = (row: (typeof rows)[number]): CountingKey => ({
    responseId: row.id,
    customerId: row.customer_id,
    questionnaireId: row.questionnaire_id,
    month: row.month,
    submittedAt: row.submitted_at,
  });
  return {
    incoming: rows.filter((row) => row.incoming).map(toKey),
    counted: rows.filter((row) => !row.incoming).map(toKey),
  };
}

/** Marks responses replaced by a later one of the same customer and month, and forgets their dissatisfaction. */
export async function markNotCounted(trx: Transaction<Database>, ids: readonly number[]) {
  if (ids.length === 0) return;
  await sql`update response set counted = false where id = any(${ids as number[]}::bigint[])`.execute(trx);
  await sql`delete from report_dissatisfied where response_id = any(${ids as number[]}::bigint[])`.execute(
    trx,
  );
}

export async function markRolledUp(trx: Transaction<Database>, ids: readonly number[]) {
  if (ids.length === 0) return;
  await sql`update response set rolled_up = true where id = any(${ids as number[]}::bigint[])`.execute(trx);
}

/**
 * How far the rollups are behind: the submitted responses not yet added (the same rows
 * claimPendingResponses takes, read through its partial index) and when the oldest of them was submitted.
 */
export async function findRollupBacklog(
  db: Db,
): Promise<{ pendingResponses: number; oldestSubmittedAt: Date | undefined }> {
  const { rows } = await sql<{ pending: number; oldest: Date | null }>`
    select count(*) as pending, min(submitted_at) as oldest from response
    where status = 'submitted' and not rolled_up and not is_test`.execute(db);
  return { pendingResponses: rows[0]?.pending ?? 0, oldestSubmittedAt: rows[0]?.oldest ?? undefined };
}
