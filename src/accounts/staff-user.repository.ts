import type { Transaction } from "kysely";
import type { Database, Db } from "../db/database.ts";
import type { Locale } from "../i18n/bilingual.ts";
import { isRole } from "./roles.ts";
import type { NewStaffUserRow, StaffUserRow, StaffUserRowUpdate } from "./staff-user.table.ts";
import type { StaffUser } from "./staff-user.ts";

export function toStaffUser(row: StaffUserRow): StaffUser {
  if (!isRole(row.role)) throw new Error(`staff_user ${row.id} has an unknown role ${row.role}`);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    locale: row.locale === "zh-CN" || row.locale === "en" ? (row.locale as Locale) : null,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
  };
}

export async function findStaffUserById(db: Db, id: number): Promise<StaffUser | undefined> {
  const row = await db.selectFrom("staff_user").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toStaffUser(row);
}

/** With the password hash, for sign-in only. */
export async function findStaffUserCredentials(
  db: Db,
  username: string,
): Promise<{ user: StaffUser; passwordHash: string } | undefined> {
  const row = await db
    .selectFrom("staff_user")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["username"]), "=", username.toLowerCase()))
    .executeTakeFirst();
  return row && { user: toStaffUser(row), passwordHash: row.password_hash };
}

export async function listStaffUsers(db: Db, page: { limit: number; offset: number }): Promise<StaffUser[]> {
  const rows = await db
    .selectFrom("staff_user")
    .selectAll()
    .orderBy("disabled_at", (ob) => ob.desc().nullsFirst())
    .orderBy("username")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toStaffUser);
}

export async function countStaffUsers(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom("staff_user")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(count);
}

export async function countStaffUsersByRole(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("staff_user")
    .select(["role", (eb) => eb.fn.countAll<number>().as("count")])
    .where("disabled_at", "is", null)
    .groupBy("role")
    .execute();
  return Object.fromEntries(rows.map((row) => [row.role, Number(row.count)]));
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom("staff_user")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(count);
}

export async function insertStaffUser(db: Db, row: NewStaffUserRow): Promise<StaffUser> {
  const inserted = await db.insertInto("staff_user").values(row).returningAll().executeTakeFirstOrThrow();
  return toStaffUser(inserted);
}

export async function updateStaffUser(db: Db, id: number, changes: StaffUserRowUpdate): Promise<StaffUser> {
  const updated = await db
    .updateTable("staff_user")
    .set({ ...changes, updated_at: new Date() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStaffUser(updated);
}

/** Row lock so two admins cannot, say, both disable the last two admins at once. */
export async function lockStaffUsers(trx: Transaction<Database>): Promise<void> {
  await trx.selectFrom("staff_user").select("id").where("role", "=", "admin").forUpdate().execute();
}

/** Some staff users by id (those that exist), e.g. to check a choice of people made on a form. */
export async function findStaffUsersByIds(db: Db, ids: readonly number[]): Promise<StaffUser[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("staff_user")
    .selectAll()
    .where("id", "in", ids as number[])
    .execute();
  return rows.map(toStaffUser);
}

/** Every staff user, active first, by name: the people a form may offer (at most `limit`). */
export async function listAllStaffUsers(db: Db, limit = 2000): Promise<StaffUser[]> {
  const rows = await db
    .selectFrom("staff_user")
    .selectAll()
    .orderBy("disabled_at", (ob) => ob.desc().nullsFirst())
    .orderBy("display_name")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(toStaffUser);
}
