import { readFileSync } from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../src/db/database.ts";
import { insertWave } from "../src/distribution/wave.repository.ts";
import { createQuestionnaire, publishDraft } from "../src/questionnaires/questionnaire.service.ts";

/** The questionnaire templates shipped in seeds/templates, offered by the builder too. */
export const TEMPLATES = [
  { file: "sancheng.json", slug: "sancheng-2026", wave: "2026 年度满意度调查（网上）" },
  { file: "servqual.json", slug: "servqual-2026", wave: "2026 服务质量差距调查" },
  { file: "kano.json", slug: "kano-2026", wave: "2026 服务功能需求调查" },
  { file: "post-service.json", slug: "after-service", wave: "服务后回访（长期开放）" },
] as const;

export function readTemplate(file: string): unknown {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, "templates", file), "utf8"));
}

/** Demo customers, two of them assigned to the demo customer manager. */
const DEMO_CUSTOMERS = [
  {
    ref: "C0001",
    email: "chen.jing@example.com",
    name: "陈静",
    type: "individual",
    channel: "个险",
    tier: "MVC",
    activity: "active",
    region: "上海",
    managed: true,
  },
  {
    ref: "C0002",
    email: "liu.yang@example.com",
    name: "刘洋",
    type: "individual",
    channel: "银保",
    tier: "MGC",
    activity: "semi_dormant",
    region: "北京",
    managed: true,
  },
  {
    ref: "C0003",
    email: "service@huadong-logistics.example.com",
    name: "华东物流有限公司",
    type: "business",
    channel: "团险",
    tier: "MVC",
    activity: "active",
    region: "杭州",
    managed: false,
  },
  {
    ref: "C0004",
    email: "zhao.min@example.com",
    name: "赵敏",
    type: "individual",
    channel: "电销",
    tier: "LVC",
    activity: "dormant",
    region: "广州",
    managed: false,
  },
] as const;

/**
 * Publishes the four templates, each with an open web link, and adds demo customers. Runs only on a
 * database without questionnaires.
 */
export async function seedDemoSurveys(
  db: Kysely<Database>,
  now: Date,
): Promise<{ seeded: boolean; links: string[] }> {
  const existing = await db.selectFrom("questionnaire").select("id").limit(1).executeTakeFirst();
  if (existing) return { seeded: false, links: [] };
  const manager = await db
    .selectFrom("staff_user")
    .select("id")
    .where("role", "=", "customer_manager")
    .orderBy("id")
    .executeTakeFirst();
  for (const customer of DEMO_CUSTOMERS) {
    await db
      .insertInto("customer")
      .values({
        external_ref: customer.ref,
        name: customer.name,
        email: customer.email,
        customer_type: customer.type,
        channel: customer.channel,
        value_tier: customer.tier,
        activity: customer.activity,
        region: customer.region,
        manager_user_id: customer.managed ? (manager?.id ?? null) : null,
      })
      .onConflict((oc) => oc.column("external_ref").doNothing())
      .execute();
  }
  const links: string[] = [];
  for (const template of TEMPLATES) {
    const { id } = await createQuestionnaire(db, null, readTemplate(template.file));
    const version = await publishDraft(db, null, id, now);
    await insertWave(db, {
      questionnaireId: id,
      questionnaireVersionId: version.id,
      name: template.wave,
      channel: "web",
      slug: template.slug,
      anonymous: false,
      opensAt: null,
      closesAt: null,
      createdBy: null,
    });
    links.push(`/w/${template.slug}`);
  }
  return { seeded: true, links };
}
