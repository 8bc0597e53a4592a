import { type Request, Router } from "express";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { z } from "zod";
import { hasPermission } from "../accounts/roles.ts";
import type { Database } from "../db/database.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { pick } from "../i18n/bilingual.ts";
import { type Message, translate } from "../i18n/i18n.ts";
import { formatDateTime } from "../lib/time.ts";
import type { Mailer } from "../mail/mailer.ts";
import { currentUser, requirePermission } from "../web/authorize.ts";
import { setFlash } from "../web/flash.ts";
import { fieldErrors, parseOrThrow } from "../web/validate.ts";
import { BREAKDOWN_ATTRIBUTES } from "./groups.ts";
import { listReportableQuestionnaires } from "./report.repository.ts";
import type { ReportSettings } from "./report-settings.ts";
import {
  deleteSchedule,
  findSchedule,
  findSnapshot,
  insertSchedule,
  listSchedules,
  listSnapshots,
  type ScheduleInput,
  setScheduleEnabled,
  updateSchedule,
} from "./schedule.repository.ts";
import { sendScheduleNow } from "./schedule.service.ts";
import { CADENCES, nextRunAfter } from "./schedule.ts";

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

const scheduleSchema = z
  .object({
    name: z.string().trim().min(1, "report.schedules.error.name").max(100),
    questionnaire: z.coerce.number().int().positive("validation.chooseQuestionnaire"),
    cadence: z.enum(CADENCES as [string, ...string[]]),
    dayOfMonth: z.coerce
      .number()
      .int()
      .min(1, "report.schedules.error.day")
      .max(28, "report.schedules.error.day"),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "report.schedules.error.time"),
    recipients: z
      .string()
      .transform((text) => [...new Set(text.split(/[\s,;]+/).filter((part) => part !== ""))])
      .pipe(
        z
          .array(z.string().regex(EMAIL, "report.schedules.error.recipientEmail"))
          .min(1, "report.schedules.error.recipientsMin")
          .max(50, "report.schedules.error.recipientsMax"),
      ),
    locale: z.enum(["zh-CN", "en"]),
    department: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(100).optional()),
    breakdownAttribute: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.enum(BREAKDOWN_ATTRIBUTES as unknown as [string, ...string[]]).optional(),
    ),
    breakdownValue: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(100).optional()),
  })
  .refine((form) => (form.breakdownAttribute === undefined) === (form.breakdownValue === undefined), {
    message: "report.schedules.error.breakdownPair",
    path: ["breakdownValue"],
  });

function toInput(form: z.output<typeof scheduleSchema>): ScheduleInput {
  const [hour, minute] = form.time.split(":").map(Number) as [number, number];
  return {
    name: form.name,
    questionnaireId: form.questionnaire,
    cadence: form.cadence as ScheduleInput["cadence"],
    dayOfMonth: form.dayOfMonth,
    hour,
    minute,
    recipients: form.recipients,
    locale: form.locale,
    filter: {
      ...(form.breakdownAttribute
        ? {
            attribute: form.breakdownAttribute as (typeof BREAKDOWN_ATTRIBUTES)[number],
            value: form.breakdownValue ?? "",
          }
        : {}),
      ...(form.department ? { department: form.department } : {}),
    },
  };
}

const idSchema = z.object({ id: z.coerce.number().int().positive() });

