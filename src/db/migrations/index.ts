import type { Migration } from "kysely";
import * as staffAccounts from "./2026-11-22T01-30-00_staff_accounts.ts";
import * as auditLog from "./2026-11-22T01-31-00_audit_log.ts";
import * as surveys from "./2026-11-22T02-00-00_surveys.ts";
import * as distribution from "./2026-11-22T10-00-00_distribution.ts";
import * as customers from "./2026-11-22T11-00-00_customers.ts";
import * as reports from "./2026-11-22T12-00-00_reports.ts";
import * as reportSchedules from "./2026-11-22T12-10-00_report_schedules.ts";
import * as answerStatementChecks from "./2026-11-22T13-00-00_answer_statement_checks.ts";
import * as questionnaireNameEn from "./2026-11-29T21-00-00_questionnaire_name_en.ts";
import * as customerImportClaim from "./2026-12-02T01-00-00_customer_import_claim.ts";
import * as reportBreakdownNames from "./2026-12-02T02-20-00_report_breakdown_names.ts";
import * as reportSnapshotClaim from "./2026-12-02T02-40-00_report_snapshot_claim.ts";
import * as reportRollupExactSums from "./2026-12-03T00-10-00_report_rollup_exact_sums.ts";
import * as loginCheck from "./2026-12-03T01-00-00_login_check.ts";
import * as reportRollupRest from "./2026-12-03T03-00-00_report_rollup_rest.ts";
import * as responseClaimedRef from "./2026-12-04T01-00-00_response_claimed_ref.ts";
import * as customerAsAnswered from "./2026-12-05T01-00-00_customer_as_answered.ts";
import * as responseCounted from "./2026-12-05T02-00-00_response_counted.ts";
import * as cases from "./2026-12-05T04-00-00_cases.ts";
import * as departments from "./2026-12-06T01-00-00_departments.ts";
import * as caseCausesRecovery from "./2026-12-06T02-00-00_case_causes_recovery.ts";

/**
 * Every migration, by name, in order. Listed statically (not read from the folder at run time) so the
 * same code runs under tsx, vitest and a bundler; a unit test checks that no file is left out.
 */
export const MIGRATIONS: Record<string, Migration> = {
  "2026-11-22T01-30-00_staff_accounts": staffAccounts,
  "2026-11-22T01-31-00_audit_log": auditLog,
  "2026-11-22T02-00-00_surveys": surveys,
  "2026-11-22T10-00-00_distribution": distribution,
  "2026-11-22T11-00-00_customers": customers,
  "2026-11-22T12-00-00_reports": reports,
  "2026-11-22T12-10-00_report_schedules": reportSchedules,
  "2026-11-22T13-00-00_answer_statement_checks": answerStatementChecks,
  "2026-11-29T21-00-00_questionnaire_name_en": questionnaireNameEn,
  "2026-12-02T01-00-00_customer_import_claim": customerImportClaim,
  "2026-12-02T02-20-00_report_breakdown_names": reportBreakdownNames,
  "2026-12-02T02-40-00_report_snapshot_claim": reportSnapshotClaim,
  "2026-12-03T00-10-00_report_rollup_exact_sums": reportRollupExactSums,
  "2026-12-03T01-00-00_login_check": loginCheck,
  "2026-12-03T03-00-00_report_rollup_rest": reportRollupRest,
  "2026-12-04T01-00-00_response_claimed_ref": responseClaimedRef,
  "2026-12-05T01-00-00_customer_as_answered": customerAsAnswered,
  "2026-12-05T02-00-00_response_counted": responseCounted,
  "2026-12-05T04-00-00_cases": cases,
  "2026-12-06T01-00-00_departments": departments,
  "2026-12-06T02-00-00_case_causes_recovery": caseCausesRecovery,
};
