import { Router } from "express";
import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import { requirePermission } from "../web/authorize.ts";

/** `/api/v1/questionnaires`: create, get, list and publish questionnaires. */
export function questionnaireApiRouter(_db: Kysely<Database>, _now: () => Date) {
  const router = Router();
  router.use(requirePermission("questionnaires.manage"));
  return router;
}
