import type { Request, Response } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import type { Locale } from "../i18n/bilingual.ts";
import { translate } from "../i18n/i18n.ts";
import { todayIn } from "../lib/time.ts";
import { actorOf } from "../web/authorize.ts";
import { parseOrThrow } from "../web/validate.ts";
import { openResponseExport } from "./response-export.service.ts";
import { writeResponsesCsv, writeResponsesXlsx } from "./response-export-writers.ts";
import { responseFilterSchema, toResponseFilter } from "./response-filter.ts";

/** The export's query: the list's filters, and the language of its headers (by default the reader's). */
const exportQuerySchema = responseFilterSchema.extend({
  lang: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["zh-CN", "en"]).optional()),
});

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** The query kept as asked (for the audit log and the console's links), without blanks. */
export function askedQuery(query: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query)
      .filter(([, value]) => value !== undefined && value !== "")
      .map(([key, value]) => [key, String(value)]),
  );
}

/**
 * Sends the filtered responses as a CSV or XLSX download (the console's buttons and the API's
 * `export.csv` / `export.xlsx` alike): parse, open the export (audited), stream it.
 */
export async function sendResponseExport(
  db: Kysely<Database>,
  req: Request,
  res: Response,
  options: { format: "csv" | "xlsx"; timeZone: string; now: Date; locale: Locale },
): Promise<void> {
  const query = parseOrThrow(exportQuerySchema, req.query, "The export query is not valid");
  const locale = query.lang ?? options.locale;
  const { layout, batches } = await openResponseExport(db, actorOf(req), {
    filter: toResponseFilter(query, options.timeZone),
    questionnaireId: query.questionnaire,
    waveId: query.wave,
    locale,
    timeZone: options.timeZone,
    format: options.format,
    asked: askedQuery(query),
  });
  res.set("Content-Type", CONTENT_TYPES[options.format]);
  res.set(
    "Content-Disposition",
    `attachment; filename="manyi-responses-${todayIn(options.timeZone, options.now)}.${options.format}"`,
  );
  if (options.format === "csv") await writeResponsesCsv(res, layout, batches);
  else await writeResponsesXlsx(res, layout, batches, translate(locale, "responses.title"));
}
