import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { NotFoundError } from "../errors.ts";
import type { Message } from "../i18n/i18n.ts";
import { actorOf, requirePermission } from "../web/authorize.ts";
import { setFlash } from "../web/flash.ts";
import { parseForm } from "../web/validate.ts";
import { listSegments, type SegmentFilter, segmentFilterSchema } from "./audience.ts";
import {
  attributeKeys,
  countCustomers,
  distinctValues,
  listCustomerManagers,
} from "./customer.repository.ts";
import { ACTIVITIES, CUSTOMER_TYPES, KNOWN_CHANNELS, VALUE_TIERS } from "./customer.ts";
import { findSegment } from "./segment.repository.ts";
import { removeSegment, saveSegment } from "./segment.service.ts";

const idParam = z.object({ id: z.coerce.number().int().positive() });
const ATTRIBUTE_ROWS = 3;

const list = (value: unknown): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String).filter((v) => v !== "");

/**
 * The segment form's fields (a form post or the count endpoint's query string) → a filter. Repeated
 * checkboxes arrive as arrays; the free-attribute rows as attrKey/attrValue pairs.
 */
export function filterFromForm(body: Record<string, unknown>): unknown {
  const keys = list(body.attrKey ?? []);
  const rawKeys = Array.isArray(body.attrKey) ? body.attrKey.map(String) : [String(body.attrKey ?? "")];
  const rawValues = Array.isArray(body.attrValue)
    ? body.attrValue.map(String)
    : [String(body.attrValue ?? "")];
  return {
    customerTypes: list(body.customerTypes),
    channels: list(body.channels),
    valueTiers: list(body.valueTiers),
    activities: list(body.activities),
    regions: list(body.regions),
    managerUserIds: list(body.managerUserIds).map(Number),
    attributes:
      keys.length === 0
        ? []
        : rawKeys
            .map((key, i) => ({ key: key.trim(), value: (rawValues[i] ?? "").trim() }))
            .filter((pair) => pair.key !== ""),
    withEmail: body.withEmail === "1",
    includeOptedOut: body.includeOptedOut === "1",
  };
}

const segmentFormSchema = z.object({
  name: z.string().trim().min(1).max(100),
  description: z
    .string()
    .trim()
    .max(500)
    .default("")
    .transform((v) => (v === "" ? null : v)),
});

/**
 * Saved segments (quality staff, administrators): filters over the segment attributes with a live
 * count of the customers they match now (a small GET endpoint the form's script calls as it changes,
 * and a "count" button without JavaScript). Waves target a segment (src/customers/audience.ts).
 */
export function segmentsRouter(db: Kysely<Database>, now: () => Date) {
  const router = Router();
  router.use(requirePermission("customers.view_all"));

  const count = (filter: SegmentFilter) => countCustomers(db, { kind: "all" }, { filters: [filter] });

  router.get("/", async (_req, res) => {
    const segments = await listSegments(db);
    const counts = await Promise.all(segments.map((segment) => count(segment.filter)));
    res.render("segments", {
      title: "segments.title",
      segments: segments.map((segment, i) => ({ ...segment, count: counts[i] })),
    });
  });

  router.get("/count", async (req, res) => {
    const parsed = segmentFilterSchema.safeParse(filterFromForm(req.query as Record<string, unknown>));
    res.set("Cache-Control", "no-store");
    if (!parsed.success)
      return res.status(422).json({ error: { code: "validation_failed", message: "bad filter" } });
    res.json({ data: { count: await count(parsed.data) } });
  });

  const renderForm = async (
    res: Response,
    view: {
      segment?: { id: number };
      form: { name: string; description: string | null };
      filter: SegmentFilter;
      errors?: Record<string, Message>;
      counted?: boolean;
    },
    status = 200,
  ) => {
    const [channels, regions, managers, keys, matching] = await Promise.all([
      distinctValues(db, "channel"),
      distinctValues(db, "region", 200),
      listCustomerManagers(db),
      attributeKeys(db),
      count(view.filter),
    ]);
    const filter = view.filter;
    const channelValues = [
      ...new Set([...KNOWN_CHANNELS, ...channels.map((c) => c.value), ...filter.channels]),
    ];
    const regionValues = [...new Set([...regions.map((r) => r.value), ...filter.regions])];
    const attributeRows = Array.from(
      { length: Math.max(ATTRIBUTE_ROWS, filter.attributes.length + 1) },
      (_, i) => ({
        index: i,
        key: filter.attributes[i]?.key ?? "",
        value: filter.attributes[i]?.value ?? "",
      }),
    );
    res.status(status).render("segment-form", {
      title: view.segment ? "segments.edit" : "segments.new",
      ...view,
      action: view.segment ? `/admin/segments/${view.segment.id}` : "/admin/segments",
      count: matching,
      types: CUSTOMER_TYPES.map((value) => ({ value, checked: filter.customerTypes.includes(value) })),
      tiers: VALUE_TIERS.map((value) => ({ value, checked: filter.valueTiers.includes(value) })),
      activities: ACTIVITIES.map((value) => ({ value, checked: filter.activities.includes(value) })),
      channels: channelValues.map((value) => ({ value, checked: filter.channels.includes(value) })),
      regions: regionValues.map((value) => ({ value, checked: filter.regions.includes(value) })),
      managers: managers.map((m) => ({ ...m, checked: filter.managerUserIds.includes(m.id) })),
      attributeRows,
      attributeKeys: keys,
    });
  };

  /** Saves (or, for the count button, only counts) a submitted segment form. */
  const submit = async (req: Request, res: Response, segment?: { id: number }) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const filterResult = segmentFilterSchema.safeParse(filterFromForm(body));
    const filter = filterResult.success ? filterResult.data : segmentFilterSchema.parse({});
    const rawForm = { name: String(body.name ?? ""), description: String(body.description ?? "") };
    if (body.action === "count") {
      return renderForm(res, { segment, form: rawForm, filter, counted: true });
    }
    const form = parseForm(segmentFormSchema, rawForm);
    const parsedFilter = parseForm(segmentFilterSchema, filterFromForm(body));
    if (!form.ok || !parsedFilter.ok) {
      // each problem at its field: a name too long, a ticked value that is no choice of its list
      const errors = { ...(parsedFilter.ok ? {} : parsedFilter.errors), ...(form.ok ? {} : form.errors) };
      return renderForm(res, { segment, form: rawForm, filter, errors }, 422);
    }
    const { name, description } = form.value;
    const id = await saveSegment(db, actorOf(req), segment?.id, { name, description, filter }, now());
    setFlash(res, "segments.saved", { name });
    res.redirect(303, `/admin/segments/${id}`);
  };

  router.get("/new", async (_req, res) => {
    await renderForm(res, { form: { name: "", description: "" }, filter: segmentFilterSchema.parse({}) });
  });

  router.post("/", async (req, res) => submit(req, res));

  const load = async (req: Request) => {
    const parsed = idParam.safeParse(req.params);
    const segment = parsed.success ? await findSegment(db, parsed.data.id) : undefined;
    if (!segment) throw new NotFoundError("No such segment");
    return segment;
  };

  router.get("/:id", async (req, res) => {
    const segment = await load(req);
    await renderForm(res, {
      segment,
      form: { name: segment.name, description: segment.description },
      filter: segment.filter,
    });
  });

  router.post("/:id", async (req, res) => submit(req, res, await load(req)));

  router.post("/:id/delete", async (req, res) => {
    const segment = await load(req);
    await removeSegment(db, actorOf(req), segment);
    setFlash(res, "segments.deleted", { name: segment.name });
    res.redirect(303, "/admin/segments");
  });

  return router;
}
