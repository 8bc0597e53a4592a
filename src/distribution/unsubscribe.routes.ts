import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import { isLocale } from "../i18n/bilingual.ts";
import { translate } from "../i18n/i18n.ts";
import { findInvitationByToken, unsubscribe } from "./invitation.service.ts";

/**
 * `/u/<token>`: the unsubscribe link of every message. GET asks for confirmation (a mail scanner
 * following links must not unsubscribe anyone); POST opts the customer out of all surveys, also as the
 * one-click unsubscribe of mail clients (RFC 8058), which is why it needs no form token: the link's
 * token is the proof.
 */
export function unsubscribeRouter(db: Kysely<Database>, now: () => Date) {
  const router = Router();
  const localeOf = (req: Request) => (isLocale(req.query.lang) ? req.query.lang : req.locale);

  const render = (res: Response, locale: "zh-CN" | "en", view: Record<string, unknown>, status = 200) =>
    res.status(status).render("unsubscribe", { layout: "respondent", lang: locale, locale, ...view });

  router.get("/:token", async (req, res) => {
    const locale = localeOf(req);
    const invitation = await findInvitationByToken(db, String(req.params.token));
    if (!invitation)
      return render(res, locale, { title: translate(locale, "survey.unknown.title"), unknown: true }, 404);
    render(res, locale, {
      title: translate(locale, "unsubscribe.title"),
      done: invitation.optedOutAt !== null,
      action: `/u/${req.params.token}`,
    });
  });

  router.post("/:token", async (req, res) => {
    const locale = localeOf(req);
    const invitation = await findInvitationByToken(db, String(req.params.token));
    if (!invitation)
      return render(res, locale, { title: translate(locale, "survey.unknown.title"), unknown: true }, 404);
    await unsubscribe(db, invitation.id, now());
    render(res, locale, { title: translate(locale, "unsubscribe.title"), done: true });
  });

  return router;
}
