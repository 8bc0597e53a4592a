import { everyOf, keyFamily } from "../i18n/key-family.ts";
import {
  ACTIVITIES,
  CUSTOMER_FIELDS,
  CUSTOMER_LOCALES,
  CUSTOMER_TYPES,
  OPT_OUT_SOURCES,
  type ProblemCode,
  VALUE_TIERS,
} from "./customer.ts";
import type { ImportStatus } from "./import/customer-import.repository.ts";
import type { ImportFileProblem } from "./import/customer-import.service.ts";
import type { MappingProblem } from "./import/customer-import.ts";

const PROBLEM_CODES = everyOf<ProblemCode>({
  required: true,
  too_long: true,
  invalid_email: true,
  invalid_phone: true,
  invalid_customer_type: true,
  invalid_value_tier: true,
  invalid_activity: true,
  invalid_locale: true,
  invalid_opt_out: true,
  unknown_manager: true,
  too_many_attributes: true,
  invalid_attribute: true,
  duplicate_ref: true,
  malformed_csv: true,
  too_many_cells: true,
  not_accepted: true,
});

/** A problem names a field, `attributes` for the free ones, or `row` for the whole record. */
export const customerFieldKey = keyFamily("customer.field.", [
  ...CUSTOMER_FIELDS,
  "attributes",
  "row",
] as const);

/** A customer type's name (individual, business). */
export const customerTypeKey = keyFamily("customer.", CUSTOMER_TYPES);

/** An activity's name (active, semi-dormant, dormant). */
export const activityKey = keyFamily("customer.activity.", ACTIVITIES);

/** Messages named by a customer attribute's value, a field, a problem or an import's state. */
export const families = [
  customerTypeKey,
  keyFamily("customer.tier.", VALUE_TIERS),
  activityKey,
  keyFamily("customer.locale.", CUSTOMER_LOCALES),
  keyFamily("customer.optOutSource.", OPT_OUT_SOURCES),
  customerFieldKey,
  keyFamily("customer.problem.", PROBLEM_CODES),
  keyFamily(
    "customerImport.state.",
    // a running import without a heartbeat is shown as interrupted
    everyOf<ImportStatus | "interrupted">({
      uploaded: true,
      ready: true,
      running: true,
      done: true,
      failed: true,
      interrupted: true,
    }),
  ),
  keyFamily(
    "customerImport.mapping.",
    everyOf<MappingProblem["code"]>({
      missing_field: true,
      duplicate_field: true,
      bad_target: true,
      wrong_length: true,
    }),
  ),
  keyFamily(
    "customerImport.file.",
    everyOf<ImportFileProblem>({
      not_text: true,
      no_header: true,
      no_rows: true,
      too_large: true,
      no_file: true,
    }),
  ),
];
