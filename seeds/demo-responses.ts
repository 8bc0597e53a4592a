import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { createStaffUser } from "../src/accounts/staff-user.service.ts";
import { copyCustomerAttributes } from "../src/customers/customer-as-answered.ts";
import type { Database } from "../src/db/database.ts";
import {
  allItems,
  parseDefinition,
  type QuestionnaireDefinition,
} from "../src/questionnaires/questionnaire-definition.ts";
import { type Answers, answerRows, checkAnswers, scoreAnswers } from "../src/responses/answers.ts";

/**
 * A year of generated responses for the demo questionnaires, so that last month's report has every
 * section filled: a 三诚 survey every month (web, email, phone and visit), the after-service survey,
 * half a year of SERVQUAL and a quarter of Kano. Deterministic (seeded), bulk inserted (a few
 * thousand responses in about a second), and answered through the same checks and scoring as real
 * submissions.
 */

/** Mulberry32: small, fast, deterministic. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ["上海", "北京", "杭州", "广州", "深圳"];
const REGION_EFFECT: Record<string, number> = {
  上海: 0.05,
  北京: 0.02,
  杭州: 0.06,
  广州: -0.12,
  深圳: -0.02,
};
const CHANNELS = ["个险", "银保", "团险", "电销", "网销"];
const CHANNEL_EFFECT: Record<string, number> = { 个险: 0.04, 银保: -0.03, 团险: 0.05, 电销: -0.08, 网销: 0 };
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗".split("");
const GIVEN = "伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平刚桂英华玉兰".split("");
const COMPANIES = ["物流", "制造", "科技", "贸易", "建设", "医药", "餐饮", "电子"];

const COMMENTS_PROMISE = [
  "说好三天回电，结果等了一周",
  "理赔进度没有按承诺通知我",
  "保单变更拖了一个月才办好",
  "业务员承诺的优惠后来不算数了",
  "答应上门服务，临时取消也没提前说",
];
const COMMENTS_IMPROVE = [
  "希望理赔材料能在手机上一次提交",
  "热线等待时间太长，经常要等十几分钟",
  "网点太少，周末也希望能办业务",
  "希望费用说明更清楚一些",
  "客服态度很好，但问题解决得慢",
  "App 经常要重新登录",
  "希望有专属客户经理跟进",
  "续保提醒来得太晚",
];
const COMMENTS_UNRESOLVED = ["还在等理赔款", "问题转了好几个部门", "只解决了一半，还要再跑一趟"];

const SATISFACTION_KEYS = ["very_satisfied", "satisfied", "basically_satisfied", "dissatisfied"] as const;
const KANO = ["like", "must-be", "neutral", "live-with", "dislike"] as const;

interface DemoCustomer {
  id: number;
  region: string;
  channel: string;
  effect: number;
}

/**
 * The last `count` months up to `now`: `end` is where their responses stop (`now` in the current
 * month), `closes` when their email wave closes: the month's end, and for the current month at least a
 * week after `now`, so the demo's newest wave is still taking answers on the day it is loaded.
 */
function monthsBack(now: Date, count: number): { start: Date; end: Date; closes: Date }[] {
  const months: { start: Date; end: Date; closes: Date }[] = [];
  const weekLater = new Date(now.getTime() + 7 * 86_400_000);
  for (let i = count - 1; i >= 0; i -= 1) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i + 1, 1));
    const closes = next <= now ? next : next < weekLater ? weekLater : next;
    months.push({ start, end: next < now ? next : now, closes });
  }
  return months;
}

/**
 * Adds demo customers, three more customer managers and a year of responses to the demo
 * questionnaires, unless responses exist already.
 */
