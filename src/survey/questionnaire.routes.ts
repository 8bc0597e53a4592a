import { Router } from "express";
import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import { requirePermission } from "../web/authorize.ts";
import { pageQuerySchema, pageView, toLimitOffset } from "../web/pagination.ts";
import { parseOrThrow } from "../web/validate.ts";
import { listQuestionnaires } from "./questionnaire.repository.ts";

/** Console pages for questionnaires: list, create, builder, preview, publish, import and export. */
export function questionnaireRouter(db: Kysely<Database>, _now: () => Date) {
  const router = Router();
  router.use(requirePermission("questionnaires.manage"));

  router.get("/", async (req, res) => {
    const page = parseOrThrow(pageQuerySchema, req.query);
    const { items, total } = await listQuestionnaires(db, toLimitOffset(page));
    res.render("questionnaires", {
      title: "nav.questionnaires",
      questionnaires: items,
      pagination: pageView(page, total, "/admin/questionnaires"),
    });
  });

  return router;
}
