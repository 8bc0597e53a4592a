import { type Request, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { actorOf, requirePermission } from "../web/authorize.ts";
import { apiPage, pageQuerySchema, toLimitOffset } from "../web/pagination.ts";
import { parseOrThrow } from "../web/validate.ts";
import type { QuestionnaireVersion } from "./questionnaire.repository.ts";
import { listQuestionnaires } from "./questionnaire.repository.ts";
import {
  createQuestionnaire,
  DefinitionError,
  getQuestionnaire,
  publishDraft,
  saveDraft,
} from "./questionnaire.service.ts";

const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const definitionBody = z.object(
  { definition: z.unknown().refine((value) => value !== undefined, "required") },
  { error: 'send a JSON object: { "definition": { … } }' },
);

/** `force: true` publishes a draft that still has a new item's placeholder text (else 409, listing the items). */
const publishBody = z.object({ force: z.boolean().default(false) });

function idOf(req: Request): number {
  const parsed = idParam.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError("No such questionnaire");
  return parsed.data.id;
}

/**
 * Runs `action`; a definition problem is answered as 422 with one issue per problem, its field named
 * as the request body spells it (`definition.sections.0.items.2.text.en`) and the item's key.
 */
async function withDefinitionIssues<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    throw new ValidationError(
      error.message,
      error.definitionIssues.map((issue) => ({
        field: issue.path === "" ? "definition" : `definition.${issue.path}`,
        message: issue.message,
        ...(issue.itemKey ? { itemKey: issue.itemKey } : {}),
      })),
    );
  }
}

function versionJson(version: QuestionnaireVersion) {
  return {
    versionNumber: version.versionNumber,
    status: version.status,
    publishedAt: version.publishedAt,
    updatedAt: version.updatedAt,
    definition: version.definition,
  };
}

/** `/api/v1/questionnaires`: create, get, list, replace the draft and publish questionnaires. */
export function questionnaireApiRouter(db: Kysely<Database>, now: () => Date) {
  const router = Router();
  router.use(requirePermission("questionnaires.manage"));

  router.get("/", async (req, res) => {
    const page = parseOrThrow(pageQuerySchema, req.query);
    const { items, total } = await listQuestionnaires(db, toLimitOffset(page));
    res.json(apiPage(items, page, total));
  });

  router.post("/", async (req, res) => {
    const { definition } = parseOrThrow(definitionBody, req.body ?? {});
    const created = await withDefinitionIssues(() => createQuestionnaire(db, actorOf(req), definition));
    res
      .status(201)
      .location(`/api/v1/questionnaires/${created.id}`)
      .json({ data: { id: created.id, draftVersion: created.draft.versionNumber } });
  });

  router.get("/:id", async (req, res) => {
    const detail = await getQuestionnaire(db, idOf(req));
    res.json({
      data: {
        id: detail.id,
        name: detail.name,
        draftVersion: detail.draft?.versionNumber ?? null,
        publishedVersion: detail.latestPublished?.versionNumber ?? null,
        versions: detail.versions.map(versionJson),
      },
    });
  });

  router.put("/:id/draft", async (req, res) => {
    const id = idOf(req);
    const { definition } = parseOrThrow(definitionBody, req.body ?? {});
    await getQuestionnaire(db, id);
    const draft = await withDefinitionIssues(() => saveDraft(db, id, definition));
    res.json({ data: versionJson(draft) });
  });

  router.post("/:id/publish", async (req, res) => {
    const id = idOf(req);
    const { force } = parseOrThrow(publishBody, req.body ?? {});
    const published = await withDefinitionIssues(() =>
      publishDraft(db, actorOf(req), id, now(), { acceptPlaceholders: force }),
    );
    res.json({ data: versionJson(published) });
  });

  return router;
}
