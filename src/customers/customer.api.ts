import express, { type Request, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import type { JobQueue } from "../jobs/job-queue.ts";
import { actorOf, currentUser } from "../web/authorize.ts";
import { apiPage, pageQuerySchema, toLimitOffset } from "../web/pagination.ts";
import { parseOrThrow } from "../web/validate.ts";
import { findCustomerByRef, searchCustomers, staffIdsByUsername } from "./customer.repository.ts";
import {
  createCustomer,
  DuplicateRefError,
  recordCustomersExported,
  recordCustomerViewed,
} from "./customer.service.ts";
import {
  type Customer,
  type CustomerRecord,
  type CustomerUpsert,
  checkCustomerRecord,
  describeProblem,
  type Problem,
  problemMessage,
} from "./customer.ts";
import {
  canManageCustomers,
  customerQuerySchema,
  customerScopeOf,
  keptCustomerQuery,
  toCustomerSearch,
} from "./customer-filter.ts";
import { type BatchRow, upsertCustomers } from "./customer-upsert.service.ts";
import { listImportIssues } from "./import/customer-import.repository.ts";
import {
  createImport,
  IMPORT_MAX_BYTES,
  ImportFileError,
  importState,
  loadImport,
  MappingError,
  mapImport,
  queueImport,
} from "./import/customer-import.service.ts";
import {
  applyMappingOverrides,
  describeMappingProblem,
  MappingSyntaxError,
  mappingProblemMessage,
} from "./import/customer-import.ts";
import { findSegment } from "./segment.repository.ts";

/** Most rows one bulk request takes (the JSON body limit is 1 MB); larger loads use /import. */
export const BULK_MAX_ROWS = 5_000;

/** A customer as the API answers it. */
export function customerJson(customer: Customer) {
  return {
    id: customer.id,
    externalRef: customer.externalRef,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    customerType: customer.customerType,
    channel: customer.channel,
    valueTier: customer.valueTier,
    activity: customer.activity,
    region: customer.region,
    manager: customer.managerUsername,
    locale: customer.locale,
    attributes: customer.attributes,
    optedOutAt: customer.optedOutAt,
    optOutSource: customer.optOutSource,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
  };
}

const text = z.union([z.string(), z.number()]).transform(String).nullable().optional();

/** One customer in a request body; values are checked like a CSV row (Chinese words accepted). */
const customerBodySchema = z
  .object({
    externalRef: text,
    name: text,
    email: text,
    phone: text,
    customerType: text,
    channel: text,
    valueTier: text,
    activity: text,
    region: text,
    /** the username of the customer manager */
    manager: text,
    locale: text,
    /** true (now) or a date */
    optedOut: z.union([z.boolean(), z.string()]).nullable().optional(),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).nullable()).optional(),
  })
  .strict();

function toRecord(body: z.output<typeof customerBodySchema>): CustomerRecord {
  const { optedOut, attributes, ...fields } = body;
  const record: CustomerRecord = {};
  for (const [key, value] of Object.entries(fields))
    if (value != null) record[key as keyof typeof fields] = value;
  if (optedOut != null) record.optedOut = optedOut === true ? "yes" : optedOut === false ? "" : optedOut;
  record.attributes = Object.fromEntries(
    Object.entries(attributes ?? {}).map(([key, value]) => [key, value == null ? "" : String(value)]),
  );
  return record;
}

/** The shape of one body object: a record to check, or its problems (named by their field). */
function checkShape(
  body: unknown,
): { ok: true; record: CustomerRecord } | { ok: false; problems: Problem[] } {
  const shape = customerBodySchema.safeParse(body);
  if (!shape.success) {
    return {
      ok: false,
      problems: shape.error.issues.flatMap((issue): Problem[] =>
        issue.code === "unrecognized_keys"
          ? issue.keys.map((key) => ({ field: key, code: "not_accepted", value: "unknown field" }))
          : [{ field: issue.path.join(".") || "row", code: "not_accepted", value: issue.message }],
      ),
    };
  }
  return { ok: true, record: toRecord(shape.data) };
}

/** Checks one body object: the customer, or the problems. */
function checkBody(
  body: unknown,
  managers: ReadonlyMap<string, number>,
  now: Date,
): { ok: true; value: CustomerUpsert } | { ok: false; problems: Problem[] } {
  const shape = checkShape(body);
  return shape.ok ? checkCustomerRecord(shape.record, managers, now, "api") : shape;
}

const problemJson = (problem: Problem) => ({
  field: problem.field,
  code: problem.code,
  message: describeProblem(problem),
});

const bulkSchema = z.union([
  z.array(z.unknown()),
  z
    .object({
      customers: z.array(z.unknown()),
      /** record the customers of this request as a customer list of this name (a wave can target it) */
      list: z.string().trim().min(1).max(200).optional(),
    })
    .strict(),
]);

const importQuerySchema = z.object({
  fileName: z.string().trim().max(200).default("api-import.csv"),
  /** `header=target` pairs overriding the suggested mapping (see applyMappingOverrides) */
  mapping: z.string().max(10_000).optional(),
});

/**
 * `/api/v1/customers`: list (paginated, the console's filters; customer managers get their own
 * customers only), read one by external reference, create one, bulk upsert a JSON array with errors
 * per row, and import a CSV body on the job queue with a status resource.
 */
