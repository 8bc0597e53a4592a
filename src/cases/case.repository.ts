import { type SelectQueryBuilder, sql } from "kysely";
import type { Database, Db } from "../db/database.ts";
import type { Bilingual } from "../i18n/bilingual.ts";
import type { CaseStatus, CaseTrigger, ContactChannel, ContactOutcome, RecoverySkipped } from "./case.ts";

/**
 * Which cases a staff user may see: all (quality staff), or their own, their customers' and their
 * departments' (customer managers, and any member or head of a department).
 */
export type CaseScope = { kind: "all" } | { kind: "assigned"; userId: number };

export interface CaseFilter {
  status?: CaseStatus | "active" | undefined;
  overdue?: boolean | undefined;
  questionnaireId?: number | undefined;
  assignedTo?: number | "none" | undefined;
  department?: string | undefined;
  trigger?: string | undefined;
  /** a cause, or an area: its causes */
  causeId?: number | undefined;
  /** the customer's name or reference, in part */
  customer?: string | undefined;
}

type CaseQuery = SelectQueryBuilder<
  Database & { sc: Database["service_case"]; c: Database["customer"] },
  "sc" | "c",
  object
>;

function scoped<Q extends CaseQuery>(query: Q, scope: CaseScope): Q {
  if (scope.kind === "all") return query;
  return query.where((eb) =>
    eb.or([
      eb("sc.assigned_to", "=", scope.userId),
      eb("c.manager_user_id", "=", scope.userId),
      // the cases of a department the user is a member or the head of
      eb(
        "sc.department",
        "in",
        eb
          .selectFrom("department as d")
          .select("d.code")
          .where((inner) =>
            inner.or([
              inner("d.head_user_id", "=", scope.userId),
              inner.exists(
                inner
                  .selectFrom("department_member as m")
                  .select("m.user_id")
                  .whereRef("m.department_id", "=", "d.id")
                  .where("m.user_id", "=", scope.userId),
              ),
            ]),
          ),
      ),
    ]),
  ) as Q;
}

