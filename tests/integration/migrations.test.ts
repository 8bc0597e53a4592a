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

  it("keep answer rows tied to an existing response, and delete them with their response", async () => {
    const db = database.db as Kysely<unknown>;
    await migrateToLatest(db);
    const questionnaire = await sql<{ id: number }>`
      insert into questionnaire (name) values ('answers-check') returning id`.execute(db);
    const version = await sql<{ id: number }>`
      insert into questionnaire_version (questionnaire_id, version_number, definition, status)
      values (${questionnaire.rows[0]?.id}, 1, '{}'::jsonb, 'draft') returning id`.execute(db);
    const insertResponse = async () =>
      (
        await sql<{ id: number }>`
          insert into response (questionnaire_version_id, mode, status)
          values (${version.rows[0]?.id}, 'web', 'submitted') returning id`.execute(db)
      ).rows[0]?.id as number;
    const kept = await insertResponse();
    const deleted = await insertResponse();
    await sql`insert into answer (response_id, item_key, number) values
      (${kept}, 'q1', 90), (${kept}, 'q2', 75), (${deleted}, 'q1', 60)`.execute(db);

    // One row of a statement pointing nowhere refuses the whole statement, as a foreign key would.
    await expect(
      sql`insert into answer (response_id, item_key, number) values (${kept}, 'q3', 100), (-1, 'q1', 90)`.execute(
        db,
      ),
    ).rejects.toMatchObject({ code: "23503" });
    await expect(
      sql`update answer set response_id = -1 where response_id = ${kept}`.execute(db),
    ).rejects.toMatchObject({ code: "23503" });
    await expect(sql`update response set id = -5 where id = ${kept}`.execute(db)).rejects.toThrow(
      /can only be updated to DEFAULT/,
    );

    await sql`delete from response where id = ${deleted}`.execute(db);
    const left = await sql<{ response_id: number; item_key: string }>`
      select response_id, item_key from answer order by response_id, item_key`.execute(db);
    expect(left.rows).toEqual([
      { response_id: kept, item_key: "q1" },
      { response_id: kept, item_key: "q2" },
    ]);
  });
});

describe("the questionnaire's English name", () => {
  it("is filled in from the newest version's title when the column is added", async () => {
    const db = database.db as Kysely<unknown>;
    await migrateToLatest(db);
    // Undo the migrations back to (and including) the one that adds the column; later ones come back below.
    const undone: string[] = [];
    while (!undone.includes("2026-11-29T21-00-00_questionnaire_name_en")) {
      const step = await migrateDownOne(db);
      expect(step, `undone so far: ${undone.join(", ")}`).toHaveLength(1);
      undone.push(...step);
    }
    const { rows } = await sql<{ id: number }>`
      insert into questionnaire (name) values ('旧名称') returning id`.execute(db);
    const id = rows[0]?.id;
    const title = (zh: string, en: string) => JSON.stringify({ title: { "zh-CN": zh, en }, sections: [] });
    await sql`
      insert into questionnaire_version (questionnaire_id, version_number, status, published_at, definition)
      values (${id}, 1, 'published', now(), ${title("第一版", "First version")}::jsonb),
             (${id}, 2, 'draft', null, ${title("第二版", "Second version")}::jsonb)`.execute(db);
    await migrateToLatest(db);
    const named = await sql<{ name_en: string }>`select name_en from questionnaire where id = ${id}`.execute(
      db,
    );
    expect(named.rows[0]?.name_en).toBe("Second version");
  });
});
