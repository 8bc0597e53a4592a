import { Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import { countApiTokens } from "../accounts/api-token.repository.ts";
import { hasPermission, ROLES } from "../accounts/roles.ts";
import { countStaffUsersByRole } from "../accounts/staff-user.repository.ts";
import { displayNameSchema, emailSchema, passwordSchema } from "../accounts/staff-user.schemas.ts";
import { changeOwnPassword, updateOwnProfile } from "../accounts/staff-user.service.ts";
import { listAuditEntries } from "../audit/audit-log.repository.ts";
import { countMyCases } from "../cases/case.repository.ts";
import { caseScopeOf } from "../cases/case.service.ts";
import { OPENING_BATCHES, openPendingCases } from "../cases/case-opening.service.ts";
import type { Database } from "../db/database.ts";
import { isInAnyDepartment } from "../departments/department.repository.ts";
import { ValidationError } from "../errors.ts";
import { actorOf, currentUser, requireSignIn } from "../web/authorize.ts";
import { setFlash } from "../web/flash.ts";
import { fieldErrors, parseOrThrow } from "../web/validate.ts";
import { type NavCounts, navigationFor } from "./navigation.ts";
import {
  anySubmitted,
  customerManagerOverview,
  qualityOverview,
  recentResponses,
} from "./overview.repository.ts";

const profileSchema = z.object({
  displayName: displayNameSchema,
  email: emailSchema,
  locale: z.enum(["", "zh-CN", "en"]).transform((value) => (value === "" ? null : value)),
});
const passwordChangeSchema = z.object({
  currentPassword: z.string().max(1000),
  newPassword: passwordSchema,
  // a checkbox: sent as "on" when ticked, absent when not
  signOutEverywhere: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
});

/** The staff console's shell: the home page of each role and the user's own profile. */
export function consoleRouter(db: Kysely<Database>, timeZone: string, now: () => Date) {
  const router = Router();
  router.use(requireSignIn);
  router.use(async (req, res, next) => {
    const user = req.user;
    if (user) {
      const cases: NavCounts = {};
      if (
        hasPermission(user.role, "cases.view_all") ||
        hasPermission(user.role, "cases.view_assigned") ||
        (await isInAnyDepartment(db, user.id))
      ) {
        // the follow-up cases waiting for this user, beside "My cases" on every page; the cases of
        // responses the case job has not reached yet are opened first, so the count is today's
        if (req.method === "GET") await openPendingCases(db, { now, timeZone, maxBatches: OPENING_BATCHES });
        cases["/admin/cases"] = await countMyCases(db, await caseScopeOf(db, { user, ip: null }), now());
      }
      res.locals.nav = navigationFor(user, req.baseUrl + req.path.replace(/\/$/, ""), cases);
    }
    next();
  });

  router.get("/", async (req, res) => {
    const user = currentUser(req);
    const view: Record<string, unknown> = { title: "home.title", role: user.role };
    if (user.role === "admin") {
      const [byRole, tokens, recent] = await Promise.all([
        countStaffUsersByRole(db),
        countApiTokens(db),
        listAuditEntries(db, {}, { limit: 8, offset: 0 }),
      ]);
      view.usersByRole = ROLES.map((role) => ({ role, count: byRole[role] ?? 0 }));
      view.activeUsers = Object.values(byRole).reduce((sum, n) => sum + n, 0);
      view.tokenCount = tokens;
      view.recent = recent.entries;
    } else if (user.role === "quality") {
      view.overview = await qualityOverview(db, now());
    } else if (user.role === "manager") {
      const responsesLast30Days = await recentResponses(db, now());
      view.overview = {
        responsesLast30Days,
        anyResponses: responsesLast30Days > 0 || (await anySubmitted(db)),
      };
    } else if (user.role === "customer_manager") {
      view.overview = await customerManagerOverview(db, user.id, now());
    }
    res.render(`home-${user.role}`, view);
  });

  router.get("/profile", (req, res) => {
    res.render("profile", { title: "profile.title", form: req.user });
  });

  router.post("/profile", async (req, res) => {
    const actor = actorOf(req);
    try {
      const profile = parseOrThrow(profileSchema, req.body);
      await updateOwnProfile(db, actor, profile);
      setFlash(res, "profile.saved");
      res.redirect(303, "/admin/profile");
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res
        .status(422)
        .render("profile", { title: "profile.title", form: req.body, errors: fieldErrors(error) });
    }
  });

  router.post("/profile/password", async (req, res) => {
    const actor = actorOf(req);
    try {
      const input = parseOrThrow(passwordChangeSchema, req.body);
      await changeOwnPassword(db, actor, { ...input, sessionToken: req.sessionToken });
      setFlash(
        res,
        input.signOutEverywhere ? "profile.passwordChangedEverywhere" : "profile.passwordChanged",
      );
      res.redirect(303, "/admin/profile");
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(422).render("profile", {
        title: "profile.title",
        form: req.user,
        passwordErrors: fieldErrors(error),
        keepOtherSessions: req.body?.signOutEverywhere !== "on",
      });
    }
  });

  return router;
}
