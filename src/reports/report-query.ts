import { z } from "zod";
import { BREAKDOWN_ATTRIBUTES } from "./groups.ts";
import { lastCompletePeriod, type Period, parsePeriod } from "./period.ts";
import type { ReportRequest } from "./report.service.ts";
import { attributeValuesOf } from "./report-filter.ts";
import type { ReportFilter } from "./report-model.ts";

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().min(1).max(100).optional());

/** The report's query string, shared by the console page, the downloads and the JSON API. */
const reportQuerySchema = z.object({
  questionnaire: z.coerce
    .number({ message: "report.error.questionnaire" })
    .int("report.error.questionnaire")
    .positive("report.error.questionnaire"),
  period: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine((value) => parsePeriod(value) !== undefined, {
        message: "report.error.period",
      })
      .optional(),
  ),
  department: optionalText,
  customerType: z.preprocess(blankToUndefined, z.enum(["individual", "business"]).optional()),
  channel: optionalText,
  valueTier: z.preprocess(blankToUndefined, z.enum(["MVC", "MGC", "LVC", "BZ"]).optional()),
  activity: z.preprocess(blankToUndefined, z.enum(["active", "semi_dormant", "dormant"]).optional()),
  region: optionalText,
  mode: z.preprocess(blankToUndefined, z.enum(["web", "email", "phone", "visit", "letter"]).optional()),
  manager: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().positive("report.error.manager").optional(),
  ),
  /** a saved customer segment's id */
  segment: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: "report.error.segment" })
      .int("report.error.segment")
      .positive("report.error.segment")
      .optional(),
  ),
  /** a free customer attribute (its name) and the value it must have */
  attributeKey: z.preprocess(blankToUndefined, z.string().trim().min(1).max(60).optional()),
  attributeValue: z.preprocess(blankToUndefined, z.string().trim().min(1).max(500).optional()),
  lang: z.preprocess(blankToUndefined, z.enum(["zh-CN", "en"]).optional()),
});
export type ReportQuery = z.output<typeof reportQuerySchema>;

/**
 * The report's query: any combination of attribute values, a saved segment and a free attribute (its
 * name and value together), over any period.
 */
export const checkedReportQuerySchema = reportQuerySchema.superRefine((query, context) => {
  if ((query.attributeKey === undefined) !== (query.attributeValue === undefined)) {
    const [path, message] =
      query.attributeKey === undefined
        ? ["attributeKey", "report.error.attributeKey"]
        : ["attributeValue", "report.error.attributeValue"];
    context.addIssue({ code: "custom", path: [path], message });
  }
});

export function reportFilterOf(query: ReportQuery): ReportFilter {
  const [first, ...more] = BREAKDOWN_ATTRIBUTES.filter((candidate) => query[candidate] !== undefined).map(
    (attribute) => ({ attribute, value: String(query[attribute]) }),
  );
  return {
    ...(first === undefined ? {} : first),
    ...(more.length > 0 ? { moreAttributes: more } : {}),
    // the segment's name is filled in when the report reads it
    ...(query.segment === undefined ? {} : { segment: { id: query.segment, name: "" } }),
    ...(query.attributeKey !== undefined && query.attributeValue !== undefined
      ? { freeAttribute: { key: query.attributeKey, value: query.attributeValue } }
      : {}),
    ...(query.department === undefined ? {} : { department: query.department }),
  };
}

/** The request of a parsed query; the period defaults to last month. */
export function toReportRequest(query: ReportQuery, today: string): ReportRequest {
  const period: Period = (query.period && parsePeriod(query.period)) || lastCompletePeriod(today, "month");
  return { questionnaireId: query.questionnaire, period, filter: reportFilterOf(query) };
}

/** The query string of a request (links to the downloads, the previous period…). */
export function reportQueryString(request: ReportRequest, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    questionnaire: String(request.questionnaireId),
    period: request.period.key,
  });
  for (const { attribute, value } of attributeValuesOf(request.filter)) params.set(attribute, value);
  if (request.filter.segment !== undefined) params.set("segment", String(request.filter.segment.id));
  if (request.filter.freeAttribute !== undefined) {
    params.set("attributeKey", request.filter.freeAttribute.key);
    params.set("attributeValue", request.filter.freeAttribute.value);
  }
  if (request.filter.department !== undefined) params.set("department", request.filter.department);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
