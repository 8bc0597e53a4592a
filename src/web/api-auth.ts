import type { NextFunction, Request, Response } from "express";
import type { Kysely } from "kysely";
import { authenticateApiToken } from "../accounts/auth.service.ts";
import type { Database } from "../db/database.ts";
import { UnauthenticatedError } from "../errors.ts";

/** `/api/v1` takes bearer tokens only (no cookies, so no CSRF): the token's user becomes `req.user`. */
export function apiTokenAuth(db: Kysely<Database>, now: () => Date) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S{10,200})$/i.exec(header);
    if (!match?.[1]) {
      throw new UnauthenticatedError("Send an API token as: Authorization: Bearer <token>");
    }
    req.user = await authenticateApiToken(db, match[1], now());
    next();
  };
}

/** An unknown API route answers the JSON error envelope, not the console's 404 page. */
export function apiNotFound(req: Request, res: Response) {
  res
    .status(404)
    .json({ error: { code: "not_found", message: `No API route ${req.method} ${req.originalUrl}` } });
}
