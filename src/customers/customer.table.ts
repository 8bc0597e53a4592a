import type { ColumnType, Generated } from "kysely";
import type { CreatedAt, UpdatedAt } from "../db/column-types.ts";

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

type Counter = ColumnType<number, number | undefined, number>;

/** The customers an import or a bulk upsert touched, so a wave can target them. */
export interface CustomerListTable {
  id: Generated<number>;
  name: string;
  source: "import" | "api" | "manual";
  created_by: number | null;
  created_at: CreatedAt;
}

export interface CustomerListMemberTable {
  list_id: number;
  customer_id: number;
}

export interface SegmentTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  filter: ColumnType<unknown, string, string>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CustomerImportTable {
  id: Generated<number>;
  file_name: string;
  source: "console" | "api" | "cli";
  status: "uploaded" | "ready" | "running" | "done" | "failed";
  content: string | null;
  encoding: ColumnType<string, string | undefined, string>;
  header: ColumnType<string[], string | undefined, string>;
  mapping: ColumnType<unknown, string | null | undefined, string | null>;
  total_rows: Counter;
  processed_rows: Counter;
  inserted_rows: Counter;
  updated_rows: Counter;
  bad_rows: Counter;
  error_message: string | null;
  list_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: UpdatedAt;
  /** the presence id of the app process running the import (see jobs/process-presence.ts) */
  claimed_by: string | null;
}

export interface CustomerImportIssueTable {
  import_id: number;
  line: number;
  external_ref: string | null;
  problems: ColumnType<unknown, string, string>;
}
