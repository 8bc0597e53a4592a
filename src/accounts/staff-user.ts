import type { Role } from "./roles.ts";

export type Locale = "zh-CN" | "en";

export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  locale: Locale | null;
  disabled: boolean;
  createdAt: Date;
}
