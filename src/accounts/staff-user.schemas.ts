import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password.ts";
import { ROLES } from "./roles.ts";

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{3,40}$/, "users.error.username");
export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
export const displayNameSchema = z.string().trim().min(1).max(100);
export const emailSchema = z
  .string()
  .trim()
  .max(200)
  .transform((value) => (value === "" ? null : value))
  .pipe(z.email().nullable());
export const roleSchema = z.enum(ROLES, { message: "users.error.role" });
export const newStaffUserSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  email: emailSchema.optional().default(""),
  role: roleSchema,
  password: passwordSchema,
});
export type NewStaffUserInput = z.output<typeof newStaffUserSchema>;
