import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { pick } from "../i18n/bilingual.ts";
import { actorOf, requirePermission } from "../web/authorize.ts";
import { setFlash } from "../web/flash.ts";
import { pageQuerySchema, pageView, toLimitOffset } from "../web/pagination.ts";
import { fieldErrors, parseOrThrow } from "../web/validate.ts";
import { localizeMessage, locateIssues } from "./builder/builder-issues.ts";
import { blankDefinition } from "./builder/builder-operations.ts";
import { untouchedPlaceholders } from "./placeholders.ts";
import { listQuestionnaires } from "./questionnaire.repository.ts";
import {
  createQuestionnaire,
  DefinitionError,
  getQuestionnaire,
  PlaceholdersError,
  parseDefinitionJson,
  publishDraft,
} from "./questionnaire.service.ts";
import { parseDefinition } from "./questionnaire-definition.ts";
import {
  QUESTIONNAIRES_BASE as BASE,
  questionnaireHeader as header,
  questionnaireIdOf as idOf,
} from "./questionnaire-page.ts";
import { loadTemplate, TEMPLATE_NAMES, templateSummary } from "./questionnaire-templates.ts";

const createSchema = z.discriminatedUnion(
  "source",
  [
    z.object({
      source: z.literal("template"),
      template: z.enum(TEMPLATE_NAMES, { message: "builder.error.template" }),
    }),
    z.object({ source: z.literal("blank") }),
    z.object({
      source: z.literal("import"),
      definitionJson: z
        .string()
        .trim()
        .min(1, "builder.error.importEmpty")
        .max(190_000, "builder.error.importTooLarge"),
    }),
  ],
  { error: "builder.error.start" },
);
/** The items whose placeholders the person publishing was shown (space-separated keys), if any. */
const publishForm = z.object({ placeholders: z.string().max(20_000).optional() });
const exportQuery = z.object({ version: z.coerce.number().int().positive().max(100_000).optional() });
/** Console pages for questionnaires: list, create, a questionnaire's versions, publish, import and export. */
export function questionnaireRouter(db: Kysely<Database>, now: () => Date) {
  const router = Router();
  router.use(requirePermission("questionnaires.manage"));

  router.get("/", async (req, res) => {
    const page = parseOrThrow(pageQuerySchema, req.query);
    const { items, total } = await listQuestionnaires(db, toLimitOffset(page));
    res.render("questionnaires", {
      title: "nav.questionnaires",
      questionnaires: items,
      pagination: pageView(page, total, BASE),
    });
  });

  const templates = (req: Request) =>
    TEMPLATE_NAMES.map((name) => {
      const summary = templateSummary(name);
      return { ...summary, title: pick(summary.title, req.locale) };
    });

  router.get("/new", (req, res) => {
    res.render("questionnaire-new", { title: "builder.new.title", templates: templates(req) });
  });

  router.post("/", async (req, res) => {
    try {
      const input = parseOrThrow(createSchema, req.body);
      const definition: unknown =
        input.source === "template"
          ? loadTemplate(input.template)
          : input.source === "blank"
            ? blankDefinition()
            : parseDefinitionJson(input.definitionJson);
      const { id } = await createQuestionnaire(db, actorOf(req), definition);
      setFlash(res, "builder.created");
      res.redirect(303, `${BASE}/${id}/edit`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const issues = error instanceof DefinitionError ? locateIssues(error.definitionIssues, req.locale) : [];
      res.status(422).render("questionnaire-new", {
        title: "builder.new.title",
        templates: templates(req),
        definitionJson: typeof req.body?.definitionJson === "string" ? req.body.definitionJson : "",
        importIssues: issues,
        errors:
          error instanceof DefinitionError
            ? {}
            : Object.fromEntries(
                Object.entries(fieldErrors(error)).map(([field, message]) => [
                  field,
                  localizeMessage(message, req.locale),
                ]),
              ),
        importFailed: true,
      });
    }
  });

  // ---- the questionnaire page: versions, publish, export ----

  const renderQuestionnaire = async (req: Request, res: Response, status: number, extra: object = {}) => {
    const detail = await getQuestionnaire(db, idOf(req));
    // a draft that would not publish anyway (invalid) is listed by its problems, not its placeholders
    const draft = detail.draft ? parseDefinition(detail.draft.definition) : undefined;
    const placeholders = draft?.ok
      ? untouchedPlaceholders(draft.definition).map((p) => ({
          itemKey: p.itemKey,
          number: p.number,
          text: pick(p.text, req.locale),
          inText: p.parts.includes("text"),
          inOptions: p.parts.includes("options"),
        }))
      : [];
    res.status(status).render("questionnaire", {
      title: "builder.questionnaire.title",
      questionnaire: header(detail, req),
      placeholders,
      placeholderKeys: placeholders.map((p) => p.itemKey).join(" "),
      placeholderNumbers: placeholders.map((p) => p.number).join(req.locale === "en" ? ", " : "、"),
      heading:
        pick((detail.draft ?? detail.latestPublished)?.definition.title, req.locale) ||
        pick(detail.name, req.locale),
      versions: detail.versions.map((version) => ({
        versionNumber: version.versionNumber,
        status: version.status,
        isDraft: version.status === "draft",
        publishedAt: version.publishedAt,
        updatedAt: version.updatedAt,
        title: pick(version.definition.title, req.locale),
        sectionCount: version.definition.sections.length,
        itemCount: version.definition.sections.reduce((sum, section) => sum + section.items.length, 0),
      })),
      ...extra,
    });
  };

  router.get("/:id", (req, res) => renderQuestionnaire(req, res, 200));

  router.post("/:id/publish", async (req, res) => {
    const id = idOf(req);
    try {
      const { placeholders } = parseOrThrow(publishForm, req.body ?? {});
      const published = await publishDraft(db, actorOf(req), id, now(), {
        acceptPlaceholders: placeholders?.split(" ").filter(Boolean) ?? [],
      });
      setFlash(res, "builder.published", { name: String(published.versionNumber) });
      res.redirect(303, `${BASE}/${id}`);
    } catch (error) {
      if (error instanceof PlaceholdersError) {
        return renderQuestionnaire(req, res, 409, {
          publishError: { key: "builder.publish.placeholdersRefused" },
        });
      }
      if (error instanceof ConflictError) {
        return renderQuestionnaire(req, res, 409, { publishError: error.reason });
      }
      if (error instanceof DefinitionError) {
        return renderQuestionnaire(req, res, 422, {
          publishError: { key: "builder.import.seeBelow" },
          publishIssues: locateIssues(error.definitionIssues, req.locale),
        });
      }
      throw error;
    }
  });

  router.get("/:id/export.json", async (req, res) => {
    const detail = await getQuestionnaire(db, idOf(req));
    const { version } = parseOrThrow(exportQuery, req.query);
    const chosen =
      version === undefined
        ? (detail.latestPublished ?? detail.draft)
        : detail.versions.find((v) => v.versionNumber === version);
    if (!chosen) throw new NotFoundError("No such version");
    res
      .type("application/json")
      .set(
        "Content-Disposition",
        `attachment; filename="questionnaire-${detail.id}-v${chosen.versionNumber}.json"`,
      )
      .send(`${JSON.stringify(chosen.definition, null, 2)}\n`);
  });

  return router;
}
