import { keyFamily } from "../i18n/key-family.ts";
import { ROLES } from "./roles.ts";

/** Messages the views name by a role (`{{t (concat "role." role)}}`). */
export const families = [keyFamily("role.", ROLES), keyFamily("role.", ROLES, ".description")];
