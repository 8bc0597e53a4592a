import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { type Bilingual, pick } from "../i18n/bilingual.ts";
import type { Message } from "../i18n/i18n.ts";
import {
  findQuestionnaireName,
  listPublishedQuestionnaires,
  listQuestionnaires,
} from "../questionnaires/questionnaire.repository.ts";
import { actorOf, requirePermission } from "../web/authorize.ts";
import { setFlash } from "../web/flash.ts";
import { fieldErrors, parseForm } from "../web/validate.ts";
import { type CaseRule, DEFAULT_RULE, RECOVERY_CHANNELS } from "./case.ts";
import { ruleFormSchema } from "./case-forms.ts";
import { findCaseRules } from "./case-opening.repository.ts";
import { saveCaseRule } from "./case-rule.service.ts";
import { RULE_LIMITS } from "./case-rule.ts";

const idParam = z.object({ questionnaireId: z.coerce.number().int().positive() });

const CHECKBOXES = [
  "enabled",
  "onDissatisfied",
  "onBasicallySatisfied",
  "npsDetractor",
  "onNo",
  "anonymous",
  "workingDays",
] as const;
const NUMBERS = [
  "scoreBelow",
  "commentScoreBelow",
  "contactHours",
  "resolveDays",
  "unreachableAfter",
  "recoveryQuestionnaireId",
  "recoveryChannel",
] as const;
type RuleForm = Record<(typeof CHECKBOXES)[number], boolean> & Record<(typeof NUMBERS)[number], string>;

/** A rule as the form shows it (a threshold that is not set is an empty field). */
function formOf(rule: CaseRule): RuleForm {
  return {
    ...rule,
    scoreBelow: rule.scoreBelow === null ? "" : String(rule.scoreBelow),
    commentScoreBelow: rule.commentScoreBelow === null ? "" : String(rule.commentScoreBelow),
    contactHours: String(rule.contactHours),
    resolveDays: String(rule.resolveDays),
    unreachableAfter: String(rule.unreachableAfter),
    recoveryQuestionnaireId:
      rule.recoveryQuestionnaireId === null ? "" : String(rule.recoveryQuestionnaireId),
    recoveryChannel: rule.recoveryChannel,
  };
}

/** What was ticked and typed, as it was (the form drawn again keeps it). */
function keptForm(body: unknown): RuleForm {
  const fields = (body ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof fields[key] === "string" ? fields[key] : "");
  return {
    ...(Object.fromEntries(CHECKBOXES.map((key) => [key, fields[key] === "on"])) as Record<
      (typeof CHECKBOXES)[number],
      boolean
    >),
    ...(Object.fromEntries(NUMBERS.map((key) => [key, text(key)])) as Record<
      (typeof NUMBERS)[number],
      string
    >),
  };
}

/**
 * Staff console: the follow-up rule of each questionnaire (which answers open a case, and the time
 * limits), for quality staff. A questionnaire without a saved rule is shown with the default one.
 */
export function caseRulesRouter(db: Kysely<Database>, now: () => Date) {
  const router = Router();
  router.use(requirePermission("cases.manage"));

  router.get("/", async (req, res) => {
    const { items } = await listQuestionnaires(db, { limit: 200, offset: 0 });
    const rules = await findCaseRules(
      db,
      items.map((q) => q.id),
    );
    res.render("case-rules", {
      title: "cases.rules.title",
      defaults: DEFAULT_RULE,
      questionnaires: items.map((q) => {
        const rule = rules.get(q.id);
        return {
          id: q.id,
          name: pick(q.name, req.locale),
          own: rule !== undefined,
          rule: rule ?? DEFAULT_RULE,
        };
      }),
    });
  });

  const load = async (req: Request) => {
    const parsed = idParam.safeParse(req.params);
    const name = parsed.success ? await findQuestionnaireName(db, parsed.data.questionnaireId) : undefined;
    if (!parsed.success || !name) throw new NotFoundError("No such questionnaire");
    return { id: parsed.data.questionnaireId, name };
  };

  const renderForm = async (
    req: Request,
    res: Response,
    questionnaire: { id: number; name: Bilingual },
    view: { form: RuleForm; own: boolean; errors?: Record<string, Message> },
    status = 200,
  ) => {
    const name = pick(questionnaire.name, req.locale);
    const published = await listPublishedQuestionnaires(db);
    res.status(status).render("case-rule", {
      title: "cases.rules.title",
      pageTitle: name,
      questionnaire: { id: questionnaire.id, name },
      recoveryChoices: published.map((q) => ({
        id: q.questionnaireId,
        name: pick(q.name, req.locale),
        selected: String(q.questionnaireId) === view.form.recoveryQuestionnaireId,
      })),
      recoveryChannels: RECOVERY_CHANNELS.map((value) => ({
        value,
        checked: value === (view.form.recoveryChannel || "email"),
      })),
      limits: RULE_LIMITS,
      errors: {},
      ...view,
    });
  };

  router.get("/:questionnaireId", async (req, res) => {
    const questionnaire = await load(req);
    const rule = (await findCaseRules(db, [questionnaire.id])).get(questionnaire.id);
    await renderForm(req, res, questionnaire, {
      form: formOf(rule ?? DEFAULT_RULE),
      own: rule !== undefined,
    });
  });

  router.post("/:questionnaireId", async (req, res) => {
    const questionnaire = await load(req);
    const own = (await findCaseRules(db, [questionnaire.id])).has(questionnaire.id);
    const redraw = (errors: Record<string, Message>) =>
      renderForm(req, res, questionnaire, { form: keptForm(req.body), own, errors }, 422);
    const form = parseForm(ruleFormSchema, req.body);
    if (!form.ok) return redraw(form.errors);
    try {
      await saveCaseRule(db, actorOf(req), questionnaire.id, form.value, now());
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return redraw(fieldErrors(error));
    }
    setFlash(res, "cases.rule.saved", { name: pick(questionnaire.name, req.locale) });
    res.redirect(303, "/admin/cases/rules");
  });

  return router;
}
