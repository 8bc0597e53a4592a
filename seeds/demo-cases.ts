import type { Kysely } from "kysely";
import { sql } from "kysely";
import { openPendingCases } from "../src/cases/case-opening.service.ts";
import type { Database } from "../src/db/database.ts";

/**
 * Causes of the demo's dissatisfaction, second-level causes of the starting list (理赔 › 时效 …), with
 * the notes, fix and reply that go with them.
 */
const CAUSES = [
  [
    "理赔",
    "时效",
    "赔款到账比承诺晚一周",
    "加急审核并跟踪到账",
    "已致电说明延误原因并致歉，赔款已于次日到账",
  ],
  [
    "理赔",
    "材料与手续",
    "材料要求多次补充",
    "一次性告知所需材料并上门收取",
    "已向客户说明材料清单，由客户经理上门协助补齐",
  ],
  ["服务", "态度", "柜员语气生硬", "对相关柜员进行服务礼仪辅导", "已向客户道歉，并说明改进措施"],
  ["服务", "响应速度", "网点排队等待过久", "高峰时段增开窗口", "已说明网点调整安排，并提供预约办理方式"],
  [
    "渠道",
    "网点与线上服务",
    "App 无法提交保全申请",
    "反馈 App 问题并指导客户操作",
    "已远程指导客户完成操作，问题已在新版本修复",
  ],
  [
    "产品",
    "条款理解",
    "对保障范围理解有误",
    "重新讲解条款并寄送条款解读",
    "已向客户逐条说明保障范围与免责条款",
  ],
] as const;

/** The ids of the starting list's second-level causes, by "top › second" (names in Chinese). */
async function causeIds(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("case_cause as c")
    .innerJoin("case_cause as p", "p.id", "c.parent_id")
    .select(["c.id", "c.name_zh", "p.name_zh as parent"])
    .execute();
  return new Map(rows.map((row) => [`${row.parent} › ${row.name_zh}`, Number(row.id)]));
}

/**
 * A year of follow-up cases for the demo responses: the rules open them (every 不满意 answer of a known
 * customer), dated from the answer; the older ones were contacted, resolved and closed with a cause,
 * a fix and a reply, a few could not be reached, the last days' are still open. About four in five
 * resolved customers answered the recovery survey, and about 82% of those were won back (the source's
 * "82%", measured by the report's follow-up section). No e-mail goes out about the past.
 */
