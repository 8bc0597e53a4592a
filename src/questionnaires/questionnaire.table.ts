import type { ColumnType, Generated } from "kysely";

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
/** jsonb: read as a value, written as JSON text */
type Json<T> = ColumnType<T, string, string>;

export interface CustomerTable {
  id: Generated<number>;
  external_ref: string;
  name: string;
  email: string | null;
  phone: string | null;
  customer_type: string | null;
  channel: string | null;
  value_tier: string | null;
  activity: string | null;
  region: string | null;
  manager_user_id: number | null;
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  opted_out_at: Date | null;
  opt_out_source: string | null;
  locale: ColumnType<"zh-CN" | "en" | null, "zh-CN" | "en" | null | undefined, "zh-CN" | "en" | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface QuestionnaireTable {
  id: Generated<number>;
  /** the newest saved version's title in Chinese; `name_en` in English */
  name: string;
  name_en: Generated<string>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  archived_at: Date | null;
}

export interface QuestionnaireVersionTable {
  id: Generated<number>;
  questionnaire_id: number;
  version_number: number;
  definition: Json<unknown>;
  status: "draft" | "published";
  published_at: Date | null;
  published_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface WaveTable {
  id: Generated<number>;
  questionnaire_id: number;
  questionnaire_version_id: number;
  name: string;
  channel: "web" | "email" | "staff";
  slug: string | null;
  anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  opens_at: Date | null;
  closes_at: Date | null;
  created_by: number | null;
  created_at: CreatedAt;
  audience: Json<WaveAudience> | null;
  subject: Json<LocalizedText> | null;
  body: Json<LocalizedText> | null;
  reminder_subject: Json<LocalizedText> | null;
  reminder_body: Json<LocalizedText> | null;
  reminder_days: ColumnType<number[], number[] | undefined, number[]>;
  default_locale: ColumnType<"zh-CN" | "en", "zh-CN" | "en" | undefined, "zh-CN" | "en">;
  launched_at: Date | null;
  launched_by: number | null;
}

export type WaveAudience = { kind: "all" } | { kind: "segment"; id: number } | { kind: "list"; id: number };
export type LocalizedText = { "zh-CN": string; en: string };

export interface InvitationTable {
  id: Generated<number>;
  wave_id: number;
  customer_id: number;
  email: string | null;
  locale: ColumnType<string, string | undefined, string>;
  assigned_to: number | null;
  status: "queued" | "sending" | "sent" | "failed" | "cancelled" | "not_sent";
  message_kind: ColumnType<"invitation" | "reminder", "invitation" | "reminder" | undefined>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  last_error: string | null;
  claimed_by: string | null;
  claimed_at: Date | null;
  sent_by: string | null;
  reminders_sent: ColumnType<number, number | undefined, number>;
  first_sent_at: Date | null;
  last_sent_at: Date | null;
  opened_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  opted_out_at: Date | null;
  response_id: number | null;
  created_at: CreatedAt;
}

export interface InvitationTokenTable {
  token_hash: string;
  invitation_id: number;
  created_at: CreatedAt;
}

export interface ResponseTable {
  id: Generated<number>;
  wave_id: number | null;
  questionnaire_version_id: number;
  customer_id: number | null;
  customer_ref: string | null;
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
}

export interface AnswerTable {
  response_id: number;
  item_key: string;
  part: ColumnType<string, string | undefined, string>;
  number: number | null;
  text: string | null;
}
