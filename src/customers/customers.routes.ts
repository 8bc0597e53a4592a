import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import type { Locale } from "../i18n/bilingual.ts";
import { type Message, translate } from "../i18n/i18n.ts";
import { csvLine } from "../lib/csv.ts";
import { actorOf, currentUser, requireSignIn } from "../web/authorize.ts";
import { setFlash } from "../web/flash.ts";
import { pageQuerySchema, pageView, toLimitOffset } from "../web/pagination.ts";
import { daySchema, fieldErrors, parseOrThrow } from "../web/validate.ts";
import {
  attributeKeysOf,
  distinctValues,
  findCustomer,
  listCustomerManagers,
  listCustomersAfter,
  listsOfCustomer,
  searchCustomers,
  staffIdsByUsername,
} from "./customer.repository.ts";
import {
  changeOptOut,
  createCustomer,
  DuplicateRefError,
  editCustomer,
  recordCustomersExported,
  recordCustomerViewed,
} from "./customer.service.ts";
import {
  ACTIVITIES,
  CUSTOMER_LOCALES,
  CUSTOMER_TYPES,
  type Customer,
  type CustomerRecord,
  checkCustomerRecord,
  KNOWN_CHANNELS,
  type Problem,
  STAFF_OPT_OUT_SOURCES,
  VALUE_TIERS,
} from "./customer.ts";
import {
  canManageCustomers,
  customerQuerySchema,
  customerScopeOf,
  keptCustomerQuery,
  toCustomerSearch,
} from "./customer-filter.ts";
import { NO_HISTORY, type ReadCustomerHistory } from "./customer-history.ts";
import { findSegment } from "./segment.repository.ts";

const idParam = z.object({ id: z.coerce.number().int().positive() });

/** The console form's fields, all text; the values are checked by checkCustomerRecord. */
const customerFormSchema = z.object({
  externalRef: z.string().max(1000).default(""),
  name: z.string().max(1000).default(""),
  email: z.string().max(1000).default(""),
  phone: z.string().max(1000).default(""),
  customerType: z.string().max(100).default(""),
  channel: z.string().max(1000).default(""),
  valueTier: z.string().max(100).default(""),
  activity: z.string().max(100).default(""),
  region: z.string().max(1000).default(""),
  manager: z.string().max(100).default(""),
  locale: z.string().max(100).default(""),
  attributes: z.string().max(20_000).default(""),
});
type CustomerForm = z.output<typeof customerFormSchema>;

const optOutSchema = z.object({
  at: daySchema,
  source: z.enum(STAFF_OPT_OUT_SOURCES as [string, ...string[]]),
});

/** "name: value" lines (a full-width ： or = works too) → attributes, or the first bad line's number. */
export function parseAttributeLines(
  text: string,
): { attributes: Record<string, string> } | { badLine: number } {
  const attributes: Record<string, string> = {};
  const lines = text.split(/\r\n|\n|\r/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const match = /^([^:：=]+)[:：=](.*)$/.exec(line);
    if (!match?.[1] || match[1].trim() === "") return { badLine: index + 1 };
    attributes[match[1].trim()] = (match[2] ?? "").trim();
  }
  return { attributes };
}

const problemMessage = (locale: Locale, problem: Problem) =>
  translate(locale, `customer.problem.${problem.code}`, {
    value: problem.value ?? "",
    max: problem.max ?? "",
  });

function formOf(customer: Customer, managerUsername: string): CustomerForm {
  return {
    externalRef: customer.externalRef,
    name: customer.name,
    email: customer.email ?? "",
    phone: customer.phone ?? "",
    customerType: customer.customerType ?? "",
    channel: customer.channel ?? "",
    valueTier: customer.valueTier ?? "",
    activity: customer.activity ?? "",
    region: customer.region ?? "",
    manager: managerUsername,
    locale: customer.locale ?? "",
    attributes: Object.entries(customer.attributes)
      .map(([key, value]) => `${key}: ${value}`)
      .join("\n"),
  };
}

