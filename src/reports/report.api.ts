import { Router } from "express";
import type { Kysely } from "kysely";
import { hasPermission } from "../accounts/roles.ts";
import type { Database } from "../db/database.ts";
import { todayIn } from "../lib/time.ts";
import { currentUser, requirePermission } from "../web/authorize.ts";
import { parseOrThrow } from "../web/validate.ts";
import { buildReport } from "./report.service.ts";
import { checkedReportQuerySchema, toReportRequest } from "./report-query.ts";
import type { ReportSettings } from "./report-settings.ts";

/**
 * `GET /api/v1/reports?questionnaire=…&period=2026-10&region=…`: the report model as JSON, numbers
 * unrounded. Customers' comments only for tokens whose user may see customer identity.
 */
export function reportApiRouter(db: Kysely<Database>, now: () => Date, settings: ReportSettings) {
  const router = Router();
  router.get("/", requirePermission("reports.view"), async (req, res) => {
    const query = parseOrThrow(checkedReportQuerySchema, req.query, "The report query is not valid");
    const request = toReportRequest(query, todayIn(settings.timeZone, now()));
    const { model } = await buildReport(
      db,
      request,
      { canSeeComments: hasPermission(currentUser(req).role, "responses.view_identity") },
      {
        timeZone: settings.timeZone,
        now,
        ...(settings.countInvitations ? { countInvitations: settings.countInvitations } : {}),
      },
    );
    res.json({ data: model });
  });
  return router;
}
