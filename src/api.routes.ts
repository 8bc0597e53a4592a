import { type NextFunction, type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { authenticateApiToken } from "./accounts/auth.service.ts";
import { permissionsOf } from "./accounts/roles.ts";
import { countStaffUsers, listStaffUsers } from "./accounts/staff-user.repository.ts";
import { customerApiRouter } from "./customers/customer.api.ts";
import type { Database } from "./db/database.ts";
import { waveApiRouter } from "./distribution/wave.api.ts";
import { UnauthenticatedError } from "./errors.ts";
import type { JobQueue } from "./jobs/job-queue.ts";
import { questionnaireApiRouter } from "./questionnaires/questionnaire.api.ts";
import { reportApiRouter } from "./reports/report.api.ts";
import type { ReportSettings } from "./reports/report-settings.ts";
import { responseApiRouter } from "./responses/response.api.ts";
import { currentUser, requirePermission } from "./web/authorize.ts";
import { apiPage, pageQuerySchema, toLimitOffset } from "./web/pagination.ts";
import { parseOrThrow } from "./web/validate.ts";

/** `/api/v1`: bearer tokens only (no cookies, so no CSRF), JSON in and out, lists paginated. */
export function apiRouter(db: Kysely<Database>, now: () => Date, jobs: JobQueue, reports: ReportSettings) {
  const router = Router();

  router.use(async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S{10,200})$/i.exec(header);
    if (!match?.[1]) {
      throw new UnauthenticatedError("Send an API token as: Authorization: Bearer <token>");
    }
    req.user = await authenticateApiToken(db, match[1], now());
    next();
  });

  router.get("/me", (req, res) => {
    const user = currentUser(req);
    res.json({
      data: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        permissions: permissionsOf(user.role),
      },
    });
  });

  router.get("/users", requirePermission("users.manage"), async (req, res) => {
    const page = parseOrThrow(pageQuerySchema, req.query);
    const [users, total] = await Promise.all([listStaffUsers(db, toLimitOffset(page)), countStaffUsers(db)]);
    res.json(apiPage(users, page, total));
  });

  router.use("/questionnaires", questionnaireApiRouter(db, now));
  router.use("/responses", responseApiRouter(db, now, reports.timeZone));
  router.use("/reports", reportApiRouter(db, now, reports));
  router.use("/waves", waveApiRouter(db, jobs, now, reports.timeZone));
  router.use("/customers", customerApiRouter(db, now));

  router.use((req: Request, res: Response) => {
    res
      .status(404)
      .json({ error: { code: "not_found", message: `No API route ${req.method} ${req.originalUrl}` } });
  });
  return router;
}
