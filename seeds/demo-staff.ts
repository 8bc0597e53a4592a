import type { Role } from "../src/accounts/roles.ts";

/**
 * The demo organisation's staff: one account of every role. Printed at first start and in the README;
 * change or disable them before real use.
 */
export const DEMO_STAFF: { username: string; displayName: string; role: Role; password: string }[] = [
  { username: "admin", displayName: "系统管理员 Admin", role: "admin", password: "manyi-admin-demo" },
  { username: "quality", displayName: "质量专员 王芳", role: "quality", password: "manyi-quality-demo" },
  { username: "manager", displayName: "总经理 李明", role: "manager", password: "manyi-manager-demo" },
  {
    username: "cm.zhang",
    displayName: "客户经理 张伟",
    role: "customer_manager",
    password: "manyi-cm-demo-1",
  },
];
