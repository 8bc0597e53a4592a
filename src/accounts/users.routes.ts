import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { actorOf, requirePermission } from "../web/authorize.ts";
import { setFlash } from "../web/flash.ts";
import { pageQuerySchema, pageView, toLimitOffset } from "../web/pagination.ts";
import { fieldErrors, parseForm, parseOrThrow } from "../web/validate.ts";
import { ROLES } from "./roles.ts";
import { countStaffUsers, findStaffUserById, listStaffUsers } from "./staff-user.repository.ts";
import { newStaffUserSchema, passwordSchema, roleSchema } from "./staff-user.schemas.ts";
import {
  changeStaffUserRole,
  createStaffUser,
  resetStaffUserPassword,
  setStaffUserDisabled,
} from "./staff-user.service.ts";

const idParam = z.object({ id: z.coerce.number().int().positive() });
const roleOptions = ROLES.map((role) => ({ role }));

/** Admin pages: list, create, change role, reset password, disable and enable staff accounts. */
export function usersRouter(db: Kysely<Database>) {
  const router = Router();
  router.use(requirePermission("users.manage"));

  router.get("/", async (req, res) => {
    const page = parseOrThrow(pageQuerySchema, req.query);
    const [users, total] = await Promise.all([listStaffUsers(db, toLimitOffset(page)), countStaffUsers(db)]);
    res.render("users", { title: "users.title", users, pagination: pageView(page, total, "/admin/users") });
  });

  router.get("/new", (_req, res) => {
    res.render("user-new", { title: "users.add", roles: roleOptions, form: { role: "quality" } });
  });

  router.post("/", async (req, res) => {
    try {
      const input = parseOrThrow(newStaffUserSchema, req.body);
      const user = await createStaffUser(db, actorOf(req), input);
      setFlash(res, "users.created", { name: user.username });
      res.redirect(303, "/admin/users");
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(422).render("user-new", {
        title: "users.add",
        roles: roleOptions,
        form: { ...req.body, password: "" },
        errors: fieldErrors(error),
      });
    }
  });

  const loadUser = async (id: unknown) => {
    const parsed = idParam.safeParse({ id });
    const user = parsed.success ? await findStaffUserById(db, parsed.data.id) : undefined;
    if (!user) throw new NotFoundError("No such user");
    return user;
  };

  const renderUser = async (req: Request, res: Response, status = 200, extra = {}) => {
    const user = await loadUser(req.params.id);
    res.status(status).render("user-edit", {
      title: "users.edit",
      pageTitle: user.displayName,
      subject: user,
      roles: roleOptions,
      ...extra,
    });
  };

  router.get("/:id", async (req, res) => renderUser(req, res));

  router.post("/:id/role", async (req, res) => {
    const user = await loadUser(req.params.id);
    try {
      const { role } = parseOrThrow(z.object({ role: roleSchema }), req.body);
      await changeStaffUserRole(db, actorOf(req), user.id, role);
      setFlash(res, "users.updated");
      res.redirect(303, `/admin/users/${user.id}`);
    } catch (error) {
      if (error instanceof ConflictError) return renderUser(req, res, 409, { roleError: error.reason });
      if (error instanceof ValidationError)
        return renderUser(req, res, 422, {
          roleErrors: { role: { key: "validation.invalid" }, ...fieldErrors(error) },
        });
      throw error;
    }
  });

  router.post("/:id/password", async (req, res) => {
    const user = await loadUser(req.params.id);
    try {
      const { password } = parseOrThrow(z.object({ password: passwordSchema }), req.body);
      await resetStaffUserPassword(db, actorOf(req), user.id, password);
      setFlash(res, "users.passwordReset");
      res.redirect(303, `/admin/users/${user.id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderUser(req, res, 422, { passwordErrors: fieldErrors(error) });
    }
  });

  router.post("/:id/status", async (req, res) => {
    const user = await loadUser(req.params.id);
    const form = parseForm(z.object({ disabled: z.enum(["true", "false"]) }), req.body);
    // the value of the page's own button: anything else is said where the button is
    if (!form.ok) return renderUser(req, res, 422, { statusError: { key: "validation.choose" } });
    const { disabled } = form.value;
    try {
      await setStaffUserDisabled(db, actorOf(req), user.id, disabled === "true");
      setFlash(res, disabled === "true" ? "users.disabledDone" : "users.enabledDone", {
        name: user.username,
      });
      res.redirect(303, `/admin/users/${user.id}`);
    } catch (error) {
      if (error instanceof ConflictError) return renderUser(req, res, 409, { statusError: error.reason });
      throw error;
    }
  });

  return router;
}