function base(db: Db, scope: CaseScope, filter: CaseFilter, now: Date) {
  let query = db
    .selectFrom("service_case as sc")
    .leftJoin("customer as c", "c.id", "sc.customer_id") as unknown as CaseQuery;
  query = scoped(query, scope);
  if (filter.status === "active")
    query = query.where("sc.status", "in", ["open", "contacted", "unreachable"]);
  else if (filter.status) query = query.where("sc.status", "=", filter.status);
  if (filter.overdue) {
    query = query.where((eb) =>
      eb.or([
        eb.and([eb("sc.status", "=", "open"), eb("sc.contact_due_at", "<", now)]),
        eb.and([eb("sc.status", "in", ["open", "contacted"]), eb("sc.resolve_due_at", "<", now)]),
      ]),
    );
  }
  if (filter.questionnaireId !== undefined)
    query = query.where("sc.questionnaire_id", "=", filter.questionnaireId);
  if (filter.assignedTo === "none") query = query.where("sc.assigned_to", "is", null);
  else if (filter.assignedTo !== undefined) query = query.where("sc.assigned_to", "=", filter.assignedTo);
  if (filter.department !== undefined) query = query.where("sc.department", "=", filter.department);
  if (filter.causeId !== undefined) {
    const causeId = filter.causeId;
    query = query.where((eb) =>
      eb.or([
        eb("sc.cause_id", "=", causeId),
        eb("sc.cause_id", "in", eb.selectFrom("case_cause").select("id").where("parent_id", "=", causeId)),
      ]),
    );
  }
  if (filter.trigger !== undefined)
    query = query.where(sql<boolean>`sc.triggers @> ${JSON.stringify([{ kind: filter.trigger }])}::jsonb`);
  if (filter.customer !== undefined) {
    const like = `%${filter.customer.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([eb("c.name", "like", like), eb("c.external_ref", "like", like)]));
  }
  return query;
}

export interface CaseListEntry {
  id: number;
  status: CaseStatus;
  questionnaireId: number;
  questionnaireName: string;
  questionnaireNameEn: string;
  customerId: number | null;
  customerName: string | null;
  customerRef: string | null;
  score: number | null;
  triggers: CaseTrigger[];
  department: string | null;
  assignedTo: number | null;
  assigneeName: string | null;
  contactDueAt: Date;
  resolveDueAt: Date;
  escalatedAt: Date | null;
  createdAt: Date;
}

/** A case row (with its questionnaire's names, customer and assignee) as the list shows it. */
function toListEntry(row: {
  id: number;
  status: CaseStatus;
  questionnaire_id: number;
  questionnaire_name: string;
  questionnaire_name_en: string;
  customer_id: number | null;
  customer_name: string | null;
  customer_ref: string | null;
  respondent_score: number | null;
  triggers: CaseTrigger[];
  department: string | null;
  assigned_to: number | null;
  assignee_name: string | null;
  contact_due_at: Date;
  resolve_due_at: Date;
  escalated_at: Date | null;
  created_at: Date;
}): CaseListEntry {
  return {
    id: row.id,
    status: row.status,
    questionnaireId: row.questionnaire_id,
    questionnaireName: row.questionnaire_name,
    questionnaireNameEn: row.questionnaire_name_en,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerRef: row.customer_ref,
    score: row.respondent_score,
    triggers: row.triggers,
    department: row.department,
    assignedTo: row.assigned_to,
    assigneeName: row.assignee_name,
    contactDueAt: row.contact_due_at,
    resolveDueAt: row.resolve_due_at,
    escalatedAt: row.escalated_at,
    createdAt: row.created_at,
  };
}

export async function listCases(
  db: Db,
  scope: CaseScope,
  filter: CaseFilter,
  page: { limit: number; offset: number },
  now: Date,
): Promise<{ entries: CaseListEntry[]; total: number }> {
  const [rows, count] = await Promise.all([
    base(db, scope, filter, now)
      .innerJoin("questionnaire as q", "q.id", "sc.questionnaire_id")
      .leftJoin("staff_user as s", "s.id", "sc.assigned_to")
      .select([
        "sc.id",
        "sc.status",
        "sc.questionnaire_id",
        "q.name as questionnaire_name",
        "q.name_en as questionnaire_name_en",
        "sc.customer_id",
        "c.name as customer_name",
        "c.external_ref as customer_ref",
        "sc.respondent_score",
        "sc.triggers",
        "sc.department",
        "sc.assigned_to",
        "s.display_name as assignee_name",
        "sc.contact_due_at",
        "sc.resolve_due_at",
        "sc.escalated_at",
        "sc.created_at",
      ])
      // what is due first comes first: the contact time while open, then the resolve time
      // still to handle first, then those that could not be reached, then the resolved and closed
      .orderBy(
        sql`case sc.status when 'open' then 0 when 'contacted' then 0 when 'unreachable' then 1 else 2 end`,
      )
      .orderBy(sql`case when sc.status = 'open' then sc.contact_due_at else sc.resolve_due_at end`)
      .orderBy("sc.id")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base(db, scope, filter, now)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    entries: rows.map(toListEntry),
  };
}

/** How many active cases a user has, and how many of them are overdue (the menu's counts). */
export async function countMyCases(db: Db, scope: CaseScope, now: Date) {
  const [active, overdue] = await Promise.all([
    base(db, scope, { status: "active" }, now)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    base(db, scope, { overdue: true }, now)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { active: Number(active.n), overdue: Number(overdue.n) };
}

export interface CaseDetail extends CaseListEntry {
  responseId: number | null;
  contactedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** the second-level cause and its group, in both languages */
  cause: { id: number; name: Bilingual; group: Bilingual } | null;
  causeNotes: string | null;
  fix: string | null;
  reply: string | null;
  customerPhone: string | null;
  customerEmail: string | null;
  /** the recovery survey: its invitation (e-mail or call list), the answer and its score, or why none went out */
  recovery: {
    invitationId: number | null;
    channel: "web" | "email" | "staff" | null;
    sentAt: Date | null;
    assigneeName: string | null;
    responseId: number | null;
    score: number | null;
    recovered: boolean | null;
    skipped: RecoverySkipped | null;
  };
}

export async function findCase(
  db: Db,
  scope: CaseScope,
  id: number,
  now: Date,
): Promise<CaseDetail | undefined> {
  const row = await base(db, scope, {}, now)
    .innerJoin("questionnaire as q", "q.id", "sc.questionnaire_id")
    .leftJoin("staff_user as s", "s.id", "sc.assigned_to")
    .leftJoin("case_cause as cc", "cc.id", "sc.cause_id")
    .leftJoin("case_cause as cg", "cg.id", "cc.parent_id")
    .leftJoin("invitation as ri", "ri.id", "sc.recovery_invitation_id")
    .leftJoin("wave as rw", "rw.id", "ri.wave_id")
    .leftJoin("staff_user as rs", "rs.id", "ri.assigned_to")
    .selectAll("sc")
    .select([
      "rw.channel as recovery_channel",
      "ri.first_sent_at as recovery_sent_at",
      "rs.display_name as recovery_assignee",
      "cc.name_zh as cause_zh",
      "cc.name_en as cause_en",
      "cg.name_zh as cause_group_zh",
      "cg.name_en as cause_group_en",
      "q.name as questionnaire_name",
      "q.name_en as questionnaire_name_en",
      "c.name as customer_name",
      "c.external_ref as customer_ref",
      "c.phone as customer_phone",
      "c.email as customer_email",
      "s.display_name as assignee_name",
    ])
    .where("sc.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...toListEntry(row),
    responseId: row.response_id,
    contactedAt: row.contacted_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    cause:
      row.cause_id === null
        ? null
        : {
            id: row.cause_id,
            name: { "zh-CN": row.cause_zh ?? "", en: row.cause_en ?? "" },
            group: { "zh-CN": row.cause_group_zh ?? "", en: row.cause_group_en ?? "" },
          },
    causeNotes: row.cause_notes,
    fix: row.fix,
    reply: row.reply,
    customerPhone: row.customer_phone,
    customerEmail: row.customer_email,
    recovery: {
      invitationId: row.recovery_invitation_id,
      channel: row.recovery_channel,
      sentAt: row.recovery_sent_at,
      assigneeName: row.recovery_assignee,
      responseId: row.recovery_response_id,
      score: row.recovery_score,
      recovered: row.recovered,
      skipped: row.recovery_skipped,
    },
  };
}

/** Locks a case for a change of status, assignee or notes; its status and assignee. */
export async function lockCase(db: Db, id: number) {
  return db
    .selectFrom("service_case")
    .select(["id", "status", "assigned_to", "contacted_at", "cause_id", "questionnaire_id"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateCase(
  db: Db,
  id: number,
  values: Partial<{
    status: CaseStatus;
    assigned_to: number | null;
    contacted_at: Date;
    resolved_at: Date | null;
    closed_at: Date | null;
    cause_id: number | null;
    cause_notes: string | null;
    fix: string | null;
    reply: string | null;
    escalated_at: Date | null;
  }>,
  now: Date,
) {
  await db
    .updateTable("service_case")
    .set({ ...values, updated_at: now })
    .where("id", "=", id)
    .execute();
}

export interface ContactEntry {
  id: number;
  channel: ContactChannel;
  outcome: ContactOutcome;
  callBackAt: Date | null;
  notes: string;
  contactedAt: Date;
  recordedBy: string | null;
}

export async function insertContact(
  db: Db,
  contact: {
    caseId: number;
    channel: ContactChannel;
    outcome: ContactOutcome;
    callBackAt: Date | null;
    notes: string;
    contactedAt: Date;
    recordedBy: number;
  },
) {
  await db
    .insertInto("case_contact")
    .values({
      case_id: contact.caseId,
      channel: contact.channel,
      outcome: contact.outcome,
      call_back_at: contact.callBackAt,
      notes: contact.notes,
      contacted_at: contact.contactedAt,
      recorded_by: contact.recordedBy,
    })
    .execute();
}

export async function listContacts(db: Db, caseId: number): Promise<ContactEntry[]> {
  const rows = await db
    .selectFrom("case_contact as k")
    .leftJoin("staff_user as s", "s.id", "k.recorded_by")
    .select([
      "k.id",
      "k.channel",
      "k.outcome",
      "k.call_back_at",
      "k.notes",
      "k.contacted_at",
      "s.display_name",
    ])
    .where("k.case_id", "=", caseId)
    .orderBy("k.contacted_at", "desc")
    .orderBy("k.id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    outcome: row.outcome,
    callBackAt: row.call_back_at,
    notes: row.notes,
    contactedAt: row.contacted_at,
    recordedBy: row.display_name,
  }));
}

/** The customer's other cases, newest first (the case page's history). */
/** A customer's latest cases the viewer may see (their page, a case's history), but one. */
export async function listCustomerCases(
  db: Db,
  scope: CaseScope,
  customerId: number,
  now: Date,
  exceptId?: number,
) {
  let query = base(db, scope, {}, now)
    .select(["sc.id", "sc.status", "sc.created_at", "sc.respondent_score", "sc.recovered"])
    .where("sc.customer_id", "=", customerId);
  if (exceptId !== undefined) query = query.where("sc.id", "<>", exceptId);
  return query.orderBy("sc.created_at", "desc").limit(20).execute();
}

/** How many attempts to reach the customer got no answer. */
export async function countUnanswered(db: Db, caseId: number): Promise<number> {
  const row = await db
    .selectFrom("case_contact")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("case_id", "=", caseId)
    .where("outcome", "=", "no_answer")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Staff users a case may be given to: active quality staff and customer managers. */
export async function listAssignableStaff(db: Db) {
  return db
    .selectFrom("staff_user")
    .select(["id", "display_name", "role"])
    .where("disabled_at", "is", null)
    .where("role", "in", ["quality", "customer_manager", "admin"])
    .orderBy("display_name")
    .execute();
}

/** The departments cases were routed to, for the list's filter. */
export async function listCaseDepartments(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("service_case")
    .select("department")
    .distinct()
    .where("department", "is not", null)
    .orderBy("department")
    .execute();
  return rows.flatMap((row) => (row.department === null ? [] : [row.department]));
}

/** The questionnaire version each case's response was answered on (to name its triggers' items), by case id. */
export async function findCaseVersionIds(db: Db, caseIds: readonly number[]): Promise<Map<number, number>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("service_case as sc")
    .innerJoin("response as r", "r.id", "sc.response_id")
    .select(["sc.id", "r.questionnaire_version_id as version_id"])
    .where("sc.id", "in", caseIds as number[])
    .execute();
  return new Map(rows.map((row) => [row.id, row.version_id]));
}

export async function findActiveStaff(db: Db, id: number) {
  return db
    .selectFrom("staff_user")
    .select(["id", "role"])
    .where("id", "=", id)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
}

/**
 * Marks overdue cases not yet escalated as escalated, and returns them with their assignee (the
 * escalation e-mails go to the assignee and to the quality team).
 */
export async function escalateOverdue(db: Db, now: Date) {
  return db
    .updateTable("service_case")
    .set({ escalated_at: now, updated_at: now })
    .where("escalated_at", "is", null)
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "open"), eb("contact_due_at", "<", now)]),
        eb.and([eb("status", "in", ["open", "contacted"]), eb("resolve_due_at", "<", now)]),
      ]),
    )
    .returning(["id", "assigned_to", "department"])
    .execute();
}

/** Active quality staff (the escalation's second recipients). */
export async function listQualityStaff(db: Db) {
  return db
    .selectFrom("staff_user")
    .select("id")
    .where("role", "=", "quality")
    .where("disabled_at", "is", null)
    .execute();
}
