import { Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database } from "../db/database.ts";
import { actorOf, requirePermission } from "../web/authorize.ts";
import { setFlash } from "../web/flash.ts";
import { parseOrThrow } from "../web/validate.ts";
import { listCalendarDays, replaceCalendarDays } from "./work-calendar.repository.ts";
import { calendarText, parseCalendar } from "./work-calendar.ts";

const formSchema = z.object({ days: z.string().max(20_000).default("") });

/**
 * Staff console: the working calendar (`/admin/cases/calendar`) that rules counting working days use:
 * Monday–Friday, except the days listed (holidays off, make-up days on). Saved as a whole, audited.
 */
export function workCalendarRouter(db: Kysely<Database>) {
  const router = Router();
  router.use(requirePermission("cases.manage"));

  router.get("/", async (req, res) => {
    const days = await listCalendarDays(db);
    res.render("work-calendar", {
      title: "cases.calendar.title",
      text: calendarText(days, req.locale),
      days,
      errors: [],
    });
  });

  router.post("/", async (req, res) => {
    const { days: text } = parseOrThrow(formSchema, req.body);
    const parsed = parseCalendar(text);
    if ("problems" in parsed) {
      return res.status(422).render("work-calendar", {
        title: "cases.calendar.title",
        text,
        days: await listCalendarDays(db),
        errors: parsed.problems.map((p) => p.message),
      });
    }
    const actor = actorOf(req);
    await db.transaction().execute(async (trx) => {
      await replaceCalendarDays(trx, parsed.days);
      await insertAuditEntry(trx, {
        action: "work_calendar.saved",
        actorUserId: actor.user.id,
        actorName: actor.user.username,
        targetType: "work_calendar",
        ip: actor.ip,
        details: { days: parsed.days.length },
      });
    });
    setFlash(res, "cases.calendar.saved", { count: String(parsed.days.length) });
    res.redirect(303, "/admin/cases/calendar");
  });

  return router;
}
