import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../../src/db/migrations/index.ts";

describe("the migration list", () => {
  it("names every migration file, in timestamp order", () => {
    const folder = path.resolve(import.meta.dirname, "../../../src/db/migrations");
    const files = readdirSync(folder)
      .filter((file) => /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}_[a-z0-9_]+\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(MIGRATIONS)).toEqual(files);
    for (const migration of Object.values(MIGRATIONS)) expect(typeof migration.down).toBe("function");
  });
});
