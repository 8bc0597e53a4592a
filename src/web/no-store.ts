import type { NextFunction, Request, Response } from "express";

/**
 * For what shows customers' personal data (names, e-mail addresses, phone numbers, answers) and for the
 * API: no browser or proxy keeps a copy, so nothing is left in a shared computer's disk cache or
 * back-forward history after the staff member signs out. Mounted in `app.ts` in front of those routers.
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.set("Cache-Control", "no-store");
  next();
}
