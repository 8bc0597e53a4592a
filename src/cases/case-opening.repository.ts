import { sql, type Transaction } from "kysely";
import type { Database, Db } from "../db/database.ts";
import type { AnswerRow } from "../responses/answers.ts";
import type { CaseRule, CaseTrigger } from "./case.ts";

/**
 * Claims up to `limit` submitted responses the follow-up rules have not looked at yet, oldest first,
 * locking them (another process's claim is skipped and taken next time).
 */
export async function claimUncheckedResponses(trx: Transaction<Database>, limit: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    select id from response
    where status = 'submitted' and not case_checked and not is_test
    order by id limit ${limit}
    for update skip locked`.execute(trx);
  return result.rows.map((row) => row.id);
}

export interface CheckedResponse {
  id: number;
  versionId: number;
  questionnaireId: number;
  customerId: number | null;
  /** the customer's manager now (who is responsible for them today), if active */
  managerUserId: number | null;
  score: number | null;
  submittedAt: Date;
  rows: AnswerRow[];
}

export async function loadCheckedResponses(db: Db, ids: readonly number[]): Promise<CheckedResponse[]> {
  if (ids.length === 0) return [];
  const [responses, answers] = await Promise.all([
    sql<{
      id: number;
      version_id: number;
      questionnaire_id: number;
      customer_id: number | null;
      manager_user_id: number | null;
      score: number | null;
      submitted_at: Date;
    }>`
      select r.id, r.questionnaire_version_id as version_id, v.questionnaire_id, r.customer_id,
        (select s.id from staff_user s where s.id = c.manager_user_id and s.disabled_at is null) as manager_user_id,
        r.respondent_score as score, r.submitted_at
      from response r join questionnaire_version v on v.id = r.questionnaire_version_id
        left join customer c on c.id = r.customer_id
      where r.id = any(${ids as number[]}::bigint[])`.execute(db),
    sql<{ response_id: number; item_key: string; part: string; number: number | null; text: string | null }>`
      select response_id, item_key, part, number, text from answer
      where response_id = any(${ids as number[]}::bigint[])`.execute(db),
  ]);
  const rows = new Map<number, AnswerRow[]>();
  for (const row of answers.rows) {
    const list = rows.get(row.response_id) ?? [];
    list.push({ itemKey: row.item_key, part: row.part, number: row.number, text: row.text });
    rows.set(row.response_id, list);
  }
  return responses.rows.map((row) => ({
    id: row.id,
    versionId: row.version_id,
    questionnaireId: row.questionnaire_id,
    customerId: row.customer_id,
    managerUserId: row.manager_user_id,
    score: row.score,
    submittedAt: row.submitted_at,
    rows: rows.get(row.id) ?? [],
  }));
}

/** The definitions of some questionnaire versions, read once for a batch. */
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

export async function findCaseRules(
  db: Db,
  questionnaireIds: readonly number[],
): Promise<Map<number, CaseRule>> {
  if (questionnaireIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("case_rule")
    .selectAll()
    .where("questionnaire_id", "in", questionnaireIds as number[])
    .execute();
  return new Map(rows.map((row) => [row.questionnaire_id, toRule(row)]));
}

export function toRule(row: {
  enabled: boolean;
  on_dissatisfied: boolean;
  on_basically_satisfied: boolean;
  score_below: number | null;
  nps_detractor: boolean;
  on_no: boolean;
  comment_score_below: number | null;
  anonymous: boolean;
  contact_hours: number;
  resolve_days: number;
  working_days: boolean;
  unreachable_after: number;
  recovery_questionnaire_id: number | null;
  recovery_channel: "email" | "phone";
}): CaseRule {
  return {
    enabled: row.enabled,
    onDissatisfied: row.on_dissatisfied,
    onBasicallySatisfied: row.on_basically_satisfied,
    scoreBelow: row.score_below,
    npsDetractor: row.nps_detractor,
    onNo: row.on_no,
    commentScoreBelow: row.comment_score_below,
    anonymous: row.anonymous,
    contactHours: row.contact_hours,
    resolveDays: row.resolve_days,
    workingDays: row.working_days,
    unreachableAfter: row.unreachable_after,
    recoveryQuestionnaireId: row.recovery_questionnaire_id,
    recoveryChannel: row.recovery_channel,
  };
}

export interface NewCase {
  responseId: number;
  questionnaireId: number;
  customerId: number | null;
  triggers: CaseTrigger[];
  score: number | null;
  department: string | null;
  assignedTo: number | null;
  contactDueAt: Date;
  resolveDueAt: Date;
  createdAt: Date;
}

/** Inserts the cases (one per response at most: a response that has one is skipped); their ids. */
export async function insertCases(
  db: Db,
  cases: readonly NewCase[],
): Promise<{ id: number; assignedTo: number | null; department: string | null }[]> {
  if (cases.length === 0) return [];
  return await db
    .insertInto("service_case")
    .values(
      cases.map((c) => ({
        response_id: c.responseId,
        questionnaire_id: c.questionnaireId,
        customer_id: c.customerId,
        triggers: JSON.stringify(c.triggers),
        respondent_score: c.score,
        department: c.department,
        assigned_to: c.assignedTo,
        contact_due_at: c.contactDueAt,
        resolve_due_at: c.resolveDueAt,
        created_at: c.createdAt,
        updated_at: c.createdAt,
      })),
    )
    .onConflict((oc) => oc.column("response_id").doNothing())
    .returning(["id", "assigned_to as assignedTo", "department"])
    .execute();
}

export async function markCaseChecked(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return;
  await sql`update response set case_checked = true where id = any(${ids as number[]}::bigint[])`.execute(db);
}

/** Queues an e-mail about a case to staff users with an address (sent after commit by the notice job). */
export async function queueCaseNotices(
  db: Db,
  notices: readonly { caseId: number; userId: number; kind: "opened" | "reassigned" | "escalated" }[],
) {
  if (notices.length === 0) return;
  await sql`
    insert into case_notice (case_id, kind, email, locale)
    select n.case_id, n.kind, s.email, coalesce(s.locale, 'zh-CN')
    from unnest(${notices.map((n) => n.caseId)}::bigint[], ${notices.map((n) => n.userId)}::bigint[],
      ${notices.map((n) => n.kind)}::text[]) as n(case_id, user_id, kind)
      join staff_user s on s.id = n.user_id
    where s.email is not null and s.email <> '' and s.disabled_at is null`.execute(db);
}

/**
 * Queues an e-mail about a case to its department's shared address, when the department has one, in
 * its head's language (Chinese without a head).
 */
export async function queueDepartmentNotices(
  db: Db,
  notices: readonly { caseId: number; department: string; kind: "opened" | "reassigned" | "escalated" }[],
) {
  if (notices.length === 0) return;
  await sql`
    insert into case_notice (case_id, kind, email, locale)
    select n.case_id, n.kind, d.email, coalesce(h.locale, 'zh-CN')
    from unnest(${notices.map((n) => n.caseId)}::bigint[], ${notices.map((n) => n.department)}::text[],
      ${notices.map((n) => n.kind)}::text[]) as n(case_id, department, kind)
      join department d on d.code = n.department
      left join staff_user h on h.id = d.head_user_id
    where d.email is not null and d.email <> ''`.execute(db);
}

/** Saves a questionnaire's follow-up rule (its first save creates it). */
export async function upsertCaseRule(
  db: Db,
  questionnaireId: number,
  rule: CaseRule,
  updatedBy: number,
  now: Date,
): Promise<void> {
  const values = {
    enabled: rule.enabled,
    on_dissatisfied: rule.onDissatisfied,
    on_basically_satisfied: rule.onBasicallySatisfied,
    score_below: rule.scoreBelow,
    nps_detractor: rule.npsDetractor,
    on_no: rule.onNo,
    comment_score_below: rule.commentScoreBelow,
    anonymous: rule.anonymous,
    contact_hours: rule.contactHours,
    resolve_days: rule.resolveDays,
    working_days: rule.workingDays,
    unreachable_after: rule.unreachableAfter,
    recovery_questionnaire_id: rule.recoveryQuestionnaireId,
    recovery_channel: rule.recoveryChannel,
    updated_by: updatedBy,
    updated_at: now,
  };
  await db
    .insertInto("case_rule")
    .values({ questionnaire_id: questionnaireId, ...values })
    .onConflict((oc) => oc.column("questionnaire_id").doUpdateSet(values))
    .execute();
}