export async function seedDemoResponses(db: Kysely<Database>, now: Date): Promise<{ responses: number }> {
  const existing = await db.selectFrom("response").select("id").limit(1).executeTakeFirst();
  if (existing) return { responses: 0 };
  const rand = generator(20261101);
  const chance = (p: number) => rand() < p;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(rand() * values.length)] as T;
  const normal = () => {
    const u = Math.max(rand(), 1e-9);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };

  const staff = await db.selectFrom("staff_user").select(["id", "username", "role"]).execute();
  const quality = staff.find((s) => s.role === "quality")?.id ?? null;
  const managers = staff.filter((s) => s.role === "customer_manager").map((s) => s.id);
  for (const [username, displayName] of [
    ["cm.li", "客户经理 李娜"],
    ["cm.wang", "客户经理 王强"],
    ["cm.zhao", "客户经理 赵磊"],
  ] as const) {
    if (staff.some((s) => s.username === username)) continue;
    // Demo colleagues for the managers' ranking; they have random passwords and are not demo logins.
    const user = await createStaffUser(db, null, {
      username,
      displayName,
      role: "customer_manager",
      password: randomBytes(18).toString("base64url"),
      email: null,
    });
    managers.push(user.id);
  }

  // 600 customers: each manager looks after the customers of one or two regions.
  const customerRows = Array.from({ length: 600 }, (_, i) => {
    const business = chance(0.18);
    const region = REGIONS[i % REGIONS.length] as string;
    const name = business
      ? `${region}${pick(COMPANIES)}${pick(["有限公司", "集团", "股份有限公司"])}`
      : `${pick(SURNAMES)}${pick(GIVEN)}${chance(0.5) ? pick(GIVEN) : ""}`;
    return {
      external_ref: `R${String(i + 1).padStart(5, "0")}`,
      name,
      email: null,
      phone: null,
      customer_type: business ? "business" : "individual",
      channel: business ? "团险" : pick(CHANNELS.filter((c) => c !== "团险")),
      value_tier: pick(["MVC", "MGC", "MGC", "LVC", "LVC", "LVC", "BZ"]),
      activity: pick(["active", "active", "active", "semi_dormant", "dormant"]),
      region,
      manager_user_id: chance(0.85) ? (managers[(i % REGIONS.length) % managers.length] ?? null) : null,
    };
  });
  const inserted = await db
    .insertInto("customer")
    .values(customerRows)
    .returning(["id", "region", "channel", "value_tier"])
    .execute();
  const customers: DemoCustomer[] = inserted.map((row) => ({
    id: row.id,
    region: row.region ?? "",
    channel: row.channel ?? "",
    effect:
      (REGION_EFFECT[row.region ?? ""] ?? 0) +
      (CHANNEL_EFFECT[row.channel ?? ""] ?? 0) +
      (row.value_tier === "MVC" ? 0.04 : row.value_tier === "BZ" ? -0.06 : 0),
  }));

  const waves = await db
    .selectFrom("wave")
    .innerJoin("questionnaire_version", "questionnaire_version.id", "wave.questionnaire_version_id")
    .select(["wave.id", "wave.slug", "wave.questionnaire_version_id", "questionnaire_version.definition"])
    .execute();
  const waveOf = (slug: string) => {
    const wave = waves.find((w) => w.slug === slug);
    if (!wave) return undefined;
    const parsed = parseDefinition(wave.definition);
    return parsed.ok
      ? { id: wave.id, versionId: wave.questionnaire_version_id, definition: parsed.definition }
      : undefined;
  };

  interface Planned {
    waveId: number | null;
    versionId: number;
    definition: QuestionnaireDefinition;
    customerId: number | null;
    mode: "web" | "email" | "phone" | "visit";
    at: Date;
    answers: Answers;
    /** an email response answers its month's invitation */
    invitedAt?: Date;
    responseId?: number;
  }
  const planned: Planned[] = [];
  // One email wave a month: its invitations (answered or not) give the report its response rate.
  const emailWaves: { waveId: number; invited: Set<number>; month: { start: Date; end: Date } }[] = [];
  const months = monthsBack(now, 13);
  const at = (month: { start: Date; end: Date }) =>
    new Date(month.start.getTime() + rand() * (month.end.getTime() - month.start.getTime()));
  const level = (value: number) =>
    value > 0.92
      ? SATISFACTION_KEYS[0]
      : value > 0.5
        ? SATISFACTION_KEYS[1]
        : value > 0.14
          ? SATISFACTION_KEYS[2]
          : SATISFACTION_KEYS[3];

  const sancheng = waveOf("sancheng-2026");
  const after = waveOf("after-service");
  const servqual = waveOf("servqual-2026");
  const kano = waveOf("kano-2026");
  const ITEM_EFFECT: Record<string, number> = {
    attitude: 0.22,
    listening: 0.12,
    care: 0.05,
    promise: -0.06,
    transparency: -0.12,
    accuracy: 0.08,
    speed: -0.14,
    resolution: -0.08,
    channels: 0.0,
    overall: 0.08,
    staff: 0.14,
    timeliness: -0.1,
  };

  const emailWaveIds: number[] = [];
  if (sancheng) {
    for (const month of months) {
      const label = `${month.start.getUTCFullYear()}年${month.start.getUTCMonth() + 1}月`;
      const wave = await db
        .insertInto("wave")
        .values({
          questionnaire_id: (
            await db
              .selectFrom("questionnaire_version")
              .select("questionnaire_id")
              .where("id", "=", sancheng.versionId)
              .executeTakeFirstOrThrow()
          ).questionnaire_id,
          questionnaire_version_id: sancheng.versionId,
          name: `${label}满意度邮件调查`,
          channel: "email",
          opens_at: month.start,
          closes_at: month.closes,
          launched_at: month.start,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      emailWaveIds.push(wave.id);
    }
  }
  months.forEach((month, index) => {
    // The year improves slowly, with a dip four months ago (a claims backlog).
    const season = 0.02 * index - (index === months.length - 5 ? 0.1 : 0);
    const share = (month.end.getTime() - month.start.getTime()) / (31 * 86_400_000);
    if (sancheng) {
      const count = Math.round((380 + rand() * 50) * share);
      const emailWave = emailWaveIds[index] as number;
      const invited = new Set<number>();
      emailWaves.push({ waveId: emailWave, invited, month });
      for (let i = 0; i < count; i += 1) {
        let customer = chance(0.9) ? pick(customers) : null;
        let mode = pick(["web", "web", "web", "email", "email", "phone", "visit"] as const);
        if (mode === "email") {
          // each customer is invited once a month
          const from = Math.floor(rand() * customers.length);
          customer =
            customers.find((candidate, n) => n >= from && !invited.has(candidate.id)) ??
            customers.find((candidate) => !invited.has(candidate.id)) ??
            null;
          if (customer) invited.add(customer.id);
          else mode = "web";
        }
        const mood = 0.45 + season + (customer?.effect ?? 0) + 0.22 * normal();
        const answers: Answers = {};
        for (const key of Object.keys(ITEM_EFFECT).slice(0, 9)) {
          answers[key] = level(mood + (ITEM_EFFECT[key] ?? 0) + 0.25 * normal());
        }
        if (
          (answers.promise === "dissatisfied" || answers.promise === "basically_satisfied") &&
          chance(0.6)
        ) {
          answers.promise_reason = pick(COMMENTS_PROMISE);
        }
        answers.recommend = Math.max(0, Math.min(10, Math.round(7 + 6 * (mood - 0.45) + 1.5 * normal())));
        if (chance(0.3)) answers.improve = pick(COMMENTS_IMPROVE);
        const answeredAt = at(month);
        planned.push({
          waveId: mode === "web" ? sancheng.id : mode === "email" ? emailWave : null,
          versionId: sancheng.versionId,
          definition: sancheng.definition,
          customerId:
            mode === "web"
              ? chance(0.7)
                ? (customer?.id ?? null)
                : null
              : (customer?.id ?? pick(customers).id),
          mode,
          at: answeredAt,
          answers,
          ...(mode === "email"
            ? {
                invitedAt: new Date(
                  Math.max(month.start.getTime(), answeredAt.getTime() - (1 + rand() * 4) * 86_400_000),
                ),
              }
            : {}),
        });
      }
    }
    if (after) {
      const count = Math.round((60 + rand() * 20) * share);
      for (let i = 0; i < count; i += 1) {
        const customer = pick(customers);
        const mood = 0.5 + season + customer.effect + 0.22 * normal();
        const answers: Answers = {
          overall: level(mood + 0.08 + 0.2 * normal()),
          staff: level(mood + 0.14 + 0.2 * normal()),
          timeliness: level(mood - 0.1 + 0.2 * normal()),
          resolved: mood > 0.35 ? "yes" : mood > 0.15 ? "partly" : "no",
          recommend: Math.max(0, Math.min(10, Math.round(7 + 6 * (mood - 0.45) + 1.5 * normal()))),
        };
        if (answers.resolved !== "yes" && chance(0.7)) answers.unresolved_detail = pick(COMMENTS_UNRESOLVED);
        planned.push({
          waveId: after.id,
          versionId: after.versionId,
          definition: after.definition,
          customerId: customer.id,
          mode: pick(["web", "phone"] as const),
          at: at(month),
          answers,
        });
      }
    }
    if (servqual && index >= months.length - 7) {
      const gaps: Record<string, number> = { t: -0.4, r: -1.0, s: -1.4, a: -0.6, e: -0.8 };
      for (let i = 0; i < Math.round(55 * share); i += 1) {
        const customer = pick(customers);
        const answers: Answers = {};
        for (const item of allItems(servqual.definition)) {
          if (item.type !== "servqual") continue;
          const expectation = Math.max(1, Math.min(7, Math.round(6.2 + 0.7 * normal())));
          const perception = Math.max(
            1,
            Math.min(
              7,
              Math.round(expectation + (gaps[item.key[0] ?? "t"] ?? 0) + 0.1 * index + 0.9 * normal()),
            ),
          );
          answers[item.key] = { expectation, perception };
        }
        const raw = [30, 22, 20, 16, 12].map((w) => Math.max(0, w + 5 * normal()));
        const total = raw.reduce((a, b) => a + b, 0);
        const points = raw.map((w) => Math.floor((w / total) * 100));
        points[0] = (points[0] ?? 0) + 100 - points.reduce((a, b) => a + b, 0);
        answers.importance = {
          reliability: points[0] ?? 0,
          responsiveness: points[1] ?? 0,
          assurance: points[2] ?? 0,
          empathy: points[3] ?? 0,
          tangibles: points[4] ?? 0,
        };
        planned.push({
          waveId: servqual.id,
          versionId: servqual.versionId,
          definition: servqual.definition,
          customerId: customer.id,
          mode: "web",
          at: at(month),
          answers,
        });
      }
    }
    if (kano && index >= months.length - 4) {
      // Functional / dysfunctional answer weights per feature (like, must-be, neutral, live-with, dislike).
      const profiles: Record<string, [number[], number[]]> = {
        online_claims: [
          [6, 1, 1, 1, 0.2],
          [0.2, 1, 2, 3, 3],
        ],
        hotline_24h: [
          [2, 5, 2, 1, 0.2],
          [0.1, 0.5, 1, 1, 7],
        ],
        claim_progress: [
          [6, 1, 1, 0.5, 0.1],
          [0.1, 0.5, 1, 1, 6],
        ],
        e_policy: [
          [2, 1, 5, 2, 0.3],
          [0.3, 1, 5, 3, 1],
        ],
        video_survey: [
          [5, 0.5, 2, 1, 0.5],
          [0.5, 0.5, 4, 3, 0.5],
        ],
        personal_manager: [
          [4, 2, 2, 1, 0.3],
          [0.3, 1, 3, 2, 3],
        ],
      };
      const weighted = (weights: number[]) => {
        let r = rand() * weights.reduce((a, b) => a + b, 0);
        for (let w = 0; w < weights.length; w += 1) {
          r -= weights[w] as number;
          if (r <= 0) return KANO[w] as (typeof KANO)[number];
        }
        return KANO[KANO.length - 1] as (typeof KANO)[number];
      };
      for (let i = 0; i < Math.round(70 * share); i += 1) {
        const answers: Answers = {};
        for (const [feature, [functional, dysfunctional]] of Object.entries(profiles)) {
          answers[feature] = { functional: weighted(functional), dysfunctional: weighted(dysfunctional) };
          if (chance(0.85)) {
            const base =
              {
                online_claims: 7.5,
                hotline_24h: 8,
                claim_progress: 7.8,
                e_policy: 5,
                video_survey: 5.5,
                personal_manager: 6.5,
              }[feature] ?? 6;
            answers[`imp_${feature}`] = Math.max(1, Math.min(9, Math.round(base + 1.2 * normal())));
          }
        }
        planned.push({
          waveId: kano.id,
          versionId: kano.versionId,
          definition: kano.definition,
          customerId: pick(customers).id,
          mode: "web",
          at: at(month),
          answers,
        });
      }
    }
  });

  planned.sort((a, b) => a.at.getTime() - b.at.getTime());
  const chunk = 1_000;
  for (let start = 0; start < planned.length; start += chunk) {
    const batch = planned.slice(start, start + chunk).map((p) => {
      const checked = checkAnswers(p.definition, p.answers, { complete: true });
      if (checked.issues.length > 0) {
        throw new Error(
          `demo response is not valid: ${checked.issues[0]?.itemKey} ${checked.issues[0]?.code}`,
        );
      }
      return { ...p, answers: checked.answers, score: scoreAnswers(p.definition, checked.answers) };
    });
    // Ids are taken from the identity's sequence first, so each response's answer rows know their id.
    const ids = await sql<{ id: number }>`
      select nextval(pg_get_serial_sequence('response', 'id'))::bigint as id
      from generate_series(1, ${batch.length}::int)`.execute(db);
    await sql`
      insert into response (id, wave_id, questionnaire_version_id, customer_id, mode, recorded_by, status, locale,
        draft_answers, respondent_score, started_at, updated_at, submitted_at)
      overriding system value
      select i, w, v, c, m, rb, 'submitted', 'zh-CN', a::jsonb, s, t - interval '4 minutes', t, t
      from unnest(${ids.rows.map((row) => row.id)}::bigint[], ${batch.map((p) => p.waveId)}::bigint[],
        ${batch.map((p) => p.versionId)}::bigint[], ${batch.map((p) => p.customerId)}::bigint[],
        ${batch.map((p) => p.mode)}::text[],
        ${batch.map((p) => (p.mode === "phone" || p.mode === "visit" ? quality : null))}::bigint[],
        ${batch.map((p) => JSON.stringify(p.answers))}::text[], ${batch.map((p) => p.score)}::float8[],
        ${batch.map((p) => p.at.toISOString())}::timestamptz[]) as x(i, w, v, c, m, rb, a, s, t)`.execute(db);
    // As a submit does: the customer's reference and segment attributes as they are when they answer.
    await sql`
      update response r set ${copyCustomerAttributes("c")}, customer_ref = c.external_ref
      from customer c
      where c.id = r.customer_id and r.id = any(${ids.rows.map((row) => row.id)}::bigint[])`.execute(db);
    planned.slice(start, start + chunk).forEach((p, i) => {
      p.responseId = ids.rows[i]?.id;
    });
    const rows = batch.flatMap((p, i) =>
      answerRows(p.definition, p.answers).map((row) => ({ ...row, responseId: ids.rows[i]?.id as number })),
    );
    for (let offset = 0; offset < rows.length; offset += 10_000) {
      const part = rows.slice(offset, offset + 10_000);
      await sql`
        insert into answer (response_id, item_key, part, number, text)
        select * from unnest(${part.map((r) => r.responseId)}::bigint[], ${part.map((r) => r.itemKey)}::text[],
          ${part.map((r) => r.part)}::text[], ${part.map((r) => r.number)}::float8[], ${part.map((r) => r.text)}::text[])`.execute(
        db,
      );
    }
  }
  // Invitations: every email response answered one; about 40% more customers were invited and did not answer.
  const invitations: {
    waveId: number;
    customerId: number;
    sentAt: Date;
    completedAt: Date | null;
    responseId: number | null;
  }[] = [];
  for (const p of planned) {
    if (p.invitedAt && p.customerId !== null && p.waveId !== null) {
      invitations.push({
        waveId: p.waveId,
        customerId: p.customerId,
        sentAt: p.invitedAt,
        completedAt: p.at,
        responseId: p.responseId ?? null,
      });
    }
  }
  for (const wave of emailWaves) {
    const silent = Math.round(wave.invited.size * 0.65);
    for (let i = 0, n = 0; n < silent && i < customers.length; i += 1) {
      const customer = customers[(i * 7 + wave.waveId) % customers.length] as DemoCustomer;
      if (wave.invited.has(customer.id)) continue;
      wave.invited.add(customer.id);
      n += 1;
      const sentAt = new Date(
        wave.month.start.getTime() + rand() * (wave.month.end.getTime() - wave.month.start.getTime()),
      );
      invitations.push({
        waveId: wave.waveId,
        customerId: customer.id,
        sentAt,
        completedAt: null,
        responseId: null,
      });
    }
  }
  for (let offset = 0; offset < invitations.length; offset += 5_000) {
    const part = invitations.slice(offset, offset + 5_000);
    await db
      .insertInto("invitation")
      .values(
        part.map((invitation) => ({
          wave_id: invitation.waveId,
          customer_id: invitation.customerId,
          status: "sent",
          first_sent_at: invitation.sentAt,
          last_sent_at: invitation.sentAt,
          completed_at: invitation.completedAt,
          response_id: invitation.responseId,
        })),
      )
      .execute();
  }
  return { responses: planned.length };
}