export async function seedDemoCases(
  db: Kysely<Database>,
  now: Date,
  timeZone: string,
): Promise<{ cases: number }> {
  const opened = await openPendingCases(db, { now: () => now, timeZone, batchSize: 2_000 });
  await db.deleteFrom("case_notice").execute();
  const cases = await sql<{ id: number; created: Date; assigned_to: number | null }>`
    update service_case sc set created_at = r.submitted_at, updated_at = r.submitted_at
    from response r where r.id = sc.response_id
    returning sc.id, sc.created_at as created, sc.assigned_to`.execute(db);
  const quality = await db
    .selectFrom("staff_user")
    .select("id")
    .where("role", "=", "quality")
    .executeTakeFirst();
  const causes = await causeIds(db);
  const day = 86_400_000;
  const contacts: {
    case_id: number;
    channel: "phone" | "visit";
    outcome: "reached" | "no_answer";
    notes: string;
    contacted_at: Date;
    recorded_by: number | null;
  }[] = [];
  const updates: {
    id: number;
    status: string;
    contacted: Date | null;
    resolved: Date | null;
    closed: Date | null;
    causeId: number | null;
    causeNotes: string | null;
    fix: string | null;
    reply: string | null;
    escalated: Date | null;
    recoveryScore: number | null;
    recovered: boolean | null;
    updated: Date;
  }[] = [];
  for (const c of cases.rows) {
    const age = (now.getTime() - c.created.getTime()) / day;
    if (age < 2) continue; // still open, within the 48 hours
    const who = c.assigned_to ?? quality?.id ?? null;
    const [top, second, notes, fix, reply] = CAUSES[c.id % CAUSES.length] as (typeof CAUSES)[number];
    const cause = `${top} › ${second}`;
    const at = (days: number) => new Date(c.created.getTime() + days * day);
    const none = {
      contacted: null,
      resolved: null,
      causeId: null,
      causeNotes: null,
      fix: null,
      reply: null,
      escalated: null,
      recoveryScore: null,
      recovered: null,
    };
    if (c.id % 12 === 0) {
      // one in twelve: three calls that reached no one
      for (const n of [1, 2, 3]) {
        contacts.push({
          case_id: c.id,
          channel: "phone",
          outcome: "no_answer",
          notes: "无人接听",
          contacted_at: at(n * 0.5),
          recorded_by: who,
        });
      }
      updates.push({
        id: c.id,
        ...none,
        status: age > 10 ? "closed" : "unreachable",
        closed: age > 10 ? at(8) : null,
        updated: at(2),
      });
      continue;
    }
    // most are contacted within the day, one in seven late (and escalated then)
    const late = c.id % 7 === 0;
    const contacted = late ? at(2.5) : at(0.3 + (c.id % 5) * 0.15);
    contacts.push({
      case_id: c.id,
      channel: c.id % 4 === 0 ? "visit" : "phone",
      outcome: "reached",
      notes: `客户反映：${notes}`,
      contacted_at: contacted,
      recorded_by: who,
    });
    const resolvedAfter = 2 + (c.id % 6);
    const resolved = age > resolvedAfter + 1;
    const closed = resolved && age > resolvedAfter + 4;
    // four in five closed cases have a recovery answer; nine in eleven of those say they are won back
    const answered = closed && c.id % 5 !== 0;
    const recovered = answered ? c.id % 11 < 9 : null;
    updates.push({
      id: c.id,
      status: closed ? "closed" : resolved ? "resolved" : "contacted",
      contacted,
      resolved: resolved ? at(resolvedAfter) : null,
      closed: closed ? at(resolvedAfter + 3) : null,
      causeId: resolved ? (causes.get(cause) ?? null) : null,
      causeNotes: resolved ? notes : null,
      fix: resolved ? fix : null,
      reply: resolved ? reply : null,
      escalated: late ? at(2) : null,
      recoveryScore: recovered === null ? null : recovered ? 90 + (c.id % 3) * 5 : 60 + (c.id % 2) * 15,
      recovered,
      updated: resolved ? at(resolvedAfter) : contacted,
    });
  }
  for (let i = 0; i < contacts.length; i += 2_000) {
    await db
      .insertInto("case_contact")
      .values(contacts.slice(i, i + 2_000))
      .execute();
  }
  if (updates.length > 0) {
    const column = <K extends keyof (typeof updates)[number]>(key: K) => updates.map((u) => u[key]);
    await sql`
      update service_case sc set status = u.status, contacted_at = u.contacted, resolved_at = u.resolved,
        closed_at = u.closed, cause_id = u.cause_id, cause_notes = u.cause_notes, fix = u.fix, reply = u.reply,
        escalated_at = u.escalated, recovery_score = u.recovery_score, recovered = u.recovered,
        updated_at = u.updated
      from unnest(${column("id")}::bigint[], ${column("status")}::text[], ${column("contacted")}::timestamptz[],
        ${column("resolved")}::timestamptz[], ${column("closed")}::timestamptz[], ${column("causeId")}::bigint[],
        ${column("causeNotes")}::text[], ${column("fix")}::text[], ${column("reply")}::text[],
        ${column("escalated")}::timestamptz[], ${column("recoveryScore")}::float8[],
        ${column("recovered")}::boolean[], ${column("updated")}::timestamptz[])
        as u(id, status, contacted, resolved, closed, cause_id, cause_notes, fix, reply, escalated,
          recovery_score, recovered, updated)
      where sc.id = u.id`.execute(db);
  }
  return { cases: opened };
}
