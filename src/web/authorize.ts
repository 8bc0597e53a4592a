import type { NextFunction, Request, Response } from "express";
import { hasPermission, type Permission } from "../accounts/roles.ts";
import type { Actor } from "../accounts/staff-user.service.ts";
import type { StaffUser } from "../accounts/staff-user.ts";
import { ForbiddenError, UnauthenticatedError } from "../errors.ts";

/** Browser pages: an anonymous visitor is sent to the sign-in page and comes back afterwards. */
export function requireSignIn(req: Request, res: Response, next: NextFunction) {
  if (req.user) return next();
  if (req.method === "GET") return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
  next(new UnauthenticatedError());
}

/** Checked on the server for every route that needs it; the navigation only mirrors this. */
export function requirePermission(permission: Permission) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) return next(new UnauthenticatedError());
    if (!hasPermission(req.user.role, permission)) return next(new ForbiddenError());
    next();
  };
}

/** The signed-in user of a route behind requireSignIn or requirePermission. */
export function currentUser(req: Request): StaffUser {
  if (!req.user) throw new UnauthenticatedError();
  return req.user;
}

/** Who is acting, for services that write the audit log. */
export function actorOf(req: Request): Actor {
  return { user: currentUser(req), ip: req.ip ?? null };
}
