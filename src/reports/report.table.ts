import type { ColumnType } from "kysely";

export interface ReportRollupTable {
  questionnaire_version_id: number;
  segment: string;
  segment_attribute: string;
  day: ColumnType<string, string, string>;
  measure: string;
  n: number;
  sum: number;
  sum_sq: number;
  sum_y: number;
  sum_y_sq: number;
  sum_xy: number;
  counts: number[] | null;
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
