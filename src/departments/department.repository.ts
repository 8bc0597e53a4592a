import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { Bilingual } from "../i18n/bilingual.ts";
import type { DepartmentRow, DepartmentRowUpdate } from "./department.table.ts";
import type { Department, DepartmentNames } from "./department.ts";

function toDepartment(row: DepartmentRow): Department {
  return {
    id: row.id,
    code: row.code,
    name: { "zh-CN": row.name_zh, en: row.name_en },
    email: row.email,
    headUserId: row.head_user_id,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface DepartmentListEntry extends Department {
  headName: string | null;
  members: number;
}

/** Every department, the active ones first, by code; with its head's name and how many members it has. */
export async function listDepartments(db: Db): Promise<DepartmentListEntry[]> {
  const rows = await db
    .selectFrom("department as d")
    .leftJoin("staff_user as h", "h.id", "d.head_user_id")
    .selectAll("d")
    .select([
      "h.display_name as head_name",
      (eb) =>
        eb
          .selectFrom("department_member as m")
          .select((inner) => inner.fn.countAll<number>().as("n"))
          .whereRef("m.department_id", "=", "d.id")
          .as("members"),
    ])
    .orderBy("d.active", "desc")
    .orderBy("d.code")
    .execute();
  return rows.map((row) => ({
    ...toDepartment(row),
    headName: row.head_name,
    members: Number(row.members ?? 0),
  }));
}

/** The active departments, by code (what a questionnaire item may be given). */
export async function listActiveDepartments(db: Db): Promise<Department[]> {
  const rows = await db
    .selectFrom("department")
    .selectAll()
    .where("active", "=", true)
    .orderBy("code")
    .execute();
  return rows.map(toDepartment);
}

export async function findDepartmentById(
  db: Db,
  id: number,
): Promise<(Department & { memberIds: number[] }) | undefined> {
  const row = await db.selectFrom("department").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const members = await db
    .selectFrom("department_member")
    .select("user_id")
    .where("department_id", "=", id)
    .orderBy("user_id")
    .execute();
  return { ...toDepartment(row), memberIds: members.map((m) => m.user_id) };
}

export async function findDepartmentByCode(db: Db, code: string): Promise<Department | undefined> {
  const row = await db.selectFrom("department").selectAll().where("code", "=", code).executeTakeFirst();
  return row && toDepartment(row);
}

/** The names of every department (active or not) by code, for showing codes to people. */
export async function findDepartmentNames(db: Db): Promise<DepartmentNames> {
  const rows = await db.selectFrom("department").select(["code", "name_zh", "name_en"]).execute();
  return new Map<string, Bilingual>(rows.map((row) => [row.code, { "zh-CN": row.name_zh, en: row.name_en }]));
}

export interface DepartmentValues {
  code: string;
  nameZh: string;
  nameEn: string;
  email: string | null;
  headUserId: number | null;
}

export async function insertDepartment(db: Db, values: DepartmentValues, now: Date): Promise<number> {
  const row = await db
    .insertInto("department")
    .values({
      code: values.code,
      name_zh: values.nameZh,
      name_en: values.nameEn,
      email: values.email,
      head_user_id: values.headUserId,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDepartment(db: Db, id: number, changes: DepartmentRowUpdate, now: Date) {
  await db
    .updateTable("department")
    .set({ ...changes, updated_at: now })
    .where("id", "=", id)
    .execute();
}

/** Makes `userIds` the department's members, no one else. */
export async function replaceDepartmentMembers(db: Db, id: number, userIds: readonly number[]) {
  await db.deleteFrom("department_member").where("department_id", "=", id).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto("department_member")
    .values(userIds.map((userId) => ({ department_id: id, user_id: userId })))
    .execute();
}

/** Locks a department's row for a change. */
export async function lockDepartment(db: Db, id: number) {
  return db
    .selectFrom("department")
    .select(["id", "code", "active"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Whether anything names the department by its code: an item of any questionnaire version (published
 * versions never change, so their code cannot either), a follow-up case, a report schedule's filter.
 */
export async function isDepartmentCodeUsed(db: Db, code: string): Promise<boolean> {
  const { rows } = await sql<{ used: boolean }>`
    select exists (
      select 1 from questionnaire_version
      where jsonb_path_exists(definition, '$.sections[*].items[*] ? (@.department == $code)', jsonb_build_object('code', ${code}::text))
    ) or exists (select 1 from service_case where department = ${code})
      or exists (select 1 from report_schedule where filter ->> 'department' = ${code}) as used`.execute(db);
  return rows[0]?.used ?? false;
}

/** Whether a staff user is a member or the head of any department (who may then see its follow-up cases). */
export async function isInAnyDepartment(db: Db, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom("department as d")
    .select("d.id")
    .where((eb) =>
      eb.or([
        eb("d.head_user_id", "=", userId),
        eb.exists(
          eb
            .selectFrom("department_member as m")
            .select("m.user_id")
            .whereRef("m.department_id", "=", "d.id")
            .where("m.user_id", "=", userId),
        ),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The heads of the departments with these codes (those that have one), by code. */
export async function findDepartmentHeads(db: Db, codes: readonly string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom("department")
    .select(["code", "head_user_id"])
    .where("code", "in", codes as string[])
    .where("head_user_id", "is not", null)
    .execute();
  return new Map(rows.flatMap((row) => (row.head_user_id === null ? [] : [[row.code, row.head_user_id]])));
}
