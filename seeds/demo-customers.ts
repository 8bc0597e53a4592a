import type { Kysely } from "kysely";
import { segmentFilterSchema } from "../src/customers/audience.ts";
import { upsertCustomerRows } from "../src/customers/customer.repository.ts";
import type { CustomerUpsert } from "../src/customers/customer.ts";
import { addCustomerListMembers, insertCustomerList } from "../src/customers/customer-list.repository.ts";
import { insertSegment } from "../src/customers/segment.repository.ts";
import type { Database } from "../src/db/database.ts";

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘";
const GIVEN = [
  "伟",
  "芳",
  "娜",
  "秀英",
  "敏",
  "静",
  "丽",
  "强",
  "磊",
  "军",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "秀兰",
  "霞",
];
const COMPANIES = ["物流", "贸易", "制造", "建设", "科技", "餐饮", "医药", "电子"];
const CITIES = ["上海", "北京", "杭州", "广州", "深圳", "成都"];
const CHANNELS = ["个险", "银保", "团险", "电销", "网销"];
const TIERS = ["MVC", "MGC", "LVC", "BZ"] as const;
const ACTIVITIES = ["active", "active", "semi_dormant", "dormant"] as const;

/** A small deterministic generator, so every demo database has the same customers. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/**
 * 240 more demo customers (D0001…) across the segments of the source documents, some assigned to the
 * demo customer manager, a few opted out, with free attributes; a customer list and two segments, so
 * the customers, segments and wave pages have something to show. Skipped when D0001 exists.
 */
export async function seedDemoCustomers(db: Kysely<Database>, now: Date): Promise<void> {
  const exists = await db
    .selectFrom("customer")
    .select("id")
    .where("external_ref", "=", "D0001")
    .executeTakeFirst();
  if (exists) return;
  const manager = await db
    .selectFrom("staff_user")
    .select("id")
    .where("username", "=", "cm.zhang")
    .executeTakeFirst();
  const next = random(20261122);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const rows: CustomerUpsert[] = [];
  for (let i = 1; i <= 240; i++) {
    const business = next() < 0.2;
    const city = pick(CITIES);
    const name = business
      ? `${city}${pick(COMPANIES)}${pick(["有限公司", "股份有限公司"])}`
      : `${pick([...SURNAMES])}${pick(GIVEN)}`;
    const optedOut = next() < 0.03;
    rows.push({
      externalRef: `D${String(i).padStart(4, "0")}`,
      name: business ? `${name}${i}` : name,
      email: next() < 0.85 ? `customer${i}@example.com` : null,
      phone: `139${String(10000000 + i * 7919).slice(0, 8)}`,
      customerType: business ? "business" : "individual",
      channel: business ? "团险" : pick(CHANNELS),
      valueTier: pick(TIERS),
      activity: pick(ACTIVITIES),
      region: city,
      managerUserId: manager && next() < 0.12 ? manager.id : null,
      locale: next() < 0.1 ? "en" : "zh-CN",
      attributes: {
        保单数: String(1 + Math.floor(next() * 8)),
        入司年份: String(2008 + Math.floor(next() * 18)),
      },
      optedOutAt: optedOut ? new Date(now.getTime() - Math.floor(next() * 200) * 86_400_000) : null,
      optOutSource: optedOut ? pick(["phone", "unsubscribe_link", "letter"]) : null,
    });
  }
  await db.transaction().execute(async (trx) => {
    const { ids } = await upsertCustomerRows(trx, rows);
    const listId = await insertCustomerList(trx, {
      name: "2026 年度客户名单（演示）",
      source: "manual",
      createdBy: null,
    });
    await addCustomerListMembers(trx, listId, ids);
    await insertSegment(
      trx,
      {
        name: "上海 · 最有价值客户",
        description: "价值等级 MVC、分支机构上海",
        filter: segmentFilterSchema.parse({ valueTiers: ["MVC"], regions: ["上海"] }),
      },
      null,
    );
    await insertSegment(
      trx,
      {
        name: "休眠客户（有邮箱）",
        description: "激活回访",
        filter: segmentFilterSchema.parse({ activities: ["dormant", "semi_dormant"], withEmail: true }),
      },
      null,
    );
  });
}
