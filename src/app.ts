import path from "node:path";
import cookieParser from "cookie-parser";
import express, { type Express } from "express";
import helmet from "helmet";
import type { Kysely } from "kysely";
import type pg from "pg";
import type { Logger } from "pino";
import { accountApiRouter } from "./accounts/account.api.ts";
import { authRouter } from "./accounts/auth.routes.ts";
import { hasPermission } from "./accounts/roles.ts";
import { tokensRouter } from "./accounts/tokens.routes.ts";
import { usersRouter } from "./accounts/users.routes.ts";
import { auditRouter } from "./audit/audit.routes.ts";
import { caseApiRouter } from "./cases/case.api.ts";
import { caseCausesRouter } from "./cases/case-causes.routes.ts";
import { caseRulesRouter } from "./cases/case-rules.routes.ts";
import { casesRouter } from "./cases/cases.routes.ts";
import { workCalendarRouter } from "./cases/work-calendar.routes.ts";
import { consoleRouter } from "./console/console.routes.ts";
import { customerHistoryReader } from "./console/customer-history.ts";
import { customerApiRouter } from "./customers/customer.api.ts";
import { customersRouter } from "./customers/customers.routes.ts";
import { customerImportRouter } from "./customers/import/customer-import.routes.ts";
import { IMPORT_MAX_BYTES } from "./customers/import/customer-import.service.ts";
import { segmentsRouter } from "./customers/segments.routes.ts";
import type { Database } from "./db/database.ts";
import { departmentsRouter } from "./departments/departments.routes.ts";
import { callsRouter } from "./distribution/calls.routes.ts";
import { customerMessagesRouter } from "./distribution/customer-messages.routes.ts";
import { openLinkSigner } from "./distribution/open-link-signature.ts";
import { unsubscribeRouter } from "./distribution/unsubscribe.routes.ts";
import { waveApiRouter } from "./distribution/wave.api.ts";
import { waveRouter } from "./distribution/wave.routes.ts";
import { healthRouter } from "./health.routes.ts";
import type { JobQueue } from "./jobs/job-queue.ts";
import type { Mailer } from "./mail/mailer.ts";
import { outboxRouter } from "./mail/outbox.routes.ts";
import { metricsRouter } from "./metrics/metrics.routes.ts";
import { createMetrics, type Metrics } from "./metrics/metrics.ts";
import { countRequests } from "./metrics/request-metrics.ts";
import { builderRouter } from "./questionnaires/builder/builder.routes.ts";
import { questionnaireApiRouter } from "./questionnaires/questionnaire.api.ts";
import { questionnaireRouter } from "./questionnaires/questionnaire.routes.ts";
import { reportApiRouter } from "./reports/report.api.ts";
import { reportRouter } from "./reports/report.routes.ts";
import { defaultReportSettings, type ReportSettings } from "./reports/report-settings.ts";
import { scheduleRouter } from "./reports/schedule.routes.ts";
import { interviewRouter } from "./responses/interview.routes.ts";
import { previewRouter } from "./responses/preview.routes.ts";
import { personalLinkRouter, respondRouter } from "./responses/respond.routes.ts";
import { responseApiRouter } from "./responses/response.api.ts";
import { responsesRouter } from "./responses/responses.routes.ts";
import { apiNotFound, apiTokenAuth } from "./web/api-auth.ts";
import { csrfProtection } from "./web/csrf.ts";
import { errorHandler, notFound } from "./web/error-handler.ts";
import { readFlash } from "./web/flash.ts";
import { noStore } from "./web/no-store.ts";
import { requestLog } from "./web/request-log.ts";
import { loadSession } from "./web/session.middleware.ts";
import { refuseUnstorableText } from "./web/storable-text.ts";
import { fileUpload } from "./web/upload.ts";
import { configureViews } from "./web/view-engine.ts";
import "./web/request-context.ts";

export interface AppDependencies {
  db: Kysely<Database>;
  pool: pg.Pool;
  jobs: JobQueue;
  mailer: Mailer;
  /** the presence id of this process (from the background): work a request starts is claimed under it */
  processId: string;
  logger: Logger;
  sessionSecret: string;
  /** Cookies get the Secure flag when the public URL is https. */
  publicUrl: string;
  now?: () => Date;
  /**
   * The organisation's IANA time zone (config TIME_ZONE), the one zone of the app: closing dates,
   * dates shown in pages and e-mails, report periods and schedules.
   */
  timeZone: string;
  /** PDF printer (and invitation counter) of reports; defaults from the environment. */
  reports?: Omit<ReportSettings, "timeZone">;
  /**
   * This app instance's metrics, shared with its background (whose sender counts messages); a new set
   * when absent. Never prom-client's global registry: several apps may run in one process.
   */
  metrics?: Metrics;
  /** METRICS_TOKEN: set, `GET /metrics` answers only requests bearing it; unset, only this machine. */
  metricsToken?: string | undefined;
}

