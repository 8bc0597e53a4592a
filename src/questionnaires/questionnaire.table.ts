import type { Generated } from "kysely";
import type { CreatedAt, Json, UpdatedAt } from "../db/column-types.ts";

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
