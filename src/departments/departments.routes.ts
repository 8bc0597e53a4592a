import { type Request, type Response, Router } from "express";
import type { Kysely } from "kysely";
import { z } from "zod";
import { listAllStaffUsers } from "../accounts/staff-user.repository.ts";
import type { Database } from "../db/database.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { pick } from "../i18n/bilingual.ts";
import { type Message, translate } from "../i18n/i18n.ts";
import { actorOf, requirePermission } from "../web/authorize.ts";
import { setFlash } from "../web/flash.ts";
import { fieldErrors, parseForm } from "../web/validate.ts";
import { findDepartmentById, listDepartments } from "./department.repository.ts";
import { departmentFormSchema } from "./department.schemas.ts";
import { createDepartment, saveDepartment, setDepartmentActive } from "./department.service.ts";
import type { Department } from "./department.ts";

const BASE = "/admin/departments";
const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const statusForm = z.object({ active: z.enum(["true", "false"]), confirmed: z.string().optional() });

/** What the form holds, as typed (drawn again after an error) or as stored. */
interface FormValues {
  code: string;
  nameZh: string;
  nameEn: string;
  email: string;
  headUserId: string;
  memberIds: string[];
}

const text = (value: unknown) => (typeof value === "string" ? value : "");
const typed = (body: unknown): FormValues => {
  const values = (body ?? {}) as Record<string, unknown>;
  const members = values.memberIds;
  return {
    code: text(values.code),
    nameZh: text(values.nameZh),
    nameEn: text(values.nameEn),
    email: text(values.email),
    headUserId: text(values.headUserId),
    memberIds: (Array.isArray(members) ? members : members === undefined ? [] : [members]).map(String),
  };
};
const stored = (department: Department & { memberIds: number[] }): FormValues => ({
  code: department.code,
  nameZh: department.name["zh-CN"],
  nameEn: department.name.en,
  email: department.email ?? "",
  headUserId: department.headUserId === null ? "" : String(department.headUserId),
  memberIds: department.memberIds.map(String),
});

/**
 * Departments (部门), for administrators and quality staff: the list, a new one, one's page (code,
 * names, e-mail, head, members) and deactivating it (asked first; a department is never deleted, since
 * items, cases and reports name it).
 */
export function departmentsRouter(db: Kysely<Database>, now: () => Date) {
  const router = Router();
  router.use(requirePermission("departments.manage"));

  router.get("/", async (req, res) => {
    const departments = await listDepartments(db);
    res.render("departments", {
      title: "departments.title",
      departments: departments.map((d) => ({ ...d, name: pick(d.name, req.locale) })),
    });
  });

  const renderForm = async (
    req: Request,
    res: Response,
    view: { department?: Department; form: FormValues; errors?: Record<string, Message> },
    status = 200,
  ) => {
    const staff = await listAllStaffUsers(db);
    // a disabled user is offered only where they are already chosen, marked, so the error can be fixed
    const offered = (chosen: (id: string) => boolean) =>
      staff
        .filter((user) => !user.disabled || chosen(String(user.id)))
        .map((user) => ({
          id: user.id,
          name: user.disabled
            ? translate(req.locale, "departments.disabledUser", { name: user.displayName })
            : user.displayName,
          username: user.username,
          selected: chosen(String(user.id)),
        }));
    res.status(status).render("department-form", {
      title: view.department ? "departments.edit" : "departments.new",
      pageTitle: view.department ? pick(view.department.name, req.locale) : undefined,
      department: view.department,
      action: view.department ? `${BASE}/${view.department.id}` : BASE,
      form: view.form,
      errors: view.errors,
      heads: offered((id) => id === view.form.headUserId),
      members: offered((id) => view.form.memberIds.includes(id)),
    });
  };

  router.get("/new", async (req, res) => {
    await renderForm(req, res, {
      form: { code: "", nameZh: "", nameEn: "", email: "", headUserId: "", memberIds: [] },
    });
  });

  router.post("/", async (req, res) => {
    const form = parseForm(departmentFormSchema, req.body);
    if (!form.ok) return renderForm(req, res, { form: typed(req.body), errors: form.errors }, 422);
    try {
      await createDepartment(db, actorOf(req), form.value, now());
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderForm(req, res, { form: typed(req.body), errors: fieldErrors(error) }, 422);
    }
    setFlash(res, "departments.created", { code: form.value.code });
    res.redirect(303, BASE);
  });

  const load = async (req: Request) => {
    const parsed = idParam.safeParse(req.params);
    const department = parsed.success ? await findDepartmentById(db, parsed.data.id) : undefined;
    if (!department) throw new NotFoundError("No such department");
    return department;
  };

  router.get("/:id", async (req, res) => {
    const department = await load(req);
    await renderForm(req, res, { department, form: stored(department) });
  });

  router.post("/:id", async (req, res) => {
    const department = await load(req);
    const form = parseForm(departmentFormSchema, req.body);
    if (!form.ok)
      return renderForm(req, res, { department, form: typed(req.body), errors: form.errors }, 422);
    try {
      await saveDepartment(db, actorOf(req), department.id, form.value, now());
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderForm(req, res, { department, form: typed(req.body), errors: fieldErrors(error) }, 422);
    }
    setFlash(res, "departments.saved", { code: form.value.code });
    res.redirect(303, BASE);
  });

  router.post("/:id/status", async (req, res) => {
    const department = await load(req);
    const form = parseForm(statusForm, req.body);
    if (!form.ok)
      return renderForm(req, res, { department, form: stored(department), errors: form.errors }, 422);
    const active = form.value.active === "true";
    // deactivating is asked first: in the browser (data-confirm), else on a page of its own
    if (!active && department.active && form.value.confirmed !== "1") {
      const question = translate(req.locale, "departments.deactivateConfirm", {
        name: pick(department.name, req.locale),
      });
      return res.render("confirm", {
        title: "departments.title",
        pageTitle: question,
        question,
        action: `${BASE}/${department.id}/status`,
        hidden: [{ name: "active", value: "false" }],
        confirmLabel: translate(req.locale, "departments.deactivate"),
        cancelHref: `${BASE}/${department.id}`,
      });
    }
    await setDepartmentActive(db, actorOf(req), department.id, active, now());
    setFlash(res, active ? "departments.reactivated" : "departments.deactivated", { code: department.code });
    res.redirect(303, BASE);
  });

  return router;
}
