import { z } from "zod";
import { BREAKDOWN_ATTRIBUTES, type BreakdownAttribute } from "./groups.ts";
import { lastCompletePeriod, type Period, parsePeriod } from "./period.ts";
import type { ReportRequest } from "./report.service.ts";
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
  lang: z.preprocess(blankToUndefined, z.enum(["zh-CN", "en"]).optional()),
});
export type ReportQuery = z.output<typeof reportQuerySchema>;

/**
 * The same schema, refusing more than one breakdown filter at a time (the rollups hold one attribute per
 * row), and breakdown filters on a range of days (breakdowns are rolled up by month).
 */
export const singleBreakdownReportQuerySchema = reportQuerySchema.superRefine((query, context) => {
  const set = BREAKDOWN_ATTRIBUTES.filter((attribute) => query[attribute] !== undefined);
  if (set.length > 1) {
    context.addIssue({
      code: "custom",
      path: [set[1] as string],
      message: "report.error.breakdownCombination",
      params: { filters: set.join(" and ") },
    });
  }
  if (set.length > 0 && query.period?.includes("..")) {
    context.addIssue({
      code: "custom",
      path: [set[0] as string],
      message: "report.error.breakdownPeriod",
    });
  }
});

export function reportFilterOf(query: ReportQuery): ReportFilter {
  const attribute = BREAKDOWN_ATTRIBUTES.find((candidate) => query[candidate] !== undefined) as
    | BreakdownAttribute
    | undefined;
  return {
    ...(attribute === undefined ? {} : { attribute, value: String(query[attribute]) }),
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
  if (request.filter.attribute !== undefined)
    params.set(request.filter.attribute, request.filter.value ?? "");
  if (request.filter.department !== undefined) params.set("department", request.filter.department);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
