// Importing 100,000 customers from a generated CSV (Chinese headers, 1% bad rows) the way the console
// and the CLI do: decode and store the file, check every row under the suggested mapping (the
// preview), then run the chunked upsert with the customer list and the bad-row report. The issue asks
// for under 20 s on this machine. Baseline in the same run: a bare unnest INSERT of the same rows,
// already parsed, into a table with the same columns and no checks (the database's floor).
// A second import of the same file (every row an update) is timed too.
import { sql } from "kysely";
import { seedDemoIfEmpty } from "../seeds/seed-demo.ts";
import { createImport, mapImport, runImport } from "../src/customers/import/customer-import.service.ts";
import { suggestMapping } from "../src/customers/import/customer-import.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { openDatabase } from "../src/db/open-database.ts";
import { benchDatabase } from "./harness.ts";

const TYPES = ["个人", "企业"];
const CHANNELS = ["个险", "银保", "团险", "电销", "网销"];
const TIERS = ["MVC", "MGC", "LVC", "BZ"];
const ACTIVITY = ["活跃", "半休眠", "休眠"];
const REGIONS = ["上海", "北京", "杭州", "广州", "深圳", "成都", "武汉", "西安"];

/** A customer file of `rows` rows; every 100th row has a bad email. */
export function generateCustomerCsv(rows: number): string {
  const lines = ["客户编号,姓名,邮箱,手机,客户类型,渠道,价值等级,活跃度,分支机构,客户经理,保单数,入司年份"];
  for (let i = 1; i <= rows; i++) {
    const ref = `B${String(i).padStart(7, "0")}`;
    const email = i % 100 === 0 ? `broken-${i}@` : `c${i}@example.com`;
    lines.push(
      [
        ref,
        `客户${i}`,
        email,
        `138${String(i).padStart(8, "0")}`,
        TYPES[i % 2],
        CHANNELS[i % 5],
        TIERS[i % 4],
        ACTIVITY[i % 3],
        REGIONS[i % 8],
        i % 10 === 0 ? "cm.zhang" : "",
        String(i % 7),
        String(2000 + (i % 26)),
      ].join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function benchCustomerImport(options: { rows: number }) {
  const database = await benchDatabase();
  const handle = openDatabase(database.url);
  const db = handle.db;
  try {
    await migrateToLatest(db as never);
    await seedDemoIfEmpty(db);
    const csv = Buffer.from(generateCustomerCsv(options.rows), "utf8");

    // baseline: the same rows, parsed and split outside the timing, one unnest INSERT per 2,000 rows
    await sql`create table bare_customer (like customer including defaults)`.execute(db);
    await sql`alter table bare_customer alter column id drop not null`.execute(db);
    const rows = csv
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(","));
    const baselineStart = performance.now();
    for (let i = 0; i < rows.length; i += 2000) {
      const chunk = rows.slice(i, i + 2000);
      const col = (n: number) => chunk.map((r) => r[n] ?? null);
      await sql`insert into bare_customer (external_ref, name, email, phone, customer_type, channel, value_tier, activity, region)
        select * from unnest(${col(0)}::text[], ${col(1)}::text[], ${col(2)}::text[], ${col(3)}::text[], ${col(4)}::text[],
                             ${col(5)}::text[], ${col(6)}::text[], ${col(7)}::text[], ${col(8)}::text[])`.execute(
        db,
      );
    }
    const baselineSeconds = (performance.now() - baselineStart) / 1000;

    const importOnce = async () => {
      const start = performance.now();
      const id = await createImport(db, { name: "bench.csv", bytes: csv }, "cli", null);
      const found = await db
        .selectFrom("customer_import")
        .select("header")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      const preview = await mapImport(db, id, suggestMapping(found.header), new Date());
      const previewSeconds = (performance.now() - start) / 1000;
      // No app process shares the bench's database: any claimant id will do.
      const done = await runImport(db, id, "bench");
      return { seconds: (performance.now() - start) / 1000, previewSeconds, done, preview };
    };
    const first = await importOnce();
    const second = await importOnce();
    const count = await db
      .selectFrom("customer")
      .select(db.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const result = {
      name: `${options.rows.toLocaleString("en")}-row customer CSV import (upload → preview → upsert) vs bare INSERT`,
      rows: options.rows,
      baselineSeconds: Number(baselineSeconds.toFixed(2)),
      firstImportSeconds: Number(first.seconds.toFixed(2)),
      firstPreviewSeconds: Number(first.previewSeconds.toFixed(2)),
      reimportSeconds: Number(second.seconds.toFixed(2)),
      inserted: first.done.insertedRows,
      updated: second.done.updatedRows,
      badRows: first.done.badRows,
      customersStored: Number(count.n),
      ratio: baselineSeconds / first.seconds,
      underTwentySeconds: first.seconds < 20 && second.seconds < 20,
    };
    console.log(
      `${result.name}: bare INSERT ${result.baselineSeconds} s; manyi import ${result.firstImportSeconds} s ` +
        `(of which preview ${result.firstPreviewSeconds} s), re-import (all updates) ${result.reimportSeconds} s → ratio ${result.ratio.toFixed(2)}; ` +
        `${result.inserted} new, ${result.updated} updated on re-import, ${result.badRows} bad rows; under 20 s: ${result.underTwentySeconds ? "yes" : "NO"}`,
    );
    return result;
  } finally {
    await handle.close();
    await database.stop();
  }
}
