import { describe, expect, it } from "vitest";
import {
  hasPermission,
  PERMISSIONS,
  type Permission,
  ROLES,
  type Role,
} from "../../../src/accounts/roles.ts";

// The role matrix of the foundation issue, written out by hand so a change to roles.ts must be deliberate.
const EXPECTED: Record<Role, Permission[]> = {
  admin: [...PERMISSIONS],
  quality: [
    "questionnaires.manage",
    "customers.view_all",
    "waves.manage",
    "responses.view_identity",
    "responses.record",
    "reports.view",
    // issue 6: schedule reports to management
    "reports.schedule",
    // issue 15: every follow-up case, reassigning and closing
    "cases.view_all",
    "cases.manage",
    // issue 15: departments become records (code, names, e-mail, head, members)
    "departments.manage",
  ],
  manager: ["reports.view"],
  customer_manager: ["customers.view_assigned", "responses.record", "cases.view_assigned"],
};

describe("roles", () => {
  it.each(ROLES)("%s has exactly its permissions", (role) => {
    const granted = PERMISSIONS.filter((permission) => hasPermission(role, permission));
    expect(granted.sort()).toEqual([...EXPECTED[role]].sort());
  });

  it("keeps customer personal data away from management", () => {
    expect(hasPermission("manager", "customers.view_all")).toBe(false);
    expect(hasPermission("manager", "customers.view_assigned")).toBe(false);
    expect(hasPermission("manager", "responses.view_identity")).toBe(false);
    expect(hasPermission("manager", "cases.view_all")).toBe(false);
    expect(hasPermission("manager", "cases.view_assigned")).toBe(false);
  });
});
