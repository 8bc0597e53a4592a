import { type Request, Router } from "express";
import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import { NotFoundError } from "../errors.ts";
import { actorOf } from "../web/authorize.ts";
import { apiPage, pageQuerySchema, toLimitOffset } from "../web/pagination.ts";
import { parseOrThrow } from "../web/validate.ts";
import {
  type CaseDetail,
  type CaseListEntry,
  type CaseScope,
  findCase,
  listCases,
  listContacts,
} from "./case.repository.ts";
import { auditCaseView, caseScopeOf, logContact, moveCase, reassignCase } from "./case.service.ts";
import { isOverdue } from "./case.ts";
import { listCauses } from "./case-cause.repository.ts";
import { causeTree } from "./case-cause.ts";
import {
  caseFilterOf,
  caseIdSchema,
  caseListQuerySchema,
  contactSchema,
  instantIn,
  reassignSchema,
  stepSchema,
} from "./case-input.ts";
import { openPendingCases } from "./case-opening.service.ts";
import { recordRecoveryAnswers } from "./case-recovery.service.ts";

function caseJson(entry: CaseListEntry, now: Date) {
  return {
    id: entry.id,
    status: entry.status,
    overdue: isOverdue(entry, now),
    questionnaireId: entry.questionnaireId,
    customer: entry.customerId === null ? null : { ref: entry.customerRef, name: entry.customerName },
    respondentScore: entry.score,
    triggers: entry.triggers,
    department: entry.department,
    assignedTo: entry.assignedTo === null ? null : { id: entry.assignedTo, name: entry.assigneeName },
    contactDueAt: entry.contactDueAt,
    resolveDueAt: entry.resolveDueAt,
    escalatedAt: entry.escalatedAt,
    createdAt: entry.createdAt,
  };
}

function detailJson(detail: CaseDetail, now: Date) {
  return {
    ...caseJson(detail, now),
    responseId: detail.responseId,
    contactedAt: detail.contactedAt,
    resolvedAt: detail.resolvedAt,
    closedAt: detail.closedAt,
    cause: detail.cause,
    causeNotes: detail.causeNotes,
    fix: detail.fix,
    reply: detail.reply,
    recovery: detail.recovery,
  };
}

/**
 * `/api/v1/cases`: the follow-up cases the token's user may see (quality staff all, customer managers
 * theirs, management none): list, read with the contact log, log a contact, take a step, reassign.
 */
export function caseApiRouter(db: Kysely<Database>, timeZone: string, now: () => Date) {
  const router = Router();
  // who may see which cases is decided once per request (a department member's scope is read from the database)
  const scopes = new WeakMap<Request, CaseScope>();
  router.use(async (req, _res, next) => {
    scopes.set(req, await caseScopeOf(db, actorOf(req)));
    next();
  });
  const scopeOf = (req: Request) => scopes.get(req) as CaseScope;
  const visible = (trx: Kysely<Database>, scope: CaseScope) => async (id: number) =>
    (await findCase(trx, scope, id, now())) !== undefined;

  router.get("/", async (req, res) => {
    const scope = scopeOf(req);
    const query = parseOrThrow(caseListQuerySchema.extend(pageQuerySchema.shape), req.query);
    await openPendingCases(db, { now, timeZone, maxBatches: 5 });
    await recordRecoveryAnswers(db);
    const at = now();
    const { entries, total } = await listCases(db, scope, caseFilterOf(query), toLimitOffset(query), at);
    res.json(
      apiPage(
        entries.map((entry) => caseJson(entry, at)),
        query,
        total,
      ),
    );
  });

  /** The cause list, for choosing a case's cause (`causeId`): areas with their causes, retired ones marked. */
  router.get("/causes", async (_req, res) => {
    res.json({
      data: causeTree(await listCauses(db)).map((group) => ({
        id: group.id,
        name: group.name,
        active: group.active,
        causes: group.children.map((cause) => ({ id: cause.id, name: cause.name, active: cause.active })),
      })),
    });
  });

  router.get("/:id", async (req, res) => {
    const actor = actorOf(req);
    const { id } = parseOrThrow(caseIdSchema, req.params, "No such case");
    const at = now();
    const detail = await findCase(db, scopeOf(req), id, at);
    if (!detail) throw new NotFoundError("No such case");
    await auditCaseView(db, actor, id);
    const contacts = await listContacts(db, id);
    res.json({ data: { ...detailJson(detail, at), contacts } });
  });

  router.post("/:id/contacts", async (req, res) => {
    const actor = actorOf(req);
    const { id } = parseOrThrow(caseIdSchema, req.params, "No such case");
    const input = parseOrThrow(contactSchema, req.body);
    const at = now();
    const contactedAt = instantIn(input.contactedAt, timeZone, "contactedAt");
    const callBackAt = instantIn(input.callBackAt, timeZone, "callBackAt");
    await logContact(
      db,
      actor,
      (trx, caseId) => visible(trx, scopeOf(req))(caseId),
      id,
      {
        channel: input.channel,
        outcome: input.outcome,
        callBackAt: callBackAt ?? null,
        notes: input.notes,
        contactedAt: contactedAt ?? at,
      },
      at,
    );
    res
      .status(201)
      .json({ data: detailJson((await findCase(db, scopeOf(req), id, now())) as CaseDetail, now()) });
  });

  router.post("/:id/status", async (req, res) => {
    const actor = actorOf(req);
    const { id } = parseOrThrow(caseIdSchema, req.params, "No such case");
    const input = parseOrThrow(stepSchema, req.body);
    await moveCase(
      db,
      actor,
      (trx, caseId) => visible(trx, scopeOf(req))(caseId),
      id,
      input.status,
      {
        causeId: input.causeId ?? null,
        causeNotes: input.causeNotes ?? null,
        fix: input.fix ?? null,
        reply: input.reply ?? null,
      },
      now(),
      timeZone,
    );
    res.json({ data: detailJson((await findCase(db, scopeOf(req), id, now())) as CaseDetail, now()) });
  });

  router.post("/:id/assignee", async (req, res) => {
    const actor = actorOf(req);
    const { id } = parseOrThrow(caseIdSchema, req.params, "No such case");
    const input = parseOrThrow(reassignSchema, req.body);
    await reassignCase(db, actor, id, input.assignedTo, now());
    res.json({ data: detailJson((await findCase(db, scopeOf(req), id, now())) as CaseDetail, now()) });
  });

  return router;
}
