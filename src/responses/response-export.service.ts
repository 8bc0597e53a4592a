import type { Kysely } from "kysely";
import type { Actor } from "../accounts/staff-user.service.ts";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database } from "../db/database.ts";
import { findWaveById } from "../distribution/wave.repository.ts";
import type { Locale } from "../i18n/bilingual.ts";
import { findPublishedVersion } from "../questionnaires/published-versions.ts";
import { listVersions } from "../questionnaires/questionnaire.repository.ts";
import type { QuestionnaireDefinition } from "../questionnaires/questionnaire-definition.ts";
import {
  findAnswerObjects,
  findAnswerRows,
  findResponsesReplacedIn,
  listAnsweredAttributeKeys,
  listResponses,
  listResponsesAfter,
  type ResponseFilter,
  type ResponseListEntry,
} from "./response.repository.ts";
import { type ExportLayout, exportLayout } from "./response-export.ts";
import {
  type AnswerWithPoints,
  answersWithPoints,
  type ExportCell,
  type ExportResponse,
} from "./response-export-cells.ts";

/** Responses read per query: the export's memory holds one batch, whatever the number of responses. */
const BATCH = 500;

export interface ResponseExportRequest {
  filter: ResponseFilter;
  /** the questionnaire chosen (or the wave's): one column per item and part; neither: the generic form */
  questionnaireId: number | undefined;
  waveId: number | undefined;
  locale: Locale;
  timeZone: string;
  format: "csv" | "xlsx";
  /** the query as asked, for the audit log */
  asked: Record<string, string>;
}

export interface ResponseExport {
  layout: ExportLayout;
  /** The rows, a batch at a time; the next batch is read from the database only when asked for. */
  batches: AsyncIterable<ExportCell[][]>;
}

/**
 * Opens an export of the filtered responses: its columns (from the questionnaire's published versions
 * and the free attributes seen), an audit entry (an export of customers' personal data), and the rows
 * read in keyset batches as the writer asks for them.
 */
export async function openResponseExport(
  db: Kysely<Database>,
  actor: Actor,
  request: ResponseExportRequest,
): Promise<ResponseExport> {
  const questionnaireId =
    request.questionnaireId ??
    (request.waveId === undefined ? undefined : (await findWaveById(db, request.waveId))?.questionnaireId);
  const versions =
    questionnaireId === undefined
      ? []
      : (await listVersions(db, questionnaireId)).filter((version) => version.status === "published");
  const definitions = new Map(versions.map((version) => [version.id, version.definition]));
  const layout = exportLayout({
    locale: request.locale,
    timeZone: request.timeZone,
    definitions: versions.map((version) => version.definition),
    attributeKeys: await listAnsweredAttributeKeys(db, request.filter),
    includeTests: request.filter.includeTests === true,
  });
  await insertAuditEntry(db, {
    action: "customer.exported",
    actorUserId: actor.user.id,
    actorName: actor.user.username,
    targetType: "response_export",
    ip: actor.ip,
    details: { ...request.asked, format: request.format },
  });
  const generic = versions.length === 0;
  async function* batches(): AsyncGenerator<ExportCell[][]> {
    let afterId = 0;
    for (;;) {
      const entries = await listResponsesAfter(db, request.filter, afterId, BATCH);
      if (entries.length === 0) return;
      const responses = await withAnswers(db, entries, generic, request.timeZone);
      const rows: ExportCell[][] = [];
      for (const response of responses) {
        const definition =
          definitions.get(response.questionnaireVersionId) ??
          (await definitionOf(db, response.questionnaireVersionId));
        rows.push(layout.cells(response, definition));
      }
      yield rows;
      afterId = entries[entries.length - 1]?.id ?? afterId;
    }
  }
  return { layout, batches: batches() };
}

/**
 * A batch's answers, and which of its responses reports count (a known customer once per questionnaire
 * and month, by their latest response of the month).
 */
async function withAnswers(
  db: Kysely<Database>,
  entries: ResponseListEntry[],
  withObjects: boolean,
  timeZone: string,
): Promise<ExportResponse[]> {
  const ids = entries.map((entry) => entry.id);
  const [rows, replaced, objects] = await Promise.all([
    findAnswerRows(db, ids),
    findResponsesReplacedIn(db, ids, timeZone),
    withObjects ? findAnswerObjects(db, ids) : undefined,
  ]);
  return entries.map((entry) => ({
    ...entry,
    countedInReport: !replaced.has(entry.id),
    answerRows: rows.get(entry.id) ?? [],
    ...(objects ? { answerObject: objects.get(entry.id) ?? {} } : {}),
  }));
}

async function definitionOf(
  db: Kysely<Database>,
  versionId: number,
): Promise<QuestionnaireDefinition | undefined> {
  return (await findPublishedVersion(db, versionId))?.definition;
}

/** A response of the API's list, with its answers when they were asked for. */
export type ApiResponseEntry = ResponseListEntry & { answers?: AnswerWithPoints[] };

export type ApiResponsePage =
  | { kind: "pages"; entries: ApiResponseEntry[]; total: number }
  | { kind: "after"; entries: ApiResponseEntry[]; nextAfter: number | null };

/**
 * A page of `GET /api/v1/responses`: by page number (newest first, with the total), or after a
 * response id (id order, constant cost however deep: what a large export pages with). With
 * `includeAnswers` each response carries its answer rows, and the page is audited as an export.
 */
export async function listResponsesForApi(
  db: Kysely<Database>,
  actor: Actor,
  request: {
    filter: ResponseFilter;
    page: { limit: number } & ({ offset: number } | { after: number });
    includeAnswers: boolean;
    asked: Record<string, string>;
  },
): Promise<ApiResponsePage> {
  const { filter, page } = request;
  let result: ApiResponsePage;
  if ("after" in page) {
    const entries = await listResponsesAfter(db, filter, page.after, page.limit + 1);
    const more = entries.length > page.limit;
    const shown = entries.slice(0, page.limit);
    result = {
      kind: "after",
      entries: shown,
      nextAfter: more ? (shown[shown.length - 1]?.id ?? null) : null,
    };
  } else {
    const { entries, total } = await listResponses(db, filter, page);
    result = { kind: "pages", entries, total };
  }
  if (!request.includeAnswers) return result;
  const rows = await findAnswerRows(
    db,
    result.entries.map((entry) => entry.id),
  );
  const entries: ApiResponseEntry[] = [];
  for (const entry of result.entries) {
    const definition = await definitionOf(db, entry.questionnaireVersionId);
    entries.push({ ...entry, answers: answersWithPoints(rows.get(entry.id) ?? [], definition) });
  }
  await insertAuditEntry(db, {
    action: "customer.exported",
    actorUserId: actor.user.id,
    actorName: actor.user.username,
    targetType: "response_api",
    ip: actor.ip,
    details: { ...request.asked, responses: entries.length },
  });
  return { ...result, entries };
}