/** What was typed into the customer form, each field as text (the form drawn again keeps it). */
function keptForm(body: unknown): CustomerForm {
  const fields = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(customerFormSchema.shape).map((key) => [
      key,
      typeof fields[key] === "string" ? fields[key] : "",
    ]),
  ) as CustomerForm;
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Staff console: the customer list with filters, search and pages; a customer's detail (audited);
 * create and edit (quality staff, administrators); opt-out and opt back in; the filtered list as CSV
 * (audited). Customer managers see and act on only the customers assigned to them. The CSV import
 * lives under /admin/customers/import.
 */
export function customersRouter(
  db: Kysely<Database>,
  now: () => Date,
  readHistory: ReadCustomerHistory = NO_HISTORY,
) {
  const router = Router();
  router.use(requireSignIn);
  router.use((req, _res, next) => {
    customerScopeOf(currentUser(req));
    next();
  });

  const requireManage = (req: Request) => {
    if (!canManageCustomers(currentUser(req).role)) throw new ForbiddenError();
  };

  router.get("/", async (req, res) => {
    const user = currentUser(req);
    const scope = customerScopeOf(user);
    const query = parseOrThrow(pageQuerySchema.extend(customerQuerySchema.shape), req.query);
    const segment = query.segment ? await findSegment(db, query.segment) : undefined;
    if (query.segment && !segment) throw new NotFoundError("No such segment");
    const manage = canManageCustomers(user.role);
    const [{ items, total }, channels, regions, managers] = await Promise.all([
      searchCustomers(db, scope, toCustomerSearch(query, segment?.filter), toLimitOffset(query)),
      distinctValues(db, "channel"),
      distinctValues(db, "region"),
      manage ? listCustomerManagers(db) : Promise.resolve([]),
    ]);
    const kept = keptCustomerQuery(query);
    res.render("customers", {
      title: "customers.title",
      customers: items,
      filter: query,
      manage,
      assignedOnly: scope.kind === "assigned",
      segment,
      filtered: Object.keys(kept).length > 0,
      types: CUSTOMER_TYPES.map((value) => ({ value, selected: value === query.type })),
      tiers: VALUE_TIERS.map((value) => ({ value, selected: value === query.tier })),
      activities: ACTIVITIES.map((value) => ({ value, selected: value === query.activity })),
      channels: channels.map(({ value }) => ({ value, selected: value === query.channel })),
      regions: regions.map(({ value }) => ({ value, selected: value === query.region })),
      managers: managers.map((m) => ({ ...m, selected: m.id === query.manager })),
      exportHref: `/admin/customers/export.csv?${new URLSearchParams(kept).toString()}`,
      pagination: pageView(query, total, "/admin/customers", kept),
    });
  });

  router.get("/export.csv", async (req, res) => {
    const scope = customerScopeOf(currentUser(req));
    const query = parseOrThrow(customerQuerySchema, req.query);
    const segment = query.segment ? await findSegment(db, query.segment) : undefined;
    if (query.segment && !segment) throw new NotFoundError("No such segment");
    const search = toCustomerSearch(query, segment?.filter);
    await recordCustomersExported(db, actorOf(req), { via: "console", ...keptCustomerQuery(query) });
    await streamCustomersCsv(db, res, scope, search, now());
  });

  const renderForm = async (
    res: Response,
    view: { customer?: Customer; form: CustomerForm; errors?: Record<string, string | Message> },
    status = 200,
  ) => {
    const managers = await listCustomerManagers(db);
    res.status(status).render("customer-form", {
      title: view.customer ? "customers.edit" : "customers.new",
      ...view,
      action: view.customer ? `/admin/customers/${view.customer.id}` : "/admin/customers",
      types: CUSTOMER_TYPES.map((value) => ({ value, selected: value === view.form.customerType })),
      tiers: VALUE_TIERS.map((value) => ({ value, selected: value === view.form.valueTier })),
      activities: ACTIVITIES.map((value) => ({ value, selected: value === view.form.activity })),
      locales: CUSTOMER_LOCALES.map((value) => ({ value, selected: value === view.form.locale })),
      managers: managers.map((m) => ({ ...m, selected: m.username === view.form.manager })),
      knownChannels: KNOWN_CHANNELS,
    });
  };

  /** Checks a submitted form; renders it again with messages at the fields, or returns the customer. */
  const checkForm = async (req: Request) => {
    let form: CustomerForm;
    try {
      form = parseOrThrow(customerFormSchema, req.body);
    } catch (error) {
      // a value too long to be checked further (or not text at all): said at its field, the rest kept
      if (!(error instanceof ValidationError)) throw error;
      return { form: keptForm(req.body), errors: fieldErrors(error), value: undefined };
    }
    const parsed = parseAttributeLines(form.attributes);
    const record: CustomerRecord = { ...form, attributes: "badLine" in parsed ? {} : parsed.attributes };
    const result = checkCustomerRecord(record, await staffIdsByUsername(db), now(), "other");
    const errors: Record<string, string | Message> = {};
    if ("badLine" in parsed)
      errors.attributes = translate(req.locale, "customers.attributesBadLine", { line: parsed.badLine });
    if (!result.ok) {
      for (const problem of result.problems) {
        const field = problem.field.startsWith("attributes") ? "attributes" : problem.field;
        errors[field] ??= problemMessage(req.locale, problem);
      }
    }
    return { form, errors, value: result.ok && Object.keys(errors).length === 0 ? result.value : undefined };
  };

  router.get("/new", async (req, res) => {
    requireManage(req);
    await renderForm(res, { form: customerFormSchema.parse({}) });
  });

  router.post("/", async (req, res) => {
    requireManage(req);
    const { form, errors, value } = await checkForm(req);
    if (!value) return renderForm(res, { form, errors }, 422);
    try {
      const id = await createCustomer(db, actorOf(req), value, now());
      setFlash(res, "customers.created", { name: value.name });
      res.redirect(303, `/admin/customers/${id}`);
    } catch (error) {
      if (!(error instanceof DuplicateRefError)) throw error;
      await renderForm(
        res,
        { form, errors: { externalRef: translate(req.locale, "customers.refTaken") } },
        409,
      );
    }
  });

  const loadCustomer = async (req: Request) => {
    const parsed = idParam.safeParse(req.params);
    const customer = parsed.success
      ? await findCustomer(db, customerScopeOf(currentUser(req)), parsed.data.id)
      : undefined;
    // Another manager's customer is "not found": its existence is not revealed either.
    if (!customer) throw new NotFoundError("No such customer");
    return customer;
  };

  const renderDetail = async (
    req: Request,
    res: Response,
    customer: Customer,
    optOut: { form: Record<string, unknown>; errors: Record<string, Message> },
    status = 200,
  ) => {
    const [lists, history] = await Promise.all([
      listsOfCustomer(db, customer.id),
      readHistory(actorOf(req), customer.id),
    ]);
    res.status(status).render("customer", {
      history,
      title: "customers.detail",
      customer,
      optedOutOn: customer.optedOutAt?.toISOString().slice(0, 10),
      attributes: Object.entries(customer.attributes).map(([key, value]) => ({ key, value })),
      lists,
      manage: canManageCustomers(currentUser(req).role),
      optOutForm: optOut.form,
      optOutErrors: optOut.errors,
      sources: STAFF_OPT_OUT_SOURCES.map((value) => ({ value, selected: value === optOut.form.source })),
    });
  };

  router.get("/:id", async (req, res) => {
    const customer = await loadCustomer(req);
    await recordCustomerViewed(db, actorOf(req), customer, "console");
    await renderDetail(req, res, customer, { form: { at: today(now()), source: "phone" }, errors: {} });
  });

  router.get("/:id/edit", async (req, res) => {
    requireManage(req);
    const customer = await loadCustomer(req);
    await renderForm(res, { customer, form: formOf(customer, customer.managerUsername ?? "") });
  });

  router.post("/:id", async (req, res) => {
    requireManage(req);
    const customer = await loadCustomer(req);
    const { form, errors, value } = await checkForm(req);
    if (!value) return renderForm(res, { customer, form, errors }, 422);
    try {
      await editCustomer(db, actorOf(req), customer.id, value, now());
      setFlash(res, "customers.updated", { name: value.name });
      res.redirect(303, `/admin/customers/${customer.id}`);
    } catch (error) {
      if (!(error instanceof DuplicateRefError)) throw error;
      await renderForm(
        res,
        { customer, form, errors: { externalRef: translate(req.locale, "customers.refTaken") } },
        409,
      );
    }
  });

  router.post("/:id/opt-out", async (req, res) => {
    const customer = await loadCustomer(req);
    const form = (req.body ?? {}) as Record<string, unknown>;
    let input: z.output<typeof optOutSchema> | undefined;
    let errors: Record<string, Message> = {};
    try {
      input = parseOrThrow(optOutSchema, form);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors = fieldErrors(error);
    }
    // a day that is no day, or one still to come, is asked again in the words of this form
    if (errors.at || (input && input.at > today(now()))) errors.at = { key: "customers.optOutDateInvalid" };
    if (!input || Object.keys(errors).length > 0)
      return renderDetail(req, res, customer, { form, errors }, 422);
    const at = new Date(`${input.at}T00:00:00Z`);
    await changeOptOut(
      db,
      actorOf(req),
      customerScopeOf(currentUser(req)),
      customer.id,
      { at, source: input.source },
      now(),
    );
    setFlash(res, "customers.optedOut", { name: customer.name });
    res.redirect(303, `/admin/customers/${customer.id}`);
  });

  router.post("/:id/opt-in", async (req, res) => {
    const customer = await loadCustomer(req);
    await changeOptOut(db, actorOf(req), customerScopeOf(currentUser(req)), customer.id, null, now());
    setFlash(res, "customers.optedIn", { name: customer.name });
    res.redirect(303, `/admin/customers/${customer.id}`);
  });

  return router;
}

