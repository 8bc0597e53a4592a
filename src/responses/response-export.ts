import { activityKey, customerTypeKey } from "../customers/message-families.ts";
import { type Locale, pick } from "../i18n/bilingual.ts";
import { type MessageKey, type MessageValues, translate } from "../i18n/i18n.ts";
import { shownScore } from "../lib/score-format.ts";
import { dayIn } from "../lib/time.ts";
import type { QuestionnaireDefinition } from "../questionnaires/questionnaire-definition.ts";
import { modeKey } from "./message-families.ts";
import {
  type ExportCell,
  type ExportColumn,
  type ExportResponse,
  type Field,
  field,
  type Row,
  rowOf,
} from "./response-export-cells.ts";
import { type ExportLegend, itemFields, itemLegend } from "./response-export-items.ts";

/**
 * The columns and cells of the responses export (CSV and XLSX alike), so that a spreadsheet can
 * recompute the report from it. Pure: no I/O.
 *
 * One header row, in the reader's language: the fixed columns (the response, the customer as they
 * were when they answered, the respondent's score), then with a questionnaire one column per item and
 * part (response-export-items.ts), else the answers as JSON.
 *
 * The respondent score is shown as the report shows scores (one decimal, cut); beside it the
 * respondent's satisfaction points and the number of satisfaction items they answered, whose quotient
 * is the exact score. Over the responses reports count (a known customer once per questionnaire and
 * month, by their latest response of the month: the "counted" column), the report's score is the mean of those quotients
 * over the respondents with at least one satisfaction answer, an item's score the mean of its points
 * column, its n the count.
 */

export interface ExportLayout {
  columns: readonly ExportColumn[];
  /** with a questionnaire: its items, for a second sheet of the XLSX */
  legend: ExportLegend | undefined;
  /** The cells of one response, in the columns' order; `definition` is its own version's. */
  cells(response: ExportResponse, definition: QuestionnaireDefinition | undefined): ExportCell[];
}

export interface ExportLayoutInput {
  locale: Locale;
  timeZone: string;
  /** the chosen questionnaire's versions, newest first: one column per item and part; none: the generic form */
  definitions: readonly QuestionnaireDefinition[];
  /** free attribute names seen among the responses' customers */
  attributeKeys: readonly string[];
  /** a column saying which responses are tests (only when tests are exported) */
  includeTests: boolean;
}

/** The export's columns (and the items' legend) for these versions, in the reader's language. */
export function exportLayout(input: ExportLayoutInput): ExportLayout {
  const { locale } = input;
  const t = (key: MessageKey, values?: MessageValues) => translate(locale, key, values);
  const asAnswered = (attribute: string) => t("responses.export.asAnswered", { attribute });
  const labelOf = (key: MessageKey | undefined, value: string | null) =>
    value === null ? null : key ? t(key) : value;
  const attributes = ({ response }: Row) => response.customerAsAnswered;
  const fields: Field[] = [
    field(t("responses.export.id"), ({ response: r }) => r.id),
    field(t("responses.export.submittedAt"), ({ response: r }) => r.submittedAt.toISOString()),
    field(t("responses.export.submittedOn", { zone: input.timeZone }), ({ response: r }) =>
      dayIn(r.submittedAt, input.timeZone),
    ),
    field(t("responses.export.startedAt"), ({ response: r }) => r.startedAt.toISOString()),
    field(t("responses.questionnaire"), ({ response: r }) => pick(r.questionnaireName, locale)),
    field(t("responses.export.version"), ({ response: r }) => r.versionNumber),
    field(t("responses.wave"), ({ response: r }) => r.waveName),
    field(t("responses.mode"), ({ response: r }) => labelOf(modeKey.keyOf(r.mode), r.mode)),
    field(t("customer.field.externalRef"), ({ response: r }) => r.customerRef),
    field(t("responses.customer"), ({ response: r }) => r.customerName),
    field(asAnswered(t("customer.field.customerType")), (r) => {
      const type = attributes(r).customerType;
      return labelOf(type === null ? undefined : customerTypeKey.keyOf(type), type);
    }),
    field(asAnswered(t("customer.field.channel")), (r) => attributes(r).channel),
    field(asAnswered(t("customer.field.valueTier")), (r) => attributes(r).valueTier),
    field(asAnswered(t("customer.field.activity")), (r) => {
      const activity = attributes(r).activity;
      return labelOf(activity === null ? undefined : activityKey.keyOf(activity), activity);
    }),
    field(asAnswered(t("customer.field.region")), (r) => attributes(r).region),
    field(asAnswered(t("customer.field.manager")), (r) => attributes(r).managerName),
    ...input.attributeKeys.map((key) =>
      field(asAnswered(key), (r) => attributeCell(attributes(r).attributes[key])),
    ),
    field(t("responses.export.recordedBy"), ({ response: r }) => r.recordedBy),
    ...(input.includeTests
      ? [field(t("responses.export.test"), ({ response: r }) => (r.isTest ? t("responses.test") : null))]
      : []),
    field(t("responses.export.counted"), ({ response: r }) => (r.countedInReport ? 1 : 0)),
    {
      column: { header: t("responses.export.score"), format: "score" },
      cell: ({ response: r }) => (r.score === null ? null : shownScore(r.score)),
    },
    field(t("responses.export.points"), (row) => {
      const satisfaction = row.satisfaction();
      return satisfaction && satisfaction.answered > 0 ? satisfaction.points : null;
    }),
    field(t("responses.export.answered"), (row) => row.satisfaction()?.answered ?? null),
    ...(input.definitions.length > 0
      ? itemFields(input.definitions, locale, t)
      : [field(t("responses.export.answers"), ({ response: r }) => JSON.stringify(r.answerObject ?? {}))]),
  ];
  return {
    columns: fields.map((f) => f.column),
    legend: input.definitions.length > 0 ? itemLegend(input.definitions, locale, t) : undefined,
    cells: (response, definition) => {
      const row = rowOf(response, definition);
      return fields.map((f) => f.cell(row));
    },
  };
}

function attributeCell(value: unknown): ExportCell {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number") return value;
  return JSON.stringify(value);
}
