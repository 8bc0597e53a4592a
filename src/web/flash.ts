import type { NextFunction, Request, Response } from "express";
import { isMessageKey, type Message, type MessageKey, render } from "../i18n/i18n.ts";

const FLASH_COOKIE = "manyi_flash";

/** A one-time notice shown on the next page (after a redirect): a message key and its values. */
export function setFlash(res: Response, key: MessageKey, values: Record<string, string> = {}) {
  res.cookie(FLASH_COOKIE, JSON.stringify({ key, values }), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60_000,
  });
}

export function readFlash(req: Request, res: Response, next: NextFunction) {
  const raw: unknown = req.cookies?.[FLASH_COOKIE];
  if (typeof raw === "string" && req.method === "GET") {
    res.clearCookie(FLASH_COOKIE, { path: "/" });
    try {
      const parsed = JSON.parse(raw) as { key?: unknown; values?: unknown };
      if (isMessageKey(parsed.key)) {
        const values = typeof parsed.values === "object" && parsed.values !== null ? parsed.values : {};
        const flash: Message = { key: parsed.key, values: values as Record<string, string> };
        render("en", flash); // throws when a value the message needs is missing
        res.locals.flash = flash;
      }
    } catch {
      // a tampered cookie is ignored
    }
  }
  next();
}
