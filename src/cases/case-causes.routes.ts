import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { ValidationError } from "../errors.ts";
import { pick } from "../i18n/bilingual.ts";
import type { Message } from "../i18n/i18n.ts";
import { actorOf, requirePermission } from "../web/authorize.ts";
import { setFlash } from "../web/flash.ts";
import { fieldErrors, parseForm, parseOrThrow } from "../web/validate.ts";
import { listCauses } from "./case-cause.repository.ts";
import { addCause, changeCause } from "./case-cause.service.ts";
import { causeTree } from "./case-cause.ts";

const name = z.string().trim().min(1).max(60);
const namesSchema = z.object({ nameZh: name, nameEn: name });
const addSchema = namesSchema.extend({
  parentId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
});
const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const activeSchema = z.object({ active: z.enum(["0", "1"]) });

/** Which of the page's forms was sent and refused: the new group's, a group's new cause, or a rename. */
type FailedForm = {
  form: string;
  values: { nameZh: string; nameEn: string };
  errors: Record<string, Message>;
};

/**
 * Staff console: the cause list (原因分类, `/admin/cases/causes`), for quality staff. Groups and their
 * causes are added, renamed, retired and brought back on one page; a refused form is drawn again in
 * place with what was typed.
 */
export function caseCausesRouter(db: Kysely<Database>) {
  const router = Router();
  router.use(requirePermission("cases.manage"));

  const render = async (req: Request, res: Response, failed?: FailedForm, status = 200) => {
    const tree = causeTree(await listCauses(db));
    const formOf = (form: string, values: { nameZh: string; nameEn: string }) =>
      failed?.form === form ? { values: failed.values, errors: failed.errors } : { values, errors: {} };
    const blank = { nameZh: "", nameEn: "" };
    res.status(status).render("case-causes", {
      title: "cases.causes.title",
      groups: tree.map((group) => ({
        id: group.id,
        name: pick(group.name, req.locale),
        active: group.active,
        rename: formOf(`edit-${group.id}`, { nameZh: group.name["zh-CN"], nameEn: group.name.en }),
        add: formOf(`add-${group.id}`, blank),
        causes: group.children.map((cause) => ({
          id: cause.id,
          name: pick(cause.name, req.locale),
          active: cause.active,
          rename: formOf(`edit-${cause.id}`, { nameZh: cause.name["zh-CN"], nameEn: cause.name.en }),
        })),
      })),
      newGroup: formOf("add-group", blank),
      hasErrors: failed !== undefined,
    });
  };

  const refused = (req: Request, res: Response, form: string, errors: Record<string, Message>) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof body[key] === "string" ? body[key] : "");
    return render(
      req,
      res,
      { form, values: { nameZh: text("nameZh"), nameEn: text("nameEn") }, errors },
      422,
    );
  };

  router.get("/", async (req, res) => {
    await render(req, res);
  });

  router.post("/", async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = `add-${body.parentId ? String(body.parentId) : "group"}`;
    const parsed = parseForm(addSchema, req.body);
    if (!parsed.ok) return refused(req, res, form, parsed.errors);
    try {
      await addCause(db, actorOf(req), {
        parentId: parsed.value.parentId ?? null,
        name: { "zh-CN": parsed.value.nameZh, en: parsed.value.nameEn },
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return refused(req, res, form, fieldErrors(error));
    }
    setFlash(res, "cases.causes.added", {
      name: pick({ "zh-CN": parsed.value.nameZh, en: parsed.value.nameEn }, req.locale),
    });
    res.redirect(303, "/admin/cases/causes");
  });

  router.post("/:id", async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, "No such cause");
    const parsed = parseForm(namesSchema, req.body);
    if (!parsed.ok) return refused(req, res, `edit-${id}`, parsed.errors);
    try {
      await changeCause(db, actorOf(req), id, {
        name: { "zh-CN": parsed.value.nameZh, en: parsed.value.nameEn },
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return refused(req, res, `edit-${id}`, fieldErrors(error));
    }
    setFlash(res, "cases.causes.saved");
    res.redirect(303, "/admin/cases/causes");
  });

  router.post("/:id/active", async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, "No such cause");
    const { active } = parseOrThrow(activeSchema, req.body);
    await changeCause(db, actorOf(req), id, { active: active === "1" });
    setFlash(res, active === "1" ? "cases.causes.restored" : "cases.causes.retired");
    res.redirect(303, "/admin/cases/causes");
  });

  return router;
}
