import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  audienceCustomers,
  countAudience,
  listCustomerLists,
  listSegments,
  segmentFilterSchema,
} from "../../src/customers/audience.ts";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { heading, PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
let quality: PageClient;
let qualityToken: string;
let managerToken: string;
beforeAll(async () => {
  app = await startTestApp();
  // These tests count on a demo customer without an address.
  await app.database.db
    .updateTable("customer")
    .set({ email: null })
    .where("external_ref", "=", "C0001")
    .execute();
  quality = new PageClient(app.baseUrl, { "accept-language": "en" });
  await quality.logIn("quality", "manyi-quality-demo");
  qualityToken = await createApiTokenThroughAdmin(app, "quality");
  managerToken = await createApiTokenThroughAdmin(app, "cm.zhang");
});
afterAll(async () => {
  await app?.close();
});

const db = () => app.database.db;
const customerByRef = (ref: string) =>
  db().selectFrom("customer").selectAll().where("external_ref", "=", ref).executeTakeFirst();

/** Uploads a CSV through the console and returns the import's page address. */
async function upload(client: PageClient, name: string, content: string | Uint8Array<ArrayBuffer>) {
  await client.get("/admin/customers/import");
  return client.postFile("/admin/customers/import", {}, { field: "file", name, content });
}

/** Waits for an import to finish, reading the status endpoint the progress bar polls. */
async function waitForImport(client: PageClient, id: number) {
  for (let i = 0; i < 200; i++) {
    const response = await client.get(`/admin/customers/import/${id}/status`);
    const { data } = JSON.parse(response.text) as { data: { finished: boolean; status: string } };
    if (data.finished) return data;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the import did not finish");
}

const api = (token: string, path: string, init: RequestInit = {}) =>
  fetch(`${app.baseUrl}/api/v1${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      ...(typeof init.body === "string" && !init.headers ? { "content-type": "application/json" } : {}),
      ...(init.headers as Record<string, string>),
    },
  });

const IMPORT_CSV = [
  "客户编号,姓名,邮箱,手机,客户类型,渠道,价值等级,活跃度,分支机构,客户经理,保单数",
  "K0001,孙丽,sun@example.com,13800000001,个人,个险,MVC,活跃,上海,cm.zhang,3",
  "K0002,周强,zhou@example,13800000002,个人,银保,MGC,半休眠,北京,,1",
  "K0003,吴氏贸易有限公司,wu@example.com,021-55550000,企业,团险,MVC,活跃,杭州,,12",
  "K0004,,zheng@example.com,,个人,电销,LVC,休眠,广州,,",
  "K0005,王军,wang@example.com,13800000005,个人,网销,VIP,活跃,深圳,nobody,2",
  "K0001,孙丽（重复）,,,,,,,,,",
  "K0006,冯雪,feng@example.com,13800000006,Individual,个险,bz,dormant,上海,CM.ZHANG,",
].join("\r\n");

describe("the CSV import in the console", () => {
  let importId: number;

  it("reads a UTF-8 file with BOM and Chinese headers and suggests the mapping", async () => {
    const uploaded = await upload(quality, "客户名单.csv", `\uFEFF${IMPORT_CSV}\r\n`);
    expect(uploaded.status).toBe(303);
    importId = Number(/\/import\/(\d+)$/.exec(uploaded.location ?? "")?.[1]);
    const mapping = await quality.get(uploaded.location ?? "");
    expect(mapping.status).toBe(200);
    expect(heading(mapping.text)).toBe("Map the columns");
    expect(mapping.text).toContain("客户名单.csv: 7 rows.");
    const selected = (index: number) =>
      new RegExp(`name="col${index}">[\\s\\S]*?<option value="([^"]*)" selected`).exec(mapping.text)?.[1];
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(selected)).toEqual([
      "externalRef",
      "name",
      "email",
      "phone",
      "customerType",
      "channel",
      "valueTier",
      "activity",
      "region",
      "manager",
      "attr:保单数",
    ]);
  });

  it("previews the rows with a validation report naming line numbers and reasons, writing nothing", async () => {
    const targets = [
      "externalRef",
      "name",
      "email",
      "phone",
      "customerType",
      "channel",
      "valueTier",
      "activity",
      "region",
      "manager",
      "attr:保单数",
    ];
    const form = Object.fromEntries(targets.map((target, i) => [`col${i}`, target]));
    const preview = await quality.post(`/admin/customers/import/${importId}/mapping`, form);
    expect(preview.status).toBe(200);
    expect(preview.text).toMatch(/id="good-rows">3</);
    expect(preview.text).toMatch(/id="bad-rows">4</);
    expect(preview.text).toContain("Import 3 customers");
    const report = preview.text.slice(preview.text.indexOf("Validation report"));
    expect(report).toContain('<td class="num">3</td>');
    expect(report).toContain("Email: “zhou@example” is not an email address");
    expect(report).toContain("Name: is required");
    expect(report).toContain("Value tier: “VIP” is not a value tier (MVC, MGC, LVC or BZ)");
    expect(report).toContain("Customer manager: “nobody” is not the username of an active staff user");
    expect(report).toContain("appears again (first on line 2); only the first is imported");
    expect(await customerByRef("K0001")).toBeUndefined();
  });

  it("refuses a mapping without the reference, with a message", async () => {
    const response = await quality.post(`/admin/customers/import/${importId}/mapping`, {
      col0: "",
      col1: "name",
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain("Choose the column with the Customer reference (required).");
  });

  it("imports the good rows in the background, skips and reports the bad ones, and records the list", async () => {
    const targets = [
      "externalRef",
      "name",
      "email",
      "phone",
      "customerType",
      "channel",
      "valueTier",
      "activity",
      "region",
      "manager",
      "attr:保单数",
    ];
    await quality.post(
      `/admin/customers/import/${importId}/mapping`,
      Object.fromEntries(targets.map((target, i) => [`col${i}`, target])),
    );
    const started = await quality.post(`/admin/customers/import/${importId}/start`, {});
    expect(started.status).toBe(303);
    const state = await waitForImport(quality, importId);
    expect(state).toMatchObject({
      status: "done",
      insertedRows: 3,
      updatedRows: 0,
      badRows: 4,
      processedRows: 7,
    });

    const cm = await db()
      .selectFrom("staff_user")
      .select("id")
      .where("username", "=", "cm.zhang")
      .executeTakeFirstOrThrow();
    expect(await customerByRef("K0001")).toMatchObject({
      name: "孙丽",
      email: "sun@example.com",
      customer_type: "individual",
      channel: "个险",
      value_tier: "MVC",
      activity: "active",
      region: "上海",
      manager_user_id: cm.id,
      attributes: { 保单数: "3" },
    });
    expect(await customerByRef("K0006")).toMatchObject({
      customer_type: "individual",
      value_tier: "BZ",
      activity: "dormant",
      manager_user_id: cm.id,
    });
    for (const ref of ["K0002", "K0004", "K0005"]) expect(await customerByRef(ref)).toBeUndefined();

    const issues = await db()
      .selectFrom("customer_import_issue")
      .select(["line", "external_ref"])
      .where("import_id", "=", importId)
      .orderBy("line")
      .execute();
    expect(issues).toEqual([
      { line: 3, external_ref: "K0002" },
      { line: 5, external_ref: "K0004" },
      { line: 6, external_ref: "K0005" },
      { line: 7, external_ref: "K0001" },
    ]);

    const page = await quality.get(`/admin/customers/import/${importId}`);
    expect(page.text).toContain("Validation report");
    expect(page.text).toContain("Email: “zhou@example” is not an email address");
    const listId = Number(/href="\/admin\/customers\?list=(\d+)"/.exec(page.text)?.[1]);
    const members = await db()
      .selectFrom("customer_list_member")
      .innerJoin("customer", "customer.id", "customer_list_member.customer_id")
      .select("customer.external_ref")
      .where("list_id", "=", listId)
      .orderBy("customer.external_ref")
      .execute();
    expect(members.map((m) => m.external_ref)).toEqual(["K0001", "K0003", "K0006"]);

    const badCsv = await quality.fetchRaw(`/admin/customers/import/${importId}/issues.csv`);
    const text = Buffer.from(await badCsv.arrayBuffer()).toString("utf8");
    expect(text.startsWith("\uFEFFLine,Customer reference,Why\r\n3,K0002,")).toBe(true);

    const audit = await db()
      .selectFrom("audit_log")
      .select(["details"])
      .where("action", "=", "customer.imported")
      .where("target_id", "=", String(importId))
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ inserted: 3, updated: 0, bad: 4 });

    // A finished import cannot be started again.
    const again = await quality.post(`/admin/customers/import/${importId}/start`, {});
    expect(again.status).toBe(303);
    expect((await waitForImport(quality, importId)).status).toBe("done");
  });

  it("upserts by reference: updates what the file gives, keeps what an empty cell leaves, never lifts an opt-out", async () => {
    const k3 = await customerByRef("K0003");
    await db()
      .updateTable("customer")
      .set({ opted_out_at: new Date("2026-01-05T00:00:00Z"), opt_out_source: "phone" })
      .where("external_ref", "=", "K0003")
      .execute();
    const csv = [
      "编号,客户名称,邮箱,价值等级,退订,行业",
      "K0003,吴氏贸易集团,,MGC,否,物流",
      "K0007,新客户,new@example.com,,是,",
    ].join("\n");
    const uploaded = await upload(quality, "update.csv", csv);
    const id = Number(/\/import\/(\d+)$/.exec(uploaded.location ?? "")?.[1]);
    const mapping = await quality.get(`/admin/customers/import/${id}`);
    const form: Record<string, string> = {};
    for (let i = 0; i < 6; i++) {
      form[`col${i}`] =
        new RegExp(`name="col${i}">[\\s\\S]*?<option value="([^"]*)" selected`).exec(mapping.text)?.[1] ?? "";
    }
    expect(form).toEqual({
      col0: "externalRef",
      col1: "name",
      col2: "email",
      col3: "valueTier",
      col4: "optedOut",
      col5: "attr:行业",
    });
    await quality.post(`/admin/customers/import/${id}/mapping`, form);
    await quality.post(`/admin/customers/import/${id}/start`, {});
    expect(await waitForImport(quality, id)).toMatchObject({ insertedRows: 1, updatedRows: 1, badRows: 0 });
    expect(await customerByRef("K0003")).toMatchObject({
      id: k3?.id,
      name: "吴氏贸易集团",
      email: "wu@example.com",
      value_tier: "MGC",
      region: "杭州",
      attributes: { 保单数: "12", 行业: "物流" },
      opted_out_at: new Date("2026-01-05T00:00:00Z"),
      opt_out_source: "phone",
    });
    const k7 = await customerByRef("K0007");
    expect(k7?.opted_out_at).toBeInstanceOf(Date);
    expect(k7?.opt_out_source).toBe("import");
  });

  it("reads Excel's Chinese CSV (GB18030) and refuses a file that is not text", async () => {
    // "客户编号,姓名\nG001,张三\n" in GB18030
    const gbk = Uint8Array.from([
      0xbf, 0xcd, 0xbb, 0xa7, 0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x0a, 0x47, 0x30, 0x30,
      0x31, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a,
    ]);
    const uploaded = await upload(quality, "gbk.csv", gbk);
    expect(uploaded.status).toBe(303);
    const page = await quality.get(uploaded.location ?? "");
    expect(page.text).toContain("GB18030");
    expect(page.text).toContain("客户编号");

    const binary = await upload(quality, "photo.csv", Uint8Array.from([0xff, 0xd8, 0xff, 0x00, 0x10, 0x4a]));
    expect(binary.status).toBe(422);
    expect(binary.text).toContain("The file is not UTF-8 text");
    const headerOnly = await upload(quality, "empty.csv", "客户编号,姓名\n");
    expect(headerOnly.status).toBe(422);
    expect(headerOnly.text).toContain("The file has a header but no customer rows.");
  });

  it("shows an import whose process died as interrupted, and carries on after its committed rows", async () => {
    const uploaded = await upload(quality, "restart.csv", "客户编号,姓名\nR001,重跑一\nR002,重跑二\n");
    const id = Number(/\/import\/(\d+)$/.exec(uploaded.location ?? "")?.[1]);
    await quality.get(`/admin/customers/import/${id}`);
    await quality.post(`/admin/customers/import/${id}/mapping`, { col0: "externalRef", col1: "name" });
    // as if a process had claimed it, committed the chunk of the first row, and died (its presence
    // connection is gone, so no live process has this id)
    await db().insertInto("customer").values({ external_ref: "R001", name: "重跑一" }).execute();
    await db()
      .updateTable("customer_import")
      .set({ status: "running", claimed_by: "gone", processed_rows: 1, inserted_rows: 1 })
      .where("id", "=", id)
      .execute();
    const page = await quality.get(`/admin/customers/import/${id}`);
    expect(page.text).toContain("The import stopped without finishing");
    expect(page.text).toContain("Run the import again");
    await quality.post(`/admin/customers/import/${id}/start`, {});
    expect(await waitForImport(quality, id)).toMatchObject({
      status: "done",
      insertedRows: 2,
      processedRows: 2,
    });
  });

  it("refuses an upload without the CSRF token", async () => {
    await quality.get("/admin/customers/import");
    const form = new FormData();
    form.set("file", new Blob(["a,b\n1,2\n"], { type: "text/csv" }), "x.csv");
    const response = await quality.request("POST", "/admin/customers/import", form);
    expect(response.status).toBe(403);
  });
});

