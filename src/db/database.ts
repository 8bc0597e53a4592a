import type { Kysely, Transaction } from "kysely";
import type {
  ApiTokenTable,
  LoginCheckTable,
  StaffSessionTable,
  StaffUserTable,
} from "../accounts/staff-user.table.ts";
import type { AuditLogTable } from "../audit/audit-log.table.ts";
import type {
  CaseCauseTable,
  CaseContactTable,
  CaseNoticeTable,
  CaseRuleTable,
  ServiceCaseTable,
  WorkCalendarDayTable,
} from "../cases/case.table.ts";
import type {
  CustomerImportIssueTable,
  CustomerImportTable,
  CustomerListMemberTable,
  CustomerListTable,
  CustomerTable,
  SegmentTable,
} from "../customers/customer.table.ts";
import type { DepartmentMemberTable, DepartmentTable } from "../departments/department.table.ts";
import type { InvitationTable, InvitationTokenTable, WaveTable } from "../distribution/wave.table.ts";
import type { OutboxMessageTable } from "../mail/outbox.table.ts";
import type { QuestionnaireTable, QuestionnaireVersionTable } from "../questionnaires/questionnaire.table.ts";
import type {
  ReportDissatisfiedTable,
  ReportRollupStateTable,
  ReportRollupTable,
  ReportScheduleTable,
  ReportSnapshotTable,
} from "../reports/report.table.ts";
import type { AnswerTable, ResponseTable } from "../responses/response.table.ts";

/** Every table Kysely knows about; each module declares its own in `<entity>.table.ts`. */
export interface Database {
  staff_user: StaffUserTable;
  staff_session: StaffSessionTable;
  api_token: ApiTokenTable;
  login_check: LoginCheckTable;
  audit_log: AuditLogTable;
  customer: CustomerTable;
  questionnaire: QuestionnaireTable;
  questionnaire_version: QuestionnaireVersionTable;
  wave: WaveTable;
  response: ResponseTable;
  answer: AnswerTable;
  report_rollup: ReportRollupTable;
  report_dissatisfied: ReportDissatisfiedTable;
  report_rollup_state: ReportRollupStateTable;
  report_schedule: ReportScheduleTable;
  report_snapshot: ReportSnapshotTable;
  invitation: InvitationTable;
  invitation_token: InvitationTokenTable;
  outbox_message: OutboxMessageTable;
  customer_list: CustomerListTable;
  customer_list_member: CustomerListMemberTable;
  segment: SegmentTable;
  customer_import: CustomerImportTable;
  customer_import_issue: CustomerImportIssueTable;
  case_cause: CaseCauseTable;
  case_rule: CaseRuleTable;
  service_case: ServiceCaseTable;
  work_calendar_day: WorkCalendarDayTable;
  case_contact: CaseContactTable;
  case_notice: CaseNoticeTable;
  department: DepartmentTable;
  department_member: DepartmentMemberTable;
}

/** What a repository function takes first: the database, or the transaction a service opened. */
export type Db = Kysely<Database> | Transaction<Database>;
