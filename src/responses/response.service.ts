import type { Kysely } from "kysely";
import { generateSecretToken, hashSecretToken } from "../accounts/tokens.ts";
import type { Database, Db } from "../db/database.ts";
import { markInvitationCompleted } from "../distribution/invitation.repository.ts";
import { findWaveBySlug, type WaveWithDefinition } from "../distribution/wave.repository.ts";
import { type WaveState, waveState } from "../distribution/wave.ts";
import { ValidationError } from "../errors.ts";
import { render } from "../i18n/i18n.ts";
import type { QuestionnaireDefinition } from "../questionnaires/questionnaire-definition.ts";
import { type AnswerIssue, type Answers, answerRows, checkAnswers, scoreAnswers } from "./answers.ts";
import {
  findCustomerIdByRef,
  findResponseByResumeToken,
  findResponseIdBySubmitKey,
  insertAnswerRows,
  insertPartialResponse,
  insertSubmittedResponse,
  insertSubmittedResponseNow,
  lockResponse,
  markSubmitted,
  type ResponseMode,
  updateDraftAnswers,
} from "./response.repository.ts";

export async function findWaveForRespondent(
  db: Kysely<Database>,
  slug: string,
  now: Date,
): Promise<{ wave: WaveWithDefinition; state: WaveState } | undefined> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return undefined;
  const wave = await findWaveBySlug(db, slug);
  return wave && { wave, state: waveState(wave, now) };
}

/** The respondent's response in progress (or done) for this wave, from their browser's resume token. */
export async function findResumableResponse(db: Kysely<Database>, waveId: number, token: string | undefined) {
  if (!token || token.length > 100) return undefined;
  const response = await findResponseByResumeToken(db, hashSecretToken(token));
  return response && response.waveId === waveId ? response : undefined;
}

/** The customer reference of an open link, and whether the link's signature vouches for it. */
export interface OpenLinkReference {
  ref: string;
  signed: boolean;
}

export interface SavePageInput {
  wave: WaveWithDefinition;
  /** the response being continued, if the browser has one */
  responseId: number | undefined;
  raw: Record<string, unknown>;
  pageItemKeys: string[];
  /** moving forward or submitting: the page's required items must be answered */
  requireComplete: boolean;
  locale: string;
  /** an open link's customer reference; ignored for a personal link and in an anonymous wave */
  reference: OpenLinkReference | null;
  isTest: boolean;
  /** false: a page saved with no answer at all does not create a response yet */
  createWhenEmpty: boolean;
  /** a personal link: the invitation's customer (null when anonymous), its mode, and its resume token */
  invited?: { customerId: number | null; resumeToken: string };
}

/**
 * Saves the answers of one page into the response's draft (creating the response on the first save).
 * Valid answers are kept even when others on the page are not; the page's problems are returned.
 */
export async function saveRespondentPage(
  db: Kysely<Database>,
  input: SavePageInput,
): Promise<{
  responseId: number | undefined;
  newToken: string | undefined;
  answers: Answers;
  issues: AnswerIssue[];
}> {
  const definition = input.wave.definition;
  return db.transaction().execute(async (trx) => {
    const existing = input.responseId === undefined ? undefined : await lockResponse(trx, input.responseId);
    const saved = (existing?.draftAnswers ?? {}) as Answers;
    const page = checkAnswers(definition, input.raw, {
      complete: input.requireComplete,
      itemKeys: input.pageItemKeys,
      known: saved,
    });
    const merged: Record<string, unknown> = { ...saved };
    for (const key of input.pageItemKeys) delete merged[key];
    Object.assign(merged, page.answers);
    // Answers to items that a changed answer has hidden are dropped.
    const clean = checkAnswers(definition, merged, { complete: false }).answers;

    if (existing) {
      if (existing.status === "partial") await updateDraftAnswers(trx, existing.id, clean, input.locale);
      return { responseId: existing.id, newToken: undefined, answers: clean, issues: page.issues };
    }
    if (Object.keys(clean).length === 0 && !input.createWhenEmpty) {
      return { responseId: undefined, newToken: undefined, answers: clean, issues: page.issues };
    }
    const token = input.invited?.resumeToken ?? generateSecretToken();
    // Only a signed reference is the customer; an unsigned one is kept as claimed, joined to no one.
    const reference = input.invited || input.wave.anonymous ? null : input.reference;
    const signedRef = reference?.signed ? reference.ref : null;
    const customerId = input.invited
      ? input.invited.customerId
      : signedRef
        ? ((await findCustomerIdByRef(trx, signedRef)) ?? null)
        : null;
    const responseId = await insertPartialResponse(trx, {
      waveId: input.wave.id,
      questionnaireVersionId: input.wave.questionnaireVersionId,
      customerId,
      customerRef: signedRef,
      claimedRef: reference && !reference.signed ? reference.ref : null,
      mode: input.invited ? "email" : "web",
      resumeTokenHash: hashSecretToken(token),
      locale: input.locale,
      isTest: input.isTest,
      draftAnswers: clean,
    });
    return { responseId, newToken: token, answers: clean, issues: page.issues };
  });
}

