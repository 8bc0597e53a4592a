import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database } from "../db/database.ts";
import { listWaves } from "../distribution/wave.repository.ts";
import { NotFoundError } from "../errors.ts";
import { pick } from "../i18n/bilingual.ts";
import { csvLine } from "../lib/csv.ts";
import { findNewestVersion, listQuestionnaires } from "../questionnaires/questionnaire.repository.ts";
import { allItems, type QuestionnaireDefinition } from "../questionnaires/questionnaire-definition.ts";
import { actorOf, currentUser, requirePermission } from "../web/authorize.ts";
import { pageQuerySchema, pageView, toLimitOffset } from "../web/pagination.ts";
import { parseOrThrow } from "../web/validate.ts";
import { findResponseDetail, listResponses, listResponsesAfter } from "./response.repository.ts";
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

/** Staff console: responses with filters and pages, one response's detail, and the CSV export. */
export function responsesRouter(db: Kysely<Database>, timeZone: string) {
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
      exportHref: `/admin/responses/export.csv?${new URLSearchParams(kept).toString()}`,
      pagination: pageView(query, total, "/admin/responses", kept),
    });
  });

  router.get("/export.csv", async (req, res) => {
    const query = parseOrThrow(responseFilterSchema, req.query);
    await streamCsv(db, req, res, query, timeZone);
  });

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

/**
 * Streams the filtered responses as CSV in batches of 500 (keyset paging), so memory stays constant
 * however many there are. With one questionnaire chosen, each of its items gets a column; otherwise
 * the answers are one JSON column. Logged as an export of customer personal data.
 */
async function streamCsv(
  db: Kysely<Database>,
  req: Request,
  res: Response,
  query: ResponseFilterQuery,
  timeZone: string,
) {
  const filter = toResponseFilter(query, timeZone);
  let itemKeys: string[] = [];
  if (query.questionnaire !== undefined) {
    const newest = await findNewestVersion(db, query.questionnaire);
    itemKeys = newest ? allItems(newest.definition).map((item) => item.key) : [];
  }
  const actor = actorOf(req);
  await insertAuditEntry(db, {
    action: "customer.exported",
    actorUserId: actor.user.id,
    actorName: actor.user.username,
    targetType: "response_export",
    ip: actor.ip,
    details: keptQuery(query),
  });
  res.set("Content-Type", "text/csv; charset=utf-8");
  res.set(
    "Content-Disposition",
    `attachment; filename="manyi-responses-${new Date().toISOString().slice(0, 10)}.csv"`,
  );
  // The byte-order mark makes Excel read the Chinese text as UTF-8.
  res.write("\uFEFF");
  const fixed = [
    "response_id",
    "submitted_at",
    "questionnaire",
    "version",
    "wave",
    "mode",
    "customer_ref",
    "customer_name",
    "recorded_by",
    "test",
    "respondent_score",
  ];
  res.write(csvLine([...fixed, ...(itemKeys.length > 0 ? itemKeys : ["answers"])]));
  let afterId = 0;
  for (;;) {
    const batch = await listResponsesAfter(db, filter, afterId, 500);
    if (batch.length === 0) break;
    let chunk = "";
    for (const row of batch) {
      const answers = row.answers as Record<string, unknown>;
      const cells = [
        row.id,
        row.submittedAt.toISOString(),
        pick(row.questionnaireName, req.locale),
        row.versionNumber,
        row.waveName,
        row.mode,
        row.customerRef,
        row.customerName,
        row.recordedBy,
        row.isTest ? "yes" : "",
        row.score,
        ...(itemKeys.length > 0 ? itemKeys.map((key) => csvValue(answers[key])) : [JSON.stringify(answers)]),
      ];
      chunk += csvLine(cells);
    }
    afterId = batch[batch.length - 1]?.id ?? afterId;
    // Respect back-pressure: wait for the socket to drain before the next batch.
    if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
  }
  res.end();
}

function csvValue(value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number") return value;
  if (Array.isArray(value)) return value.join("|");
  return JSON.stringify(value);
}
