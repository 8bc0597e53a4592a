import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import QRCode from "qrcode";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import type { Message } from "../i18n/i18n.ts";
import type { JobQueue } from "../jobs/job-queue.ts";
import { addDays, todayIn } from "../lib/time.ts";
import type { Mailer } from "../mail/mailer.ts";
import { listQuestionnaires } from "../questionnaires/questionnaire.repository.ts";
import { actorOf, currentUser, requirePermission } from "../web/authorize.ts";
import { setFlash } from "../web/flash.ts";
import { pageQuerySchema, pageView, toLimitOffset } from "../web/pagination.ts";
import { fieldErrors, parseOrThrow } from "../web/validate.ts";
import { listUndelivered, waveCounters } from "./invitation.repository.ts";
import { composeMessage } from "./invitation-sender.ts";
import { makeCustomerOpenLink } from "./open-link.service.ts";
import type { OpenLinkSigner } from "./open-link-signature.ts";
import {
  countWaveResponses,
  countWaves,
  findWaveDetail,
  findWaveMessages,
  listWavePage,
  staffAssignments,
} from "./wave.repository.ts";
import { createWave, launchWave, relaunchWave, waveInputSchemaIn } from "./wave.service.ts";
import { waveStatus } from "./wave.ts";
import { audienceChoices, describeAudience } from "./wave-audience-choices.ts";
import { DEFAULT_TEMPLATES } from "./wave-templates.ts";

type Body = Record<string, string | undefined>;

/** The wave page lists this many undelivered messages, newest first; the API pages through all. */
const UNDELIVERED_SHOWN = 50;

/** The wave form's flat fields as the API's wave input (its days are read in the organisation's zone). */
function formToWaveInput(body: Body) {
  const text = (key: string) => ({ "zh-CN": body[`${key}_zh`] ?? "", en: body[`${key}_en`] ?? "" });
  const [kind, id] = String(body.audience ?? "all").split(":");
  const reminderDays = String(body.reminderDays ?? "")
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map(Number);
  return {
    name: body.name ?? "",
    questionnaireId: body.questionnaireId ?? "",
    channel: body.channel ?? "email",
    audience: kind === "all" ? { kind } : { kind, id },
    ...(body.slug ? { slug: body.slug } : {}),
    anonymous: body.anonymous === "on",
    ...(body.opensAt ? { opensAt: body.opensAt } : {}),
    ...(body.closesAt ? { closesAt: body.closesAt } : {}),
    defaultLocale: body.defaultLocale ?? "zh-CN",
    subject: text("subject"),
    body: text("body"),
    reminderSubject: text("reminderSubject"),
    reminderBody: text("reminderBody"),
    reminderDays,
  };
}

const DEFAULT_FORM = {
  channel: "email",
  defaultLocale: "zh-CN",
  reminderDays: "3, 7",
  subject_zh: DEFAULT_TEMPLATES.subject["zh-CN"],
  subject_en: DEFAULT_TEMPLATES.subject.en,
  body_zh: DEFAULT_TEMPLATES.body["zh-CN"],
  body_en: DEFAULT_TEMPLATES.body.en,
  reminderSubject_zh: DEFAULT_TEMPLATES.reminderSubject["zh-CN"],
  reminderSubject_en: DEFAULT_TEMPLATES.reminderSubject.en,
  reminderBody_zh: DEFAULT_TEMPLATES.reminderBody["zh-CN"],
  reminderBody_en: DEFAULT_TEMPLATES.reminderBody.en,
};

const qrCode = (link: string) => QRCode.toString(link, { type: "svg", margin: 2, width: 480 });

/** A customer reference typed into the wave page's "link for one customer" form. */
const customerRefQuery = z.object({ customerRef: z.string().trim().min(1).max(100) });

/**
 * `/admin/waves`: create a wave, send it, follow it live; the QR code of an open link, and one
 * customer's signed open link with its QR code.
 */
