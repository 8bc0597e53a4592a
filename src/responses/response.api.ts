import { Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import { hasPermission } from "../accounts/roles.ts";
import { findCustomer } from "../customers/customer.repository.ts";
import type { Database } from "../db/database.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { negotiateLocale } from "../i18n/i18n.ts";
import {
  findPublishedVersion,
  latestPublishedVersionId,
  waveVersionId,
} from "../questionnaires/published-versions.ts";
import { actorOf, currentUser, requirePermission } from "../web/authorize.ts";
import { apiPage, pageQuerySchema, toLimitOffset } from "../web/pagination.ts";
import { parseOrThrow } from "../web/validate.ts";
import { findCustomerIdByRef } from "./response.repository.ts";
import { createSubmittedResponse } from "./response.service.ts";
import { askedQuery, sendResponseExport } from "./response-download.ts";
import { listResponsesForApi } from "./response-export.service.ts";
import { responseFilterSchema, toResponseFilter } from "./response-filter.ts";

/** Any JSON object: checkAnswers names each unknown key and bad value against the questionnaire. */
const answersObject = z.custom<Record<string, unknown>>(
  (value) => value !== null && typeof value === "object" && !Array.isArray(value),
  { message: "survey.error.answersObject" },
);

const postSchema = z
  .object({
    waveId: z.number().int().positive().optional(),
    questionnaireId: z.number().int().positive().optional(),
    // Not z.record, which walks every answer once more before checkAnswers does (a few percent of the
    // submit benchmark's CPU).
    answers: answersObject,
    mode: z.enum(["web", "email", "phone", "visit", "letter"]).default("web"),
    customerRef: z.string().trim().min(1).max(100).optional(),
    locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
  })
  .strict()
  .refine((body) => (body.waveId === undefined) !== (body.questionnaireId === undefined), {
    message: "survey.error.waveOrQuestionnaire",
    path: ["waveId"],
  });

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

/**
 * The list's query: the console's filters, and either pages (`page`, newest first, with the total) or
 * keyset paging (`after` a response id, in id order, `nextAfter` for the next page), with the answers
 * when `include=answers`.
 */
const listSchema = responseFilterSchema
  .extend({
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1_000_000).optional()),
    pageSize: pageQuerySchema.shape.pageSize,
    after: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).optional()),
    include: z.preprocess(blankToUndefined, z.enum(["answers"]).optional()),
  })
  .refine((query) => query.page === undefined || query.after === undefined, {
    message: "responses.error.pageOrAfter",
    path: ["after"],
  });

/**
 * `/api/v1/responses`: post a complete response (an integration, or staff recording an interview), and
 * list submitted responses with the console's filters (with their answers, page after page in constant
 * memory), and download them as CSV or XLSX. An `Idempotency-Key` header makes a retried post store one
 * response.
 */
export function responseApiRouter(db: Kysely<Database>, now: () => Date, timeZone: string) {
  const router = Router();

  router.post("/", requirePermission("responses.record"), async (req, res) => {
    const body = parseOrThrow(postSchema, req.body, "The response is not valid");
    const idempotencyKey = req.get("idempotency-key");
    if (idempotencyKey !== undefined && !/^[\w.:-]{8,100}$/.test(idempotencyKey)) {
      throw new ValidationError("Idempotency-Key must be 8–100 letters, digits, . : _ or -");
    }
    const versionId =
      body.waveId !== undefined
        ? await waveVersionId(db, body.waveId)
        : await latestPublishedVersionId(db, body.questionnaireId ?? 0);
    if (versionId === undefined) {
      throw new NotFoundError(
        body.waveId !== undefined
          ? `No wave ${body.waveId}`
          : `Questionnaire ${body.questionnaireId} has no published version`,
      );
    }
    const waveId = body.waveId ?? null;
    const version = await findPublishedVersion(db, versionId);
    if (!version) throw new NotFoundError("No such questionnaire version");
    const customerId = body.customerRef ? ((await findCustomerIdByRef(db, body.customerRef)) ?? null) : null;
    if (customerId !== null && !hasPermission(currentUser(req).role, "customers.view_all")) {
      const managed = await findCustomer(
        db,
        { kind: "assigned", managerUserId: currentUser(req).id },
        customerId,
      );
      if (!managed) throw new ForbiddenError("This customer is not assigned to you");
    }
    const created = await createSubmittedResponse(
      db,
      {
        questionnaireVersionId: version.id,
        definition: version.definition,
        waveId,
        raw: body.answers,
        mode: body.mode,
        customerId,
        customerRef: body.customerRef ?? null,
        recordedBy: currentUser(req).id,
        submitKey: idempotencyKey ? `api:${currentUser(req).id}:${idempotencyKey}` : null,
        locale: body.locale,
      },
      now(),
    );
    res.status(created.duplicate ? 200 : 201).json({
      data: {
        id: created.id,
        respondentScore: created.score,
        questionnaireVersionId: version.id,
        duplicate: created.duplicate,
      },
    });
  });

  router.get("/", requirePermission("responses.view_identity"), async (req, res) => {
    const query = parseOrThrow(listSchema, req.query, "The query is not valid");
    const result = await listResponsesForApi(db, actorOf(req), {
      filter: toResponseFilter(query, timeZone),
      page:
        query.after === undefined
          ? toLimitOffset({ page: query.page ?? 1, pageSize: query.pageSize })
          : { limit: query.pageSize, after: query.after },
      includeAnswers: query.include === "answers",
      asked: askedQuery(query),
    });
    if (result.kind === "pages") {
      res.json(apiPage(result.entries, { page: query.page ?? 1, pageSize: query.pageSize }, result.total));
    } else {
      res.json({
        data: result.entries,
        pageSize: query.pageSize,
        after: query.after,
        nextAfter: result.nextAfter,
      });
    }
  });

  for (const format of ["csv", "xlsx"] as const) {
    router.get(`/export.${format}`, requirePermission("responses.view_identity"), async (req, res) => {
      await sendResponseExport(db, req, res, {
        format,
        timeZone,
        now: now(),
        locale: negotiateLocale(req.get("accept-language")),
      });
    });
  }

  return router;
}
