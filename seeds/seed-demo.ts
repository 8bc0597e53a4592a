import type { Kysely } from "kysely";
import { verifyPassword } from "../src/accounts/password.ts";
import { countStaffUsers, findStaffUserCredentials } from "../src/accounts/staff-user.repository.ts";
import { createStaffUser } from "../src/accounts/staff-user.service.ts";
import type { Database } from "../src/db/database.ts";
import { DEMO_STAFF } from "./demo-staff.ts";

export interface SeedResult {
  seeded: boolean;
  logins: { username: string; password: string; role: string }[];
}

/** Loads the demo organisation into an empty database; a database with any staff is left alone. */
export async function seedDemoIfEmpty(db: Kysely<Database>): Promise<SeedResult> {
  if ((await countStaffUsers(db)) > 0) return { seeded: false, logins: [] };
  for (const staff of DEMO_STAFF) {
    await createStaffUser(db, null, { ...staff, email: null });
  }
  return {
    seeded: true,
    logins: DEMO_STAFF.map(({ username, password, role }) => ({ username, password, role })),
  };
}

/** The demo accounts that still have their published demo password (to print at start, as a warning too). */
export async function demoLoginsStillActive(db: Kysely<Database>): Promise<SeedResult["logins"]> {
  const active: SeedResult["logins"] = [];
  for (const staff of DEMO_STAFF) {
    const found = await findStaffUserCredentials(db, staff.username);
    if (found && !found.user.disabled && (await verifyPassword(found.passwordHash, staff.password))) {
      active.push({ username: staff.username, password: staff.password, role: found.user.role });
    }
  }
  return active;
}
