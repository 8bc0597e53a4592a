import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import { hasPermission } from "../../accounts/roles.ts";
import type { Database } from "../../db/database.ts";
import { findDepartmentNames, listActiveDepartments } from "../../departments/department.repository.ts";
import { type FieldIssue, NotFoundError, ValidationError } from "../../errors.ts";
import { pick } from "../../i18n/bilingual.ts";
import { translate } from "../../i18n/i18n.ts";
import { requirePermission } from "../../web/authorize.ts";
import { setFlash } from "../../web/flash.ts";
import { parseOrThrow } from "../../web/validate.ts";
import { DefinitionError, editDraft, getQuestionnaire } from "../questionnaire.service.ts";
import {
  type DefinitionIssue,
  ITEM_TYPES,
  type ItemType,
  possibleAnswers,
  type QuestionnaireDefinition,
  scaleOf,
} from "../questionnaire-definition.ts";
import {
  QUESTIONNAIRES_BASE as BASE,
  questionnaireHeader as header,
  questionnaireIdOf as idOf,
} from "../questionnaire-page.ts";
import {
  dimensionsFromForm,
  type FormBody,
  itemFromForm,
  scaleFromForm,
  sectionFromForm,
  settingsFromForm,
} from "./builder-form.ts";
import {
  addItem,
  addSection,
  deleteItem,
  deleteSection,
  findItem,
  itemFingerprint,
  moveItem,
  moveSection,
  replaceDimensions,
  replaceItem,
  replaceScale,
  updateSection,
  updateSettings,
} from "./builder-operations.ts";
import { itemEditorView, type OverviewForms, overviewView } from "./builder-view.ts";

const keyPattern = /^[a-z][a-z0-9_]{0,39}$/;
const directionSchema = z.object({
  direction: z.enum(["up", "down"], { message: "builder.error.direction" }),
});
const addItemSchema = z.object({
  type: z.enum(ITEM_TYPES as [ItemType, ...ItemType[]], { message: "builder.error.type" }),
});
/** Any builder form: flat names, repeated names (checkboxes) as arrays; the CSRF token is not part of it. */
const formSchema = z
  .record(z.string().max(200), z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(100)]))
  .transform(({ _csrf, ...form }) => form as FormBody);
/**
 * A builder form as sent, with the problems of fields the form schema refuses (a text over 10,000
 * characters): the form is drawn again with what was typed and each problem at its field.
 */
function readForm(body: unknown): { form: FormBody; problems: FieldIssue[] } {
  try {
    return { form: parseOrThrow(formSchema, body), problems: [] };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const { _csrf, ...sent } = (body ?? {}) as Record<string, unknown>;
    const form = Object.fromEntries(
      Object.entries(sent).filter(
        ([, value]) =>
          typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string")),
      ),
    ) as FormBody;
    return { form, problems: error.issues };
  }
}

/** Field problems of a form as definition issues at the edited part's path (`sections.0.items.2`). */
const issuesAt = (prefix: string, problems: FieldIssue[]): DefinitionIssue[] =>
  problems.map((problem) => ({
    path: prefix === "" ? problem.field : `${prefix}.${problem.field}`,
    message: problem.message,
  }));

