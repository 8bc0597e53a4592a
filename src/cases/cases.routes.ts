import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { hasPermission } from "../accounts/roles.ts";
import type { Database } from "../db/database.ts";
import { findDepartmentNames } from "../departments/department.repository.ts";
import { departmentName, departmentNameOrNull } from "../departments/department.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { pick } from "../i18n/bilingual.ts";
import type { Message } from "../i18n/i18n.ts";
import { parseDateIn } from "../lib/time.ts";
import { findPublishedVersion } from "../questionnaires/published-versions.ts";
import { listQuestionnaires } from "../questionnaires/questionnaire.repository.ts";
import type { QuestionnaireDefinition } from "../questionnaires/questionnaire-definition.ts";
import { findResponseDetail, listResponses } from "../responses/response.repository.ts";
import { describeAnswers } from "../responses/response-view.ts";
import { actorOf, currentUser, requireSignIn } from "../web/authorize.ts";
import { setFlash } from "../web/flash.ts";
import { pageQuerySchema, pageView, toLimitOffset } from "../web/pagination.ts";
import { fieldErrors, parseForm, parseOrThrow } from "../web/validate.ts";
import {
  type CaseDetail,
  type CaseScope,
  findCase,
  findCaseVersionIds,
  listAssignableStaff,
  listCaseDepartments,
  listCases,
  listContacts,
  listCustomerCases,
} from "./case.repository.ts";
import {
  auditCaseView,
  caseScopeOf,
  logContact,
  moveCase,
  reassignCase,
  saveHandling,
} from "./case.service.ts";
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, canMove, TRIGGER_KINDS } from "./case.ts";
import { listCauses } from "./case-cause.repository.ts";
import { causeLabel, causeTree } from "./case-cause.ts";
import {
  assignFormSchema,
  type ContactForm,
  contactFormSchema,
  dateTimeInputValue,
  type HandlingForm,
  handlingFormSchema,
  keptCaseQuery,
  STATUS_CHOICES,
  statusFormSchema,
} from "./case-forms.ts";
import { caseFilterOf, caseIdSchema, caseListQuerySchema } from "./case-input.ts";
import { OPENING_BATCHES, openPendingCases } from "./case-opening.service.ts";
import {
  caseRow,
  causeChoices,
  countdownView,
  moveActions,
  recoveryView,
  writtenAnswers,
} from "./case-page.ts";
import { recordRecoveryAnswers } from "./case-recovery.service.ts";
import { triggerText } from "./case-text.ts";
import { itemTextIn } from "./case-words.ts";

type Errors = Record<string, Message>;
interface FormState<T> {
  values: T;
  errors: Errors;
}
interface CaseForms {
  contact?: FormState<ContactForm>;
  handling?: FormState<HandlingForm>;
  assign?: FormState<{ assignedTo: string }>;
  status?: Errors;
}

/** What was typed into a form, each named field as text (the form drawn again keeps it). */
function kept<T>(body: unknown, fields: readonly string[]): T {
  const values = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    fields.map((field) => [field, typeof values[field] === "string" ? values[field] : ""]),
  ) as T;
}

/**
 * Staff console: "My cases" (the follow-up cases a user may see, due first, with filters and pages) and
 * a case's page (its triggers, the response, the customer's history, the contact log and handling
 * forms, the status steps, reassignment for quality staff). Customer managers see the cases given to
 * them and their customers'; quality staff all. Another manager's case is "not found". Every view of a
 * case is audited.
 */
