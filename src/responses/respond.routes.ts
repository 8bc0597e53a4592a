import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { hasPermission } from "../accounts/roles.ts";
import type { Database } from "../db/database.ts";
import {
  markInvitationCompleted,
  markInvitationOpened,
  markInvitationStarted,
} from "../distribution/invitation.repository.ts";
import type { OpenLinkSigner } from "../distribution/open-link-signature.ts";
import type { WaveWithDefinition } from "../distribution/wave.repository.ts";
import type { WaveState } from "../distribution/wave.ts";
import type { Locale } from "../i18n/bilingual.ts";
import { isLocale } from "../i18n/bilingual.ts";
import { translate } from "../i18n/i18n.ts";
import { formatDate } from "../lib/time.ts";
import { LANGUAGE_COOKIE } from "../web/session.middleware.ts";
import type { AnswerIssue, Answers } from "./answers.ts";
import { noticeBody, noticeTitle, type SurveyNotice } from "./message-families.ts";
import { findPersonalLink, personalResumeToken } from "./personal-link.service.ts";
import { buildRespondentPage, clampPage, formToRawAnswers, resumePage } from "./respondent-view.ts";
import type { DraftResponse } from "./response.repository.ts";
import {
  findResumableResponse,
  findWaveForRespondent,
  type OpenLinkReference,
  saveRespondentPage,
  submitResponse,
} from "./response.service.ts";

const RESUME_COOKIE_DAYS = 90;
const resumeCookie = (wave: WaveWithDefinition) => `manyi_w${wave.id}`;

/** Who is answering, through which link: what the pages need to find, resume and store a response. */
interface Access {
  wave: WaveWithDefinition;
  /** "/w/<slug>" or "/s/<token>" */
  baseHref: string;
  /** the response in progress or done, if any */
  existing: DraftResponse | undefined;
  /** the personal link's invitation was answered already (anonymous waves keep no response link) */
  completed: boolean;
  invited?: { invitationId: number; customerId: number | null; resumeToken: string };
  /** an open link's customer reference (`?ref=`, kept in the form), with its signature (`sig`) */
  reference?: OpenLinkReference & { sig: string };
}

/** The first 100 characters of a text field of the query (a link) or the form (a page of it). */
function field(req: Request, name: string): string {
  const value: unknown = req.query[name] ?? req.body?.[name];
  return typeof value === "string" ? value.slice(0, 100) : "";
}

/**
 * An open link's customer reference: taken as the customer only when the link's signature, made by
 * staff for that customer (src/distribution/open-link-signature.ts), vouches for it. References are
 * sequential: an unsigned or badly signed one is only what the respondent claims.
 */
function referenceOf(req: Request, wave: WaveWithDefinition, signer: OpenLinkSigner) {
  const ref = field(req, "ref");
  if (ref === "" || !wave.slug) return undefined;
  const sig = field(req, "sig");
  return { ref, sig, signed: sig !== "" && signer.verify(wave.slug, ref, sig) };
}

/**
 * The respondent pages, for open links `/w/<slug>` (resumed from a cookie) and personal links
 * `/s/<token>` from an email (resumed on any device): one section a page, answers saved on every page
 * (and in the background with JavaScript), submitted once. Works without JavaScript.
 */
export function respondRouter(
  db: Kysely<Database>,
  now: () => Date,
  secureCookies: boolean,
  timeZone: string,
  signer: OpenLinkSigner,
) {
  return respondentPages(db, now, secureCookies, timeZone, async (req, wave) => {
    const reference = referenceOf(req, wave, signer);
    return {
      wave,
      baseHref: `/w/${wave.slug}`,
      existing: await findResumableResponse(db, wave.id, req.cookies?.[resumeCookie(wave)]),
      completed: false,
      ...(reference ? { reference } : {}),
    };
  });
}

