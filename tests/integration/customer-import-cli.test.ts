import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// Runs `manyi import customers` as an operator would, against this file's database (DATABASE_URL).
const SPAWN_TIMEOUT = 90_000;
const root = fileURLToPath(new URL("../../", import.meta.url));

let app: TestApp;
let dir: string;
beforeAll(async () => {
  app = await startTestApp();
  dir = await mkdtemp(path.join(os.tmpdir(), "manyi-import-cli-"));
});
afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

function manyi(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", ...args],
      {
        cwd: root,
        timeout: SPAWN_TIMEOUT,
        env: { ...process.env, NO_COLOR: "1", DATABASE_URL: app.database.url, LOG_LEVEL: "warn" },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const file = async (name: string, content: string) => {
  const at = path.join(dir, name);
  await writeFile(at, content);
  return at;
};

describe("manyi import customers (spawned CLI)", { timeout: SPAWN_TIMEOUT * 3 }, () => {
  it("imports the good rows, prints a summary and the bad rows with their line numbers", async () => {
    const csv = await file(
      "customers.csv",
      "\uFEFF客户编号,姓名,邮箱,价值等级,内部代码\nZ1,张一,z1@example.com,MVC,x\nZ2,张二,bad,VIP,y\nZ3,张三,,LVC,z\n",
    );
    const { code, stdout, stderr } = await manyi(
      "import",
      "customers",
      csv,
      "--mapping",
      "内部代码=",
      "--as",
      "quality",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("customers.csv: 3 rows (utf-8). Columns:");
    expect(stdout).toContain("  客户编号 → externalRef");
    expect(stdout).toContain("  内部代码 → (ignored)");
    expect(stdout).toMatch(/Imported 2 customers in [\d.]+ s: 2 new, 0 updated; 1 bad rows skipped\./);
    expect(stderr).toContain(
      '1 bad row skipped:\n  line 3 (Z2): email: "bad" is not an email address; valueTier: "VIP" is not a value tier (MVC, MGC, LVC or BZ)',
    );
    const rows = await app.database.db
      .selectFrom("customer")
      .select(["external_ref", "attributes"])
      .where("external_ref", "in", ["Z1", "Z2", "Z3"])
      .orderBy("external_ref")
      .execute();
    expect(rows).toEqual([
      { external_ref: "Z1", attributes: {} },
      { external_ref: "Z3", attributes: {} },
    ]);
    const recorded = await app.database.db
      .selectFrom("customer_import")
      .innerJoin("staff_user", "staff_user.id", "customer_import.created_by")
      .select(["customer_import.source", "customer_import.status", "staff_user.username"])
      .executeTakeFirstOrThrow();
    expect(recorded).toEqual({ source: "cli", status: "done", username: "quality" });
  });

  it("exits 1 with a message when the file is unusable, and changes nothing on a dry run", async () => {
    const noRef = await manyi(
      "import",
      "customers",
      await file("no-ref.csv", "姓名,邮箱\n张一,a@example.com\n"),
    );
    expect(noRef.code).toBe(1);
    expect(noRef.stderr).toContain("manyi: mapping: no column is mapped to externalRef (required)");
    const empty = await manyi("import", "customers", await file("empty.csv", ""));
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("The file has no header line");
    const missing = await manyi("import", "customers", path.join(dir, "nope.csv"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("cannot read");
    const allBad = await manyi("import", "customers", await file("bad.csv", "客户编号,姓名\n,x\nA,\n"));
    expect(allBad.code).toBe(1);
    expect(allBad.stderr).toContain("line 2: externalRef: is required");
    expect(allBad.stderr).toContain("no row of the file can be imported");

    const dry = await manyi(
      "import",
      "customers",
      await file("dry.csv", "客户编号,姓名\nD1,x\n"),
      "--dry-run",
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Dry run: 1 rows would be imported, 0 bad rows would be skipped.");
    const d1 = await app.database.db
      .selectFrom("customer")
      .select("id")
      .where("external_ref", "=", "D1")
      .execute();
    expect(d1).toEqual([]);
    const imports = await app.database.db.selectFrom("customer_import").select("id").execute();
    expect(imports).toHaveLength(1);
  });
});
