import type { ColumnType, Generated } from "kysely";
import type { CustomerAsAnsweredColumns } from "../customers/customer-as-answered.ts";
import type { CreatedAt, Json } from "../db/column-types.ts";
import type { Bilingual } from "../i18n/bilingual.ts";

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
  subject: Json<Bilingual> | null;
  body: Json<Bilingual> | null;
  reminder_subject: Json<Bilingual> | null;
  reminder_body: Json<Bilingual> | null;
  reminder_days: ColumnType<number[], number[] | undefined, number[]>;
  default_locale: ColumnType<"zh-CN" | "en", "zh-CN" | "en" | undefined, "zh-CN" | "en">;
  launched_at: Date | null;
  launched_by: number | null;
  /** a standing wave's key (the system adds customers one at a time); null for waves staff make */
  standing_key: ColumnType<string | null, string | null | undefined, never>;
}

export type WaveAudience =
  | { kind: "all" }
  | { kind: "segment"; id: number }
  | { kind: "list"; id: number }
  /** a standing wave's: customers are added one at a time, a launch adds no one */
  | { kind: "individual" };

/** With a copy of the customer's segment attributes as they were when the invitation was created. */
export interface InvitationTable extends CustomerAsAnsweredColumns {
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
