import type { Request } from "express";
import { z } from "zod";
import { NotFoundError } from "../errors.ts";
import { pick } from "../i18n/bilingual.ts";
import type { QuestionnaireDetail } from "./questionnaire.service.ts";

/** Where the console's questionnaire pages live (the list, a questionnaire, its builder, its preview). */
export const QUESTIONNAIRES_BASE = "/admin/questionnaires";

const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** The questionnaire id of a `/:id/...` route; anything else is an unknown questionnaire (404). */
export function questionnaireIdOf(req: Request): number {
  const parsed = idParam.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError("No such questionnaire");
  return parsed.data.id;
}

/** Facts about the questionnaire every page of it shows in its header. */
export function questionnaireHeader(detail: QuestionnaireDetail, req: Request) {
  return {
    id: detail.id,
    name: pick(detail.name, req.locale),
    draftVersion: detail.draft?.versionNumber,
    publishedVersion: detail.latestPublished?.versionNumber,
    nextVersion: (detail.versions[0]?.versionNumber ?? 0) + 1,
  };
}
