import type { Kysely } from "kysely";
import type { Actor } from "../accounts/staff-user.service.ts";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database } from "../db/database.ts";
import { AppError, ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import type { Bilingual } from "../i18n/bilingual.ts";
import { render } from "../i18n/i18n.ts";
import { type UntouchedPlaceholder, untouchedPlaceholders } from "./placeholders.ts";
import {
  findQuestionnaireName,
  insertDraftVersion,
  insertQuestionnaire,
  listVersions,
  lockQuestionnaire,
  markVersionPublished,
  type QuestionnaireVersion,
  touchQuestionnaire,
  updateDraftDefinition,
} from "./questionnaire.repository.ts";
import {
  type DefinitionIssue,
  parseDefinition,
  type QuestionnaireDefinition,
} from "./questionnaire-definition.ts";
import { scaleChanges } from "./version-rules.ts";

export class DefinitionError extends ValidationError {
  constructor(readonly definitionIssues: DefinitionIssue[]) {
    const first = definitionIssues[0];
    super(
      first
        ? `The questionnaire is not valid: ${first.path || "(definition)"} ${render("en", first.message)}`
        : "The questionnaire is not valid",
      definitionIssues.map((issue) => ({ field: issue.path, message: issue.message })),
    );
  }
}

/**
 * A draft that still has a new item's placeholder text (「新题目（请修改题目文字）」, 「选项 1」), published
 * without saying so: 409, the items in `details.placeholders`. The console lists them and asks; the API
 * publishes anyway with `{ "force": true }`.
 */
export class PlaceholdersError extends AppError {
  override name = "PlaceholdersError";
  constructor(readonly placeholders: UntouchedPlaceholder[]) {
    super(
      409,
      "conflict",
      `The draft still has the placeholder text of a new item in item ${placeholders
        .map((p) => `${p.number} (${p.itemKey})`)
        .join(", ")}: edit it, or publish with { "force": true }`,
      {
        placeholders: placeholders.map(({ itemKey, number, parts }) => ({ itemKey, number, parts })),
      },
    );
  }
}

/** Parses a definition or throws a DefinitionError listing every problem with its path and item. */
export function requireValidDefinition(input: unknown): QuestionnaireDefinition {
  const result = parseDefinition(input);
  if (!result.ok) throw new DefinitionError(result.issues);
  return result.definition;
}

/**
 * Refuses what a later version may not change once a version is published (`version-rules.ts`): its
 * satisfaction scale. `published` is the newest published version, if any.
 */
function requireKeptScale(definition: QuestionnaireDefinition, published: QuestionnaireVersion | undefined) {
  if (!published) return;
  const issues = scaleChanges(published.definition, published.versionNumber, definition);
  if (issues.length > 0) throw new DefinitionError(issues);
}

/** Parses definition JSON text (an imported file); a syntax error names the line and column. */
export function parseDefinitionJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DefinitionError([
      { path: "", message: { key: "builder.error.notJson", values: { reason: message } } },
    ]);
  }
}

export interface QuestionnaireDetail {
  id: number;
  name: Bilingual;
  versions: QuestionnaireVersion[];
  draft: QuestionnaireVersion | undefined;
  latestPublished: QuestionnaireVersion | undefined;
}

export async function getQuestionnaire(db: Kysely<Database>, id: number): Promise<QuestionnaireDetail> {
  const name = await findQuestionnaireName(db, id);
  if (name === undefined) throw new NotFoundError("No such questionnaire");
  const versions = await listVersions(db, id);
  return {
    id,
    name,
    versions,
    draft: versions.find((v) => v.status === "draft"),
    latestPublished: versions.find((v) => v.status === "published"),
  };
}

/** A new questionnaire with its first draft; the definition must be valid (from a template or a file). */
export async function createQuestionnaire(
  db: Kysely<Database>,
  actor: Actor | null,
  definition: unknown,
): Promise<{ id: number; draft: QuestionnaireVersion }> {
  const valid = requireValidDefinition(definition);
  return db.transaction().execute(async (trx) => {
    const id = await insertQuestionnaire(trx, valid.title, actor?.user.id ?? null);
    const draft = await insertDraftVersion(trx, id, 1, valid);
    return { id, draft };
  });
}

