import { Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import { roleName } from "../accounts/message-families.ts";
import type { Database } from "../db/database.ts";
import { requirePermission } from "../web/authorize.ts";
import { pageQuerySchema, pageView, toLimitOffset } from "../web/pagination.ts";
import { parseOrThrow } from "../web/validate.ts";
import { listAuditEntries } from "./audit-log.repository.ts";
import { AUDIT_ACTIONS } from "./audit-log.ts";

const filterSchema = pageQuerySchema.extend({
  action: z
    .enum(["", ...AUDIT_ACTIONS])
    .optional()
    .transform((value) => value || undefined),
  actor: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((value) => value || undefined),
});

/** The details that hold a role: a user's role when created, the old and new one when changed. */
const ROLE_DETAILS = new Set(["role", "from", "to"]);

/** The audit log page (访问日志审计), newest first, filterable by action and by who acted. */
export function auditRouter(db: Kysely<Database>) {
  const router = Router();
  router.use(requirePermission("audit.view"));
  router.get("/", async (req, res) => {
    const query = parseOrThrow(filterSchema, req.query);
    const { entries, total } = await listAuditEntries(db, query, toLimitOffset(query));
    const kept: Record<string, string> = {};
    if (query.action) kept.action = query.action;
    if (query.actor) kept.actor = query.actor;
    res.render("audit", {
      title: "audit.title",
      entries: entries.map((entry) => ({
        ...entry,
        // each detail as "key: value"; a nested value stays JSON; a role is named in the page's language
        details: Object.entries(entry.details).map(([key, value]) => ({
          key,
          value: typeof value === "string" ? value : JSON.stringify(value),
          label: ROLE_DETAILS.has(key) && typeof value === "string" ? roleName.keyOf(value) : undefined,
        })),
      })),
      actions: AUDIT_ACTIONS.map((action) => ({ action, selected: action === query.action })),
      filter: query,
      pagination: pageView(query, total, "/admin/audit", kept),
    });
  });
  return router;
}
