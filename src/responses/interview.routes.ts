import { randomUUID } from "node:crypto";
import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import { hasPermission } from "../accounts/roles.ts";
import {
  findInterviewCustomer,
  INTERVIEW_CHOICES,
  listInterviewCustomers,
} from "../customers/customer.repository.ts";
import type { Database } from "../db/database.ts";
import { findCallListInvitation } from "../distribution/invitation.repository.ts";
import { type FieldIssue, ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import type { Message } from "../i18n/i18n.ts";
import { findVersionById, listPublishedQuestionnaires } from "../questionnaires/questionnaire.repository.ts";
import { allItems, type QuestionnaireDefinition } from "../questionnaires/questionnaire-definition.ts";
import { actorOf, currentUser, requirePermission } from "../web/authorize.ts";
import { setFlash } from "../web/flash.ts";
import { fieldErrors, parseOrThrow } from "../web/validate.ts";
import type { AnswerIssue } from "./answers.ts";
import { buildRespondentPage, formToRawAnswers } from "./respondent-view.ts";
import { AnswersInvalidError, recordInterview } from "./response.service.ts";

const startSchema = z.object({
  version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
  customer: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
  mode: z.enum(["phone", "visit"]).default("phone"),
  /** narrows the customers offered: part of a name, email or phone, or the start of a customer number */
  q: z.string().trim().max(100).optional(),
  /** from a call list: the staff wave's invitation this interview completes */
  invitation: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
});

/** The start form's fields that parse, each on its own: a refused interview is drawn again with them. */
function keptStart(body: Record<string, unknown>): z.output<typeof startSchema> {
  const kept = Object.fromEntries(
    Object.entries(startSchema.shape).flatMap(([name, schema]) => {
      const parsed = schema.safeParse(body[name]);
      return parsed.success ? [[name, parsed.data]] : [];
    }),
  );
  return { mode: "phone", ...kept } as z.output<typeof startSchema>;
}

/**
 * Staff-recorded interviews (电话/上门回访): a quality staff member or a customer manager fills the
 * questionnaire on a customer's behalf during a call or visit. The response keeps the mode and who
 * recorded it. Customer managers may only interview the customers assigned to them.
 */
export function interviewRouter(db: Kysely<Database>, now: () => Date) {
  const router = Router();
  router.use(requirePermission("responses.record"));

  const managerScope = (req: Request) =>
    hasPermission(currentUser(req).role, "customers.view_all") ? undefined : currentUser(req).id;

  const render = async (
    req: Request,
    res: Response,
    input: z.output<typeof startSchema>,
    status = 200,
    answers: Record<string, unknown> = {},
    issues: AnswerIssue[] = [],
    errors: Record<string, Message> = {},
  ) => {
    const scope = managerScope(req);
    const [questionnaires, { customers, more }] = await Promise.all([
      listPublishedQuestionnaires(db),
      listInterviewCustomers(db, scope, input.q || undefined),
    ]);
    const version = input.version ? await findVersionById(db, input.version) : undefined;
    if (input.version && version?.status !== "published")
      throw new NotFoundError("No such published questionnaire");
    const customer = input.customer ? await findInterviewCustomer(db, input.customer, scope) : undefined;
    if (input.customer && !customer) throw new ForbiddenError("This customer is not assigned to you");
    const definition = version?.definition as QuestionnaireDefinition | undefined;
    const sections = definition
      ? definition.sections.map((_, pageIndex) => {
          const page = buildRespondentPage(definition, {
            locale: req.locale,
            pageIndex,
            answers,
            issues,
            preview: false,
            baseHref: "/admin/interviews",
          });
          return { section: page.section, items: page.items };
        })
      : [];
    res.status(status).render("interview", {
      title: "interview.title",
      questionnaires: questionnaires.map((q) => ({ ...q, selected: q.versionId === input.version })),
      // a search that finds exactly one customer chooses them
      customers: customers.map((c) => ({
        ...c,
        selected: c.id === input.customer || (!input.customer && Boolean(input.q) && customers.length === 1),
      })),
      search: input.q ?? "",
      moreCustomers: more ? INTERVIEW_CHOICES : 0,
      modes: ["phone", "visit"].map((mode) => ({ mode, selected: mode === input.mode })),
      chosen: {
        version,
        customer,
        mode: input.mode,
        title: definition?.title[req.locale],
        invitation: input.invitation,
      },
      sections,
      errors,
      hasErrors: Object.keys(errors).length > 0,
      issueCount: issues.length,
      submitKey: randomUUID(),
    });
  };

  router.get("/new", async (req, res) => {
    await render(req, res, parseOrThrow(startSchema, req.query));
  });

  router.post("/", async (req, res) => {
    let input: z.output<typeof startSchema> & { submitKey: string };
    try {
      input = parseOrThrow(startSchema.extend({ submitKey: z.string().uuid() }), req.body);
      if (!input.version || !input.customer) {
        const issues: FieldIssue[] = [];
        if (!input.version)
          issues.push({ field: "version", message: { key: "validation.chooseQuestionnaire" } });
        if (!input.customer)
          issues.push({ field: "customer", message: { key: "validation.chooseCustomer" } });
        throw new ValidationError("Choose a questionnaire and a customer first", issues);
      }
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // the start form again, with what was chosen and typed; the answers only when their form is shown
      const body = (req.body ?? {}) as Record<string, unknown>;
      const kept = keptStart(body);
      const version = kept.version ? await findVersionById(db, kept.version) : undefined;
      const answers = version ? formToRawAnswers(allItems(version.definition), body) : {};
      return render(req, res, kept, 422, answers, [], fieldErrors(error));
    }
    const scope = managerScope(req);
    const customer = await findInterviewCustomer(db, input.customer, scope);
    if (!customer) throw new ForbiddenError("This customer is not assigned to you");
    const version = await findVersionById(db, input.version);
    if (version?.status !== "published") throw new NotFoundError("No such published questionnaire");
    const definition = version.definition;
    const invitation = input.invitation
      ? await findCallListInvitation(db, input.invitation, customer.id, version.id)
      : undefined;
    if (input.invitation && !invitation)
      throw new NotFoundError("This call is not on a call list for this customer");
    const raw = formToRawAnswers(allItems(definition), req.body);
    try {
      const created = await recordInterview(
        db,
        {
          questionnaireVersionId: version.id,
          definition,
          waveId: invitation?.waveId ?? null,
          raw,
          mode: input.mode,
          customerId: customer.id,
          customerRef: customer.externalRef,
          recordedBy: actorOf(req).user.id,
          submitKey: `interview:${input.submitKey}`,
          locale: req.locale,
        },
        invitation?.id,
        now(),
      );
      setFlash(res, "interview.recorded", { name: customer.name });
      res.redirect(
        303,
        invitation
          ? "/admin/calls"
          : hasPermission(currentUser(req).role, "responses.view_identity")
            ? `/admin/responses/${created.id}`
            : "/admin/interviews/new",
      );
    } catch (error) {
      if (!(error instanceof AnswersInvalidError)) throw error;
      await render(req, res, input, 422, raw, error.answerIssues);
    }
  });

  return router;
}