describe("customers in the console", () => {
  it("lists, filters and searches customers with pages", async () => {
    const all = await quality.get("/admin/customers");
    expect(all.status).toBe(200);
    expect(all.text).toContain("孙丽");
    expect(all.text).toContain("陈静");
    const business = await quality.get("/admin/customers?type=business");
    expect(business.text).toContain("吴氏贸易集团");
    expect(business.text).not.toContain("孙丽");
    const search = await quality.get(`/admin/customers?q=${encodeURIComponent("sun@")}`);
    expect(search.text).toContain("孙丽");
    expect(search.text).not.toContain("陈静");
    const optedOut = await quality.get("/admin/customers?optedOut=only");
    expect(optedOut.text).toContain("吴氏贸易集团");
    expect(optedOut.text).not.toContain("孙丽");
    const paged = await quality.get("/admin/customers?pageSize=2&page=2");
    expect(paged.text).toMatch(/Page 2 of \d+/);
    expect((await quality.get("/admin/customers?tier=VIP")).status).toBe(422);
  });

  it("creates a customer, refusing bad fields and a taken reference with messages at the fields", async () => {
    await quality.get("/admin/customers/new");
    const bad = await quality.post("/admin/customers", {
      externalRef: "",
      name: "李雷",
      email: "li@",
      valueTier: "VIP",
      attributes: "no separator here",
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('id="externalRef-error">is required<');
    expect(bad.text).toContain("“li@” is not an email address");
    expect(bad.text).toContain("Line 1 is not name: value.");
    expect(bad.text).toContain('value="李雷"');

    const taken = await quality.post("/admin/customers", { externalRef: "C0001", name: "x" });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain("Another customer already has this reference.");

    const created = await quality.post("/admin/customers", {
      externalRef: "M0001",
      name: "李雷",
      email: "li@example.com",
      phone: "+86 138 0000 0009",
      customerType: "individual",
      channel: "网销",
      valueTier: "MGC",
      activity: "active",
      region: "成都",
      manager: "cm.zhang",
      locale: "en",
      attributes: "保单数: 2\n会员：金卡",
    });
    expect(created.status).toBe(303);
    const detail = await quality.get(created.location ?? "");
    expect(detail.text).toContain("Customer 李雷 added.");
    expect(detail.text).toContain("金卡");
    expect(await customerByRef("M0001")).toMatchObject({
      locale: "en",
      attributes: { 保单数: "2", 会员: "金卡" },
    });
    const viewed = await db()
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "customer.viewed")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(viewed.details).toMatchObject({ externalRef: "M0001", via: "console" });
  });

  it("edits a customer, clearing fields that are emptied", async () => {
    const customer = await customerByRef("M0001");
    const form = await quality.get(`/admin/customers/${customer?.id}/edit`);
    expect(form.text).toContain(">会员: 金卡\n保单数: 2</textarea>");
    const saved = await quality.post(`/admin/customers/${customer?.id}`, {
      externalRef: "M0001",
      name: "李雷雷",
      email: "",
      manager: "",
      attributes: "会员: 银卡",
    });
    expect(saved.status).toBe(303);
    expect(await customerByRef("M0001")).toMatchObject({
      name: "李雷雷",
      email: null,
      manager_user_id: null,
      attributes: { 会员: "银卡" },
    });
  });

  it("records an opt-out with its date and source, and opts back in; both audited", async () => {
    const customer = await customerByRef("M0001");
    const page = await quality.get(`/admin/customers/${customer?.id}`);
    expect(page.text).toContain("data-confirm=");
    const future = await quality.post(`/admin/customers/${customer?.id}/opt-out`, {
      at: "2999-01-01",
      source: "phone",
    });
    expect(future.status).toBe(422);
    expect(future.text).toContain("Give the date of the request (today or earlier).");
    const out = await quality.post(`/admin/customers/${customer?.id}/opt-out`, {
      at: "2026-02-03",
      source: "letter",
    });
    expect(out.status).toBe(303);
    expect(await customerByRef("M0001")).toMatchObject({
      opted_out_at: new Date("2026-02-03T00:00:00Z"),
      opt_out_source: "letter",
    });
    const shown = await quality.get(`/admin/customers/${customer?.id}`);
    expect(shown.text).toContain("Opted out on 2026-02-03 (by letter)");
    const back = await quality.post(`/admin/customers/${customer?.id}/opt-in`, {});
    expect(back.status).toBe(303);
    expect(await customerByRef("M0001")).toMatchObject({ opted_out_at: null, opt_out_source: null });
    const actions = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("target_type", "=", "customer")
      .where("target_id", "=", String(customer?.id))
      .where("action", "in", ["customer.opted_out", "customer.opted_in"])
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["customer.opted_out", "customer.opted_in"]);
  });

  it("exports the filtered customers as CSV that the import reads again, audited", async () => {
    const response = await quality.fetchRaw("/admin/customers/export.csv?region=%E4%B8%8A%E6%B5%B7");
    expect(response.headers.get("content-type")).toContain("text/csv");
    const text = await response.text();
    const [header, ...rows] = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header).toBe(
      "external_ref,name,email,phone,customer_type,channel,value_tier,activity,region,manager,locale,opted_out,opt_out_source,保单数",
    );
    expect(rows.some((row) => row.startsWith("K0001,孙丽,sun@example.com"))).toBe(true);
    expect(rows.every((row) => row.includes("上海"))).toBe(true);
    const exported = await db()
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "customer.exported")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(exported.details).toMatchObject({ via: "console", region: "上海" });
  });
});

