import { sql } from "kysely";
import { CUSTOMER_AS_ANSWERED_COLUMNS, customerAttributesOf } from "../customers/customer-as-answered.ts";
import type { Db } from "../db/database.ts";
import type { Bilingual } from "../i18n/bilingual.ts";
import { latestPublishedVersionId } from "../questionnaires/published-versions.ts";

/**
 * Standing waves: waves manyi keeps open and adds customers to one at a time, instead of copying an
 * audience at launch — the recovery survey after a follow-up case today, surveys after service events
 * later. Each has a key that finds it again (e.g. `recovery:12:email:2026-12`); it is launched when
 * made, has no closing date, and its audience is "individual", so a launch (or a relaunch) adds no one.
 * Its invitations are sent and answered like any other wave's, and it is listed with the others.
 */

export interface StandingWaveSpec {
  readonly key: string;
  readonly questionnaireId: number;
  readonly channel: "email" | "staff";
  readonly name: string;
  /** the messages' own texts (merge fields as for any wave); the defaults otherwise */
  readonly subject?: Bilingual;
  readonly body?: Bilingual;
  readonly defaultLocale?: "zh-CN" | "en";
}

/**
 * The standing wave of a key, made at its first use with the questionnaire's newest published version;
 * undefined when the questionnaire has none. Two requests making it at once get the same wave.
 */
export async function standingWave(db: Db, spec: StandingWaveSpec, now: Date): Promise<number | undefined> {
  const existing = await db
    .selectFrom("wave")
    .select("id")
    .where("standing_key", "=", spec.key)
    .executeTakeFirst();
  if (existing) return existing.id;
  const versionId = await latestPublishedVersionId(db, spec.questionnaireId);
  if (versionId === undefined) return undefined;
  await db
    .insertInto("wave")
    .values({
      questionnaire_id: spec.questionnaireId,
      questionnaire_version_id: versionId,
      name: spec.name,
      channel: spec.channel,
      standing_key: spec.key,
      audience: JSON.stringify({ kind: "individual" }),
      subject: spec.subject ? JSON.stringify(spec.subject) : null,
      body: spec.body ? JSON.stringify(spec.body) : null,
      default_locale: spec.defaultLocale ?? "zh-CN",
      launched_at: now,
    })
    .onConflict((oc) => oc.column("standing_key").doNothing())
    .execute();
  const made = await db
    .selectFrom("wave")
    .select("id")
    .where("standing_key", "=", spec.key)
    .executeTakeFirstOrThrow();
  return made.id;
}

export interface StandingInvitation {
  readonly invitationId: number;
  /** the customer was in this wave already and has answered it */
  readonly answered: boolean;
  /** an e-mail is queued (an e-mail wave, an address, not opted out) */
  readonly queued: boolean;
}

/**
 * Adds one customer to a standing wave: an e-mail wave queues their message (sent by the dispatch job
 * within a minute), a staff wave puts them on `assignedTo`'s call list. A customer already in the wave
 * keeps their invitation (one a wave), which is returned with whether they answered it.
 */
export async function inviteToStandingWave(
  db: Db,
  waveId: number,
  customerId: number,
  assignedTo: number | null,
  now: Date,
): Promise<StandingInvitation> {
  const inserted = await sql<{ id: number; status: string }>`
    insert into invitation (wave_id, customer_id, email, locale, assigned_to, status, next_attempt_at,
      ${sql.join(CUSTOMER_AS_ANSWERED_COLUMNS.map((column) => sql.ref(column)))})
    select w.id, c.id, c.email,
      case when c.locale in ('zh-CN', 'en') then c.locale else w.default_locale end,
      case when w.channel = 'staff' then ${assignedTo}::bigint else null end,
      case when w.channel = 'email' and c.email is not null and c.email <> '' and c.opted_out_at is null
        then 'queued' else 'not_sent' end,
      ${now}, ${customerAttributesOf("c")}
    from wave w, customer c where w.id = ${waveId} and c.id = ${customerId}
    on conflict (wave_id, customer_id) do nothing
    returning id, status`.execute(db);
  const row = inserted.rows[0];
  if (row) return { invitationId: row.id, answered: false, queued: row.status === "queued" };
  const existing = await db
    .selectFrom("invitation")
    .select(["id", "completed_at", "status"])
    .where("wave_id", "=", waveId)
    .where("customer_id", "=", customerId)
    .executeTakeFirstOrThrow();
  return {
    invitationId: existing.id,
    answered: existing.completed_at !== null,
    queued: existing.status === "queued",
  };
}
