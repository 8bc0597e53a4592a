import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { CreatedAt, UpdatedAt } from "../db/column-types.ts";

export interface DepartmentTable {
  id: Generated<number>;
  /** what a questionnaire item, a follow-up case and a report filter name the department by */
  code: string;
  name_zh: string;
  name_en: string;
  email: string | null;
  head_user_id: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
export type DepartmentRow = Selectable<DepartmentTable>;
export type NewDepartmentRow = Insertable<DepartmentTable>;
export type DepartmentRowUpdate = Updateable<DepartmentTable>;

export interface DepartmentMemberTable {
  department_id: number;
  user_id: number;
}
