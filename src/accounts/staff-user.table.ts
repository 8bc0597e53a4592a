import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export interface StaffUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  email: string | null;
  role: string;
  locale: string | null;
  password_hash: string;
  disabled_at: Date | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type StaffUserRow = Selectable<StaffUserTable>;
export type NewStaffUserRow = Insertable<StaffUserTable>;
export type StaffUserRowUpdate = Updateable<StaffUserTable>;

export interface StaffSessionTable {
  id_hash: string;
  staff_user_id: number;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  staff_user_id: number;
  token_hash: string;
  token_prefix: string;
  created_by: number | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface LoginCheckTable {
  id: Generated<number>;
  account: string;
  ip: string | null;
  started_at: Date;
}
