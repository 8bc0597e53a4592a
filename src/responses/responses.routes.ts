import { Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database } from "../db/database.ts";
import { listWaves } from "../distribution/wave.repository.ts";
import { NotFoundError } from "../errors.ts";
import { pick } from "../i18n/bilingual.ts";
import { listQuestionnaires } from "../questionnaires/questionnaire.repository.ts";
import type { QuestionnaireDefinition } from "../questionnaires/questionnaire-definition.ts";
import { currentUser, requirePermission } from "../web/authorize.ts";
import { pageQuerySchema, pageView, toLimitOffset } from "../web/pagination.ts";
import { parseOrThrow } from "../web/validate.ts";
import { findResponseDetail, listResponses } from "./response.repository.ts";
import { sendResponseExport } from "./response-download.ts";
import {
  MODES,
  type ResponseFilterQuery,
  responseFilterSchema,
  toResponseFilter,
} from "./response-filter.ts";
import { describeAnswers } from "./response-view.ts";

function keptQuery(query: ResponseFilterQuery): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query)
      .filter(([key, value]) => value !== undefined && key !== "page" && key !== "pageSize")
      .map(([key, value]) => [key, String(value)]),
  );
}

/** Staff console: responses with filters and pages, one response's detail, and the CSV and XLSX exports. */
export function responsesRouter(db: Kysely<Database>, timeZone: string, now: () => Date) {
  const router = Router();
  router.use(requirePermission("responses.view_identity"));

  router.get("/", async (req, res) => {
    const query = parseOrThrow(pageQuerySchema.extend(responseFilterSchema.shape), req.query);
    const [{ entries, total }, questionnaires, waves] = await Promise.all([
      listResponses(db, toResponseFilter(query, timeZone), toLimitOffset(query)),
      listQuestionnaires(db, { limit: 200, offset: 0 }),
      listWaves(db),
    ]);
    const kept = keptQuery(query);
    res.render("responses", {
      title: "responses.title",
      entries,
      filter: query,
      questionnaires: questionnaires.items.map((q) => ({
        id: q.id,
        name: pick(q.name, req.locale),
        selected: q.id === query.questionnaire,
      })),
      waves: waves.map((w) => ({ id: w.id, name: w.name, selected: w.id === query.wave })),
      modes: MODES.map((mode) => ({ mode, selected: mode === query.mode })),
      exportCsvHref: `/admin/responses/export.csv?${new URLSearchParams(kept).toString()}`,
      exportXlsxHref: `/admin/responses/export.xlsx?${new URLSearchParams(kept).toString()}`,
      exportGeneric: query.questionnaire === undefined && query.wave === undefined,
      pagination: pageView(query, total, "/admin/responses", kept),
    });
  });

  for (const format of ["csv", "xlsx"] as const) {
    router.get(`/export.${format}`, async (req, res) => {
      await sendResponseExport(db, req, res, { format, timeZone, now: now(), locale: req.locale });
    });
  }

  router.get("/:id", async (req, res) => {
    const { id } = parseOrThrow(
      z.object({ id: z.coerce.number().int().positive() }),
      req.params,
      "No such response",
    );
    const detail = await findResponseDetail(db, id);
    if (detail?.status !== "submitted") throw new NotFoundError("No such response");
    if (detail.customerId !== null) {
      await insertAuditEntry(db, {
        action: "customer.viewed",
        actorUserId: currentUser(req).id,
        actorName: currentUser(req).username,
        targetType: "response",
        targetId: id,
        ip: req.ip ?? null,
        details: { customerId: detail.customerId },
      });
    }
    res.render("response-detail", {
      title: "responses.detail",
      response: detail,
      answers: describeAnswers(detail.definition as QuestionnaireDefinition, detail.answers, req.locale),
    });
  });

  return router;
}
