import type { ColumnType, Generated } from "kysely";
import type { CustomerAsAnsweredColumns } from "../customers/customer-as-answered.ts";
import type { CreatedAt, UpdatedAt } from "../db/column-types.ts";

/** With a copy of the customer's segment attributes as they were when the response was submitted. */
export interface ResponseTable extends CustomerAsAnsweredColumns {
  id: Generated<number>;
  wave_id: number | null;
  questionnaire_version_id: number;
  customer_id: number | null;
  customer_ref: string | null;
  /** an open link's customer reference without a valid signature: claimed, never joined to a customer */
  claimed_ref: ColumnType<string | null, string | null | undefined, string | null>;
  mode: "web" | "email" | "phone" | "visit" | "letter";
  recorded_by: number | null;
  status: "partial" | "submitted";
  is_test: ColumnType<boolean, boolean | undefined, boolean>;
  locale: ColumnType<string, string | undefined, string>;
  resume_token_hash: string | null;
  submit_key: string | null;
  draft_answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  respondent_score: number | null;
  started_at: CreatedAt;
  updated_at: UpdatedAt;
  submitted_at: Date | null;
  /** added to the report rollups (src/reports) */
  rolled_up: ColumnType<boolean, boolean | undefined, boolean>;
  /** false: a later response of the same customer, questionnaire and month replaced it (src/reports) */
  counted: ColumnType<boolean, boolean | undefined, boolean>;
  /** looked at by the follow-up rules (src/cases) */
  case_checked: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface AnswerTable {
  response_id: number;
  item_key: string;
  part: ColumnType<string, string | undefined, string>;
  number: number | null;
  text: string | null;
}
