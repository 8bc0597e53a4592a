import { hasPermission, type Permission } from "../accounts/roles.ts";
import type { StaffUser } from "../accounts/staff-user.ts";
import type { MessageKey } from "../i18n/messages.en.ts";

interface NavItem {
  href: string;
  label: MessageKey;
  /** Absent: every signed-in user; several: any one of them. */
  permission?: Permission | Permission[];
  /** also shown, whatever the permission, when it has figures (a department member's cases) */
  shownWithCounts?: true;
}

/** The console's menu; each module adds its pages here. Routes enforce the same permissions. */
const NAV: NavItem[] = [
  { href: "/admin", label: "nav.home" },
  { href: "/admin/questionnaires", label: "nav.questionnaires", permission: "questionnaires.manage" },
  {
    href: "/admin/customers",
    label: "nav.customers",
    permission: ["customers.view_all", "customers.view_assigned"],
  },
  { href: "/admin/segments", label: "nav.segments", permission: "customers.view_all" },
  { href: "/admin/waves", label: "nav.waves", permission: "waves.manage" },
  { href: "/admin/responses", label: "nav.responses", permission: "responses.view_identity" },
  { href: "/admin/calls", label: "nav.calls", permission: "responses.record" },
  { href: "/admin/interviews/new", label: "nav.interview", permission: "responses.record" },
  {
    href: "/admin/cases",
    label: "nav.cases",
    permission: ["cases.view_all", "cases.view_assigned"],
    shownWithCounts: true,
  },
  { href: "/admin/reports", label: "nav.reports", permission: "reports.view" },
  { href: "/admin/report-schedules", label: "nav.reportSchedules", permission: "reports.view" },
  { href: "/admin/departments", label: "nav.departments", permission: "departments.manage" },
  { href: "/admin/users", label: "nav.users", permission: "users.manage" },
  { href: "/admin/tokens", label: "nav.tokens", permission: "tokens.manage" },
  { href: "/admin/outbox", label: "nav.outbox", permission: "waves.manage" },
  { href: "/admin/audit", label: "nav.audit", permission: "audit.view" },
  { href: "/admin/profile", label: "nav.profile" },
];

/** Figures shown beside a menu entry, by its href: the active and overdue follow-up cases. */
export type NavCounts = Record<string, { active: number; overdue: number }>;

export function navigationFor(user: StaffUser, currentPath: string, counts: NavCounts = {}) {
  const allowed = (item: NavItem) =>
    !item.permission ||
    (item.shownWithCounts === true && counts[item.href] !== undefined) ||
    (Array.isArray(item.permission) ? item.permission : [item.permission]).some((p) =>
      hasPermission(user.role, p),
    );
  return NAV.filter(allowed).map((item) => ({
    ...item,
    current: item.href === "/admin" ? currentPath === "/admin" : currentPath.startsWith(item.href),
    counts: counts[item.href],
  }));
}