export function personalLinkRouter(
  db: Kysely<Database>,
  now: () => Date,
  secureCookies: boolean,
  timeZone: string,
) {
  return respondentPages(db, now, secureCookies, timeZone, undefined, async (token) => {
    const link = await findPersonalLink(db, token, now());
    if (!link) return { state: "unknown" };
    const { invitation, wave } = link;
    return {
      state: link.state,
      access: {
        wave,
        baseHref: `/s/${token}`,
        existing: link.existing,
        completed: invitation.completedAt !== null,
        invited: {
          invitationId: invitation.id,
          customerId: wave.anonymous ? null : invitation.customerId,
          resumeToken: personalResumeToken(token),
        },
      },
    };
  });
}

function respondentPages(
  db: Kysely<Database>,
  now: () => Date,
  secureCookies: boolean,
  /** the organisation's: the day a wave opens is that day there */
  timeZone: string,
  openLink: ((req: Request, wave: WaveWithDefinition) => Promise<Access>) | undefined,
  personalLink?: (
    token: string,
  ) => Promise<{ access: Access; state: WaveState } | { access?: undefined; state: "unknown" }>,
) {
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
    notice: SurveyNotice,
    values: Record<string, string> = {},
  ) =>
    res.status(status).render("respond-message", {
      layout: "respondent",
      lang: locale,
      locale,
      title: translate(locale, noticeTitle.key(notice)),
      heading: translate(locale, noticeTitle.key(notice)),
      body: translate(locale, noticeBody.key(notice), values),
      success: notice === "thanks" || notice === "already",
    });

  const isStaffTest = (req: Request) =>
    (req.query.test === "1" || req.body?.test === "1") &&
    req.user !== undefined &&
    hasPermission(req.user.role, "questionnaires.manage");

  /** Finds the link's wave and response; answers a friendly page itself when the link is unknown, closed or not yet open. */
  const openAccess = async (req: Request, res: Response, locale: Locale): Promise<Access | undefined> => {
    const key = String(req.params.key);
    let found: { access: Access; state: WaveState } | undefined;
    if (personalLink) {
      const result = await personalLink(key);
      found = result.access ? { access: result.access, state: result.state } : undefined;
    } else if (openLink) {
      const wave = await findWaveForRespondent(db, key, now());
      found = wave && { access: await openLink(req, wave.wave), state: wave.state };
    }
    if (!found) {
      message(res, 404, locale, "unknown");
      return undefined;
    }
    if (found.state === "closed") {
      message(res, 410, locale, "closed");
      return undefined;
    }
    if (found.state === "not_yet_open") {
      const date = formatDate(found.access.wave.opensAt ?? now(), locale, timeZone);
      message(res, 403, locale, "notYet", { date });
      return undefined;
    }
    return found.access;
  };

  const renderPage = (
    req: Request,
    res: Response,
    access: Access,
    locale: Locale,
    pageIndex: number,
    answers: Answers | Record<string, unknown>,
    issues: AnswerIssue[],
    status = 200,
  ) => {
    res.set("Cache-Control", "no-store");
    res.status(status).render("respond", {
      layout: "respondent",
      locale,
      ...buildRespondentPage(access.wave.definition, {
        locale,
        pageIndex,
        answers,
        issues,
        preview: false,
        baseHref: access.baseHref,
      }),
      customerRef: access.reference?.ref ?? "",
      customerRefSig: access.reference?.sig ?? "",
      test: isStaffTest(req),
    });
  };

  router.get("/:key", async (req, res) => {
    const locale = localeOf(req, res);
    const access = await openAccess(req, res, locale);
    if (!access) return;
    const { wave, existing: response } = access;
    if (access.invited) await markInvitationOpened(db, access.invited.invitationId, now());
    if ((response?.status === "submitted" || access.completed) && !isStaffTest(req))
      return message(res, 200, locale, "already");
    const answers = (response?.status === "partial" ? response.draftAnswers : {}) as Answers;
    // A returning respondent continues where answers are missing.
    const page =
      req.query.page === undefined
        ? resumePage(wave.definition, answers)
        : clampPage(wave.definition, req.query.page);
    renderPage(req, res, access, locale, page, answers, []);
  });

  const save = async (req: Request, res: Response, background: boolean) => {
    const locale = localeOf(req, res);
    const access = await openAccess(req, res, locale);
    if (!access) return;
    const { wave, existing, baseHref } = access;
    if (existing?.status === "submitted" || access.completed) {
      // A retried or double-clicked submit: the response is stored once; show the thank-you page.
      if (background) return res.status(409).json({ saved: false, reason: "already_submitted" });
      return res.redirect(303, `${baseHref}/thanks?lang=${locale}`);
    }
    const pageIndex = clampPage(wave.definition, req.body?.page);
    const section = wave.definition.sections[pageIndex];
    const items = section?.items ?? [];
    const nav = String(req.body?.nav ?? "next");
    const raw = formToRawAnswers(items, req.body ?? {});
    const { reference } = access;
    const saved = await saveRespondentPage(db, {
      wave,
      responseId: existing?.id,
      raw,
      pageItemKeys: items.map((item) => item.key),
      requireComplete: nav === "next" || nav === "submit",
      locale,
      reference: reference ? { ref: reference.ref, signed: reference.signed } : null,
      isTest: isStaffTest(req),
      createWhenEmpty: nav === "submit",
      ...(access.invited
        ? { invited: { customerId: access.invited.customerId, resumeToken: access.invited.resumeToken } }
        : {}),
    });
    if (access.invited && saved.responseId !== undefined && !existing) {
      await markInvitationStarted(
        db,
        access.invited.invitationId,
        wave.anonymous ? null : saved.responseId,
        now(),
      );
    }
    if (saved.newToken && !access.invited) {
      res.cookie(resumeCookie(wave), saved.newToken, {
        httpOnly: true,
        sameSite: "lax",
        secure: secureCookies,
        path: `/w/${wave.slug}`,
        maxAge: RESUME_COOKIE_DAYS * 86_400_000,
      });
    }
    if (background) return res.json({ saved: true, issues: saved.issues.length });
    if (nav === "back")
      return res.redirect(303, `${baseHref}?page=${Math.max(pageIndex - 1, 0)}&lang=${locale}`);
    // The language switch saves the page first (without JavaScript nothing else would), then shows
    // the same page in the other language, keeping the customer reference of an open link and its
    // signature.
    const switchTo = nav === "lang-en" ? "en" : nav === "lang-zh-CN" ? "zh-CN" : undefined;
    if (switchTo) {
      const keepRef = reference
        ? `&ref=${encodeURIComponent(reference.ref)}${reference.sig ? `&sig=${encodeURIComponent(reference.sig)}` : ""}`
        : "";
      return res.redirect(303, `${baseHref}?page=${pageIndex}&lang=${switchTo}${keepRef}`);
    }
    if (saved.issues.length > 0) {
      // What the respondent typed is shown again, valid or not, with the message at each item.
      return renderPage(req, res, access, locale, pageIndex, { ...saved.answers, ...raw }, saved.issues, 422);
    }
    if (nav !== "submit") return res.redirect(303, `${baseHref}?page=${pageIndex + 1}&lang=${locale}`);
    if (saved.responseId === undefined) throw new Error("a submitted page always has a response");
    const result = await submitResponse(db, saved.responseId, wave.definition, now());
    if (result.status === "incomplete") {
      const first = result.issues[0]?.itemKey;
      const firstPage = wave.definition.sections.findIndex((s) => s.items.some((item) => item.key === first));
      return renderPage(req, res, access, locale, Math.max(firstPage, 0), saved.answers, result.issues, 422);
    }
    if (access.invited) await markInvitationCompleted(db, access.invited.invitationId, now());
    res.redirect(303, `${baseHref}/thanks?lang=${locale}`);
  };

  router.post("/:key", (req, res) => save(req, res, false));
  router.post("/:key/autosave", (req, res) => save(req, res, true));

  router.get("/:key/thanks", async (req, res) => {
    const locale = localeOf(req, res);
    const wave = personalLink
      ? (await personalLink(String(req.params.key))).access?.wave
      : (await findWaveForRespondent(db, String(req.params.key), now()))?.wave;
    if (!wave) return message(res, 404, locale, "unknown");
    const custom = wave.definition.thankYou?.[locale];
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
