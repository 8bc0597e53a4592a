import { Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { TooManyRequestsError } from "../errors.ts";
import { setFlash } from "../web/flash.ts";
import { LANGUAGE_COOKIE, SESSION_COOKIE, sessionCookieOptions } from "../web/session.middleware.ts";
import { logIn, logOut } from "./auth.service.ts";
import { updateOwnProfile } from "./staff-user.service.ts";

const loginSchema = z.object({
  username: z.string().max(200).default(""),
  password: z.string().max(1000).default(""),
  next: z.string().max(2000).optional(),
});

/** Only same-site paths: never let `next` send someone to another host. */
function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])/.test(next) ? next : "/admin";
}

export function authRouter(db: Kysely<Database>, now: () => Date, secureCookies: boolean) {
  const router = Router();

  router.get("/", (req, res) => res.redirect(303, req.user ? "/admin" : "/login"));

  router.get("/login", (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query.next));
    res.render("login", { layout: "bare", title: "auth.title", next: safeNext(req.query.next) });
  });

  router.post("/login", async (req, res) => {
    const form = loginSchema.safeParse(req.body);
    const input = form.success ? form.data : { username: "", password: "", next: undefined };
    const renderError = (status: number, key: string) =>
      res.status(status).render("login", {
        layout: "bare",
        title: "auth.title",
        next: safeNext(input.next),
        username: input.username,
        error: key,
      });
    try {
      const result = await logIn(
        db,
        {
          username: input.username,
          password: input.password,
          ip: req.ip ?? null,
          userAgent: req.get("user-agent") ?? null,
        },
        now(),
      );
      if (!result.ok)
        return renderError(401, result.reason === "disabled" ? "auth.disabled" : "auth.invalid");
      res.cookie(SESSION_COOKIE, result.sessionToken, sessionCookieOptions(secureCookies));
      res.redirect(303, safeNext(input.next));
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        res.set("Retry-After", String(error.retryAfterSeconds));
        return renderError(429, "auth.throttled");
      }
      throw error;
    }
  });

  router.post("/logout", async (req, res) => {
    if (req.user && req.sessionToken) await logOut(db, req.sessionToken, req.user, req.ip ?? null);
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    setFlash(res, "auth.loggedOut");
    res.redirect(303, "/login");
  });

  // The language switcher: a small form, so it works without JavaScript. A signed-in user's choice is kept.
  router.post("/language", async (req, res) => {
    const parsed = z
      .object({ locale: z.enum(["zh-CN", "en"]), back: z.string().optional() })
      .safeParse(req.body);
    const locale = parsed.success ? parsed.data.locale : "zh-CN";
    res.cookie(LANGUAGE_COOKIE, locale, { sameSite: "lax", path: "/", maxAge: 365 * 24 * 3600 * 1000 });
    if (req.user) {
      await updateOwnProfile(
        db,
        { user: req.user, ip: req.ip ?? null },
        { displayName: req.user.displayName, email: req.user.email, locale },
      );
    }
    res.redirect(303, safeNext(parsed.success ? parsed.data.back : undefined));
  });

  return router;
}
