import { Router } from "express";
import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import { currentUser, requirePermission } from "../web/authorize.ts";
import { apiPage, pageQuerySchema, toLimitOffset } from "../web/pagination.ts";
import { parseOrThrow } from "../web/validate.ts";
import { permissionsOf } from "./roles.ts";
import { countStaffUsers, listStaffUsers } from "./staff-user.repository.ts";

/** `/api/v1/me` (who the token acts as, and what it may do) and `/api/v1/users` (administrators). */
export function accountApiRouter(db: Kysely<Database>) {
  const router = Router();

  router.get("/me", (req, res) => {
    const user = currentUser(req);
    res.json({
      data: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        permissions: permissionsOf(user.role),
      },
    });
  });

  router.get("/users", requirePermission("users.manage"), async (req, res) => {
    const page = parseOrThrow(pageQuerySchema, req.query);
    const [users, total] = await Promise.all([listStaffUsers(db, toLimitOffset(page)), countStaffUsers(db)]);
    res.json(apiPage(users, page, total));
  });

  return router;
}
