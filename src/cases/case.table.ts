import type { ColumnType, Generated } from "kysely";
import type { CaseStatus, CaseTrigger, ContactChannel, ContactOutcome } from "./case.ts";

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
  cause: string | null;
  fix: string | null;
  reply: string | null;
  created_at: Stamp;
  updated_at: Stamp;
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
