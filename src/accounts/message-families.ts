import { keyFamily } from "../i18n/key-family.ts";
import { ROLES } from "./roles.ts";

/** A role's name (`{{t (concat "role." role)}}`, an audit entry's role). */
export const roleName = keyFamily("role.", ROLES);

export const families = [roleName, keyFamily("role.", ROLES, ".description")];
