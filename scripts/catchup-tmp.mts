import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { openDatabase } from "../src/db/open-database.ts";
import { catchUpRollups } from "../src/reports/rollup.service.ts";

const password = readFileSync("/tmp/manyi-demo/pg-password", "utf8").trim();
const { db, close } = openDatabase(
  `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:54329/manyi`,
);
await sql`update response set rolled_up = false`.execute(db);
await sql`delete from report_rollup`.execute(db);
await sql`delete from report_dissatisfied`.execute(db);
const t0 = Date.now();
const n = await catchUpRollups(db, { timeZone: "UTC" });
console.log("caught up", n, "in", Date.now() - t0, "ms");
const rows = await sql<{ n: number }>`select count(*)::int as n from report_rollup`.execute(db);
console.log("rollup rows", rows.rows[0]);
await close();
