import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { hasPermission } from "../accounts/roles.ts";
import type { Locale } from "../accounts/staff-user.ts";
import type { Database } from "../db/database.ts";
import { isLocale, translate } from "../web/i18n.ts";
import { LANGUAGE_COOKIE } from "../web/session.middleware.ts";
import type { AnswerIssue, Answers } from "./answers.ts";
import { buildRespondentPage, clampPage, formToRawAnswers, resumePage } from "./respondent-view.ts";
import {
  findResumableResponse,
  findWaveForRespondent,
  saveRespondentPage,
  submitResponse,
} from "./response.service.ts";
import type { WaveWithDefinition } from "./wave.repository.ts";

const RESUME_COOKIE_DAYS = 90;
const resumeCookie = (wave: WaveWithDefinition) => `manyi_w${wave.id}`;

/**
 * The open link `/w/<slug>`: one section a page, answers saved on every page (and in the background
 * with JavaScript), resumed from a cookie, submitted once. Works without JavaScript.
 */
export function respondRouter(db: Kysely<Database>, now: () => Date, secureCookies: boolean) {
  const router = Router();

  /** `?lang=` switches the language and is remembered like the console's switcher. */
  const localeOf = (req: Request, res: Response): Locale => {
    const asked = req.query.lang ?? req.body?.lang;
    if (isLocale(asked)) {
      if (req.query.lang)
        res.cookie(LANGUAGE_COOKIE, asked, { sameSite: "lax", path: "/", maxAge: 365 * 86_400_000 });
      return asked;
    }
    return req.locale;
  };

  const message = (
    res: Response,
    status: number,
    locale: Locale,
    key: string,
    values: Record<string, string> = {},
  ) =>
    res.status(status).render("respond-message", {
      layout: "respondent",
      lang: locale,
      locale,
      title: translate(locale, `${key}.title`),
      heading: translate(locale, `${key}.title`),
      body: translate(locale, `${key}.body`, values),
      success: key === "survey.thanks" || key === "survey.already",
    });

  const isStaffTest = (req: Request) =>
    (req.query.test === "1" || req.body?.test === "1") &&
    req.user !== undefined &&
    hasPermission(req.user.role, "questionnaires.manage");

  /** Loads the wave; answers a friendly page itself when the link is unknown, closed or not yet open. */
  const openWave = async (req: Request, res: Response, locale: Locale) => {
    const found = await findWaveForRespondent(db, String(req.params.slug), now());
    if (!found) {
      message(res, 404, locale, "survey.unknown");
      return undefined;
    }
    if (found.state === "closed") {
      message(res, 410, locale, "survey.closed");
      return undefined;
    }
    if (found.state === "not_yet_open") {
      const date = new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(found.wave.opensAt ?? now());
      message(res, 403, locale, "survey.notYet", { date });
      return undefined;
    }
    return found.wave;
  };

  const renderPage = (
    req: Request,
    res: Response,
    wave: WaveWithDefinition,
    locale: Locale,
    pageIndex: number,
    answers: Answers | Record<string, unknown>,
    issues: AnswerIssue[],
    status = 200,
  ) => {
    const customerRef =
      typeof (req.query.ref ?? req.body?.ref) === "string"
        ? String(req.query.ref ?? req.body?.ref).slice(0, 100)
        : "";
    res.set("Cache-Control", "no-store");
    res.status(status).render("respond", {
      layout: "respondent",
      locale,
      ...buildRespondentPage(wave.definition, {
        locale,
        pageIndex,
        answers,
        issues,
        preview: false,
        baseHref: `/w/${wave.slug}`,
      }),
      customerRef,
      test: isStaffTest(req),
    });
  };

  router.get("/:slug", async (req, res) => {
    const locale = localeOf(req, res);
    const wave = await openWave(req, res, locale);
    if (!wave) return;
    const response = await findResumableResponse(db, wave.id, req.cookies?.[resumeCookie(wave)]);
    if (response?.status === "submitted" && !isStaffTest(req))
      return message(res, 200, locale, "survey.already");
    const answers = (response?.status === "partial" ? response.draftAnswers : {}) as Answers;
    // A returning respondent continues where answers are missing.
    const page =
      req.query.page === undefined
        ? resumePage(wave.definition, answers)
        : clampPage(wave.definition, req.query.page);
    renderPage(req, res, wave, locale, page, answers, []);
  });

  const save = async (req: Request, res: Response, background: boolean) => {
    const locale = localeOf(req, res);
    const wave = await openWave(req, res, locale);
    if (!wave) return;
    const cookieName = resumeCookie(wave);
    const existing = await findResumableResponse(db, wave.id, req.cookies?.[cookieName]);
    if (existing?.status === "submitted") {
      // A retried or double-clicked submit: the response is stored once; show the thank-you page.
      if (background) return res.status(409).json({ saved: false, reason: "already_submitted" });
      return res.redirect(303, `/w/${wave.slug}/thanks?lang=${locale}`);
    }
    const pageIndex = clampPage(wave.definition, req.body?.page);
    const section = wave.definition.sections[pageIndex];
    const items = section?.items ?? [];
    const nav = String(req.body?.nav ?? "next");
    const raw = formToRawAnswers(items, req.body ?? {});
    const saved = await saveRespondentPage(db, {
      wave,
      responseId: existing?.id,
      raw,
      pageItemKeys: items.map((item) => item.key),
      requireComplete: nav === "next" || nav === "submit",
      locale,
      customerRef:
        typeof req.body?.ref === "string" && req.body.ref !== "" ? req.body.ref.slice(0, 100) : null,
      isTest: isStaffTest(req),
      createWhenEmpty: nav === "submit",
    });
    if (saved.newToken) {
      res.cookie(cookieName, saved.newToken, {
        httpOnly: true,
        sameSite: "lax",
        secure: secureCookies,
        path: `/w/${wave.slug}`,
        maxAge: RESUME_COOKIE_DAYS * 86_400_000,
      });
    }
    if (background) return res.json({ saved: true, issues: saved.issues.length });
    if (nav === "back")
      return res.redirect(303, `/w/${wave.slug}?page=${Math.max(pageIndex - 1, 0)}&lang=${locale}`);
    if (saved.issues.length > 0) {
      // What the respondent typed is shown again, valid or not, with the message at each item.
      return renderPage(req, res, wave, locale, pageIndex, { ...saved.answers, ...raw }, saved.issues, 422);
    }
    if (nav !== "submit") return res.redirect(303, `/w/${wave.slug}?page=${pageIndex + 1}&lang=${locale}`);
    if (saved.responseId === undefined) throw new Error("a submitted page always has a response");
    const result = await submitResponse(db, saved.responseId, wave.definition, now());
    if (result.status === "incomplete") {
      const first = result.issues[0]?.itemKey;
      const firstPage = wave.definition.sections.findIndex((s) => s.items.some((item) => item.key === first));
      return renderPage(req, res, wave, locale, Math.max(firstPage, 0), saved.answers, result.issues, 422);
    }
    res.redirect(303, `/w/${wave.slug}/thanks?lang=${locale}`);
  };

  router.post("/:slug", (req, res) => save(req, res, false));
  router.post("/:slug/autosave", (req, res) => save(req, res, true));

  router.get("/:slug/thanks", async (req, res) => {
    const locale = localeOf(req, res);
    const found = await findWaveForRespondent(db, String(req.params.slug), now());
    if (!found) return message(res, 404, locale, "survey.unknown");
    const custom = found.wave.definition.thankYou?.[locale];
    res.render("respond-message", {
      layout: "respondent",
      lang: locale,
      locale,
      title: translate(locale, "survey.thanks.title"),
      heading: translate(locale, "survey.thanks.title"),
      body: custom || translate(locale, "survey.thanks.body"),
      success: true,
    });
  });

  return router;
}
