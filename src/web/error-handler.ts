import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { isDatabaseUnavailable, isUniqueViolation, uniqueViolationColumn } from "../db/database-errors.ts";
import { AppError, ConflictError, TooManyRequestsError } from "../errors.ts";
import { negotiateLocale } from "../i18n/i18n.ts";
import { errorBody, errorTitle } from "./message-families.ts";

const isApi = (req: Request) => req.originalUrl.startsWith("/api/");

interface HttpError {
  status?: number;
  type?: string;
}

/** Turns anything thrown into an error page or the API's `{ error: { code, message, details? } }`. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = toAppError(error);
    if (appError.status === 503)
      (req.log ?? logger).warn({ err: error }, "request failed: database unavailable");
    else if (appError.status >= 500) (req.log ?? logger).error({ err: error }, "request failed");
    if (res.headersSent) {
      res.end();
      return;
    }
    if (appError instanceof TooManyRequestsError) res.set("Retry-After", String(appError.retryAfterSeconds));
    if (appError.status === 503) res.set("Retry-After", "5");
    if (isApi(req)) {
      res.status(appError.status).json({
        error: {
          code: appError.code,
          message: appError.message,
          ...(appError.details === undefined ? {} : { details: appError.details }),
        },
      });
      return;
    }
    if (appError.status === 401 && req.method === "GET") {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    const page = appError.code === "csrf_failed" ? "csrf" : String(appError.status);
    // an error before the session was read (a bad body, the database away) is still worded and marked
    // in the reader's language
    if (!req.locale) {
      req.locale = negotiateLocale(req.get("accept-language"));
      res.locals.locale = req.locale;
    }
    res.status(appError.status).render("error", {
      ...backLink(req),
      layout: req.user ? "console" : "bare",
      title: errorTitle.keyOf(page) ?? "error.500.title",
      body: errorBody.keyOf(page) ?? "error.500.body",
      // A conflict carries its reason as a message key, worded in the page's language. Other errors'
      // details are English sentences (the API's words): shown on English pages only, so a Chinese page
      // says what happened in Chinese (the title and body above) and nothing in English.
      message:
        appError.status < 500 && page !== "csrf" && page !== "403"
          ? appError instanceof ConflictError
            ? appError.reason
            : req.locale === "en"
              ? appError.message
              : undefined
          : undefined,
      requestId: req.id,
    });
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // Two requests creating the same thing at once, where no service words it better: a conflict.
  if (isUniqueViolation(error)) {
    const column = uniqueViolationColumn(error);
    return new ConflictError({ key: "conflict.duplicate", values: { field: column ?? "none" } });
  }
  if (isDatabaseUnavailable(error))
    return new AppError(
      503,
      "unavailable",
      "The database cannot be reached at the moment; try again in a few seconds",
    );
  const http = error as HttpError;
  if (http?.type === "entity.too.large")
    return new AppError(413, "payload_too_large", "The request body is too large");
  if (http?.type === "entity.parse.failed")
    return new AppError(400, "bad_request", "The request body is not valid JSON");
  if (typeof http?.status === "number" && http.status >= 400 && http.status < 500) {
    return new AppError(http.status, "bad_request", "The request could not be understood");
  }
  return new AppError(500, "internal", "An unexpected error occurred");
}

export function notFound(req: Request, res: Response) {
  if (isApi(req)) {
    res.status(404).json({ error: { code: "not_found", message: `No API route ${req.method} ${req.path}` } });
    return;
  }
  res.status(404).render("error", {
    ...backLink(req),
    layout: req.user ? "console" : "bare",
    title: "error.404.title",
    body: "error.404.body",
    requestId: req.id,
  });
}

/** Where an error page leads: a customer on a survey page back to the survey (it resumes), not to the staff sign-in. */
function backLink(req: Request): { backHref: string; backLabel: string } {
  const survey = /^\/[ws]\/[^/?#]+/.exec(req.originalUrl)?.[0];
  return survey
    ? { backHref: survey, backLabel: "error.backToSurvey" }
    : { backHref: "/", backLabel: "error.backHome" };
}
