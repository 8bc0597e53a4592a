import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/database.ts";
import { ConflictError, NotFoundError } from "../../errors.ts";
import type { Locale } from "../../i18n/bilingual.ts";
import { translate } from "../../i18n/i18n.ts";
import type { JobQueue } from "../../jobs/job-queue.ts";
import { csvLine } from "../../lib/csv.ts";
import { currentUser, requirePermission } from "../../web/authorize.ts";
import { parseOrThrow } from "../../web/validate.ts";
import { CUSTOMER_FIELDS, type CustomerUpsert, type Problem } from "../customer.ts";
import { customerFieldKey } from "../message-families.ts";
import { csvRecords } from "./csv-records.ts";
import {
  type CustomerImport,
  findImportContent,
  type ImportIssue,
  listImportIssues,
  listImports,
} from "./customer-import.repository.ts";
import {
  createImport,
  ImportFileError,
  type ImportPreview,
  importState,
  loadImport,
  MappingError,
  mapImport,
  queueImport,
} from "./customer-import.service.ts";
import {
  type ColumnTarget,
  type ImportMapping,
  type MappingProblem,
  suggestMapping,
} from "./customer-import.ts";

const idParam = z.object({ id: z.coerce.number().int().positive() });
const ISSUES_SHOWN = 200;

/** A field's name in the page's language; a free attribute is its own name. */
export function fieldLabel(locale: Locale, field: string): string {
  if (field.startsWith("attributes.")) return field.slice("attributes.".length);
  const key = customerFieldKey.keyOf(field);
  return key ? translate(locale, key) : field;
}

/** "邮箱：“x” 不是有效的电子邮件地址" — one problem of a row, in the page's language. */
export function problemText(locale: Locale, problem: Problem): string {
  const message = translate(locale, `customer.problem.${problem.code}`, {
    value: problem.value ?? "",
    max: problem.max ?? "",
  });
  return `${fieldLabel(locale, problem.field)}${locale === "zh-CN" ? "：" : ": "}${message}`;
}

const issueView = (locale: Locale) => (issue: ImportIssue) => ({
  line: issue.line,
  externalRef: issue.externalRef,
  messages: issue.problems.map((problem) => problemText(locale, problem)),
});

function mappingProblemText(locale: Locale, problem: MappingProblem, header: readonly string[]): string {
  switch (problem.code) {
    case "missing_field":
    case "duplicate_field":
      return translate(locale, `customerImport.mapping.${problem.code}`, {
        field: fieldLabel(locale, problem.field),
      });
    case "bad_target":
      return translate(locale, "customerImport.mapping.bad_target", { column: header[problem.column] ?? "" });
    case "wrong_length":
      return translate(locale, "customerImport.mapping.wrong_length");
  }
}

/**
 * The console's CSV import: upload (UTF-8 with or without BOM, or Excel's GB18030), map the columns
 * (suggested from Chinese or English header names), preview with a validation report, then run on the
 * job queue with a progress bar; the report lists every bad row with its line number and reasons.
 */
