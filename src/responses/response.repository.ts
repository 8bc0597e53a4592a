import { sql, type Transaction } from "kysely";
import {
  CUSTOMER_AS_ANSWERED_COLUMNS,
  copyCustomerAttributes,
  customerAttributesOf,
} from "../customers/customer-as-answered.ts";
import { createBatcher } from "../db/batcher.ts";
import type { Database, Db } from "../db/database.ts";
import type { Bilingual } from "../i18n/bilingual.ts";
import type { AnswerRow } from "./answers.ts";

export type ResponseMode = "web" | "email" | "phone" | "visit" | "letter";

export interface DraftResponse {
  id: number;
  status: "partial" | "submitted";
  waveId: number | null;
  questionnaireVersionId: number;
  draftAnswers: Record<string, unknown>;
  isTest: boolean;
}

export async function insertPartialResponse(
  db: Db,
  response: {
    waveId: number;
    questionnaireVersionId: number;
    customerId: number | null;
    customerRef: string | null;
    claimedRef: string | null;
    mode: ResponseMode;
    resumeTokenHash: string;
    locale: string;
    isTest: boolean;
    draftAnswers: Record<string, unknown>;
  },
): Promise<number> {
  const { id } = await db
    .insertInto("response")
    .values({
      wave_id: response.waveId,
      questionnaire_version_id: response.questionnaireVersionId,
      customer_id: response.customerId,
      customer_ref: response.customerRef,
      claimed_ref: response.claimedRef,
      mode: response.mode,
      status: "partial",
      resume_token_hash: response.resumeTokenHash,
      locale: response.locale,
      is_test: response.isTest,
      draft_answers: JSON.stringify(response.draftAnswers),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

function toDraft(row: {
  id: number;
  status: "partial" | "submitted";
  wave_id: number | null;
  questionnaire_version_id: number;
  draft_answers: Record<string, unknown>;
  is_test: boolean;
}): DraftResponse {
  return {
    id: row.id,
    status: row.status,
    waveId: row.wave_id,
    questionnaireVersionId: row.questionnaire_version_id,
    draftAnswers: row.draft_answers,
    isTest: row.is_test,
  };
}

const draftColumns = [
  "id",
  "status",
  "wave_id",
  "questionnaire_version_id",
  "draft_answers",
  "is_test",
] as const;

export async function findResponseByResumeToken(
  db: Db,
  tokenHash: string,
): Promise<DraftResponse | undefined> {
  const row = await db
    .selectFrom("response")
    .select(draftColumns)
    .where("resume_token_hash", "=", tokenHash)
    .executeTakeFirst();
  return row && toDraft(row);
}

/** Locks the response for a read-modify-write of its draft answers or its submission. */
export async function lockResponse(
  trx: Transaction<Database>,
  id: number,
): Promise<DraftResponse | undefined> {
  const row = await trx
    .selectFrom("response")
    .select(draftColumns)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  return row && toDraft(row);
}

export async function updateDraftAnswers(
  db: Db,
  id: number,
  answers: Record<string, unknown>,
  locale: string,
) {
  await db
    .updateTable("response")
    .set({ draft_answers: JSON.stringify(answers), locale, updated_at: new Date() })
    .where("id", "=", id)
    .where("status", "=", "partial")
    .execute();
}

export async function markSubmitted(
  db: Db,
  id: number,
  score: number | null,
  answers: Record<string, unknown>,
  at: Date,
) {
  await db
    .updateTable("response")
    .set({
      status: "submitted",
      respondent_score: score,
      submitted_at: at,
      updated_at: at,
      draft_answers: JSON.stringify(answers),
    })
    .where("id", "=", id)
    .execute();
  await copyCustomerAsAnswered(db, id);
}

/** Keeps the customer as they are now (reference, segment attributes) with the response just submitted. */
async function copyCustomerAsAnswered(db: Db, id: number) {
  await sql`
    update response r set ${copyCustomerAttributes("c")}, customer_ref = coalesce(r.customer_ref, c.external_ref)
    from customer c where r.id = ${id} and c.id = r.customer_id`.execute(db);
}

export async function insertAnswerRows(db: Db, responseId: number, rows: AnswerRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("answer")
    .values(
      rows.map((row) => ({
        response_id: responseId,
        item_key: row.itemKey,
        part: row.part,
        number: row.number,
        text: row.text,
      })),
    )
    .execute();
}

export interface SubmittedResponseRow {
  waveId: number | null;
  questionnaireVersionId: number;
  customerId: number | null;
  customerRef: string | null;
  mode: ResponseMode;
  recordedBy: number | null;
  submitKey: string | null;
  locale: string;
  score: number | null;
  answers: Record<string, unknown>;
  at: Date;
  rows: AnswerRow[];
}

const batchedInserts = new WeakMap<Db, (response: SubmittedResponseRow) => Promise<number | undefined>>();

/**
 * A response that is submitted at once (API, staff-recorded interview) with its answer rows. With a
 * submit key that was used before, nothing is stored and undefined is returned. Concurrent calls on
 * the same database share one statement (group commit), which is what keeps the API fast under load.
 */
export function insertSubmittedResponse(db: Db, response: SubmittedResponseRow): Promise<number | undefined> {
  let insert = batchedInserts.get(db);
  if (!insert) {
    insert = createBatcher((batch: SubmittedResponseRow[]) => insertSubmittedResponses(db, batch), {
      maxBatch: 100,
      concurrency: 1,
    });
    batchedInserts.set(db, insert);
  }
  return insert(response);
}

/** One submitted response and its answers, written at once on `db` (inside a caller's transaction). */
export async function insertSubmittedResponseNow(
  db: Db,
  response: SubmittedResponseRow,
): Promise<number | undefined> {
  const [id] = await insertSubmittedResponses(db, [response]);
  return id;
}

/**
 * Several submitted responses and their answer rows in one statement (atomic, one round trip). Ids are
 * drawn from the sequence first so that each input knows its id; an input whose submit key was used
 * before (earlier, or by an input before it in the same batch) gets undefined. The batch travels as one
 * JSON parameter: serialising it is native work, where a dozen array parameters cost the driver an
 * escape per element.
 */
async function insertSubmittedResponses(
  db: Db,
  batch: SubmittedResponseRow[],
): Promise<(number | undefined)[]> {
  const result = await sql<{ ord: number; id: number | null }>`
    with input as materialized (
      select nextval(pg_get_serial_sequence('response', 'id')) as id, r.ord, r.doc
      from jsonb_array_elements(${JSON.stringify(batch)}::jsonb) with ordinality as r(doc, ord)
    ), inserted as (
      insert into response (id, wave_id, questionnaire_version_id, customer_id, customer_ref, mode, recorded_by,
        submit_key, status, locale, respondent_score, draft_answers, started_at, updated_at, submitted_at,
        ${sql.join(CUSTOMER_AS_ANSWERED_COLUMNS.map((column) => sql.ref(column)))})
      overriding system value
      select input.id, (doc->>'waveId')::bigint, (doc->>'questionnaireVersionId')::bigint,
        (doc->>'customerId')::bigint, coalesce(doc->>'customerRef', c.external_ref), doc->>'mode', (doc->>'recordedBy')::bigint,
        doc->>'submitKey', 'submitted', doc->>'locale', (doc->>'score')::float8, doc->'answers',
        (doc->>'at')::timestamptz, (doc->>'at')::timestamptz, (doc->>'at')::timestamptz,
        ${customerAttributesOf("c")}
      from input left join customer c on c.id = (input.doc->>'customerId')::bigint
      order by ord
      on conflict (submit_key) do nothing
      returning id
    ), answers as (
      insert into answer (response_id, item_key, part, number, text)
      select inserted.id, a."itemKey", a.part, a.number, a.text
      from input
        join inserted on inserted.id = input.id
        cross join jsonb_to_recordset(input.doc->'rows') as a("itemKey" text, part text, number float8, text text)
    )
    select input.ord, inserted.id from input left join inserted on inserted.id = input.id`.execute(db);
  const ids = new Map(result.rows.map((row) => [Number(row.ord), row.id ?? undefined]));
  return batch.map((_, i) => ids.get(i + 1));
}

export async function findResponseIdBySubmitKey(db: Db, submitKey: string): Promise<number | undefined> {
  const row = await db
    .selectFrom("response")
    .select("id")
    .where("submit_key", "=", submitKey)
    .executeTakeFirst();
  return row?.id;
}

export async function findCustomerIdByRef(db: Db, externalRef: string): Promise<number | undefined> {
  const row = await db
    .selectFrom("customer")
    .select("id")
    .where("external_ref", "=", externalRef)
    .executeTakeFirst();
  return row?.id;
}

export interface ResponseFilter {
  waveId?: number | undefined;
  questionnaireId?: number | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  minScore?: number | undefined;
  maxScore?: number | undefined;
  mode?: ResponseMode | undefined;
  customerType?: string | undefined;
  valueTier?: string | undefined;
  region?: string | undefined;
  includeTests?: boolean | undefined;
  /** only responses of customers managed by this staff user (customer managers) */
  managerUserId?: number | undefined;
  /** only one customer's responses (a follow-up case's history) */
  customerId?: number | undefined;
}

/** The customer as they were when they answered (copied onto the response at submit). */
export interface CustomerAsAnswered {
  customerType: string | null;
  channel: string | null;
  valueTier: string | null;
  activity: string | null;
  region: string | null;
  managerUserId: number | null;
  /** the customer manager's display name (today's name of that staff user) */
  managerName: string | null;
  /** free attributes */
  attributes: Record<string, unknown>;
}

export interface ResponseListEntry {
  id: number;
  startedAt: Date;
  submittedAt: Date;
  mode: ResponseMode;
  score: number | null;
  isTest: boolean;
  /** in both languages: the console shows the page's */
  questionnaireName: Bilingual;
  questionnaireVersionId: number;
  versionNumber: number;
  waveName: string | null;
  customerId: number | null;
  customerName: string | null;
  customerRef: string | null;
  /** an open link's reference without a valid signature: what the respondent claimed, not the customer */
  claimedRef: string | null;
  customerAsAnswered: CustomerAsAnswered;
  recordedBy: string | null;
}

function filtered(db: Db, filter: ResponseFilter) {
  let query = db
    .selectFrom("response as r")
    .innerJoin("questionnaire_version as v", "v.id", "r.questionnaire_version_id")
    .innerJoin("questionnaire as q", "q.id", "v.questionnaire_id")
    .leftJoin("wave as w", "w.id", "r.wave_id")
    .leftJoin("customer as c", "c.id", "r.customer_id")
    .leftJoin("staff_user as s", "s.id", "r.recorded_by")
    .leftJoin("staff_user as m", "m.id", "r.manager_user_id")
    .where("r.status", "=", "submitted");
  if (!filter.includeTests) query = query.where("r.is_test", "=", false);
  if (filter.waveId !== undefined) query = query.where("r.wave_id", "=", filter.waveId);
  if (filter.questionnaireId !== undefined) query = query.where("q.id", "=", filter.questionnaireId);
  if (filter.from) query = query.where("r.submitted_at", ">=", filter.from);
  if (filter.to) query = query.where("r.submitted_at", "<", filter.to);
  if (filter.minScore !== undefined) query = query.where("r.respondent_score", ">=", filter.minScore);
  if (filter.maxScore !== undefined) query = query.where("r.respondent_score", "<=", filter.maxScore);
  if (filter.mode) query = query.where("r.mode", "=", filter.mode);
  // Segment attributes as the customer was when they answered (the copy on the response), the same
  // rule the reports follow; the manager scope is who may see the customer now.
  if (filter.customerType) query = query.where("r.customer_type", "=", filter.customerType);
  if (filter.valueTier) query = query.where("r.value_tier", "=", filter.valueTier);
  if (filter.region) query = query.where("r.region", "=", filter.region);
  if (filter.managerUserId !== undefined) query = query.where("c.manager_user_id", "=", filter.managerUserId);
  if (filter.customerId !== undefined) query = query.where("r.customer_id", "=", filter.customerId);
  return query;
}

const listColumns = [
  "r.id",
  "r.started_at",
  "r.submitted_at",
  "r.mode",
  "r.respondent_score",
  "r.is_test",
  "q.name as questionnaire_name",
  "q.name_en as questionnaire_name_en",
  "r.questionnaire_version_id",
  "v.version_number",
  "w.name as wave_name",
  "r.customer_id",
  "c.name as customer_name",
  "r.customer_ref",
  "r.claimed_ref",
  "r.customer_type",
  "r.channel",
  "r.value_tier",
  "r.activity",
  "r.region",
  "r.manager_user_id",
  "m.display_name as manager_name",
  "r.customer_attributes",
  "s.username as recorded_by",
] as const;

function toEntry(row: {
  id: number;
  started_at: Date;
  submitted_at: Date | null;
  mode: ResponseMode;
  respondent_score: number | null;
  is_test: boolean;
  questionnaire_name: string;
  questionnaire_name_en: string;
  questionnaire_version_id: number;
  version_number: number;
  wave_name: string | null;
  customer_id: number | null;
  customer_name: string | null;
  customer_ref: string | null;
  claimed_ref: string | null;
  customer_type: string | null;
  channel: string | null;
  value_tier: string | null;
  activity: string | null;
  region: string | null;
  manager_user_id: number | null;
  manager_name: string | null;
  customer_attributes: Record<string, unknown> | null;
  recorded_by: string | null;
}): ResponseListEntry {
  return {
    id: row.id,
    startedAt: row.started_at,
    submittedAt: row.submitted_at ?? new Date(0),
    mode: row.mode,
    score: row.respondent_score,
    isTest: row.is_test,
    questionnaireName: { "zh-CN": row.questionnaire_name, en: row.questionnaire_name_en },
    questionnaireVersionId: row.questionnaire_version_id,
    versionNumber: row.version_number,
    waveName: row.wave_name,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerRef: row.customer_ref,
    claimedRef: row.claimed_ref,
    customerAsAnswered: {
      customerType: row.customer_type,
      channel: row.channel,
      valueTier: row.value_tier,
      activity: row.activity,
      region: row.region,
      managerUserId: row.manager_user_id,
      managerName: row.manager_name,
      attributes: row.customer_attributes ?? {},
    },
    recordedBy: row.recorded_by,
  };
}

export async function listResponses(
  db: Db,
  filter: ResponseFilter,
  page: { limit: number; offset: number },
): Promise<{ entries: ResponseListEntry[]; total: number }> {
  const [rows, total] = await Promise.all([
    filtered(db, filter)
      .select(listColumns)
      .orderBy("r.submitted_at", "desc")
      .orderBy("r.id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    countResponses(db, filter),
  ]);
  return { total, entries: rows.map(toEntry) };
}

/** How many submitted responses match `filter`. */
export async function countResponses(db: Db, filter: ResponseFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One batch of responses in id order after `afterId` (keyset paging: memory and the cost of each batch
 * stay constant however far the export has gone).
 */
export async function listResponsesAfter(
  db: Db,
  filter: ResponseFilter,
  afterId: number,
  limit: number,
): Promise<ResponseListEntry[]> {
  const rows = await filtered(db, filter)
    .select(listColumns)
    .where("r.id", ">", afterId)
    .orderBy("r.id")
    .limit(limit)
    .execute();
  return rows.map(toEntry);
}

/** The draft answers (the checked answers, by item key) of these responses. */
export async function findAnswerObjects(
  db: Db,
  responseIds: readonly number[],
): Promise<Map<number, Record<string, unknown>>> {
  if (responseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("response")
    .select(["id", "draft_answers"])
    .where("id", "in", responseIds as number[])
    .execute();
  return new Map(rows.map((row) => [row.id, row.draft_answers]));
}

/** The compact answer rows of these responses, by response id (the rows the reports' rollups read). */
export async function findAnswerRows(
  db: Db,
  responseIds: readonly number[],
): Promise<Map<number, AnswerRow[]>> {
  const byResponse = new Map<number, AnswerRow[]>();
  if (responseIds.length === 0) return byResponse;
  const rows = await db
    .selectFrom("answer")
    .select(["response_id", "item_key", "part", "number", "text"])
    .where("response_id", "in", responseIds as number[])
    .orderBy("response_id")
    .orderBy("item_key")
    .orderBy("part")
    .execute();
  for (const row of rows) {
    const list = byResponse.get(row.response_id) ?? [];
    list.push({ itemKey: row.item_key, part: row.part, number: row.number, text: row.text });
    byResponse.set(row.response_id, list);
  }
  return byResponse;
}

/**
 * Of these responses, those reports leave out because the same customer answered the same
 * questionnaire again later in the same month (the organisation's time zone): a known customer counts
 * once per questionnaire and month, by their latest response (submitted last, then the higher id). Test
 * responses, which reports leave out, are among them too.
 */
export async function findResponsesReplacedIn(
  db: Db,
  responseIds: readonly number[],
  timeZone: string,
): Promise<Set<number>> {
  if (responseIds.length === 0) return new Set();
  const month = (alias: string) =>
    sql`date_trunc('month', ${sql.ref(`${alias}.submitted_at`)} at time zone ${timeZone})`;
  const result = await sql<{ id: number }>`
    select r.id from response r
    join questionnaire_version v on v.id = r.questionnaire_version_id
    where r.id = any(${responseIds as number[]}::bigint[]) and (r.is_test or (r.customer_id is not null and exists (
      select 1 from response l join questionnaire_version lv on lv.id = l.questionnaire_version_id
      where l.customer_id = r.customer_id and lv.questionnaire_id = v.questionnaire_id
        and l.status = 'submitted' and not l.is_test and ${month("l")} = ${month("r")}
        and (l.submitted_at > r.submitted_at or (l.submitted_at = r.submitted_at and l.id > r.id)))))`.execute(
    db,
  );
  return new Set(result.rows.map((row) => Number(row.id)));
}

/** The free-attribute names the customers of the filtered responses had when they answered (at most 100). */
export async function listAnsweredAttributeKeys(db: Db, filter: ResponseFilter): Promise<string[]> {
  const responses = filtered(db, filter)
    .select("r.customer_attributes")
    .where("r.customer_attributes", "is not", null);
  const rows = await db
    .selectFrom(responses.as("a"))
    .select(sql<string>`jsonb_object_keys(a.customer_attributes)`.as("key"))
    .distinct()
    .orderBy("key")
    .limit(100)
    .execute();
  return rows.map((row) => row.key);
}

export async function findResponseDetail(db: Db, id: number) {
  const row = await db
    .selectFrom("response as r")
    .innerJoin("questionnaire_version as v", "v.id", "r.questionnaire_version_id")
    .innerJoin("questionnaire as q", "q.id", "v.questionnaire_id")
    .leftJoin("wave as w", "w.id", "r.wave_id")
    .leftJoin("customer as c", "c.id", "r.customer_id")
    .leftJoin("staff_user as s", "s.id", "r.recorded_by")
    .leftJoin("staff_user as m", "m.id", "r.manager_user_id")
    .select([
      ...listColumns,
      "r.status",
      "r.locale",
      "r.draft_answers",
      "v.definition",
      "c.manager_user_id as customer_manager_user_id",
      "c.external_ref as customer_external_ref",
    ])
    .where("r.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...toEntry(row),
    status: row.status,
    locale: row.locale,
    answers: row.draft_answers,
    definition: row.definition,
    customerManagerUserId: row.customer_manager_user_id,
    customerExternalRef: row.customer_external_ref,
  };
}

export async function findDraftResponse(db: Db, id: number): Promise<DraftResponse | undefined> {
  const row = await db.selectFrom("response").select(draftColumns).where("id", "=", id).executeTakeFirst();
  return row && toDraft(row);
}