export type SubmitResult =
  | { status: "submitted"; score: number | null }
  | { status: "already_submitted" }
  | { status: "incomplete"; issues: AnswerIssue[] };

/**
 * Submits a response: checks every visible required item, writes the compact answer rows and the
 * respondent score, all in one transaction. Submitting twice (a retry, a double click) changes nothing.
 */
export async function submitResponse(
  db: Kysely<Database>,
  responseId: number,
  definition: QuestionnaireDefinition,
  now: Date,
): Promise<SubmitResult> {
  return db.transaction().execute(async (trx) => {
    const response = await lockResponse(trx, responseId);
    if (!response) throw new ValidationError("No such response");
    if (response.status === "submitted") return { status: "already_submitted" };
    const checked = checkAnswers(definition, response.draftAnswers, { complete: true });
    if (checked.issues.length > 0) return { status: "incomplete", issues: checked.issues };
    const score = scoreAnswers(definition, checked.answers);
    await insertAnswerRows(trx, responseId, answerRows(definition, checked.answers));
    await markSubmitted(trx, responseId, score, checked.answers, now);
    return { status: "submitted", score };
  });
}

/** Answers refused as a whole; `answerIssues` carry the codes the respondent pages translate. */
export class AnswersInvalidError extends ValidationError {
  constructor(readonly answerIssues: AnswerIssue[]) {
    const messages = answerIssues.map((issue) => ({
      field: `answers.${issue.itemKey}`,
      message: { key: `survey.error.${issue.code}` as const, values: issue.params ?? {} },
    }));
    const first = messages[0];
    super(
      `The answers are not valid: ${first ? `${first.field} ${render("en", first.message)}` : ""}`,
      messages,
    );
  }
}

export interface DirectResponseInput {
  questionnaireVersionId: number;
  definition: QuestionnaireDefinition;
  waveId: number | null;
  raw: Record<string, unknown>;
  mode: ResponseMode;
  customerId: number | null;
  customerRef: string | null;
  recordedBy: number | null;
  submitKey: string | null;
  locale: string;
}

/**
 * A complete response in one step: posted through the API or recorded by staff during a phone call or
 * visit. Unknown items, bad values and missing required answers are refused with every problem named.
 * The same submit key twice stores one response.
 */
export async function createSubmittedResponse(
  db: Kysely<Database>,
  input: DirectResponseInput,
  now: Date,
): Promise<{ id: number; score: number | null; duplicate: boolean }> {
  const { row, score } = submittedRow(input, now);
  const id = await insertSubmittedResponse(db, row);
  return settle(db, id, input.submitKey, score);
}

/**
 * A phone or visit interview recorded by staff: the response and, when it was made from a call list,
 * the completion of that call, in one transaction (a crash between the two would leave the call on
 * the list although it was made). Same checks and same idempotence as createSubmittedResponse.
 */
export async function recordInterview(
  db: Kysely<Database>,
  input: DirectResponseInput,
  callListInvitationId: number | undefined,
  now: Date,
): Promise<{ id: number; score: number | null; duplicate: boolean }> {
  if (callListInvitationId === undefined) return createSubmittedResponse(db, input, now);
  const { row, score } = submittedRow(input, now);
  return db.transaction().execute(async (trx) => {
    const id = await insertSubmittedResponseNow(trx, row);
    const stored = await settle(trx, id, input.submitKey, score);
    await markInvitationCompleted(trx, callListInvitationId, now);
    return stored;
  });
}

function submittedRow(input: DirectResponseInput, now: Date) {
  const checked = checkAnswers(input.definition, input.raw, { complete: true, rejectUnknown: true });
  if (checked.issues.length > 0) throw new AnswersInvalidError(checked.issues);
  const score = scoreAnswers(input.definition, checked.answers);
  const row = {
    waveId: input.waveId,
    questionnaireVersionId: input.questionnaireVersionId,
    customerId: input.customerId,
    customerRef: input.customerRef,
    mode: input.mode,
    recordedBy: input.recordedBy,
    submitKey: input.submitKey,
    locale: input.locale,
    score,
    answers: checked.answers,
    at: now,
    rows: answerRows(input.definition, checked.answers),
  };
  return { row, score };
}

/** The stored response's id; a submit key used before answers with the response it stored then. */
async function settle(db: Db, id: number | undefined, submitKey: string | null, score: number | null) {
  if (id !== undefined) return { id, score, duplicate: false };
  const existing = submitKey ? await findResponseIdBySubmitKey(db, submitKey) : undefined;
  if (existing === undefined) throw new Error("response insert returned nothing");
  return { id: existing, score, duplicate: true };
}
