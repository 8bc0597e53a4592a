import { Router } from "express";
import type { Kysely } from "kysely";
import { hasPermission } from "../accounts/roles.ts";
import type { Database } from "../db/database.ts";
import { currentUser, requirePermission } from "../web/authorize.ts";
import { listCallList } from "./invitation.repository.ts";

/** `/admin/calls`: the customers a staff member is to call or visit for the open staff waves. */
export function callsRouter(db: Kysely<Database>, now: () => Date) {
  const router = Router();
  router.use(requirePermission("responses.record"));
  router.get("/", async (req, res) => {
    const user = currentUser(req);
    const calls = await listCallList(db, user.id, now());
    // an empty list says who fills it: the reader, or the quality staff who send staff waves
    res.render("calls", {
      title: "calls.title",
      calls,
      canCreateWaves: hasPermission(user.role, "waves.manage"),
    });
  });
  return router;
}