describe("customer managers see only their own customers", () => {
  let cm: PageClient;
  beforeAll(async () => {
    cm = new PageClient(app.baseUrl, { "accept-language": "en" });
    await cm.logIn("cm.zhang", "manyi-cm-demo-1");
  });

  it("in the list, by URL guessing, in exports and in the API", async () => {
    const list = await cm.get("/admin/customers");
    expect(list.status).toBe(200);
    expect(list.text).toContain("You see the customers assigned to you.");
    expect(list.text).toContain("陈静");
    expect(list.text).toContain("孙丽");
    expect(list.text).not.toContain("华东物流有限公司");
    expect(list.text).not.toContain("吴氏贸易集团");

    const mine = await customerByRef("K0001");
    const other = await customerByRef("C0003");
    expect((await cm.get(`/admin/customers/${mine?.id}`)).status).toBe(200);
    expect((await cm.get(`/admin/customers/${other?.id}`)).status).toBe(404);
    expect((await cm.get("/admin/customers/999999")).status).toBe(404);
    expect((await cm.get(`/admin/customers/${mine?.id}/edit`)).status).toBe(403);
    await cm.get(`/admin/customers/${mine?.id}`);
    expect(
      (await cm.post(`/admin/customers/${other?.id}/opt-out`, { at: "2026-01-01", source: "phone" })).status,
    ).toBe(404);
    expect((await cm.get("/admin/customers/import")).status).toBe(403);
    expect((await cm.get("/admin/segments")).status).toBe(403);
    expect((await cm.get("/admin/segments/count")).status).toBe(403);

    const exported = await (await cm.fetchRaw("/admin/customers/export.csv")).text();
    expect(exported).toContain("K0001");
    expect(exported).not.toContain("C0003");

    const apiList = await api(managerToken, "/customers?pageSize=200");
    expect(apiList.status).toBe(200);
    const body = (await apiList.json()) as { data: { externalRef: string }[]; total: number };
    expect(body.data.map((c) => c.externalRef).sort()).toEqual(["C0001", "C0002", "K0001", "K0006"]);
    expect(body.total).toBe(4);
    expect((await api(managerToken, "/customers/C0003")).status).toBe(404);
    expect((await api(managerToken, "/customers/K0001")).status).toBe(200);
    const create = await api(managerToken, "/customers", {
      method: "POST",
      body: JSON.stringify({ externalRef: "X1", name: "x" }),
    });
    expect(create.status).toBe(403);
  });

  it("management (no customer permission) reaches no customer page or API", async () => {
    const manager = new PageClient(app.baseUrl, { "accept-language": "en" });
    await manager.logIn("manager", "manyi-manager-demo");
    expect((await manager.get("/admin/customers")).status).toBe(403);
    expect((await manager.get("/admin/segments")).status).toBe(403);
    const token = await createApiTokenThroughAdmin(app, "manager");
    expect((await api(token, "/customers")).status).toBe(403);
  });
});

