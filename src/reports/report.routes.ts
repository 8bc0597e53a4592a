import { type Request, Router } from "express";
import type { Kysely } from "kysely";
import { hasPermission } from "../accounts/roles.ts";
import { listSegments } from "../customers/audience.ts";
import type { Database } from "../db/database.ts";
import { AppError, NotFoundError, ValidationError } from "../errors.ts";
import type { Locale } from "../i18n/bilingual.ts";
import { pick } from "../i18n/bilingual.ts";
import { type Message, translate } from "../i18n/i18n.ts";
import { csvLine } from "../lib/csv.ts";
import { todayIn } from "../lib/time.ts";
import { attachmentDisposition } from "../web/attachment.ts";
import { currentUser, requirePermission } from "../web/authorize.ts";
import { fieldErrors, parseOrThrow } from "../web/validate.ts";
import { BREAKDOWN_ATTRIBUTES, type BreakdownAttribute } from "./groups.ts";
import { lastCompletePeriod, type Period, periodContaining, previousPeriod } from "./period.ts";
import { listCustomerManagers, listReportableQuestionnaires } from "./report.repository.ts";
import { buildReport, type ReportRequest, type ReportResult } from "./report.service.ts";
import { reportFileName } from "./report-file-name.ts";
import { breakdownValueLabel, csvCell, departmentLabel, periodLabel } from "./report-format.ts";
import { PdfUnavailableError, printPdf } from "./report-pdf.ts";
import { CHART_JS, formatGeneratedAt, renderReportPrintHtml, scriptJson } from "./report-print.ts";
import {
  checkedReportQuerySchema,
  type ReportQuery,
  reportQueryString,
  toReportRequest,
} from "./report-query.ts";
import type { ReportSettings } from "./report-settings.ts";
import { reportTables, TABLE_KEYS } from "./report-tables.ts";
import { type ReportView, reportView } from "./report-view.ts";
import { reportWorkbook } from "./report-xlsx.ts";

/** Everything a page or a download of one report needs. */
interface LoadedReport {
  request: ReportRequest;
  result: ReportResult;
  view: ReportView;
  locale: Locale;
}

export function reportRouter(db: Kysely<Database>, now: () => Date, settings: ReportSettings) {
  const router = Router();
  router.use(requirePermission("reports.view"));

  router.get("/chart.umd.js", (_req, res) => {
    res.sendFile(CHART_JS, { maxAge: "1d" });
  });

  async function load(req: Request, query: ReportQuery): Promise<LoadedReport> {
    const request = toReportRequest(query, todayIn(settings.timeZone, now()));
    const result = await buildReport(
      db,
      request,
      { canSeeComments: hasPermission(currentUser(req).role, "responses.view_identity") },
      {
        timeZone: settings.timeZone,
        now,
        ...(settings.countInvitations ? { countInvitations: settings.countInvitations } : {}),
      },
    );
    const locale = query.lang ?? req.locale;
    return { request, result, locale, view: reportView(result.model, locale, result.managerNames) };
  }

  function parseDownloadQuery(req: Request): ReportQuery {
    return parseOrThrow(checkedReportQuerySchema, req.query, "The report query is not valid");
  }

  router.get("/", async (req, res) => {
    const questionnaires = await listReportableQuestionnaires(db);
    const first = questionnaires[0];
    if (!first) {
      res.render("report", { title: "report.title", questionnaires: [] });
      return;
    }
    const raw: Record<string, unknown> = {
      questionnaire: String(first.id),
      ...(req.query as Record<string, unknown>),
    };
    const today = todayIn(settings.timeZone, now());
    const [managers, segments] = await Promise.all([listCustomerManagers(db), listSegments(db)]);
    let loaded: LoadedReport | undefined;
    let errors: Record<string, Message> = {};
    try {
      loaded = await load(req, parseOrThrow(checkedReportQuerySchema, raw, "The report query is not valid"));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors = fieldErrors(error);
      res.status(422);
    }
    const selectedId = loaded?.request.questionnaireId ?? Number(raw.questionnaire);
    const form = {
      period: loaded?.request.period.key ?? String(raw.period ?? ""),
      ...Object.fromEntries(
        BREAKDOWN_ATTRIBUTES.map((a) => [a, String((req.query as Record<string, unknown>)[a] ?? "")]),
      ),
      department: String((req.query as Record<string, unknown>).department ?? ""),
      segment: String((req.query as Record<string, unknown>).segment ?? ""),
      attributeKey: String((req.query as Record<string, unknown>).attributeKey ?? ""),
      attributeValue: String((req.query as Record<string, unknown>).attributeValue ?? ""),
    } as Record<string, string>;
    const locale = req.locale;
    res.render("report", {
      title: "report.title",
      questionnaires: questionnaires.map((q) => ({
        id: q.id,
        name: pick(q.name, locale),
        selected: q.id === selectedId,
      })),
      form,
      errors,
      periodChoices: periodChoices(today, locale),
      departments: (loaded?.result.departments ?? []).map((value) => ({
        value,
        name: departmentLabel(loaded?.result.model.departmentNames ?? {}, value, locale),
        selected: value === form.department,
      })),
      breakdownFields: breakdownFields(loaded, form, managers, locale, errors),
      segments: segments.map((segment) => ({
        id: segment.id,
        name: segment.name,
        selected: String(segment.id) === form.segment,
      })),
      report: loaded?.view,
      chartsJson: loaded ? scriptJson(loaded.view.charts) : "{}",
      generatedAtText: loaded
        ? formatGeneratedAt(loaded.result.model.generatedAt, locale, settings.timeZone)
        : "",
      queryString: loaded ? reportQueryString(loaded.request) : "",
      csvLinks: loaded
        ? reportTables(loaded.result.model, locale).map((table) => ({
            href: `/admin/reports/report.csv?${reportQueryString(loaded.request, { section: table.key })}`,
            label: table.title,
          }))
        : [],
    });
  });

  router.get("/report.pdf", async (req, res) => {
    const loaded = await load(req, parseDownloadQuery(req));
    const html = await renderReportPrintHtml(
      loaded.view,
      loaded.locale,
      loaded.result.model.generatedAt,
      settings.timeZone,
    );
    let pdf: Buffer;
    try {
      pdf = await printPdf(html, settings.chromiumPath);
    } catch (error) {
      if (error instanceof PdfUnavailableError) {
        throw new AppError(
          503,
          "internal",
          translate(loaded.locale, "report.pdfFailed", { reason: error.message }),
        );
      }
      throw error;
    }
    res.set("Content-Type", "application/pdf");
    res.set("Content-Disposition", disposition(loaded, "pdf"));
    res.send(pdf);
  });

  router.get("/report.xlsx", async (req, res) => {
    const loaded = await load(req, parseDownloadQuery(req));
    const heading = `${loaded.view.title} · ${loaded.view.periodLabel}${loaded.view.filterText ? ` · ${loaded.view.filterText}` : ""}`;
    const buffer = await reportWorkbook(reportTables(loaded.result.model, loaded.locale), heading);
    res.set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    res.set("Content-Disposition", disposition(loaded, "xlsx"));
    res.send(buffer);
  });

  router.get("/report.csv", async (req, res) => {
    const query = parseDownloadQuery(req);
    const section = String(req.query.section ?? "");
    if (!TABLE_KEYS.includes(section)) {
      throw new ValidationError("The report query is not valid: section must be one of the report's tables", [
        {
          field: "section",
          message: { key: "report.error.section", values: { sections: TABLE_KEYS.join(", ") } },
        },
      ]);
    }
    const loaded = await load(req, query);
    const table = reportTables(loaded.result.model, loaded.locale).find(
      (candidate) => candidate.key === section,
    );
    if (!table) throw new NotFoundError("This report has no such table");
    res.set("Content-Type", "text/csv; charset=utf-8");
    res.set("Content-Disposition", disposition(loaded, "csv", section));
    res.send(`\uFEFF${csvLine(table.columns)}${table.rows.map((row) => csvLine(row.map(csvCell))).join("")}`);
  });

  return router;
}

