import { everyOf, keyFamily } from "../i18n/key-family.ts";
import { AUDIT_ACTIONS } from "./audit-log.ts";

/** The kinds of record an audit entry names (`targetType`), as the modules write them. */
const TARGET_TYPES = everyOf<
  | "api_token"
  | "case"
  | "case_rule"
  | "case_cause"
  | "work_calendar"
  | "customer"
  | "customer_export"
  | "customer_import"
  | "customer_list"
  | "department"
  | "questionnaire"
  | "response"
  | "response_export"
  | "segment"
  | "staff_user"
  | "wave"
>({
  api_token: true,
  case: true,
  case_rule: true,
  case_cause: true,
  work_calendar: true,
  customer: true,
  customer_export: true,
  customer_import: true,
  customer_list: true,
  department: true,
  questionnaire: true,
  response: true,
  response_export: true,
  segment: true,
  staff_user: true,
  wave: true,
});

/** Messages the audit log names by an action or a record type. */
export const families = [keyFamily("audit.action.", AUDIT_ACTIONS), keyFamily("audit.target.", TARGET_TYPES)];