/**
 * Saves the questionnaire's draft. Editing a published questionnaire creates the next version as a new
 * draft; published versions are never changed. The draft must be a valid definition, on the published
 * version's satisfaction scale (labels aside).
 */
export async function saveDraft(
  db: Kysely<Database>,
  questionnaireId: number,
  definition: unknown,
): Promise<QuestionnaireVersion> {
  const valid = requireValidDefinition(definition);
  return editDraft(db, questionnaireId, () => valid);
}

/**
 * Applies `edit` to the editable definition (the draft, else the newest published version) and saves the
 * result as the draft, all under the questionnaire's lock: two people changing the same questionnaire at
 * once both see their change kept, instead of the later save silently undoing the earlier one.
 */
export async function editDraft(
  db: Kysely<Database>,
  questionnaireId: number,
  edit: (definition: QuestionnaireDefinition) => unknown,
): Promise<QuestionnaireVersion> {
  return db.transaction().execute(async (trx) => {
    if (!(await lockQuestionnaire(trx, questionnaireId))) throw new NotFoundError("No such questionnaire");
    const versions = await listVersions(trx, questionnaireId);
    const draft = versions.find((v) => v.status === "draft");
    const published = versions.find((v) => v.status === "published");
    const current = draft ?? published;
    if (!current) throw new NotFoundError("The questionnaire has no version");
    const valid = requireValidDefinition(edit(current.definition));
    requireKeptScale(valid, published);
    await touchQuestionnaire(trx, questionnaireId, valid.title);
    if (draft) {
      await updateDraftDefinition(trx, draft.id, valid);
      return { ...draft, definition: valid, updatedAt: new Date() };
    }
    return insertDraftVersion(trx, questionnaireId, (versions[0]?.versionNumber ?? 0) + 1, valid);
  });
}

/**
 * Publishes the draft: from now on it is immutable and can be sent in waves. A draft with untouched
 * placeholders (`placeholders.ts`) is refused with a PlaceholdersError unless `acceptPlaceholders` is
 * true (the API's `force`) or names each such item (the console: the items the person publishing was
 * shown and confirmed, so one added since is not published unseen).
 */
export async function publishDraft(
  db: Kysely<Database>,
  actor: Actor | null,
  questionnaireId: number,
  now: Date,
  options: { acceptPlaceholders?: boolean | readonly string[] } = {},
): Promise<QuestionnaireVersion> {
  return db.transaction().execute(async (trx) => {
    if (!(await lockQuestionnaire(trx, questionnaireId))) throw new NotFoundError("No such questionnaire");
    const versions = await listVersions(trx, questionnaireId);
    const draft = versions.find((v) => v.status === "draft");
    if (!draft) throw new ConflictError({ key: "builder.error.noDraft" });
    // a draft saved before the scale was kept (or restored from a backup) is refused here
    const definition = requireValidDefinition(draft.definition);
    requireKeptScale(
      definition,
      versions.find((v) => v.status === "published"),
    );
    const placeholders = untouchedPlaceholders(definition);
    const accepted = options.acceptPlaceholders ?? false;
    const unaccepted =
      accepted === true
        ? []
        : placeholders.filter((p) => accepted === false || !accepted.includes(p.itemKey));
    if (unaccepted.length > 0) throw new PlaceholdersError(placeholders);
    await markVersionPublished(trx, draft.id, actor?.user.id ?? null, now);
    await touchQuestionnaire(trx, questionnaireId);
    await insertAuditEntry(trx, {
      action: "questionnaire.published",
      actorUserId: actor?.user.id ?? null,
      actorName: actor?.user.username ?? "system",
      targetType: "questionnaire",
      targetId: questionnaireId,
      ip: actor?.ip ?? null,
      details: { version: draft.versionNumber },
    });
    return { ...draft, status: "published", publishedAt: now };
  });
}
