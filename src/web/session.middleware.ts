import type { NextFunction, Request, Response } from "express";
import type { Kysely } from "kysely";
import { resolveSession, SESSION_IDLE_MS } from "../accounts/auth.service.ts";
import type { Database } from "../db/database.ts";
import { isLocale } from "../i18n/bilingual.ts";
import { negotiateLocale } from "../i18n/i18n.ts";

export const SESSION_COOKIE = "manyi_session";
export const LANGUAGE_COOKIE = "manyi_lang";

export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: SESSION_IDLE_MS };
}

/**
 * Resolves the session cookie to the signed-in user and picks the language: the user's preference,
 * else the language cookie set by the switcher, else Accept-Language.
 */
export function loadSession(db: Kysely<Database>, now: () => Date) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token: unknown = req.cookies?.[SESSION_COOKIE];
    if (typeof token === "string" && token.length > 20 && token.length < 100) {
      const user = await resolveSession(db, token, now());
      if (user) {
        req.user = user;
        req.sessionToken = token;
      }
    }
    const chosen: unknown = req.cookies?.[LANGUAGE_COOKIE];
    req.locale =
      req.user?.locale ?? (isLocale(chosen) ? chosen : negotiateLocale(req.get("accept-language")));
    res.locals.locale = req.locale;
    res.locals.user = req.user;
    // where the language switch returns to: the page as it is, filters and page number included; a page
    // rendered by a POST (a refused form) returns to its address without the query
    res.locals.currentPath = req.method === "GET" ? req.originalUrl : req.originalUrl.split("?")[0];
    next();
  };
}