export function customerImportRouter(db: Kysely<Database>, jobs: JobQueue, now: () => Date) {
  const router = Router();
  router.use(requirePermission("customers.view_all"));

  const renderUpload = async (res: Response, status = 200, error?: string) => {
    const imports = await listImports(db, 20);
    res.status(status).render("customer-imports", {
      title: "customerImport.title",
      imports: imports.map((found) => ({ ...found, state: importState(found, now()) })),
      error,
    });
  };

  router.get("/", async (_req, res) => renderUpload(res));

  router.post("/", async (req, res) => {
    const file = req.uploadedFile;
    try {
      if (!file || file.bytes.length === 0) throw new ImportFileError("no_file");
      const id = await createImport(db, file, "console", currentUser(req).id);
      res.redirect(303, `/admin/customers/import/${id}`);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      await renderUpload(res, 422, translate(req.locale, `customerImport.file.${error.problem}`));
    }
  });

  const load = async (req: Request) => {
    const parsed = idParam.safeParse(req.params);
    if (!parsed.success) throw new NotFoundError("No such import");
    return loadImport(db, parsed.data.id);
  };

  const targetsFor = (locale: Locale, header: string) => [
    { value: "", label: translate(locale, "customerImport.ignore") },
    ...CUSTOMER_FIELDS.map((field) => ({ value: field, label: fieldLabel(locale, field) })),
    {
      value: `attr:${header}`,
      label: translate(locale, "customerImport.asAttribute", { name: header }),
    },
  ];

  const renderMapping = async (
    req: Request,
    res: Response,
    found: CustomerImport,
    mapping: readonly string[],
    status = 200,
    problems: readonly MappingProblem[] = [],
  ) => {
    // a problem of one column (a target that is none, a field chosen twice) is said at its column too
    const columnProblem = (index: number) => {
      const problem = problems.find((candidate) =>
        candidate.code === "bad_target"
          ? candidate.column === index
          : candidate.code === "duplicate_field" && mapping[index] === candidate.field,
      );
      return problem && mappingProblemText(req.locale, problem, found.header);
    };
    const content = (await findImportContent(db, found.id)) ?? "";
    const sampleRows: string[][] = [];
    for (const record of csvRecords(content)) {
      if (!record.cells || record.cells.every((cell) => cell.trim() === "")) continue;
      sampleRows.push(record.cells);
      if (sampleRows.length > 5) break;
    }
    res.status(status).render("customer-import-mapping", {
      title: "customerImport.mappingTitle",
      found,
      problems: problems.map((problem) => mappingProblemText(req.locale, problem, found.header)),
      columns: found.header.map((header, index) => ({
        index,
        error: columnProblem(index),
        header: header === "" ? translate(req.locale, "customerImport.noHeader", { n: index + 1 }) : header,
        examples: sampleRows
          .slice(1, 4)
          .map((row) => row[index] ?? "")
          .filter((cell) => cell.trim() !== ""),
        targets: targetsFor(req.locale, header).map((target) => ({
          ...target,
          selected: target.value === (mapping[index] ?? ""),
        })),
      })),
    });
  };

  const renderPreview = (req: Request, res: Response, found: CustomerImport, preview: ImportPreview) => {
    res.render("customer-import-preview", {
      title: "customerImport.previewTitle",
      found,
      preview,
      sample: preview.sample.map((row: CustomerUpsert) => ({
        ...row,
        attributes: Object.entries(row.attributes).map(([key, value]) => `${key}: ${value}`),
      })),
      issues: preview.issues.map(issueView(req.locale)),
      moreIssues: preview.badRows > preview.issues.length,
    });
  };

  router.get("/:id", async (req, res) => {
    const found = await load(req);
    if (found.status === "uploaded" || found.status === "ready") {
      return renderMapping(req, res, found, found.mapping ?? suggestMapping(found.header));
    }
    const issues =
      found.badRows > 0 ? await listImportIssues(db, found.id, { limit: ISSUES_SHOWN, offset: 0 }) : [];
    const state = importState(found, now());
    res.render("customer-import-status", {
      title: "customerImport.statusTitle",
      found,
      state,
      duration: state.finished && state.seconds !== null ? state.seconds.toFixed(1) : null,
      issues: issues.map(issueView(req.locale)),
      moreIssues: found.badRows > issues.length,
    });
  });

  router.post("/:id/mapping", async (req, res) => {
    const found = await load(req);
    const body = parseOrThrow(z.record(z.string(), z.unknown()), req.body ?? {});
    const mapping: ImportMapping = found.header.map((_, index) => {
      const value = body[`col${index}`];
      return (typeof value === "string" ? value : "") as ColumnTarget;
    });
    try {
      const preview = await mapImport(db, found.id, mapping, now());
      renderPreview(req, res, await loadImport(db, found.id), preview);
    } catch (error) {
      if (error instanceof MappingError) {
        return renderMapping(req, res, found, mapping, 422, error.problems);
      }
      if (error instanceof ConflictError) return res.redirect(303, `/admin/customers/import/${found.id}`);
      throw error;
    }
  });

  router.post("/:id/start", async (req, res) => {
    const found = await load(req);
    try {
      await queueImport(db, jobs, found.id, now());
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    res.redirect(303, `/admin/customers/import/${found.id}`);
  });

  router.get("/:id/status", async (req, res) => {
    const found = await load(req);
    res.json({ data: importState(found, now()) });
  });

  router.get("/:id/issues.csv", async (req, res) => {
    const found = await load(req);
    res.set("Content-Type", "text/csv; charset=utf-8");
    res.set("Content-Disposition", `attachment; filename="manyi-import-${found.id}-bad-rows.csv"`);
    res.write("\uFEFF");
    res.write(
      csvLine([
        translate(req.locale, "customerImport.line"),
        translate(req.locale, "customer.field.externalRef"),
        translate(req.locale, "customerImport.reasons"),
      ]),
    );
    for (let offset = 0; ; offset += 1000) {
      const batch = await listImportIssues(db, found.id, { limit: 1000, offset });
      if (batch.length === 0) break;
      const chunk = batch
        .map((issue) =>
          csvLine([
            issue.line,
            issue.externalRef,
            issue.problems.map((problem) => problemText(req.locale, problem)).join("; "),
          ]),
        )
        .join("");
      if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
    }
    res.end();
  });

  return router;
}
