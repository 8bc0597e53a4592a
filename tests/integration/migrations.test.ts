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

describe("the rollups' exact sums", () => {
  it("empties the rollups kept without them, and the next catch-up rebuilds them with them", async () => {
    const db = database.db as Kysely<unknown>;
    await migrateToLatest(db);
    const undone: string[] = [];
    while (!undone.includes("2026-12-03T00-10-00_report_rollup_exact_sums")) {
      const step = await migrateDownOne(db);
      expect(step, `undone so far: ${undone.join(", ")}`).toHaveLength(1);
      undone.push(...step);
    }
    // a response rolled up the old way: Σ respondent scores as a float only
    const definition = JSON.stringify({
      title: { "zh-CN": "边界", en: "Boundary" },
      sections: [
        {
          key: "main",
          title: { "zh-CN": "主要", en: "Main" },
          items: ["q1", "q2", "q3"].map((key) => ({
            key,
            type: "satisfaction",
            text: { "zh-CN": key, en: key },
            required: false,
          })),
        },
      ],
    });
    const questionnaire = await sql<{ id: number }>`
      insert into questionnaire (name) values ('exact-sums') returning id`.execute(db);
    const version = await sql<{ id: number }>`
      insert into questionnaire_version (questionnaire_id, version_number, status, published_at, definition)
      values (${questionnaire.rows[0]?.id}, 1, 'published', now(), ${definition}::jsonb) returning id`.execute(
      db,
    );
    const versionId = version.rows[0]?.id as number;
    const response = await sql<{ id: number }>`
      insert into response (questionnaire_version_id, mode, status, submitted_at, rolled_up)
      values (${versionId}, 'web', 'submitted', '2026-10-14T08:00:00Z', true) returning id`.execute(db);
    const responseId = response.rows[0]?.id as number;
    await sql`insert into answer (response_id, item_key, text) values
      (${responseId}, 'q1', 'very_satisfied'), (${responseId}, 'q2', 'satisfied'),
      (${responseId}, 'q3', 'basically_satisfied')`.execute(db);
    await sql`insert into report_rollup (questionnaire_version_id, breakdown, breakdown_attribute, day, measure,
        n, sum, sum_sq, sum_y, sum_y_sq, sum_xy, counts)
      values (${versionId}, '', '', '2026-10-14', 'set:q1,q2,q3', 1, 88.33333333333333, 7802.777777777777,
        0, 0, 0, '{1,1,1,0}')`.execute(db);
    await sql`insert into report_rollup_state (id, time_zone) values (1, 'UTC')
      on conflict (id) do update set time_zone = 'UTC'`.execute(db);

    await migrateToLatest(db);
    const left = await sql<{ n: number }>`select count(*)::int as n from report_rollup`.execute(db);
    expect(left.rows[0]?.n).toBe(0);
    const pending = await sql<{ rolled_up: boolean }>`
      select rolled_up from response where id = ${responseId}`.execute(db);
    expect(pending.rows[0]?.rolled_up).toBe(false);

    const { catchUpRollups } = await import("../../src/reports/rollup.service.ts");
    await catchUpRollups(database.db, { timeZone: "UTC" });
    const rebuilt = await sql<{ n: number; points: string[] }>`
      select n, points_by_answer_count::text[] as points from report_rollup
      where questionnaire_version_id = ${versionId} and breakdown = '' and measure = 'set:q1,q2,q3'`.execute(
      db,
    );
    // (100 + 90 + 75) points over 3 answered items, in millionths of a point
    expect(rebuilt.rows).toEqual([{ n: 1, points: ["0", "0", "265000000"] }]);
  });
});