/** A button's value (a move's direction, a new item's type), or its problem for the builder to show. */
function readButton<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { value: z.output<S> } | { issues: DefinitionIssue[] } {
  try {
    return { value: parseOrThrow(schema, body) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { issues: issuesAt("", error.issues) };
  }
}

/** Thrown inside a save when the item was saved by someone else after the editor was opened. */
class ItemChangedMeanwhile extends Error {}

/**
 * The builder: every change is applied to the questionnaire's draft under its lock and saved whole;
 * settings, dimensions, scale, sections and items, with deletes asked first.
 */
export function builderRouter(db: Kysely<Database>) {
  const router = Router();
  router.use(requirePermission("questionnaires.manage"));

  const keyOf = (raw: unknown, what: "item" | "section"): string => {
    if (typeof raw !== "string" || !keyPattern.test(raw)) throw new NotFoundError(`No such ${what}`);
    return raw;
  };

  // ---- the builder: every change is applied to the draft and saved whole ----

  /**
   * What the builder shows and changes: the draft, or else the newest published version, from which
   * the first saved change makes the next draft (so merely looking never creates a version).
   */
  const editable = async (id: number) => {
    const detail = await getQuestionnaire(db, id);
    const version = detail.draft ?? detail.latestPublished;
    if (!version) throw new NotFoundError("The questionnaire has no version");
    return { detail, definition: version.definition };
  };

  /**
   * Applies a change to the editable definition and saves it as the draft (`editDraft` makes the next
   * version when every version is published). An invalid result is not saved, and no draft is made:
   * the issues come back, each with its path and item.
   */
  const change = async (
    id: number,
    apply: (definition: QuestionnaireDefinition) => QuestionnaireDefinition,
  ): Promise<{ ok: true } | { ok: false; issues: DefinitionError["definitionIssues"] }> => {
    try {
      await editDraft(db, id, apply);
      return { ok: true };
    } catch (error) {
      if (error instanceof DefinitionError) return { ok: false, issues: error.definitionIssues };
      throw error;
    }
  };

  const renderBuilder = async (req: Request, res: Response, status: number, forms: OverviewForms = {}) => {
    const { detail, definition } = await editable(idOf(req));
    res.status(status).render("questionnaire-builder", {
      title: "builder.title",
      questionnaire: header(detail, req),
      heading: pick(definition.title, req.locale),
      builder: overviewView(definition, req.locale, forms, await findDepartmentNames(db)),
    });
  };

  const backToBuilder = (res: Response, id: number, anchor?: string) =>
    res.redirect(303, `${BASE}/${id}/edit${anchor ? `#${anchor}` : ""}`);

  router.get("/:id/edit", (req, res) => renderBuilder(req, res, 200));

  router.post("/:id/settings", async (req, res) => {
    const id = idOf(req);
    const { form, problems } = readForm(req.body);
    if (problems.length > 0)
      return renderBuilder(req, res, 422, { settings: { form, issues: issuesAt("", problems) } });
    const result = await change(id, (definition) => updateSettings(definition, settingsFromForm(form)));
    if (!result.ok) return renderBuilder(req, res, 422, { settings: { form, issues: result.issues } });
    setFlash(res, "builder.saved");
    backToBuilder(res, id, "settings");
  });

  router.post("/:id/dimensions", async (req, res) => {
    const id = idOf(req);
    const { form, problems } = readForm(req.body);
    if (problems.length > 0)
      return renderBuilder(req, res, 422, { dimensions: { form, issues: issuesAt("", problems) } });
    const result = await change(id, (definition) => replaceDimensions(definition, dimensionsFromForm(form)));
    if (!result.ok) return renderBuilder(req, res, 422, { dimensions: { form, issues: result.issues } });
    setFlash(res, "builder.saved");
    backToBuilder(res, id, "dimensions");
  });

  router.post("/:id/scale", async (req, res) => {
    const id = idOf(req);
    const { form, problems } = readForm(req.body);
    if (problems.length > 0)
      return renderBuilder(req, res, 422, { scale: { form, issues: issuesAt("scale", problems) } });
    const standard = form.reset !== undefined;
    const result = await change(id, (definition) =>
      replaceScale(definition, standard ? undefined : scaleFromForm(form)),
    );
    if (!result.ok) return renderBuilder(req, res, 422, { scale: { form, issues: result.issues } });
    setFlash(res, "builder.saved");
    backToBuilder(res, id, "scale");
  });

  router.post("/:id/sections", async (req, res) => {
    const id = idOf(req);
    parseOrThrow(formSchema, req.body);
    let sectionKey = "";
    const result = await change(id, (definition) => {
      const added = addSection(definition);
      sectionKey = added.sectionKey;
      return added.definition;
    });
    if (!result.ok) return renderBuilder(req, res, 422, { change: { issues: result.issues } });
    setFlash(res, "builder.sectionAdded");
    backToBuilder(res, id, `section-${sectionKey}`);
  });

  router.post("/:id/sections/:sectionKey", async (req, res) => {
    const id = idOf(req);
    const sectionKey = keyOf(req.params.sectionKey, "section");
    const { form, problems } = readForm(req.body);
    if (problems.length > 0) {
      const { definition } = await editable(id);
      const index = definition.sections.findIndex((section) => section.key === sectionKey);
      if (index < 0) throw new NotFoundError("No such section");
      const issues = issuesAt(`sections.${index}`, problems);
      return renderBuilder(req, res, 422, { section: { sectionKey, form, issues } });
    }
    const patch = sectionFromForm(form);
    const result = await change(id, (definition) => updateSection(definition, sectionKey, patch));
    if (!result.ok) {
      return renderBuilder(req, res, 422, { section: { sectionKey, form, issues: result.issues } });
    }
    setFlash(res, "builder.saved");
    backToBuilder(res, id, `section-${patch.key}`);
  });

  router.post("/:id/sections/:sectionKey/move", async (req, res) => {
    const id = idOf(req);
    const sectionKey = keyOf(req.params.sectionKey, "section");
    const button = readButton(directionSchema, req.body);
    if ("issues" in button) return renderBuilder(req, res, 422, { change: { issues: button.issues } });
    const { direction } = button.value;
    const result = await change(id, (definition) => moveSection(definition, sectionKey, direction));
    if (!result.ok) return renderBuilder(req, res, 422, { change: { issues: result.issues } });
    setFlash(res, "builder.moved");
    backToBuilder(res, id, `section-${sectionKey}`);
  });

  /**
   * A delete not confirmed in the browser (no JavaScript, so no dialog) is asked here first: a page
   * with the question and a button that posts it again, confirmed.
   */
  const confirmFirst = async (
    req: Request,
    res: Response,
    form: FormBody,
    question: (definition: QuestionnaireDefinition) => string | undefined,
  ): Promise<boolean> => {
    if (form.confirmed === "1") return false;
    const { detail, definition } = await editable(idOf(req));
    const text = question(definition);
    if (text === undefined) throw new NotFoundError("Nothing to delete there");
    res.render("confirm", {
      title: "builder.title",
      pageTitle: text,
      question: text,
      action: req.originalUrl,
      confirmLabel: translate(req.locale, "builder.delete"),
      cancelHref: `${BASE}/${detail.id}/edit`,
    });
    return true;
  };

  router.post("/:id/sections/:sectionKey/delete", async (req, res) => {
    const id = idOf(req);
    const sectionKey = keyOf(req.params.sectionKey, "section");
    const form = parseOrThrow(formSchema, req.body);
    const asked = await confirmFirst(req, res, form, (definition) => {
      const section = definition.sections.find((candidate) => candidate.key === sectionKey);
      return (
        section &&
        translate(req.locale, "builder.section.deleteConfirm", {
          title: pick(section.title, req.locale),
          count: section.items.length,
        })
      );
    });
    if (asked) return;
    const result = await change(id, (definition) => deleteSection(definition, sectionKey));
    if (!result.ok) return renderBuilder(req, res, 422, { change: { issues: result.issues } });
    setFlash(res, "builder.sectionDeleted");
    backToBuilder(res, id);
  });

  router.post("/:id/sections/:sectionKey/items", async (req, res) => {
    const id = idOf(req);
    const sectionKey = keyOf(req.params.sectionKey, "section");
    const button = readButton(addItemSchema, req.body);
    if ("issues" in button) return renderBuilder(req, res, 422, { change: { issues: button.issues } });
    const { type } = button.value;
    let itemKey = "";
    const result = await change(id, (definition) => {
      const added = addItem(definition, sectionKey, type);
      itemKey = added.itemKey;
      return added.definition;
    });
    if (!result.ok) return renderBuilder(req, res, 422, { change: { issues: result.issues } });
    setFlash(res, "builder.itemAdded");
    res.redirect(303, `${BASE}/${id}/items/${itemKey}`);
  });

  // ---- one item ----

  /**
   * The item editor. `typed` is a save that was refused: what was typed comes back with its problems.
   * The form carries the digest of the item it was opened on (`_seen`); after a refused save it keeps
   * that digest, except when the refusal was someone else's newer change, which the person has now seen.
   */
  const renderItem = async (
    req: Request,
    res: Response,
    status: number,
    typed?: {
      form: FormBody;
      issues: DefinitionError["definitionIssues"];
      seen?: string | undefined;
      changedMeanwhile?: boolean;
    },
  ) => {
    const itemKey = keyOf(req.params.itemKey, "item");
    const { detail, definition } = await editable(idOf(req));
    const [active, names] = await Promise.all([listActiveDepartments(db), findDepartmentNames(db)]);
    const item = itemEditorView(definition, itemKey, req.locale, typed, { active, names });
    const current = findItem(definition, itemKey);
    if (!item || !current) throw new NotFoundError("No such item");
    res.status(status).render("questionnaire-item", {
      title: "builder.item.title",
      questionnaire: header(detail, req),
      heading: pick(definition.title, req.locale),
      item,
      canManageDepartments: hasPermission(req.user?.role ?? "manager", "departments.manage"),
      seen: (!typed?.changedMeanwhile && typed?.seen) || itemFingerprint(current.item),
      changedMeanwhile: typed?.changedMeanwhile ?? false,
    });
  };

  router.get("/:id/items/:itemKey", (req, res) => renderItem(req, res, 200));

  router.post("/:id/items/:itemKey", async (req, res) => {
    const id = idOf(req);
    const itemKey = keyOf(req.params.itemKey, "item");
    const {
      form: { _seen, ...form },
      problems,
    } = readForm(req.body);
    const seen = typeof _seen === "string" ? _seen : undefined;
    if (problems.length > 0) {
      const { definition } = await editable(id);
      const position = findItem(definition, itemKey);
      if (!position) throw new NotFoundError("No such item");
      const issues = issuesAt(`sections.${position.sectionIndex}.items.${position.itemIndex}`, problems);
      return renderItem(req, res, 422, { form, issues, seen });
    }
    let newKey = itemKey;
    const activeCodes = new Set((await listActiveDepartments(db)).map((department) => department.code));
    const result = await change(id, (definition) => {
      const current = findItem(definition, itemKey);
      if (!current) throw new NotFoundError("No such item");
      if (seen !== undefined && itemFingerprint(current.item) !== seen) throw new ItemChangedMeanwhile();
      const scale = scaleOf(definition);
      const item = itemFromForm(current.item.type, form, (key) => {
        const source = findItem(definition, key)?.item;
        return source !== undefined && possibleAnswers(source, scale) !== undefined;
      });
      // a department is chosen among the active ones; the item's own code is kept as it is, even one
      // no department has (an imported questionnaire's), so saving never loses it
      if (
        item.department !== undefined &&
        item.department !== current.item.department &&
        !activeCodes.has(item.department)
      ) {
        throw new DefinitionError([
          {
            path: `sections.${current.sectionIndex}.items.${current.itemIndex}.department`,
            message: { key: "builder.issue.departmentUnknown", values: { code: item.department } },
            itemKey,
          },
        ]);
      }
      newKey = item.key;
      return replaceItem(definition, itemKey, item);
    }).catch((error: unknown) => {
      if (error instanceof ItemChangedMeanwhile) return "changed meanwhile" as const;
      throw error;
    });
    if (result === "changed meanwhile")
      return renderItem(req, res, 409, { form, issues: [], changedMeanwhile: true });
    if (!result.ok) return renderItem(req, res, 422, { form, issues: result.issues, seen });
    setFlash(res, "builder.itemSaved", { name: newKey });
    backToBuilder(res, id, `item-${newKey}`);
  });

  router.post("/:id/items/:itemKey/move", async (req, res) => {
    const id = idOf(req);
    const itemKey = keyOf(req.params.itemKey, "item");
    const button = readButton(directionSchema, req.body);
    if ("issues" in button) return renderBuilder(req, res, 422, { change: { issues: button.issues } });
    const { direction } = button.value;
    const result = await change(id, (definition) => moveItem(definition, itemKey, direction));
    if (!result.ok) return renderBuilder(req, res, 422, { change: { issues: result.issues } });
    setFlash(res, "builder.moved");
    backToBuilder(res, id, `item-${itemKey}`);
  });

  router.post("/:id/items/:itemKey/delete", async (req, res) => {
    const id = idOf(req);
    const itemKey = keyOf(req.params.itemKey, "item");
    const form = parseOrThrow(formSchema, req.body);
    const asked = await confirmFirst(req, res, form, (definition) =>
      findItem(definition, itemKey)
        ? translate(req.locale, "builder.item.deleteConfirm", { key: itemKey })
        : undefined,
    );
    if (asked) return;
    const result = await change(id, (definition) => deleteItem(definition, itemKey));
    if (!result.ok) return renderBuilder(req, res, 422, { change: { issues: result.issues } });
    setFlash(res, "builder.itemDeleted", { name: itemKey });
    backToBuilder(res, id);
  });

  return router;
}
