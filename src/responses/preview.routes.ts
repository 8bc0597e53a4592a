import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { NotFoundError } from "../errors.ts";
import type { QuestionnaireVersion } from "../questionnaires/questionnaire.repository.ts";
import { getQuestionnaire } from "../questionnaires/questionnaire.service.ts";
import {
  QUESTIONNAIRES_BASE as BASE,
  questionnaireIdOf as idOf,
} from "../questionnaires/questionnaire-page.ts";
import { requirePermission } from "../web/authorize.ts";
import { parseOrThrow } from "../web/validate.ts";
import { buildRespondentPage, clampPage } from "./respondent-view.ts";

const versionQuery = z.object({ version: z.coerce.number().int().positive().max(100_000).optional() });
const previewQuery = z.object({
  page: z.coerce.number().int().min(0).max(1000).optional(),
  lang: z.enum(["zh-CN", "en"]).optional(),
});

/**
 * `/admin/questionnaires/:id/preview`: a questionnaire version shown exactly as respondents see it,
 * page by page through links; nothing is stored. It lives with the answering pages because it is
 * their view; the questionnaire pages only link to it.
 */
export function previewRouter(db: Kysely<Database>) {
  const router = Router();
  router.use(requirePermission("questionnaires.manage"));

  // ---- preview: the respondent's page, navigated by links, nothing stored ----

  const renderPreview = (req: Request, res: Response, version: QuestionnaireVersion, baseHref: string) => {
    const { page, lang } = parseOrThrow(previewQuery, req.query);
    const locale = lang ?? req.locale;
    res.set("Cache-Control", "no-store");
    res.render("respond", {
      layout: "respondent",
      locale,
      ...buildRespondentPage(version.definition, {
        locale,
        pageIndex: clampPage(version.definition, page ?? 0),
        answers: {},
        issues: [],
        preview: true,
        baseHref,
      }),
      previewBackHref: `/admin/questionnaires/${version.questionnaireId}/edit`,
    });
  };

  router.get("/:id/preview", async (req, res) => {
    const detail = await getQuestionnaire(db, idOf(req));
    const { version } = parseOrThrow(versionQuery, req.query);
    if (version !== undefined) {
      // The version's own address, so the preview's page links keep it.
      const params = new URLSearchParams(
        Object.entries(req.query).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      );
      params.delete("version");
      const query = params.toString();
      return res.redirect(303, `${BASE}/${detail.id}/versions/${version}/preview${query ? `?${query}` : ""}`);
    }
    const shown = detail.draft ?? detail.latestPublished;
    if (!shown) throw new NotFoundError("The questionnaire has no version");
    renderPreview(req, res, shown, `${BASE}/${detail.id}/preview`);
  });

  router.get("/:id/versions/:version/preview", async (req, res) => {
    const detail = await getQuestionnaire(db, idOf(req));
    const number = Number(req.params.version);
    const shown = detail.versions.find((v) => v.versionNumber === number);
    if (!shown) throw new NotFoundError("No such version");
    renderPreview(req, res, shown, `${BASE}/${detail.id}/versions/${number}/preview`);
  });

  // The preview's form posts back (pressing Enter in a text field): nothing is stored, the page is shown again.
  const previewPost = (req: Request, res: Response) => {
    const { page, lang } = parseOrThrow(previewQuery, {
      page: req.body?.page,
      lang: req.body?.lang,
    });
    const params = new URLSearchParams({ page: String(page ?? 0), ...(lang ? { lang } : {}) });
    res.redirect(303, `${req.baseUrl}${req.path}?${params.toString()}`);
  };
  router.post("/:id/preview", previewPost);
  router.post("/:id/versions/:version/preview", previewPost);

  return router;
}