export function waveRouter(
  db: Kysely<Database>,
  deps: { jobs: JobQueue; mailer: Mailer; publicUrl: string; timeZone: string; signer: OpenLinkSigner },
  now: () => Date,
) {
  const router = Router();
  router.use(requirePermission("waves.manage"));

  router.get("/", async (req, res) => {
    const page = parseOrThrow(pageQuerySchema, req.query);
    const [waves, total] = await Promise.all([listWavePage(db, toLimitOffset(page)), countWaves(db)]);
    res.render("waves", {
      title: "waves.title",
      waves: waves.map((wave) => ({
        ...wave,
        status: waveStatus(wave, now()),
        rate: wave.sent > 0 ? Math.round((wave.completed / wave.sent) * 1000) / 10 : null,
      })),
      pagination: pageView(page, total, "/admin/waves"),
    });
  });

  const renderForm = async (
    req: Request,
    res: Response,
    form: Body,
    errors: Record<string, Message>,
    status = 200,
  ) => {
    const questionnaires = (await listQuestionnaires(db, { limit: 200, offset: 0 })).items.filter(
      (q) => q.publishedVersion !== null,
    );
    res.status(status).render("wave-new", {
      title: "waves.new",
      form,
      errors,
      hasErrors: Object.keys(errors).length > 0,
      questionnaires,
      audiences: await audienceChoices(db, req.locale),
      publicUrl: deps.publicUrl,
    });
  };

  // A wave closes in 30 days unless staff choose otherwise: customers are told when.
  router.get("/new", (req, res) =>
    renderForm(
      req,
      res,
      {
        ...DEFAULT_FORM,
        questionnaireId: String(req.query.questionnaire ?? ""),
        closesAt: addDays(todayIn(deps.timeZone, now()), 30),
      },
      {},
    ),
  );

  router.post("/", async (req, res) => {
    const body = req.body as Body;
    try {
      const input = parseOrThrow(
        waveInputSchemaIn(deps.timeZone),
        formToWaveInput(body),
        "The wave is not valid",
      );
      const id = await createWave(db, actorOf(req), input);
      setFlash(res, "waves.created");
      res.redirect(303, `/admin/waves/${id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors = fieldErrors(error);
      // the form's field names for the input's paths
      for (const [field, message] of Object.entries(errors)) {
        const match = /^(subject|body|reminderSubject|reminderBody)\.(zh-CN|en)$/.exec(field);
        if (match) errors[`${match[1]}_${match[2] === "en" ? "en" : "zh"}`] = message;
        if (field.startsWith("reminderDays")) errors.reminderDays = message;
        if (field.startsWith("audience")) errors.audience = message;
      }
      await renderForm(req, res, body, errors, 422);
    }
  });

  const loadWave = async (req: Request) => {
    const id = Number(req.params.id);
    const wave = Number.isSafeInteger(id) ? await findWaveDetail(db, id) : undefined;
    if (!wave) throw new NotFoundError("No such wave");
    return wave;
  };

  /** The customer link asked for on the wave page: its URL, or the problem to show at the form. */
  const customerLink = async (
    req: Request,
    wave: { id: number; slug: string | null; anonymous: boolean },
  ) => {
    if (!wave.slug || wave.anonymous) return undefined;
    const asked = typeof req.query.customerRef === "string" ? req.query.customerRef.trim() : "";
    if (!asked) return { ref: "" };
    try {
      const { customerRef } = parseOrThrow(customerRefQuery, { customerRef: asked });
      const { url } = await makeCustomerOpenLink(db, deps, actorOf(req), wave.id, customerRef);
      // the QR code is in the page itself: one link made, one audit entry
      const qr = `data:image/svg+xml;base64,${Buffer.from(await qrCode(url)).toString("base64")}`;
      return {
        ref: customerRef,
        url,
        qr,
        fileName: `${wave.slug}-${customerRef.replace(/[^\w-]/g, "_")}.svg`,
      };
    } catch (error) {
      if (error instanceof ValidationError) return { ref: asked, error: fieldErrors(error).customerRef };
      if (error instanceof ConflictError) return { ref: asked, error: error.reason };
      throw error;
    }
  };

  router.get("/:id", async (req, res) => {
    const wave = await loadWave(req);
    const counters = await waveCounters(db, wave.id);
    // the preview is in the wave's language: what most customers will read
    const locale = wave.defaultLocale;
    const messages = await findWaveMessages(db, wave.id);
    const sample = (kind: "invitation" | "reminder") =>
      messages &&
      composeMessage(
        deps,
        messages,
        {
          invitationId: 0,
          waveId: wave.id,
          email: "customer@example.com",
          locale,
          customerName: locale === "en" ? "Ms Li" : "李女士",
          customerOptedOut: false,
          kind,
          attempts: 0,
        },
        "PREVIEW",
      );
    const openLink = wave.slug ? `${deps.publicUrl}/w/${wave.slug}` : null;
    const status = waveStatus(wave, now());
    // an open link has no invitations to count: its figure is the responses it took
    const webResponses = wave.channel === "web" ? await countWaveResponses(db, wave.id) : undefined;
    const linkForCustomer = await customerLink(req, wave);
    // a customer's signed link answers as that customer: the page that shows one is never cached
    if (linkForCustomer?.url) res.set("Cache-Control", "no-store");
    res.render("wave", {
      title: "waves.title",
      pageTitle: wave.name,
      wave,
      status,
      webResponses,
      // an email or staff wave not yet sent (and not past its closing date) offers to send it
      canLaunch: status === "draft",
      audience: await describeAudience(db, wave.audience, req.locale),
      counters,
      rate: counters.sent > 0 ? Math.round((counters.completed / counters.sent) * 1000) / 10 : null,
      openLink,
      customerLink: linkForCustomer,
      // the figures refresh while messages may still go out: a sent email wave before it closes
      live: status === "sent" && wave.channel === "email",
      preview: wave.channel === "email" ? sample("invitation") : null,
      reminderPreview: wave.channel === "email" && wave.reminderDays.length > 0 ? sample("reminder") : null,
      assignments: wave.channel === "staff" ? await staffAssignments(db, wave.id) : [],
      undelivered:
        counters.failed > 0
          ? await listUndelivered(db, { waveId: wave.id }, { limit: UNDELIVERED_SHOWN, offset: 0 })
          : undefined,
      userEmail: currentUser(req).email,
    });
  });

  router.get("/:id/counters", async (req, res) => {
    const wave = await loadWave(req);
    const counters = await waveCounters(db, wave.id);
    res.set("Cache-Control", "no-store").json({
      data: { ...counters, responseRate: counters.sent > 0 ? counters.completed / counters.sent : null },
    });
  });

  router.post("/:id/launch", async (req, res) => {
    const wave = await loadWave(req);
    await launchWave(db, deps.jobs, actorOf(req), wave.id, now());
    setFlash(res, wave.channel === "email" ? "waves.launched" : "waves.opened");
    res.redirect(303, `/admin/waves/${wave.id}`);
  });

  router.post("/:id/relaunch", async (req, res) => {
    const wave = await loadWave(req);
    await relaunchWave(db, deps.jobs, wave.id);
    setFlash(res, "waves.relaunched");
    res.redirect(303, `/admin/waves/${wave.id}`);
  });

  router.post("/:id/test", async (req, res) => {
    const wave = await loadWave(req);
    const user = currentUser(req);
    if (!user.email) {
      setFlash(res, "waves.test.noEmail");
      return res.redirect(303, `/admin/waves/${wave.id}`);
    }
    const messages = await findWaveMessages(db, wave.id);
    if (!messages) throw new NotFoundError("No such wave");
    const locale = req.body?.locale === "en" ? "en" : "zh-CN";
    const message = composeMessage(
      deps,
      messages,
      {
        invitationId: 0,
        waveId: wave.id,
        email: user.email,
        locale,
        customerName: user.displayName,
        customerOptedOut: false,
        kind: req.body?.kind === "reminder" ? "reminder" : "invitation",
        attempts: 0,
      },
      "TEST-LINK",
    );
    await deps.mailer.send({ ...message, subject: `[TEST] ${message.subject}` });
    setFlash(res, "waves.test.sent", { email: user.email });
    res.redirect(303, `/admin/waves/${wave.id}`);
  });

  router.get("/:id/qr.svg", async (req, res) => {
    const wave = await loadWave(req);
    if (!wave.slug) throw new NotFoundError("This wave has no open link");
    const svg = await qrCode(`${deps.publicUrl}/w/${wave.slug}`);
    res.type("image/svg+xml").set("Content-Disposition", `inline; filename="${wave.slug}.svg"`).send(svg);
  });

  return router;
}
