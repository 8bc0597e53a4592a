import type { ColumnType, Generated } from "kysely";

export interface ReportRollupTable {
  questionnaire_version_id: number;
  breakdown: string;
  breakdown_attribute: string;
  day: ColumnType<string, string, string>;
  measure: string;
  n: number;
  sum: number;
  sum_sq: number;
  sum_y: number;
  sum_y_sq: number;
  sum_xy: number;
  counts: number[] | null;
  /** Satisfaction groups: points in millionths by number of answered items (bigint[], read as text). */
  points_by_answer_count: string[] | null;
}

export interface ReportDissatisfiedTable {
  response_id: number;
  questionnaire_version_id: number;
  day: ColumnType<string, string, string>;
  item_keys: string[];
}

export interface ReportRollupStateTable {
  id: number;
  time_zone: string;
}

export interface ReportScheduleTable {
  id: Generated<number>;
  name: string;
  questionnaire_id: number;
  cadence: "monthly" | "quarterly" | "yearly";
  day_of_month: number;
  hour: number;
  minute: number;
  filter: ColumnType<Record<string, string>, string, string>;
  recipients: string[];
  locale: "zh-CN" | "en";
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  next_run_at: Date;
  created_by: number | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ReportSnapshotTable {
  id: Generated<number>;
  schedule_id: number | null;
  questionnaire_id: number;
  period_key: string;
  scheduled_for: Date;
  status: "sending" | "sent" | "failed";
  claimed_at: Date;
  /** the presence id of the process sending the run (jobs/process-presence.ts) */
  claimed_by: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  recipients: string[];
  subject: string | null;
  html_body: string | null;
  text_body: string | null;
  images: ColumnType<{ cid: string; filename: string; png: string }[] | null, string | null, string | null>;
  pdf: Buffer | null;
  model: ColumnType<unknown, string | null, string | null>;
  error: string | null;
  sent_at: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}
