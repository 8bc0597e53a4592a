import { Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { NotFoundError } from "../errors.ts";
import type { JobQueue } from "../jobs/job-queue.ts";
import { actorOf, requirePermission } from "../web/authorize.ts";
import { apiPage, pageQuerySchema, toLimitOffset } from "../web/pagination.ts";
import { parseOrThrow } from "../web/validate.ts";
import { listUndelivered, waveCounters } from "./invitation.repository.ts";
import { makeCustomerOpenLink } from "./open-link.service.ts";
import type { OpenLinkSigner } from "./open-link-signature.ts";
import { countWaves, findWaveDetail, listWavePage } from "./wave.repository.ts";
import { createWave, launchWave, waveInputSchemaIn } from "./wave.service.ts";

/**
 * `/api/v1/waves`: create a wave, send it, read its status. A closing day (`"closesAt": "2026-12-10"`)
 * means to the end of that day in the organisation's `timeZone`. `GET /:id/link?customerRef=` makes one
 * customer's signed open link.
 */
export function waveApiRouter(
  db: Kysely<Database>,
  jobs: JobQueue,
  now: () => Date,
  timeZone: string,
  links: { signer: OpenLinkSigner; publicUrl: string },
) {
  const router = Router();
  router.use(requirePermission("waves.manage"));

  const status = async (id: number) => {
    const wave = await findWaveDetail(db, id);
    if (!wave) throw new NotFoundError(`No wave ${id}`);
    const counters = await waveCounters(db, id);
    return {
      ...wave,
      counters: { ...counters, responseRate: counters.sent > 0 ? counters.completed / counters.sent : null },
    };
  };
  const idOf = (value: unknown) => {
    const id = Number(value);
    if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(`No wave ${String(value)}`);
    return id;
  };

  router.post("/", async (req, res) => {
    const input = parseOrThrow(waveInputSchemaIn(timeZone), req.body, "The wave is not valid");
    const id = await createWave(db, actorOf(req), input);
    res
      .status(201)
      .location(`/api/v1/waves/${id}`)
      .json({ data: await status(id) });
  });

  router.get("/", async (req, res) => {
    const page = parseOrThrow(pageQuerySchema, req.query);
    const [waves, total] = await Promise.all([listWavePage(db, toLimitOffset(page)), countWaves(db)]);
    res.json(apiPage(waves, page, total));
  });

  /** The wave's messages that will not be delivered (refused for good, or given up), newest first. */
  router.get("/:id/undelivered", async (req, res) => {
    const id = idOf(req.params.id);
    await status(id);
    const page = parseOrThrow(pageQuerySchema, req.query);
    const { items, total } = await listUndelivered(db, { waveId: id }, toLimitOffset(page));
    res.json(apiPage(items, page, total));
  });

  /** One customer's signed open link (422 for an unknown reference, 409 for a wave that cannot have one). */
  router.get("/:id/link", async (req, res) => {
    const id = idOf(req.params.id);
    const { customerRef } = parseOrThrow(
      z.object({ customerRef: z.string().trim().min(1).max(100) }),
      req.query,
      "The customer reference is not valid",
    );
    res.json({ data: await makeCustomerOpenLink(db, links, actorOf(req), id, customerRef) });
  });

  router.get("/:id", async (req, res) => {
    res.json({ data: await status(idOf(req.params.id)) });
  });

  /** Sends an email wave (opens a web or staff wave); 409 when it was sent before. */
  router.post("/:id/send", async (req, res) => {
    const id = idOf(req.params.id);
    await status(id);
    await launchWave(db, jobs, actorOf(req), id, now());
    res.status(202).json({ data: await status(id) });
  });

  return router;
}
