import type { Kysely } from "kysely";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDownOne, migrateToLatest } from "../../src/db/migrate.ts";
import { MIGRATIONS } from "../../src/db/migrations/index.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await database?.drop();
});

const tables = async (db: Kysely<unknown>) =>
  (
    await sql<{
      table_name: string;
    }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%' order by 1`.execute(
      db,
    )
  ).rows.map((row) => row.table_name);

describe("migrations", () => {
  it("apply on an empty database, are idempotent, and can all be undone and applied again", async () => {
    const db = database.db as Kysely<unknown>;
    expect(await migrateToLatest(db)).toEqual(Object.keys(MIGRATIONS));
    expect(await migrateToLatest(db)).toEqual([]);
    // each module's tables (the list grows with the modules; a missing table fails here)
    expect(await tables(db)).toEqual(
      expect.arrayContaining([
        "answer",
        "api_token",
        "audit_log",
        "customer",
        "customer_import",
        "customer_import_issue",
        "customer_list",
        "customer_list_member",
        "invitation",
        "invitation_token",
        "outbox_message",
        "questionnaire",
        "questionnaire_version",
        "report_dissatisfied",
        "report_rollup",
        "report_rollup_state",
        "report_schedule",
        "report_snapshot",
        "response",
        "segment",
        "staff_session",
        "staff_user",
        "wave",
      ]),
    );
    for (let i = 0; i < Object.keys(MIGRATIONS).length; i++) await migrateDownOne(db);
    expect(await tables(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual(Object.keys(MIGRATIONS));
  });

  it("make int8 and numeric arrive as numbers", async () => {
    const { rows } = await sql<{
      big: unknown;
      exact: unknown;
    }>`select 9007199254740991::int8 as big, 90.25::numeric as exact`.execute(database.db);
    expect(rows[0]).toEqual({ big: 9007199254740991, exact: 90.25 });
  });
});