export function casesRouter(db: Kysely<Database>, timeZone: string, now: () => Date) {
  const router = Router();
  router.use(requireSignIn);
  // who may see which cases is decided once per request (a department member's scope is read from the database)
  const scopes = new WeakMap<Request, CaseScope>();
  router.use(async (req, _res, next) => {
    scopes.set(req, await caseScopeOf(db, actorOf(req)));
    next();
  });

  const scopeOf = (req: Request) => scopes.get(req) as CaseScope;
  const canManage = (req: Request) => hasPermission(currentUser(req).role, "cases.manage");
  /** Whether a case is in the scope (the services check it again inside their transaction). */
  const visibleIn =
    (scope: CaseScope) =>
    async (trx: Kysely<Database>, id: number): Promise<boolean> =>
      (await findCase(trx, scope, id, now())) !== undefined;

  /** The questionnaire version each case was answered on (cached per process: published ones never change). */
  const definitionsOf = async (caseIds: number[]) => {
    const versionIds = await findCaseVersionIds(db, caseIds);
    const versions = new Map<number, QuestionnaireDefinition | undefined>();
    for (const versionId of new Set(versionIds.values()))
      versions.set(versionId, (await findPublishedVersion(db, versionId))?.definition);
    return (caseId: number) => {
      const versionId = versionIds.get(caseId);
      return versionId === undefined ? undefined : versions.get(versionId);
    };
  };

  router.get("/", async (req, res) => {
    const scope = scopeOf(req);
    const query = parseOrThrow(pageQuerySchema.extend(caseListQuerySchema.shape), req.query);
    const filter = caseFilterOf(query);
    await openPendingCases(db, { now, timeZone, maxBatches: OPENING_BATCHES });
    await recordRecoveryAnswers(db);
    const quality = scope.kind === "all";
    const at = now();
    const [{ entries, total }, questionnaires, departments, staff, names, causes] = await Promise.all([
      listCases(db, scope, filter, toLimitOffset(query), at),
      listQuestionnaires(db, { limit: 200, offset: 0 }),
      listCaseDepartments(db),
      quality ? listAssignableStaff(db) : Promise.resolve([]),
      findDepartmentNames(db),
      listCauses(db),
    ]);
    const definitionOf = await definitionsOf(entries.map((entry) => entry.id));
    const keptQuery = keptCaseQuery(query);
    const more = (["questionnaire", "department", "trigger", "assignedTo", "cause"] as const).some(
      (key) => query[key] !== undefined,
    );
    res.render("cases", {
      title: "cases.title",
      cases: entries.map((entry) => ({
        ...caseRow(entry, definitionOf(entry.id), req.locale, at),
        department: departmentNameOrNull(names, entry.department, req.locale),
        // a department without a record has no one to handle its cases: they stay in the quality queue
        departmentQueue: entry.department !== null && names.has(entry.department),
      })),
      filter: query,
      quality,
      manage: canManage(req),
      filtered: Object.keys(keptQuery).length > 0,
      moreFilters: more,
      causeGroups: causeTree(causes).map((group) => ({
        id: group.id,
        name: pick(group.name, req.locale),
        selected: group.id === query.cause,
        causes: group.children.map((cause) => ({
          id: cause.id,
          name: pick(cause.name, req.locale),
          selected: cause.id === query.cause,
        })),
      })),
      statuses: STATUS_CHOICES.map((value) => ({ value, selected: value === query.status })),
      questionnaires: questionnaires.items.map((q) => ({
        id: q.id,
        name: pick(q.name, req.locale),
        selected: q.id === query.questionnaire,
      })),
      departments: departments.map((value) => ({
        value,
        name: departmentName(names, value, req.locale),
        selected: value === query.department,
      })),
      triggers: TRIGGER_KINDS.map((value) => ({ value, selected: value === query.trigger })),
      assignees: staff.map((s) => ({ id: s.id, name: s.display_name, selected: s.id === query.assignedTo })),
      queueSelected: query.assignedTo === "none",
      pagination: pageView(query, total, "/admin/cases", keptQuery),
    });
  });

  const loadCase = async (req: Request): Promise<CaseDetail> => {
    const parsed = caseIdSchema.safeParse(req.params);
    const found = parsed.success ? await findCase(db, scopeOf(req), parsed.data.id, now()) : undefined;
    // Another manager's case is "not found": its existence is not revealed either.
    if (!found) throw new NotFoundError("No such case");
    return found;
  };

  const renderCase = async (
    req: Request,
    res: Response,
    c: CaseDetail,
    forms: CaseForms = {},
    status = 200,
  ) => {
    const user = currentUser(req);
    const manage = canManage(req);
    const at = now();
    await auditCaseView(db, actorOf(req), c.id);
    const [contacts, response, otherCases, responses, staff, causes, names] = await Promise.all([
      listContacts(db, c.id),
      c.responseId === null ? Promise.resolve(undefined) : findResponseDetail(db, c.responseId),
      c.customerId === null
        ? Promise.resolve([])
        : listCustomerCases(db, scopeOf(req), c.customerId, now(), c.id),
      c.customerId === null
        ? Promise.resolve({ entries: [] })
        : listResponses(db, { customerId: c.customerId }, { limit: 20, offset: 0 }),
      manage ? listAssignableStaff(db) : Promise.resolve([]),
      listCauses(db),
      findDepartmentNames(db),
    ]);
    const definition = response?.definition as QuestionnaireDefinition | undefined;
    const assignTo = forms.assign?.values.assignedTo ?? String(c.assignedTo ?? "");
    res.status(status).render("case", {
      title: "cases.title",
      pageTitle: `#${c.id}`,
      case: c,
      department: departmentNameOrNull(names, c.department, req.locale),
      departmentQueue: c.department !== null && names.has(c.department),
      questionnaire: pick({ "zh-CN": c.questionnaireName, en: c.questionnaireNameEn }, req.locale),
      triggers: c.triggers.map((trigger) =>
        triggerText(trigger, req.locale, itemTextIn(definition, req.locale)),
      ),
      written: writtenAnswers(definition, response?.answers ?? {}, req.locale),
      countdown: countdownView(c, req.locale, at),
      answers: response
        ? describeAnswers(definition as QuestionnaireDefinition, response.answers, req.locale)
        : [],
      contacts,
      open: c.status !== "closed",
      moves: moveActions(c.status, manage),
      canResolve: canMove(c.status, "resolved"),
      manage,
      seeResponses: hasPermission(user.role, "responses.view_identity"),
      otherCases,
      responses: responses.entries.map((entry) => ({ ...entry, thisCase: entry.id === c.responseId })),
      staff: staff.map((s) => ({ ...s, selected: String(s.id) === assignTo })),
      channels: CONTACT_CHANNELS,
      outcomes: CONTACT_OUTCOMES,
      contact: forms.contact ?? {
        values: {
          channel: "phone",
          outcome: "reached",
          contactedAt: dateTimeInputValue(at, timeZone),
          callBackAt: "",
          notes: "",
        },
        errors: {},
      },
      handling: forms.handling ?? {
        values: {
          causeId: c.cause ? String(c.cause.id) : "",
          causeNotes: c.causeNotes ?? "",
          fix: c.fix ?? "",
          reply: c.reply ?? "",
        },
        errors: {},
      },
      causes: causeChoices(
        causes,
        forms.handling?.values.causeId ?? (c.cause ? String(c.cause.id) : ""),
        c.cause,
        req.locale,
      ),
      recovery: recoveryView(c.recovery, req.locale, timeZone),
      causePath: c.cause ? causeLabel(c.cause, req.locale) : null,
      assignErrors: forms.assign?.errors ?? {},
      statusErrors: forms.status ?? {},
    });
  };

  router.get("/:id", async (req, res) => {
    await renderCase(req, res, await loadCase(req));
  });

  router.post("/:id/contacts", async (req, res) => {
    const c = await loadCase(req);
    const values = kept<ContactForm>(req.body, ["channel", "outcome", "contactedAt", "callBackAt", "notes"]);
    const redraw = (errors: Errors) => renderCase(req, res, c, { contact: { values, errors } }, 422);
    const form = parseForm(contactFormSchema, req.body);
    if (!form.ok) return redraw(form.errors);
    const contactedAt = parseDateIn(form.value.contactedAt, timeZone, "start");
    const callBackAt =
      form.value.callBackAt === "" ? null : parseDateIn(form.value.callBackAt, timeZone, "start");
    const errors: Errors = {};
    if (!contactedAt) errors.contactedAt = { key: "cases.error.dateTime" };
    if (callBackAt === undefined) errors.callBackAt = { key: "cases.error.dateTime" };
    if (!contactedAt || callBackAt === undefined) return redraw(errors);
    let logged: Awaited<ReturnType<typeof logContact>>;
    try {
      logged = await logContact(
        db,
        actorOf(req),
        visibleIn(scopeOf(req)),
        c.id,
        {
          channel: form.value.channel,
          outcome: form.value.outcome,
          callBackAt: form.value.outcome === "call_back" ? callBackAt : null,
          notes: form.value.notes,
          contactedAt,
        },
        now(),
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return redraw(fieldErrors(error));
    }
    if (logged.unreachable) setFlash(res, "cases.unreachable.auto", { count: String(logged.unanswered) });
    else setFlash(res, "cases.contact.logged");
    res.redirect(303, `/admin/cases/${c.id}`);
  });

  router.post("/:id/handling", async (req, res) => {
    const c = await loadCase(req);
    const values = kept<HandlingForm>(req.body, ["causeId", "causeNotes", "fix", "reply"]);
    const redraw = (errors: Errors) => renderCase(req, res, c, { handling: { values, errors } }, 422);
    const form = parseForm(handlingFormSchema, req.body);
    if (!form.ok) return redraw(form.errors);
    const { causeId, causeNotes, fix, reply, action } = form.value;
    // a cause that is not a number is no cause of the list: the service says so at its field
    const cause = causeId === "" ? null : /^\d{1,15}$/.test(causeId) ? Number(causeId) : 0;
    const handling = {
      causeId: cause,
      causeNotes: causeNotes || null,
      fix: fix || null,
      reply: reply || null,
    };
    try {
      if (action === "resolve") {
        await moveCase(
          db,
          actorOf(req),
          visibleIn(scopeOf(req)),
          c.id,
          "resolved",
          handling,
          now(),
          timeZone,
        );
      } else {
        await saveHandling(db, actorOf(req), visibleIn(scopeOf(req)), c.id, handling, now());
      }
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return redraw(fieldErrors(error));
    }
    setFlash(res, action === "resolve" ? "cases.moved.resolved" : "cases.handling.saved");
    res.redirect(303, `/admin/cases/${c.id}`);
  });

  router.post("/:id/status", async (req, res) => {
    const c = await loadCase(req);
    const form = parseForm(statusFormSchema, req.body);
    if (!form.ok) return renderCase(req, res, c, { status: form.errors }, 422);
    const none = { causeId: null, causeNotes: null, fix: null, reply: null };
    try {
      await moveCase(db, actorOf(req), visibleIn(scopeOf(req)), c.id, form.value.to, none, now(), timeZone);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderCase(req, res, c, { status: fieldErrors(error) }, 422);
    }
    setFlash(res, `cases.moved.${form.value.to}`);
    res.redirect(303, `/admin/cases/${c.id}`);
  });

  router.post("/:id/assign", async (req, res) => {
    const c = await loadCase(req);
    const values = kept<{ assignedTo: string }>(req.body, ["assignedTo"]);
    const redraw = (errors: Errors) => renderCase(req, res, c, { assign: { values, errors } }, 422);
    const form = parseForm(assignFormSchema, req.body);
    if (!form.ok) return redraw(form.errors);
    try {
      await reassignCase(db, actorOf(req), c.id, form.value.assignedTo, now());
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return redraw(fieldErrors(error));
    }
    setFlash(res, "cases.assign.done");
    res.redirect(303, `/admin/cases/${c.id}`);
  });

  return router;
}
