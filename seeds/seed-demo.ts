import type { Kysely } from "kysely";
import { verifyPassword } from "../src/accounts/password.ts";
import { countStaffUsers, findStaffUserCredentials } from "../src/accounts/staff-user.repository.ts";
import { createStaffUser } from "../src/accounts/staff-user.service.ts";
import type { Database } from "../src/db/database.ts";
import { seedDemoCases } from "./demo-cases.ts";
import { seedDemoCustomers } from "./demo-customers.ts";
import { seedDemoDepartments } from "./demo-departments.ts";
import { seedDemoResponses } from "./demo-responses.ts";
import { DEMO_STAFF } from "./demo-staff.ts";
import { seedDemoStaffWave } from "./demo-staff-wave.ts";
import { seedDemoSurveys } from "./demo-surveys.ts";

export interface SeedResult {
  seeded: boolean;
  logins: { username: string; password: string; role: string }[];
}

/**
 * Loads the demo organisation into an empty database: staff of every role, their departments, then the published
 * questionnaire templates with open links and a few customers, then a year of responses to them, then a
 * sent phone wave to the customer managers' customers. Each part is skipped when it exists.
 */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  now = new Date(),
  /** `customers`: also 240 generated customers, a list and two segments (the app; tests leave them out) */
  options: {
    customers?: boolean;
    /** a year of generated responses to the demo questionnaires, for the reports (the app; tests opt in) */
    responses?: boolean;
    /** the organisation's zone, where the follow-up rules count working days (by default the machine's) */
    timeZone?: string;
    /** the demo departments with their heads, members and mailboxes (the app; tests opt in) */
    departments?: boolean;
  } = {},
): Promise<SeedResult> {
  const hasStaff = (await countStaffUsers(db)) > 0;
  if (!hasStaff) {
    for (const staff of DEMO_STAFF) {
      await createStaffUser(db, null, { ...staff, email: null });
    }
  }
  // the departments before the cases, which are routed to them
  if (options.departments) await seedDemoDepartments(db, now);
  const surveys = await seedDemoSurveys(db, now);
  // only into a new database: an installation in use never gets generated customers
  if (options.customers && !hasStaff) await seedDemoCustomers(db, now);
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  // A year of responses, so the reports have something to show.
  if (surveys.seeded && options.responses) {
    await seedDemoResponses(db, now);
    // …and their follow-up cases, handled as the year went
    await seedDemoCases(db, now, timeZone);
  }
  // a sent phone wave, so the customer managers' call lists have customers to call (after the customers)
  if (surveys.seeded) await seedDemoStaffWave(db, now, timeZone);
  if (hasStaff) return { seeded: false, logins: [] };
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
