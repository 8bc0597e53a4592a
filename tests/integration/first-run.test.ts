import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_STAFF_WAVE, seedDemoStaffWave } from "../../seeds/demo-staff-wave.ts";
import { seedDemoIfEmpty } from "../../seeds/seed-demo.ts";
import { waveStatus } from "../../src/distribution/wave.ts";
import { PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestDatabase } from "../helpers/test-database.ts";

// What a newcomer finds on the first day: the demo's phone wave fills the customer manager's call list,
// no demo wave shows as closed, and an empty call list or schedule page says what to do and who does it.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function signIn(username: string, password: string, locale: "zh-CN" | "en") {
  const client = new PageClient(app.baseUrl, { "accept-language": locale });
  expect((await client.logIn(username, password)).status).toBe(303);
  return client;
}

const demoStaffWave = () =>
  app.database.db
    .selectFrom("wave")
    .selectAll()
    .where("name", "=", DEMO_STAFF_WAVE)
    .executeTakeFirstOrThrow();

describe("the demo's phone wave", () => {
  it("is sent, open today, and puts the customer manager's customers on their call list", async () => {
    const wave = await demoStaffWave();
    const now = new Date();
    expect(wave.channel).toBe("staff");
    expect(wave.launched_at).not.toBeNull();
    expect(
      waveStatus(
        {
          channel: wave.channel,
          launchedAt: wave.launched_at,
          opensAt: wave.opens_at,
          closesAt: wave.closes_at,
        },
        now,
      ),
    ).toBe("sent");
    // still open a fortnight on
    expect(wave.closes_at?.getTime()).toBeGreaterThan(now.getTime() + 14 * 86_400_000);
    const invitations = await app.database.db
      .selectFrom("invitation as i")
      .innerJoin("customer as c", "c.id", "i.customer_id")
      .innerJoin("staff_user as s", "s.id", "i.assigned_to")
      .select(["c.external_ref", "s.username"])
      .where("i.wave_id", "=", wave.id)
      .orderBy("c.external_ref")
      .execute();
    // the two demo customers the demo customer manager looks after, assigned to them
    expect(invitations).toEqual([
      { external_ref: "C0001", username: "cm.zhang" },
      { external_ref: "C0002", username: "cm.zhang" },
    ]);
    // made through the console's use case, so the audit log tells who made it
    const audited = await app.database.db
      .selectFrom("audit_log")
      .select(["action", "actor_name"])
      .where("target_type", "=", "wave")
      .where("target_id", "=", String(wave.id))
      .execute();
    expect(audited).toEqual([{ action: "wave.created", actor_name: "quality" }]);

    const cm = await signIn("cm.zhang", "manyi-cm-demo-1", "zh-CN");
    const calls = await cm.get("/admin/calls");
    expect(calls.status).toBe(200);
    expect(calls.text).toContain("陈静");
    expect(calls.text).toContain("刘洋");
    expect(calls.text).toContain(DEMO_STAFF_WAVE);
    // one "record interview" action a customer (the menu has an entry of the same name)
    expect(calls.text.match(/mode=phone&(amp;)?invitation=\d+">录入访谈</g)).toHaveLength(2);
  });

  it("is made once: seeding again adds no wave and no invitation", async () => {
    const count = async () => ({
      waves: (await app.database.db.selectFrom("wave").select("id").execute()).length,
      invitations: (await app.database.db.selectFrom("invitation").select("id").execute()).length,
    });
    const before = await count();
    expect(await seedDemoStaffWave(app.database.db, new Date(), "Asia/Shanghai")).toBeUndefined();
    await seedDemoIfEmpty(app.database.db, new Date());
    expect(await count()).toEqual(before);
  });

  it("with the demo year of responses: no demo wave shows as closed on the day it is loaded", async () => {
    const database = await createTestDatabase();
    try {
      // late on the last day of a month, when a wave closing "now" or at midnight would already be closed
      const now = new Date("2026-07-31T22:30:00Z");
      await seedDemoIfEmpty(database.db, now, { responses: true, timeZone: "Asia/Shanghai" });
      const waves = await database.db
        .selectFrom("wave")
        .select(["name", "channel", "launched_at", "opens_at", "closes_at"])
        .execute();
      const endOfDay = new Date("2026-08-01T15:59:59Z"); // the end of 1 August in Shanghai, the day it is loaded
      const newest = waves.filter(
        (w) => w.closes_at === null || w.closes_at.getTime() > new Date("2026-07-15T00:00:00Z").getTime(),
      );
      // the four open links, this month's email wave and the phone wave
      expect(newest.map((w) => w.channel).sort()).toEqual(["email", "staff", "web", "web", "web", "web"]);
      for (const wave of newest) {
        const status = waveStatus(
          {
            channel: wave.channel,
            launchedAt: wave.launched_at,
            opensAt: wave.opens_at,
            closesAt: wave.closes_at,
          },
          endOfDay,
        );
        expect(status, wave.name).not.toBe("closed");
      }
      // the phone wave went to the first customers of every customer manager, each on their own list
      const staff = await database.db
        .selectFrom("invitation as i")
        .innerJoin("wave as w", "w.id", "i.wave_id")
        .innerJoin("customer as c", "c.id", "i.customer_id")
        .select(["i.assigned_to", "c.manager_user_id"])
        .where("w.channel", "=", "staff")
        .execute();
      expect(staff.length).toBeGreaterThan(8);
      expect(staff.length).toBeLessThanOrEqual(4 * 8);
      for (const invitation of staff) expect(invitation.assigned_to).toBe(invitation.manager_user_id);
    } finally {
      await database.drop();
    }
  }, 120_000);
});

describe("empty states say what to do and who does it", () => {
  it("an empty call list: the customer manager learns that quality staff send phone waves (both languages)", async () => {
    const wave = await demoStaffWave();
    await app.database.db
      .updateTable("wave")
      .set({ closes_at: new Date(Date.now() - 60_000) })
      .where("id", "=", wave.id)
      .execute();
    try {
      const zh = await (await signIn("cm.zhang", "manyi-cm-demo-1", "zh-CN")).get("/admin/calls");
      expect(zh.text).toContain("目前没有需要回访的客户。");
      expect(zh.text).toContain("电话/上门回访批次由质量专员在“调查批次”中创建并发送");
      const en = await (await signIn("cm.zhang", "manyi-cm-demo-1", "en")).get("/admin/calls");
      expect(en.text).toContain("No customer to call right now.");
      expect(en.text).toContain("Quality staff create and send phone or visit waves under Waves");
      // quality staff, who send such waves, are told how
      const quality = await (await signIn("quality", "manyi-quality-demo", "zh-CN")).get("/admin/calls");
      expect(quality.text).toContain("新建一个渠道为“电话与上门”的批次并发送");
      expect(quality.text).toContain('href="/admin/waves/new"');
    } finally {
      await app.database.db
        .updateTable("wave")
        .set({ closes_at: wave.closes_at })
        .where("id", "=", wave.id)
        .execute();
    }
  });

  it("no report schedules: the manager is told who sets them up, quality staff how (both languages)", async () => {
    const manager = await (await signIn("manager", "manyi-manager-demo", "zh-CN")).get(
      "/admin/report-schedules",
    );
    expect(manager.status).toBe(200);
    expect(manager.text).toContain("还没有定期报告。");
    expect(manager.text).toContain("定期报告由质量专员或系统管理员设置");
    expect(manager.text).toContain('href="/admin/reports"');
    const managerEn = await (await signIn("manager", "manyi-manager-demo", "en")).get(
      "/admin/report-schedules",
    );
    expect(managerEn.text).toContain("Quality staff or an administrator set up report schedules");
    const quality = await (await signIn("quality", "manyi-quality-demo", "en")).get(
      "/admin/report-schedules",
    );
    expect(quality.text).toContain("Choose “New schedule”, pick a questionnaire");
    expect(quality.text).not.toContain("Quality staff or an administrator set up report schedules");
  });
});

describe("the favicon", () => {
  it("is linked from the first page and served with caching; /favicon.ico leads to it", async () => {
    const login = await fetch(`${app.baseUrl}/login`);
    expect(await login.text()).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">');
    const icon = await fetch(`${app.baseUrl}/static/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toContain("image/svg+xml");
    expect(icon.headers.get("cache-control")).toContain("max-age=3600");
    const conventional = await fetch(`${app.baseUrl}/favicon.ico`);
    expect(conventional.status).toBe(200);
    expect(conventional.url).toBe(`${app.baseUrl}/static/favicon.svg`);
  });
});