/** A download named after its questionnaire, period and filters (report-file-name.ts). */
function disposition(loaded: LoadedReport, extension: string, table?: string): string {
  const { name, ascii } = reportFileName({ ...loaded.request, title: loaded.view.title }, extension, table);
  return attachmentDisposition(name, ascii);
}

function periodChoices(today: string, locale: Locale) {
  const choices: { value: string; label: string }[] = [];
  let month: Period = lastCompletePeriod(today, "month");
  for (let i = 0; i < 12; i += 1) {
    choices.push({ value: month.key, label: periodLabel(month, locale) });
    month = previousPeriod(month);
  }
  let quarter = periodContaining("quarter", today);
  for (let i = 0; i < 4; i += 1) {
    choices.push({ value: quarter.key, label: periodLabel(quarter, locale) });
    quarter = previousPeriod(quarter);
  }
  const year = periodContaining("year", today);
  choices.push({ value: year.key, label: periodLabel(year, locale) });
  choices.push({ value: previousPeriod(year).key, label: periodLabel(previousPeriod(year), locale) });
  return choices;
}

const FIXED_OPTIONS: Partial<Record<BreakdownAttribute, string[]>> = {
  customerType: ["individual", "business"],
  valueTier: ["MVC", "MGC", "LVC", "BZ"],
  activity: ["active", "semi_dormant", "dormant"],
  mode: ["web", "email", "phone", "visit", "letter"],
};

function breakdownFields(
  loaded: LoadedReport | undefined,
  form: Record<string, string>,
  managers: { id: number; display_name: string }[],
  locale: Locale,
  errors: Record<string, Message>,
) {
  return BREAKDOWN_ATTRIBUTES.map((attribute) => {
    let values =
      attribute === "manager"
        ? managers.map((m) => String(m.id))
        : (FIXED_OPTIONS[attribute] ?? loaded?.result.breakdownOptions[attribute] ?? []);
    const current = form[attribute] ?? "";
    if (current !== "" && !values.includes(current)) values = [...values, current];
    const names = new Map(managers.map((m) => [String(m.id), m.display_name]));
    return {
      name: attribute,
      label: translate(locale, `report.breakdown.${attribute}`),
      error: errors[attribute],
      options: values.map((value) => ({
        value,
        label: breakdownValueLabel(attribute, value, locale, names.get(value)),
        selected: value === current,
      })),
    };
  });
}
