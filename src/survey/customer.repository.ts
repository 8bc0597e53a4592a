import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/database.ts";

type Db = Kysely<Database> | Transaction<Database>;

export interface InterviewCustomer {
  id: number;
  externalRef: string;
  name: string;
  phone: string | null;
  region: string | null;
}

/** Customers staff may interview; `managerUserId` limits a customer manager to their own. */
export async function listInterviewCustomers(
  db: Db,
  managerUserId: number | undefined,
): Promise<InterviewCustomer[]> {
  let query = db
    .selectFrom("customer")
    .select(["id", "external_ref", "name", "phone", "region"])
    .where("opted_out_at", "is", null)
    .orderBy("name")
    .limit(500);
  if (managerUserId !== undefined) query = query.where("manager_user_id", "=", managerUserId);
  return (await query.execute()).map((row) => ({
    id: row.id,
    externalRef: row.external_ref,
    name: row.name,
    phone: row.phone,
    region: row.region,
  }));
}

export async function findInterviewCustomer(
  db: Db,
  id: number,
  managerUserId: number | undefined,
): Promise<InterviewCustomer | undefined> {
  let query = db
    .selectFrom("customer")
    .select(["id", "external_ref", "name", "phone", "region"])
    .where("id", "=", id);
  if (managerUserId !== undefined) query = query.where("manager_user_id", "=", managerUserId);
  const row = await query.executeTakeFirst();
  return (
    row && { id: row.id, externalRef: row.external_ref, name: row.name, phone: row.phone, region: row.region }
  );
}
