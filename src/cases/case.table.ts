import type { ColumnType, Generated } from "kysely";
import type { CaseStatus, CaseTrigger, ContactChannel, ContactOutcome, RecoverySkipped } from "./case.ts";

type Stamp = ColumnType<Date, Date | undefined, Date>;

export interface CaseRuleTable {
  questionnaire_id: number;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  on_dissatisfied: ColumnType<boolean, boolean | undefined, boolean>;
  on_basically_satisfied: ColumnType<boolean, boolean | undefined, boolean>;
  score_below: number | null;
  nps_detractor: ColumnType<boolean, boolean | undefined, boolean>;
  on_no: ColumnType<boolean, boolean | undefined, boolean>;
  comment_score_below: number | null;
  anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  contact_hours: ColumnType<number, number | undefined, number>;
  resolve_days: ColumnType<number, number | undefined, number>;
  /** the time limits count Monday–Friday and the calendar's exceptions, not every day */
  working_days: ColumnType<boolean, boolean | undefined, boolean>;
  /** unanswered attempts after which an open case becomes "could not reach" */
  unreachable_after: ColumnType<number, number | undefined, number>;
  /** the questionnaire a resolved case's customer is asked to answer (跟进回访), if any */
  recovery_questionnaire_id: number | null;
  recovery_channel: ColumnType<"email" | "phone", "email" | "phone" | undefined, "email" | "phone">;
  updated_by: number | null;
  updated_at: Stamp;
}

export interface ServiceCaseTable {
  id: Generated<number>;
  kind: ColumnType<"followup" | "complaint", "followup" | "complaint" | undefined, never>;
  response_id: number | null;
  questionnaire_id: number;
  customer_id: number | null;
  status: ColumnType<CaseStatus, CaseStatus | undefined, CaseStatus>;
  triggers: ColumnType<CaseTrigger[], string, string>;
  respondent_score: number | null;
  department: string | null;
  assigned_to: number | null;
  contact_due_at: Date;
  resolve_due_at: Date;
  escalated_at: Date | null;
  contacted_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  /** a second-level cause of the configurable list */
  cause_id: number | null;
  cause_notes: string | null;
  fix: string | null;
  reply: string | null;
  /** the recovery survey's invitation, its response, the response's score, and whether it counts as recovered */
  recovery_invitation_id: number | null;
  recovery_response_id: number | null;
  recovery_score: number | null;
  recovered: boolean | null;
  /** why no recovery survey went out: no known customer, no e-mail address, surveyed already this month, the questionnaire unpublished */
  recovery_skipped: RecoverySkipped | null;
  created_at: Stamp;
  updated_at: Stamp;
}

/** The two-level cause list (e.g. 理赔 › 时效): a top-level cause has no parent. */
export interface CaseCauseTable {
  id: Generated<number>;
  parent_id: number | null;
  name_zh: string;
  name_en: string;
  position: ColumnType<number, number | undefined, number>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Stamp;
}

/** Exceptions to Monday–Friday for time limits in working days: a holiday off, a make-up day on. */
export interface WorkCalendarDayTable {
  /** yyyy-mm-dd */
  day: ColumnType<string, string, string>;
  working: boolean;
  note: ColumnType<string, string | undefined, string>;
}

export interface CaseContactTable {
  id: Generated<number>;
  case_id: number;
  channel: ContactChannel;
  outcome: ContactOutcome;
  call_back_at: Date | null;
  notes: ColumnType<string, string | undefined, string>;
  contacted_at: Date;
  recorded_by: number | null;
  created_at: Stamp;
}

export interface CaseNoticeTable {
  id: Generated<number>;
  case_id: number;
  kind: "opened" | "reassigned" | "escalated";
  email: string;
  locale: ColumnType<string, string | undefined, string>;
  sent_at: Date | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  created_at: Stamp;
}
