import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password.ts";
import { ROLES } from "./roles.ts";

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{3,40}$/, "3–40 letters, digits, dots, dashes or underscores");
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`);
export const displayNameSchema = z.string().trim().min(1, "required").max(100, "at most 100 characters");
export const emailSchema = z
  .string()
  .trim()
  .max(200)
  .transform((value) => (value === "" ? null : value))
  .pipe(z.email("not an email address").nullable());
export const roleSchema = z.enum(ROLES, { message: `one of ${ROLES.join(", ")}` });
export const newStaffUserSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  email: emailSchema.optional().default(""),
  role: roleSchema,
  password: passwordSchema,
});
export type NewStaffUserInput = z.output<typeof newStaffUserSchema>;
