import type { Kysely } from "kysely";
import { findStaffUserCredentials } from "../src/accounts/staff-user.repository.ts";
import type { Database } from "../src/db/database.ts";
import { findDepartmentByCode } from "../src/departments/department.repository.ts";
import { createDepartment } from "../src/departments/department.service.ts";

/**
 * The demo organisation's departments: one for each department the demo questionnaires' items name
 * (their code is the text the templates use), with an English name, a shared mailbox, a head and
 * members among the demo staff. The quality staff member heads them; the customer manager also works
 * in the service centre and claims, so they see those departments' follow-up cases besides their own.
 */
export const DEMO_DEPARTMENTS: {
  code: string;
  nameZh: string;
  nameEn: string;
  email: string;
  head: string;
  members: string[];
}[] = [
  {
    code: "客户服务中心",
    nameZh: "客户服务中心",
    nameEn: "Customer Service Centre",
    email: "service-centre@example.com",
    head: "quality",
    members: ["quality", "cm.zhang"],
  },
  {
    code: "运营部",
    nameZh: "运营部",
    nameEn: "Operations",
    email: "operations@example.com",
    head: "quality",
    members: ["quality"],
  },
  {
    code: "理赔部",
    nameZh: "理赔部",
    nameEn: "Claims",
    email: "claims@example.com",
    head: "quality",
    members: ["quality", "cm.zhang"],
  },
  {
    code: "产品部",
    nameZh: "产品部",
    nameEn: "Product Development",
    email: "product@example.com",
    head: "quality",
    members: ["quality"],
  },
  {
    code: "信息技术部",
    nameZh: "信息技术部",
    nameEn: "Information Technology",
    email: "it@example.com",
    head: "quality",
    members: ["quality"],
  },
];

/** Creates the demo departments that do not exist yet (by code); the demo staff they name must exist. */
export async function seedDemoDepartments(db: Kysely<Database>, now: Date): Promise<number> {
  const idOf = async (username: string) => (await findStaffUserCredentials(db, username))?.user.id;
  let created = 0;
  for (const department of DEMO_DEPARTMENTS) {
    if (await findDepartmentByCode(db, department.code)) continue;
    const head = await idOf(department.head);
    const members = (await Promise.all(department.members.map(idOf))).filter(
      (id): id is number => id !== undefined,
    );
    await createDepartment(
      db,
      null,
      {
        code: department.code,
        nameZh: department.nameZh,
        nameEn: department.nameEn,
        email: department.email,
        headUserId: head,
        memberIds: members,
      },
      now,
    );
    created += 1;
  }
  return created;
}