describe("the customers API", () => {
  it("creates one customer, refusing bad fields (422 with details) and a taken reference (409)", async () => {
    const created = await api(qualityToken, "/customers", {
      method: "POST",
      body: JSON.stringify({
        externalRef: "A 001/2",
        name: "Alice",
        email: "alice@example.com",
        customerType: "企业",
        valueTier: "MVC",
        manager: "cm.zhang",
        attributes: { policies: 4, vip: true },
      }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/api/v1/customers/A%20001%2F2");
    const body = (await created.json()) as { data: Record<string, unknown> };
    expect(body.data).toMatchObject({
      externalRef: "A 001/2",
      customerType: "business",
      manager: "cm.zhang",
      attributes: { policies: "4", vip: "true" },
    });
    const read = await api(qualityToken, "/customers/A%20001%2F2");
    expect(read.status).toBe(200);

    const again = await api(qualityToken, "/customers", {
      method: "POST",
      body: JSON.stringify({ externalRef: "A 001/2", name: "Alice" }),
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("conflict");

    const bad = await api(qualityToken, "/customers", {
      method: "POST",
      body: JSON.stringify({ name: "", email: "x", colour: "red" }),
    });
    expect(bad.status).toBe(422);
    const error = (
      (await bad.json()) as { error: { code: string; details: { issues: { field: string }[] } } }
    ).error;
    expect(error.code).toBe("validation_failed");
    expect(error.details.issues.map((i) => i.field)).toEqual(["colour"]);
    const bad2 = await api(qualityToken, "/customers", {
      method: "POST",
      body: JSON.stringify({ name: "", email: "x" }),
    });
    const issues = (
      (await bad2.json()) as { error: { details: { issues: { field: string; message: string }[] } } }
    ).error.details.issues;
    expect(issues).toEqual([
      { field: "externalRef", message: "is required" },
      { field: "name", message: "is required" },
      { field: "email", message: "“x” is not an email address" },
    ]);
  });

  it("bulk upserts a JSON array with errors per row and records a list when asked", async () => {
    const response = await api(qualityToken, "/customers/bulk", {
      method: "POST",
      body: JSON.stringify({
        list: "CRM sync 2026-11",
        customers: [
          { externalRef: "B001", name: "Bulk one", channel: "银保", activity: "活跃" },
          { externalRef: "B002", name: "Bulk two", valueTier: "nope" },
          { externalRef: "K0001", name: "孙丽", phone: "13900000000" },
          { externalRef: "B001", name: "dup" },
          "not an object",
        ],
      }),
    });
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as {
      data: {
        received: number;
        inserted: number;
        updated: number;
        failed: number;
        listId: number;
        errors: { index: number; externalRef: string | null; problems: { field: string; code: string }[] }[];
      };
    };
    expect(data).toMatchObject({ received: 5, inserted: 1, updated: 1, failed: 3 });
    expect(
      data.errors.map((e) => [e.index, e.externalRef, e.problems.map((p) => `${p.field}:${p.code}`)]),
    ).toEqual([
      [1, "B002", ["valueTier:invalid_value_tier"]],
      [3, "B001", ["externalRef:duplicate_ref"]],
      [4, null, ["row:not_accepted"]],
    ]);
    expect(await customerByRef("K0001")).toMatchObject({ phone: "13900000000", email: "sun@example.com" });
    expect(await countAudience(db(), { listId: data.listId })).toBe(2);

    const notArray = await api(qualityToken, "/customers/bulk", {
      method: "POST",
      body: JSON.stringify({ a: 1 }),
    });
    expect(notArray.status).toBe(422);
  });

  it("writes one audit entry for a bulk call, so an e-mail changed through it can be traced", async () => {
    const before = await customerByRef("B001");
    const response = await api(qualityToken, "/customers/bulk", {
      method: "POST",
      body: JSON.stringify([
        { externalRef: "B001", name: "Bulk one", email: "changed@example.com" },
        { externalRef: "B003", name: "Bulk three" },
        { externalRef: "B004", name: "Bulk four", valueTier: "nope" },
      ]),
    });
    expect(response.status).toBe(200);
    expect((await customerByRef("B001"))?.email).toBe("changed@example.com");
    expect(before?.email).not.toBe("changed@example.com");
    const entries = await db()
      .selectFrom("audit_log")
      .select(["actor_name", "target_type", "details"])
      .where("action", "=", "customer.bulk_upserted")
      .where(sql<boolean>`details @> '{"received": 3}'`)
      .execute();
    expect(entries).toEqual([
      {
        actor_name: "quality",
        target_type: null,
        details: { via: "api", received: 3, inserted: 1, updated: 1, refused: 1, listId: null },
      },
    ]);
    const admin = new PageClient(app.baseUrl, { "accept-language": "en" });
    await admin.logIn("admin", "manyi-admin-demo");
    const audit = await admin.get("/admin/audit?action=customer.bulk_upserted");
    expect(audit.text).toContain("Customers added or updated in bulk");
  });

  it("imports a CSV body in the background and reports its status with the bad rows", async () => {
    const csv =
      "\uFEFFcustomer id,full name,region,segment code\nP001,Pat,Xi'an,A\nP002,,Xi'an,B\nP003,Sam,Xi'an,\n";
    const response = await api(qualityToken, "/customers/import?fileName=crm.csv&mapping=segment%20code%3D", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csv,
    });
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as {
      data: { id: number; mapping: { column: string; target: string | null }[] };
      links: { status: string };
    };
    expect(accepted.data.mapping.map((m) => m.target)).toEqual(["externalRef", "name", "region", null]);
    let status:
      | { status: string; insertedRows: number; badRows: number; issues: { line: number }[] }
      | undefined;
    for (let i = 0; i < 100; i++) {
      const polled = await api(qualityToken, accepted.links.status.replace("/api/v1", ""));
      status = ((await polled.json()) as { data: typeof status }).data;
      if (status?.status === "done") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toMatchObject({ status: "done", insertedRows: 2, badRows: 1, issues: [{ line: 3 }] });
    expect((await customerByRef("P003"))?.attributes).toEqual({});

    const noRef = await api(qualityToken, "/customers/import?mapping=customer%20id%3D", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csv,
    });
    expect(noRef.status).toBe(422);
    expect(((await noRef.json()) as { error: { message: string } }).error.message).toContain(
      "no column is mapped to externalRef",
    );
    const empty = await api(qualityToken, "/customers/import", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: "",
    });
    expect(empty.status).toBe(422);
  });

  it("lists customers with pages and filters, audited", async () => {
    const response = await api(qualityToken, "/customers?region=%E4%B8%8A%E6%B5%B7&pageSize=1");
    const body = (await response.json()) as {
      data: unknown[];
      total: number;
      page: number;
      pageSize: number;
    };
    expect(body).toMatchObject({ page: 1, pageSize: 1 });
    expect(body.data).toHaveLength(1);
    expect(body.total).toBeGreaterThanOrEqual(2);
    const bad = await api(qualityToken, "/customers?type=alien");
    expect(bad.status).toBe(422);
    const audited = await db()
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "customer.exported")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audited.details).toMatchObject({ via: "api" });
  });
});

describe("segments", () => {
  it("counts the customers a filter matches (opted-out left out unless asked) and saves the segment", async () => {
    await quality.get("/admin/segments/new");
    const count = async (query: string) =>
      (
        (await (await quality.fetchRaw(`/admin/segments/count?${query}`)).json()) as {
          data: { count: number };
        }
      ).data.count;
    const all = await db()
      .selectFrom("customer")
      .select(db().fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const optedOut = await db()
      .selectFrom("customer")
      .select(db().fn.countAll<number>().as("n"))
      .where("opted_out_at", "is not", null)
      .executeTakeFirstOrThrow();
    expect(await count("")).toBe(Number(all.n) - Number(optedOut.n));
    expect(await count("includeOptedOut=1")).toBe(Number(all.n));
    expect(await count("valueTiers=MVC&valueTiers=MGC&regions=%E4%B8%8A%E6%B5%B7")).toBe(2); // K0001, C0001
    expect(await count(`attrKey=${encodeURIComponent("保单数")}&attrValue=3`)).toBe(1);
    expect(await count("customerTypes=business&includeOptedOut=1")).toBeGreaterThanOrEqual(2);

    const counted = await quality.post("/admin/segments", {
      name: "上海高价值",
      action: "count",
      valueTiers: "MVC",
      regions: "上海",
    });
    expect(counted.status).toBe(200);
    expect(counted.text).toMatch(/id="segment-count">2</);
    expect(await db().selectFrom("segment").select("id").execute()).toHaveLength(0);

    const missingName = await quality.post("/admin/segments", {
      name: "",
      action: "save",
      valueTiers: "MVC",
    });
    expect(missingName.status).toBe(422);

    const saved = await quality.post("/admin/segments", {
      name: "上海高价值",
      action: "save",
      valueTiers: "MVC",
      regions: "上海",
      withEmail: "1",
    });
    expect(saved.status).toBe(303);
    const page = await quality.get(saved.location ?? "");
    expect(page.text).toContain("Segment 上海高价值 saved.");
    expect(page.text).toMatch(/id="segment-count">1</); // C0001 has no email
    const list = await quality.get("/admin/segments");
    expect(list.text).toContain("上海高价值");
  });

  it("gives the wave code its audience: a segment or an import's list, never the opted-out", async () => {
    const [segment] = await listSegments(db());
    expect(segment?.filter).toEqual(
      segmentFilterSchema.parse({ valueTiers: ["MVC"], regions: ["上海"], withEmail: true }),
    );
    const members = await (await audienceCustomers(db(), { segmentId: String(segment?.id) })).execute();
    expect(members.map((m) => [m.externalRef, m.email])).toEqual([["K0001", "sun@example.com"]]);

    const lists = await listCustomerLists(db());
    const updateList = lists.find((l) => l.name === "update.csv (#2)");
    expect(updateList).toMatchObject({ source: "import", memberCount: 2 });
    // K0003 and K0007 both opted out: the list's audience is empty
    expect(await countAudience(db(), { listId: updateList?.id ?? 0 })).toBe(0);
    await expect(audienceCustomers(db(), { segmentId: 99999 })).rejects.toThrow("No such segment");

    // the wave code can use it inside INSERT … SELECT; the first import's list less K0003 (opted out)
    const ids = await (await audienceCustomers(db(), { listId: lists.at(-1)?.id ?? 0 }))
      .clearSelect()
      .select("customer.id")
      .execute();
    expect(ids.length).toBe(2);
  });

  it("filters the customer list by a segment, and deletes a segment after confirming", async () => {
    const [segment] = await listSegments(db());
    const customers = await quality.get(`/admin/customers?segment=${segment?.id}`);
    expect(customers.text).toContain("Customers of the segment “上海高价值”.");
    expect(customers.text).toContain("孙丽");
    expect(customers.text).not.toContain("陈静");
    const form = await quality.get(`/admin/segments/${segment?.id}`);
    expect(form.text).toContain("data-confirm=");
    const deleted = await quality.post(`/admin/segments/${segment?.id}/delete`, {});
    expect(deleted.status).toBe(303);
    expect(await listSegments(db())).toHaveLength(0);
  });
});