export function customerApiRouter(db: Kysely<Database>, jobs: JobQueue, now: () => Date) {
  const router = Router();
  router.use((req, _res, next) => {
    customerScopeOf(currentUser(req));
    next();
  });
  const requireManage = (req: Request) => {
    if (!canManageCustomers(currentUser(req).role)) throw new ForbiddenError();
  };

  router.get("/", async (req, res) => {
    const scope = customerScopeOf(currentUser(req));
    const query = parseOrThrow(pageQuerySchema.extend(customerQuerySchema.shape), req.query);
    const segment = query.segment ? await findSegment(db, query.segment) : undefined;
    if (query.segment && !segment) throw new NotFoundError("No such segment");
    const { items, total } = await searchCustomers(
      db,
      scope,
      toCustomerSearch(query, segment?.filter),
      toLimitOffset(query),
    );
    await recordCustomersExported(db, actorOf(req), {
      via: "api",
      page: query.page,
      count: items.length,
      ...keptCustomerQuery(query),
    });
    res.json(apiPage(items.map(customerJson), query, total));
  });

  router.post("/", async (req, res) => {
    requireManage(req);
    const checked = checkBody(req.body, await staffIdsByUsername(db), now());
    if (!checked.ok) {
      throw new ValidationError(
        `The customer is not valid: ${checked.problems.map(describeProblem).join("; ")}`,
        checked.problems.map((p) => ({ field: p.field, message: problemMessage(p) })),
      );
    }
    try {
      await createCustomer(db, actorOf(req), checked.value, now());
    } catch (error) {
      if (error instanceof DuplicateRefError) throw new ConflictError(error.reason);
      throw error;
    }
    const created = await findCustomerByRef(db, { kind: "all" }, checked.value.externalRef);
    res.status(201).location(`/api/v1/customers/${encodeURIComponent(checked.value.externalRef)}`);
    res.json({ data: created && customerJson(created) });
  });

  router.post("/bulk", async (req, res) => {
    requireManage(req);
    const body = parseOrThrow(
      bulkSchema,
      req.body,
      "Send a JSON array of customers, or { customers, list? }",
    );
    const rows = Array.isArray(body) ? body : body.customers;
    const listName = Array.isArray(body) ? undefined : body.list;
    if (rows.length > BULK_MAX_ROWS) {
      throw new ValidationError(`At most ${BULK_MAX_ROWS} customers a request; import a CSV file for more`);
    }
    const result = await upsertCustomers(
      db,
      actorOf(req),
      rows.map((row): BatchRow => {
        const shape = checkShape(row);
        // a refused row is named by the reference it was sent with, when that was a string
        const externalRef =
          typeof (row as { externalRef?: unknown })?.externalRef === "string"
            ? (row as { externalRef: string }).externalRef.trim() || null
            : null;
        return shape.ok ? { record: shape.record, externalRef } : { problems: shape.problems, externalRef };
      }),
      listName,
      now(),
    );
    const errors = result.refused.map((row) => ({
      index: row.index,
      externalRef: row.externalRef,
      problems: row.problems.map(problemJson),
    }));
    res.json({
      data: {
        received: rows.length,
        inserted: result.inserted,
        updated: result.updated,
        failed: errors.length,
        listId: result.listId,
        errors,
      },
    });
  });

  router.post(
    "/import",
    express.raw({
      type: ["text/csv", "application/csv", "text/plain", "application/octet-stream"],
      limit: IMPORT_MAX_BYTES,
    }),
    async (req, res) => {
      requireManage(req);
      const query = parseOrThrow(importQuerySchema, req.query);
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new ValidationError("Send the CSV file as the request body with Content-Type: text/csv");
      }
      let id: number;
      try {
        id = await createImport(db, { name: query.fileName, bytes: req.body }, "api", currentUser(req).id);
      } catch (error) {
        if (error instanceof ImportFileError) throw new ValidationError(error.message);
        throw error;
      }
      const found = await loadImport(db, id);
      let mapping: ReturnType<typeof applyMappingOverrides>;
      try {
        mapping = applyMappingOverrides(found.header, query.mapping ?? "");
      } catch (error) {
        if (error instanceof MappingSyntaxError) throw new ValidationError(`mapping: ${error.message}`);
        throw error;
      }
      try {
        await mapImport(db, id, mapping, now(), { sample: 0, issues: 0 });
      } catch (error) {
        if (error instanceof MappingError) {
          throw new ValidationError(
            `The column mapping is not usable: ${error.problems.map(describeMappingProblem).join("; ")}`,
            error.problems.map((p) => ({ field: "mapping", message: mappingProblemMessage(p) })),
          );
        }
        throw error;
      }
      await queueImport(db, jobs, id, now());
      const statusUrl = `/api/v1/customers/imports/${id}`;
      res.status(202).location(statusUrl);
      res.json({
        data: {
          ...importState(await loadImport(db, id), now()),
          mapping: found.header.map((h, i) => ({ column: h, target: mapping[i] || null })),
        },
        links: { status: statusUrl },
      });
    },
  );

  router.get("/imports/:id", async (req, res) => {
    requireManage(req);
    const { id } = parseOrThrow(
      z.object({ id: z.coerce.number().int().positive() }),
      req.params,
      "No such import",
    );
    const found = await loadImport(db, id);
    const issues = await listImportIssues(db, id, { limit: 1000, offset: 0 });
    res.json({
      data: {
        ...importState(found, now()),
        fileName: found.fileName,
        issues: issues.map((issue) => ({
          line: issue.line,
          externalRef: issue.externalRef,
          problems: issue.problems.map(problemJson),
        })),
      },
    });
  });

  router.get("/:ref", async (req, res) => {
    const customer = await findCustomerByRef(db, customerScopeOf(currentUser(req)), String(req.params.ref));
    if (!customer) throw new NotFoundError("No such customer");
    await recordCustomerViewed(db, actorOf(req), customer, "api");
    res.json({ data: customerJson(customer) });
  });

  return router;
}
