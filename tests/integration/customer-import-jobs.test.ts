import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Background, startBackground } from "../../src/background.ts";
import { JOB_CUSTOMER_IMPORT_RESUME } from "../../src/customers/import/customer-import.jobs.ts";
import {
  createImport,
  JOB_CUSTOMER_IMPORT,
  mapImport,
  runImport,
} from "../../src/customers/import/customer-import.service.ts";
import { suggestMapping } from "../../src/customers/import/customer-import.ts";
import { startProcessPresence } from "../../src/jobs/process-presence.ts";
import { PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { waitUntil } from "../helpers/wait.ts";

// Customer imports run on the job queue, in whichever app process takes the job: the web request only
// queues it, and an import whose process dies is carried on by another one (see src/jobs/CONTEXT.md).

// The web process of these tests runs no job: the imports it queues wait for a worker.
let web: TestApp;
let worker: Background | undefined;
beforeAll(async () => {
  web = await startTestApp({ workers: false });
});
afterAll(async () => {
  await worker?.stop();
  await web?.close();
});

const db = () => web.database.db;
const logger = pino({ level: "silent" });
const importRow = (id: number) =>
  db().selectFrom("customer_import").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const doneImport = (id: number) =>
  waitUntil(`import ${id} to be done`, async () => {
    const row = await importRow(id);
    return row.status === "done" && row;
  });

/** Another app process: the job queue with its workers, over the same database. */
const startWorker = () =>
  startBackground({
    db: db(),
    pool: web.database.pool,
    logger,
    publicUrl: web.baseUrl,
    timeZone: "UTC",
    mail: {
      smtpUrl: undefined,
      from: "manyi <survey@manyi.test>",
      ratePerSecond: 0,
      connections: 1,
      retrySeconds: 1,
    },
    pollingIntervalSeconds: 0.5,
  });

describe("customer imports on the job queue", () => {
  it("are queued with their job by the web request and run by a worker process", async () => {
    const quality = new PageClient(web.baseUrl, { "accept-language": "en" });
    await quality.logIn("quality", "manyi-quality-demo");
    await quality.get("/admin/customers/import");
    const uploaded = await quality.postFile(
      "/admin/customers/import",
      {},
      {
        field: "file",
        name: "queued.csv",
        content: "客户编号,姓名,邮箱\nJ001,甲,j1@example.com\nJ002,乙,bad\nJ003,丙,\n",
      },
    );
    const id = Number(/\/import\/(\d+)$/.exec(uploaded.location ?? "")?.[1]);
    await quality.get(`/admin/customers/import/${id}`);
    await quality.post(`/admin/customers/import/${id}/mapping`, {
      col0: "externalRef",
      col1: "name",
      col2: "email",
    });
    expect((await quality.post(`/admin/customers/import/${id}/start`, {})).status).toBe(303);

    // The request returned without running it: the import waits, with its job stored.
    expect(await importRow(id)).toMatchObject({ status: "running", claimed_by: null, processed_rows: 0 });
    const jobs = await web.database.pool.query("select state, data from pgboss.job where name = $1", [
      JOB_CUSTOMER_IMPORT,
    ]);
    expect(jobs.rows).toEqual([{ state: "created", data: { importId: id } }]);
    const page = await quality.get(`/admin/customers/import/${id}`);
    expect(page.text).not.toContain("The import stopped without finishing");

    worker = await startWorker();
    expect(await doneImport(id)).toMatchObject({
      processed_rows: 3,
      inserted_rows: 2,
      updated_rows: 0,
      bad_rows: 1,
    });
    const audit = await db()
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "customer.imported")
      .where("target_id", "=", String(id))
      .execute();
    expect(audit).toEqual([{ details: expect.objectContaining({ inserted: 2, updated: 0, bad: 1 }) }]);
  });

  it("carry on after the committed rows when the process running one dies, counting each row once", async () => {
    worker ??= await startWorker();
    const csv = [
      "客户编号,姓名,邮箱",
      "Q001,一,q1@example.com",
      "Q002,二,not-an-address",
      "Q003,三,",
      "Q004,四,",
      "Q001,一（重复）,",
      "Q005,五,",
    ].join("\n");
    const id = await createImport(db(), { name: "dies.csv", bytes: Buffer.from(csv) }, "cli", null);
    await mapImport(db(), id, suggestMapping(["客户编号", "姓名", "邮箱"]), new Date());

    // A process (the CLI, say) runs it with its presence, commits the first chunk of two rows, and
    // then hangs until it is killed: its presence connection goes away.
    const doomed = await startProcessPresence(web.database.pool, logger);
    let firstChunk!: () => void;
    const committed = new Promise<void>((resolve) => {
      firstChunk = resolve;
    });
    let wakeUp!: () => void;
    const frozen = new Promise<void>((resolve) => {
      wakeUp = resolve;
    });
    const dying = runImport(db(), id, doomed.id, {
      chunkRows: 2,
      onProgress: async () => {
        firstChunk();
        await frozen;
      },
    });
    await committed;
    expect(await importRow(id)).toMatchObject({ status: "running", processed_rows: 2, inserted_rows: 1 });
    await doomed.stop();
    await waitUntil("the dead process's connection to close", async () => {
      const { rows } = await web.database.pool.query(
        "select count(*)::int as n from pg_stat_activity where application_name = $1",
        [`manyi-worker ${doomed.id}`],
      );
      return rows[0].n === 0;
    });

    // What every app process does when it starts (and every minute): resume imports whose process died.
    await worker.jobs.send(JOB_CUSTOMER_IMPORT_RESUME);
    expect(await doneImport(id)).toMatchObject({
      processed_rows: 6,
      inserted_rows: 4,
      updated_rows: 0,
      bad_rows: 2,
    });
    const issues = await db()
      .selectFrom("customer_import_issue")
      .select(["line", "external_ref"])
      .where("import_id", "=", id)
      .orderBy("line")
      .execute();
    expect(issues).toEqual([
      { line: 3, external_ref: "Q002" },
      { line: 6, external_ref: "Q001" },
    ]);

    // The process that hung wakes up: it no longer holds the import, so its next chunk is rolled back
    // and it stops without touching the counters or the outcome.
    wakeUp();
    await expect(dying).rejects.toThrow("taken over by another process");
    expect(await importRow(id)).toMatchObject({ status: "done", processed_rows: 6, inserted_rows: 4 });
    const audits = await db()
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "customer.imported")
      .where("target_id", "=", String(id))
      .execute();
    expect(audits).toEqual([{ details: expect.objectContaining({ inserted: 4, bad: 2 }) }]);
    const names = await db()
      .selectFrom("customer")
      .select(["external_ref", "name"])
      .where("external_ref", "in", ["Q001", "Q003", "Q004", "Q005"])
      .orderBy("external_ref")
      .execute();
    expect(names.map((n) => n.name)).toEqual(["一", "三", "四", "五"]);
  });
});
