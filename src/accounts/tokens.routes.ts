import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { ValidationError } from "../errors.ts";
import { actorOf, currentUser, requirePermission } from "../web/authorize.ts";
import { setFlash } from "../web/flash.ts";
import { pageQuerySchema, pageView, toLimitOffset } from "../web/pagination.ts";
import { fieldErrors, parseOrThrow } from "../web/validate.ts";
import { countApiTokens, listApiTokens } from "./api-token.repository.ts";
import { createApiToken, revokeApiTokenById } from "./api-token.service.ts";
import { listStaffUsers } from "./staff-user.repository.ts";

const newTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  staffUserId: z.coerce
    .number({ message: "tokens.error.chooseUser" })
    .int()
    .positive("tokens.error.chooseUser"),
});

/** Admin page for API tokens: create (shown once), list, revoke. */
export function tokensRouter(db: Kysely<Database>, now: () => Date) {
  const router = Router();
  router.use(requirePermission("tokens.manage"));

  const render = async (req: Request, res: Response, status: number, extra: object) => {
    const page = parseOrThrow(pageQuerySchema, req.query);
    const [tokens, total, users] = await Promise.all([
      listApiTokens(db, toLimitOffset(page)),
      countApiTokens(db),
      listStaffUsers(db, { limit: 500, offset: 0 }),
    ]);
    res.status(status).render("tokens", {
      title: "tokens.title",
      tokens,
      users: users.filter((user) => !user.disabled),
      pagination: pageView(page, total, "/admin/tokens"),
      form: { staffUserId: String(currentUser(req).id) },
      ...extra,
    });
  };

  router.get("/", (req, res) => render(req, res, 200, {}));

  router.post("/", async (req, res) => {
    try {
      const input = parseOrThrow(newTokenSchema, req.body);
      const created = await createApiToken(db, actorOf(req), input);
      // Shown on this response only: never stored in plain text, never put in a redirect or a cookie.
      res.set("Cache-Control", "no-store");
      await render(req, res, 201, { createdToken: created.token });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await render(req, res, 422, { form: req.body, errors: fieldErrors(error) });
    }
  });

  router.post("/:id/revoke", async (req, res) => {
    const { id } = parseOrThrow(z.object({ id: z.coerce.number().int().positive() }), req.params);
    await revokeApiTokenById(db, actorOf(req), id, now());
    setFlash(res, "tokens.revokedDone");
    res.redirect(303, "/admin/tokens");
  });

  return router;
}
