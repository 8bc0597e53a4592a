import { z } from "zod";
import { emailSchema } from "../accounts/staff-user.schemas.ts";

/** A department's code: what items, cases and report filters name it by (any script, no outer spaces). */
export const departmentCodeSchema = z.string().trim().min(1).max(60);

const blank = (value: unknown) => (value === "" ? undefined : value);
const ids = z.preprocess(
  (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)).max(500),
);

/** The department form (create and edit): the head and the members are staff users' ids. */
export const departmentFormSchema = z.object({
  code: departmentCodeSchema,
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  email: emailSchema.optional().default(""),
  headUserId: z.preprocess(blank, z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional()),
  memberIds: ids,
});
export type DepartmentForm = z.output<typeof departmentFormSchema>;