/**
 * Streams customers as CSV (UTF-8 with BOM for Excel, formula-safe cells) in batches of 1,000 by id.
 * The columns are the names the import recognizes, so an export can be edited and imported again;
 * each free attribute in use gets a column of its own.
 */
async function streamCustomersCsv(
  db: Kysely<Database>,
  res: Response,
  scope: ReturnType<typeof customerScopeOf>,
  search: ReturnType<typeof toCustomerSearch>,
  now: Date,
) {
  const keys = await attributeKeysOf(db, scope, search);
  res.set("Content-Type", "text/csv; charset=utf-8");
  res.set("Content-Disposition", `attachment; filename="manyi-customers-${today(now)}.csv"`);
  res.write("\uFEFF");
  res.write(
    csvLine([
      "external_ref",
      "name",
      "email",
      "phone",
      "customer_type",
      "channel",
      "value_tier",
      "activity",
      "region",
      "manager",
      "locale",
      "opted_out",
      "opt_out_source",
      ...keys,
    ]),
  );
  let afterId = 0;
  for (;;) {
    const batch = await listCustomersAfter(db, scope, search, afterId, 1000);
    if (batch.length === 0) break;
    let chunk = "";
    for (const c of batch) {
      chunk += csvLine([
        c.externalRef,
        c.name,
        c.email,
        c.phone,
        c.customerType,
        c.channel,
        c.valueTier,
        c.activity,
        c.region,
        c.managerUsername,
        c.locale,
        c.optedOutAt ? c.optedOutAt.toISOString().slice(0, 10) : null,
        c.optOutSource,
        ...keys.map((key) => c.attributes[key] ?? null),
      ]);
    }
    afterId = batch[batch.length - 1]?.id ?? afterId;
    if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
  }
  res.end();
}
