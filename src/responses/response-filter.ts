import { z } from "zod";
import { addDays, startOfDayIn } from "../lib/time.ts";
import { daySchema } from "../web/validate.ts";
import type { ResponseFilter } from "./response.repository.ts";

/** The filters of the responses console and of `GET /api/v1/responses`, as query parameters. */
export const MODES = ["web", "email", "phone", "visit", "letter"] as const;
const optionalId = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.coerce.number().int().positive().optional(),
);
const optionalScore = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.coerce.number().min(0).max(100).optional(),
);
const optionalDate = z.preprocess((v) => (v === "" ? undefined : v), daySchema.optional());
const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(60).optional());

export const responseFilterSchema = z.object({
  questionnaire: optionalId,
  wave: optionalId,
  from: optionalDate,
  to: optionalDate,
  minScore: optionalScore,
  maxScore: optionalScore,
  mode: z.preprocess((v) => (v === "" ? undefined : v), z.enum(MODES).optional()),
  customerType: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["individual", "business"]).optional(),
  ),
  valueTier: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["MVC", "MGC", "LVC", "BZ"]).optional()),
  region: optionalText,
  tests: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["1"]).optional()),
});
export type ResponseFilterQuery = z.output<typeof responseFilterSchema>;

/** The query's filter for the repository: `from` and `to` are whole days in the organisation's zone. */
export function toResponseFilter(query: ResponseFilterQuery, timeZone: string): ResponseFilter {
  return {
    questionnaireId: query.questionnaire,
    waveId: query.wave,
    from: query.from ? startOfDayIn(query.from, timeZone) : undefined,
    to: query.to ? startOfDayIn(addDays(query.to, 1), timeZone) : undefined,
    minScore: query.minScore,
    maxScore: query.maxScore,
    mode: query.mode,
    customerType: query.customerType,
    valueTier: query.valueTier,
    region: query.region,
    includeTests: query.tests === "1",
  };
}
