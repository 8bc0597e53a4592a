import type { NextFunction, Request, Response } from "express";
import { ValidationError } from "../errors.ts";

/**
 * PostgreSQL stores neither a NUL character nor half of a UTF-16 surrogate pair (a "\ud800" in JSON):
 * text holding one would fail deep in a query with a 500. Every request's path, query and body is
 * checked here, at the boundary, once for all routes; the first such field is named in a 422.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function findUnstorable(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === "string") return UNSTORABLE.test(value) ? path : undefined;
  if (value === null || typeof value !== "object" || depth > 20) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    if (UNSTORABLE.test(key)) return field;
    const found = findUnstorable(inner, field, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function decodedPath(req: Request): string {
  try {
    return decodeURIComponent(req.path);
  } catch {
    return req.path; // not valid percent-encoding: the router answers 400 or 404 itself
  }
}

export function refuseUnstorableText(req: Request, _res: Response, next: NextFunction): void {
  const field =
    (UNSTORABLE.test(decodedPath(req)) ? "(path)" : undefined) ??
    findUnstorable(req.query, "") ??
    findUnstorable(req.body, "");
  if (!field) {
    next();
    return;
  }
  next(
    new ValidationError(
      `${field} contains a character that cannot be stored (NUL or a broken Unicode character)`,
      [{ field, message: { key: "validation.unstorableText" } }],
    ),
  );
}
