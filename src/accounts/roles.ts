/**
 * Roles and what each may do. Routes check permissions, never role names, so a role's reach is
 * decided here, in one table.
 */
export const ROLES = ["admin", "quality", "manager", "customer_manager"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "users.manage",
  "tokens.manage",
  "audit.view",
  "questionnaires.manage",
  "customers.view_all",
  "customers.view_assigned",
  "waves.manage",
  "responses.view_identity",
  "responses.record",
  "reports.view",
  "reports.schedule",
  "cases.view_all",
  "cases.view_assigned",
  "cases.manage",
  "departments.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  // 质量专员: questionnaires, customers, waves, responses with the customer's identity
  quality: [
    "questionnaires.manage",
    "customers.view_all",
    "waves.manage",
    "responses.view_identity",
    "responses.record",
    "reports.view",
    "reports.schedule",
    "cases.view_all",
    "cases.manage",
    "departments.manage",
  ],
  // 管理层: reports and aggregates only, never a customer's personal data
  manager: ["reports.view"],
  // 客户经理: only the customers assigned to them, and interviews with them
  customer_manager: ["customers.view_assigned", "responses.record", "cases.view_assigned"],
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}