/** Console: report schedules (quality staff, admins) and the reports they sent (everyone with reports). */
export function scheduleRouter(
  db: Kysely<Database>,
  deps: { mailer: Mailer; settings: ReportSettings; publicUrl: string; logger: Logger; processId: string },
  now: () => Date,
) {
  const router = Router();
  router.use(requirePermission("reports.view"));
  const tz = deps.settings.timeZone;
  const formatTime = (date: Date | null, req: Request) => (date ? formatDateTime(date, req.locale, tz) : "—");

  const formView = async (
    req: Request,
    form: Record<string, unknown>,
    errors: Record<string, Message> = {},
  ) => {
    const questionnaires = await listReportableQuestionnaires(db);
    return {
      title: "report.schedules.title",
      // the page's own name in the browser tab: the schedule's, or "New schedule"
      pageTitle: form.id ? String(form.name ?? "") : translate(req.locale, "report.schedules.new"),
      form,
      errors,
      timeZoneNote: translate(req.locale, "report.schedules.timeZone", { zone: tz }),
      questionnaires: questionnaires.map((q) => ({
        id: q.id,
        name: pick(q.name, req.locale),
        selected: String(q.id) === String(form.questionnaire),
      })),
      cadences: CADENCES.map((cadence) => ({ cadence, selected: cadence === form.cadence })),
      breakdowns: BREAKDOWN_ATTRIBUTES.map((attribute) => ({
        attribute,
        label: translate(req.locale, `report.breakdown.${attribute}`),
        selected: attribute === form.breakdownAttribute,
      })),
    };
  };

  router.get("/", async (req, res) => {
    const [schedules, snapshots] = await Promise.all([listSchedules(db), listSnapshots(db)]);
    res.render("report-schedules", {
      title: "report.schedules.title",
      canManage: hasPermission(currentUser(req).role, "reports.schedule"),
      timeZoneNote: translate(req.locale, "report.schedules.timeZone", { zone: tz }),
      schedules: schedules.map((s) => ({
        ...s,
        cadenceText: translate(req.locale, `report.schedules.cadence.${s.cadence}`),
        when: `${s.dayOfMonth} · ${String(s.hour).padStart(2, "0")}:${String(s.minute).padStart(2, "0")}`,
        next: s.enabled ? formatTime(s.nextRunAt, req) : translate(req.locale, "report.schedules.disabled"),
        lastSent: formatTime(s.lastSentAt, req),
        recipientsText: s.recipients.join(", "),
      })),
      snapshots: snapshots.map((n) => ({
        ...n,
        when: formatTime(n.sentAt ?? n.createdAt, req),
        statusText: translate(req.locale, `report.snapshots.status.${n.status}`),
        recipientsText: n.recipients.join(", "),
      })),
    });
  });

  router.get("/new", requirePermission("reports.schedule"), async (req, res) => {
    res.render(
      "report-schedule-form",
      await formView(req, {
        cadence: "monthly",
        dayOfMonth: 2,
        time: "08:00",
        locale: req.locale,
        name: translate(req.locale, "report.title"),
      }),
    );
  });

  router.post("/", requirePermission("reports.schedule"), async (req, res) => {
    try {
      const input = toInput(parseOrThrow(scheduleSchema, req.body));
      await insertSchedule(db, input, nextRunAfter(input, now(), tz), currentUser(req).id);
      setFlash(res, "report.schedules.saved");
      res.redirect(303, "/admin/report-schedules");
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(422).render("report-schedule-form", await formView(req, req.body, fieldErrors(error)));
    }
  });

  router.get("/snapshots/:id", async (req, res) => {
    const { id } = parseOrThrow(idSchema, req.params, "No such report");
    const snapshot = await findSnapshot(db, id);
    if (!snapshot) throw new NotFoundError("No such report");
    res.render("report-snapshot", {
      title: "report.snapshots.title",
      snapshot: {
        id: snapshot.id,
        subject: snapshot.subject,
        periodKey: snapshot.period_key,
        recipients: snapshot.recipients.join(", "),
        when: formatTime(snapshot.sent_at ?? snapshot.created_at, req),
        statusText: translate(req.locale, `report.snapshots.status.${snapshot.status}`),
        error: snapshot.error,
        hasPdf: snapshot.pdf !== null,
        hasHtml: snapshot.html_body !== null,
      },
    });
  });

  router.get("/snapshots/:id/email.html", async (req, res) => {
    const { id } = parseOrThrow(idSchema, req.params, "No such report");
    const snapshot = await findSnapshot(db, id);
    if (!snapshot?.html_body) throw new NotFoundError("No such report");
    // The stored email, its inline images pointing at the stored PNGs.
    const html = snapshot.html_body.replace(
      /src="cid:([a-z]+)"/g,
      (_m, cid: string) => `src="/admin/report-schedules/snapshots/${id}/images/${cid}.png"`,
    );
    res.set(
      "Content-Security-Policy",
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
    );
    res.type("html").send(html);
  });

  router.get("/snapshots/:id/images/:file", async (req, res) => {
    const { id, file } = parseOrThrow(
      z.object({ id: z.coerce.number().int().positive(), file: z.string().regex(/^[a-z]+\.png$/) }),
      req.params,
      "No such image",
    );
    const cid = file.slice(0, -".png".length);
    const image = ((await findSnapshot(db, id))?.images ?? []).find((candidate) => candidate.cid === cid);
    if (!image) throw new NotFoundError("No such image");
    res.type("png").set("Cache-Control", "private, max-age=86400").send(Buffer.from(image.png, "base64"));
  });

  router.get("/snapshots/:id/report.pdf", async (req, res) => {
    const { id } = parseOrThrow(idSchema, req.params, "No such report");
    const snapshot = await findSnapshot(db, id);
    if (!snapshot?.pdf) throw new NotFoundError("No such report");
    res.set("Content-Type", "application/pdf");
    res.set(
      "Content-Disposition",
      `attachment; filename="manyi-report-${snapshot.questionnaire_id}-${snapshot.period_key.replace(/\.\./g, "_")}-sent-${snapshot.id}.pdf"`,
    );
    res.send(snapshot.pdf);
  });

  router.get("/:id", requirePermission("reports.schedule"), async (req, res) => {
    const { id } = parseOrThrow(idSchema, req.params, "No such schedule");
    const schedule = await findSchedule(db, id);
    if (!schedule) throw new NotFoundError("No such schedule");
    res.render(
      "report-schedule-form",
      await formView(req, {
        id: schedule.id,
        name: schedule.name,
        questionnaire: schedule.questionnaireId,
        cadence: schedule.cadence,
        dayOfMonth: schedule.dayOfMonth,
        time: `${String(schedule.hour).padStart(2, "0")}:${String(schedule.minute).padStart(2, "0")}`,
        recipients: schedule.recipients.join("\n"),
        locale: schedule.locale,
        department: schedule.filter.department ?? "",
        breakdownAttribute: schedule.filter.attribute ?? "",
        breakdownValue: schedule.filter.value ?? "",
        enabled: schedule.enabled,
      }),
    );
  });

  router.post("/:id", requirePermission("reports.schedule"), async (req, res) => {
    const { id } = parseOrThrow(idSchema, req.params, "No such schedule");
    if (!(await findSchedule(db, id))) throw new NotFoundError("No such schedule");
    try {
      const input = toInput(parseOrThrow(scheduleSchema, req.body));
      await updateSchedule(db, id, input, nextRunAfter(input, now(), tz), now());
      setFlash(res, "report.schedules.saved");
      res.redirect(303, "/admin/report-schedules");
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res
        .status(422)
        .render("report-schedule-form", await formView(req, { ...req.body, id }, fieldErrors(error)));
    }
  });

  router.post("/:id/toggle", requirePermission("reports.schedule"), async (req, res) => {
    const { id } = parseOrThrow(idSchema, req.params, "No such schedule");
    const schedule = await findSchedule(db, id);
    if (!schedule) throw new NotFoundError("No such schedule");
    // Resuming starts from now: runs that fell due while paused are not sent.
    await setScheduleEnabled(db, id, !schedule.enabled, nextRunAfter(schedule, now(), tz), now());
    setFlash(res, "report.schedules.saved");
    res.redirect(303, "/admin/report-schedules");
  });

  router.post("/:id/delete", requirePermission("reports.schedule"), async (req, res) => {
    const { id } = parseOrThrow(idSchema, req.params, "No such schedule");
    await deleteSchedule(db, id);
    setFlash(res, "report.schedules.deleted");
    res.redirect(303, "/admin/report-schedules");
  });

  router.post("/:id/send", requirePermission("reports.schedule"), async (req, res) => {
    const { id } = parseOrThrow(idSchema, req.params, "No such schedule");
    const snapshotId = await sendScheduleNow({ db, ...deps, now }, id);
    setFlash(res, "report.schedules.sentNow");
    res.redirect(
      303,
      snapshotId ? `/admin/report-schedules/snapshots/${snapshotId}` : "/admin/report-schedules",
    );
  });

  return router;
}
