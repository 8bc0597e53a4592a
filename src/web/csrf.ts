import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { AppError } from "../errors.ts";

export const CSRF_COOKIE = "manyi_csrf";
export const CSRF_FIELD = "_csrf";

/**
 * Signed double-submit token: every browser gets a random HttpOnly cookie, and each form carries
 * HMAC(secret, cookie). A forged cross-site form cannot read the cookie, so it cannot carry the token.
 * Stateless, so it works before sign-in (the login form) and across app processes.
 */
export function csrfProtection(secret: string, secureCookies: boolean) {
  const sign = (value: string) => createHmac("sha256", secret).update(`csrf:${value}`).digest("base64url");
  return (req: Request, res: Response, next: NextFunction) => {
    let cookie: unknown = req.cookies?.[CSRF_COOKIE];
    if (typeof cookie !== "string" || cookie.length < 20) {
      cookie = randomBytes(24).toString("base64url");
      res.cookie(CSRF_COOKIE, cookie, { httpOnly: true, sameSite: "lax", secure: secureCookies, path: "/" });
      // A request without the cookie cannot pass the check below either.
      (req.cookies as Record<string, string>)[CSRF_COOKIE] = "";
    }
    req.csrfToken = sign(cookie as string);
    res.locals.csrfToken = req.csrfToken;
    if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
    const sent = typeof req.body?.[CSRF_FIELD] === "string" ? req.body[CSRF_FIELD] : req.get("x-csrf-token");
    const presentedCookie = req.cookies?.[CSRF_COOKIE];
    if (typeof sent !== "string" || !presentedCookie || !safeEqual(sent, sign(presentedCookie))) {
      return next(new AppError(403, "csrf_failed", "The form's security token is missing or expired"));
    }
    next();
  };
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