/** The web application; no listening, no process handling (see server.ts). */
export function createApp(deps: AppDependencies): Express {
  const now = deps.now ?? (() => new Date());
  const metrics = deps.metrics ?? createMetrics();
  const secureCookies = deps.publicUrl.startsWith("https:");
  // signs the customer reference of an open link made for one customer (a key of its own, see the file)
  const links = { signer: openLinkSigner(deps.sessionSecret), publicUrl: deps.publicUrl };
  const reports: ReportSettings = {
    ...defaultReportSettings(deps.timeZone),
    ...deps.reports,
    timeZone: deps.timeZone,
  };
  const app = express();
  app.disable("x-powered-by");
  // No ETag on dynamic responses: every page carries its own form token and every API answer is fresh,
  // so a hash of each body would buy no 304s, only CPU (and a second write per response). Static files
  // keep theirs (express.static sets its own).
  app.set("etag", false);
  // Behind one reverse proxy, req.ip is the client's address (login throttling counts per address).
  app.set("trust proxy", "loopback");
  configureViews(app, deps.timeZone);

  app.use(requestLog(app, deps.logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "script-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "upgrade-insecure-requests": null,
        },
      },
      strictTransportSecurity: secureCookies,
    }),
  );
  app.use("/static", express.static(path.resolve(import.meta.dirname, "../public"), { maxAge: "1h" }));
  // pages link /static/favicon.svg; clients that ask for the conventional address get there too
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/static/favicon.svg"));
  // after the static files: no route names them, and a page would count each of its style sheets and scripts
  app.use(countRequests(metrics));
  app.use(healthRouter(deps.pool));
  app.use(
    metricsRouter(metrics, { db: deps.db, pool: deps.pool, now, logger: deps.logger }, deps.metricsToken),
  );

  // `/api/v1`: bearer tokens, JSON in and out, every list paginated.
  const api = express.Router();
  // Every answer is for one token holder, and most carry personal data: none is cached.
  api.use(noStore);
  api.use(apiTokenAuth(deps.db, now));
  api.use(accountApiRouter(deps.db));
  api.use("/questionnaires", questionnaireApiRouter(deps.db, now));
  api.use("/responses", responseApiRouter(deps.db, now, deps.timeZone));
  api.use("/reports", reportApiRouter(deps.db, now, reports));
  api.use("/waves", waveApiRouter(deps.db, deps.jobs, now, deps.timeZone, links));
  api.use("/customers", customerApiRouter(deps.db, deps.jobs, now));
  api.use("/cases", caseApiRouter(deps.db, deps.timeZone, now));
  api.use(apiNotFound);
  app.use("/api/v1", express.json({ limit: "1mb" }), refuseUnstorableText, api);

  app.use(express.urlencoded({ extended: false, limit: "200kb", parameterLimit: 500 }));
  app.use(cookieParser());
  app.use(loadSession(deps.db, now));
  app.use(readFlash);
  // after the session: a refusal is worded in the reader's language
  app.use(refuseUnstorableText);
  // Before the form check: a mail client's one-click unsubscribe carries no form token.
  app.use("/u", unsubscribeRouter(deps.db, now));
  // The CSV upload is multipart: read it before the CSRF check, and only for staff who may import.
  app.use(
    "/admin/customers/import",
    fileUpload({
      maxBytes: IMPORT_MAX_BYTES,
      allowed: (req) => req.user !== undefined && hasPermission(req.user.role, "customers.view_all"),
    }),
    refuseUnstorableText,
  );
  app.use(csrfProtection(deps.sessionSecret, secureCookies));

  app.use(authRouter(deps.db, now, secureCookies));
  app.use("/w", respondRouter(deps.db, now, secureCookies, deps.timeZone, links.signer));
  app.use("/s", personalLinkRouter(deps.db, now, secureCookies, deps.timeZone));
  app.use("/admin", consoleRouter(deps.db, deps.timeZone, now));
  app.use("/admin/users", usersRouter(deps.db));
  app.use("/admin/tokens", tokensRouter(deps.db, now));
  app.use("/admin/audit", auditRouter(deps.db));
  app.use("/admin/departments", departmentsRouter(deps.db, now));
  app.use("/admin/questionnaires", questionnaireRouter(deps.db, now));
  app.use("/admin/questionnaires", builderRouter(deps.db));
  app.use("/admin/questionnaires", previewRouter(deps.db));
  // Pages with customers' personal data are never cached (a report lists dissatisfied customers by name).
  app.use("/admin/responses", noStore, responsesRouter(deps.db, deps.timeZone, now));
  app.use("/admin/interviews", noStore, interviewRouter(deps.db, now));
  app.use("/admin/reports", noStore, reportRouter(deps.db, now, reports));
  app.use(
    "/admin/report-schedules",
    scheduleRouter(
      deps.db,
      {
        mailer: deps.mailer,
        settings: reports,
        publicUrl: deps.publicUrl,
        logger: deps.logger,
        processId: deps.processId,
      },
      now,
    ),
  );
  app.use(
    "/admin/waves",
    waveRouter(
      deps.db,
      {
        jobs: deps.jobs,
        mailer: deps.mailer,
        publicUrl: deps.publicUrl,
        timeZone: deps.timeZone,
        signer: links.signer,
      },
      now,
    ),
  );
  app.use("/admin/outbox", noStore, outboxRouter(deps.db, deps.mailer));
  app.use("/admin/calls", noStore, callsRouter(deps.db, now));
  app.use("/admin/customers/import", noStore, customerImportRouter(deps.db, deps.jobs, now));
  app.use("/admin/customers", noStore, customerMessagesRouter(deps.db));
  app.use("/admin/customers", noStore, customersRouter(deps.db, now, customerHistoryReader(deps.db, now)));
  app.use("/admin/segments", segmentsRouter(deps.db, now));
  app.use("/admin/cases/rules", caseRulesRouter(deps.db, now));
  app.use("/admin/cases/causes", caseCausesRouter(deps.db));
  app.use("/admin/cases/calendar", workCalendarRouter(deps.db));
  // a case page shows the customer's phone, answers and comments
  app.use("/admin/cases", noStore, casesRouter(deps.db, deps.timeZone, now));

  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
