import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";

/** The figures on the home pages of quality staff, managers and customer managers. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a quality staff member runs: questionnaires, waves taking answers, recent responses. */
export async function qualityOverview(db: Kysely<Database>, now: Date) {
  const [questionnaires, openWaves, recent] = await Promise.all([
    db
      .selectFrom("questionnaire as q")
      .select((eb) => [
        eb.fn.countAll<number>().as("all"),
        eb.fn
          .count<number>("q.id")
          .filterWhere((e) =>
            e.exists(
              e
                .selectFrom("questionnaire_version as v")
                .select("v.id")
                .whereRef("v.questionnaire_id", "=", "q.id")
                .where("v.status", "=", "published"),
            ),
          )
          .as("published"),
      ])
      .where("q.archived_at", "is", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("wave")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      // an open link takes answers between its dates; email and staff waves once they are launched
      .where((eb) => eb.or([eb("channel", "=", "web"), eb("launched_at", "is not", null)]))
      .where((eb) => eb.or([eb("opens_at", "is", null), eb("opens_at", "<=", now)]))
      .where((eb) => eb.or([eb("closes_at", "is", null), eb("closes_at", ">", now)]))
      .executeTakeFirstOrThrow(),
    recentResponses(db, now),
  ]);
  return {
    questionnaires: Number(questionnaires.all),
    publishedQuestionnaires: Number(questionnaires.published),
    openWaves: Number(openWaves.n),
    responsesLast30Days: recent,
  };
}

/** Submitted responses in the 30 days up to `now`. */
export async function recentResponses(db: Kysely<Database>, now: Date): Promise<number> {
  const row = await db
    .selectFrom("response")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "submitted")
    .where("submitted_at", ">", new Date(now.getTime() - 30 * DAY_MS))
    .where("submitted_at", "<=", now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether any response was ever submitted (before that, there is no report to read). */
export async function anySubmitted(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom("response")
    .select("id")
    .where("status", "=", "submitted")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A customer manager's own customers and the calls or visits still to make in open staff waves. */
export async function customerManagerOverview(db: Kysely<Database>, userId: number, now: Date) {
  const [customers, calls] = await Promise.all([
    db
      .selectFrom("customer")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("manager_user_id", "=", userId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("invitation as i")
      .innerJoin("wave as w", "w.id", "i.wave_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("i.assigned_to", "=", userId)
      .where("i.completed_at", "is", null)
      .where("w.channel", "=", "staff")
      .where("w.launched_at", "is not", null)
      .where((eb) => eb.or([eb("w.closes_at", "is", null), eb("w.closes_at", ">", now)]))
      .executeTakeFirstOrThrow(),
  ]);
  return { customers: Number(customers.n), callsToMake: Number(calls.n) };
}
