import { Router } from "express";
import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import { currentUser, requirePermission } from "../web/authorize.ts";
import { listCallList } from "./invitation.repository.ts";

/** `/admin/calls`: the customers a staff member is to call or visit for the open staff waves. */
export function callsRouter(db: Kysely<Database>, now: () => Date) {
  const router = Router();
  router.use(requirePermission("responses.record"));
  router.get("/", async (req, res) => {
    const calls = await listCallList(db, currentUser(req).id, now());
    res.render("calls", { title: "calls.title", calls });
  });
  return router;
}
