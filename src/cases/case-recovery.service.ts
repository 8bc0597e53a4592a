import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import { inviteToStandingWave, standingWave } from "../distribution/standing-wave.ts";
import { translate } from "../i18n/i18n.ts";
import { dayIn } from "../lib/time.ts";
import { findPublishedVersion } from "../questionnaires/published-versions.ts";
import { scaleOf } from "../questionnaires/questionnaire-definition.ts";
import { DEFAULT_RULE, type RecoverySkipped } from "./case.ts";
import { findCaseRules } from "./case-opening.repository.ts";
import { RECOVERY_MESSAGE } from "./case-recovery-texts.ts";

/**
 * The recovery survey (跟进回访): when a case is resolved and its questionnaire's rule names a recovery
 * questionnaire, the customer is asked it — by e-mail with a personal link, or on the call list of who
 * handled the case. It goes through a standing wave of the month (one a questionnaire, channel and
 * month), so a customer gets at most one recovery survey a month: one who answered it already this
 * month is not asked again for a second case (recorded as "surveyed"). The answer, when it comes, is
 * recorded on the case with its score; the customer is **recovered** when that score reaches the
 * scale's second level (满意, 90 on the 100/90/75/60 scale) or better.
 */

/**
 * Asks the resolved case's customer for the recovery survey, in the transaction that resolved it. A
 * case asked once (resolved, reopened, resolved again) is not asked twice.
 */
export async function requestRecovery(
  trx: Kysely<Database>,
  caseId: number,
  resolvedBy: number,
  now: Date,
  timeZone: string,
): Promise<void> {
  const c = await trx
    .selectFrom("service_case")
    .select(["questionnaire_id", "customer_id", "assigned_to", "recovery_invitation_id"])
    .where("id", "=", caseId)
    .executeTakeFirstOrThrow();
  if (c.recovery_invitation_id !== null) return;
  const rule = (await findCaseRules(trx, [c.questionnaire_id])).get(c.questionnaire_id) ?? DEFAULT_RULE;
  if (rule.recoveryQuestionnaireId === null) return;
  const skip = (reason: RecoverySkipped) =>
    trx.updateTable("service_case").set({ recovery_skipped: reason }).where("id", "=", caseId).execute();
  if (c.customer_id === null) return void (await skip("no_customer"));
  const month = dayIn(now, timeZone).slice(0, 7);
  const channel = rule.recoveryChannel === "email" ? "email" : "staff";
  const waveId = await standingWave(
    trx,
    {
      key: `recovery:${rule.recoveryQuestionnaireId}:${channel}:${month}`,
      questionnaireId: rule.recoveryQuestionnaireId,
      channel,
      name: translate("zh-CN", `cases.recovery.waveName.${rule.recoveryChannel}`, { month }),
      subject: RECOVERY_MESSAGE.subject,
      body: RECOVERY_MESSAGE.body,
    },
    now,
  );
  if (waveId === undefined) return void (await skip("unpublished"));
  const invited = await inviteToStandingWave(trx, waveId, c.customer_id, c.assigned_to ?? resolvedBy, now);
  if (invited.answered) return void (await skip("surveyed"));
  if (channel === "email" && !invited.queued) return void (await skip("no_email"));
  await trx
    .updateTable("service_case")
    .set({ recovery_invitation_id: invited.invitationId, recovery_skipped: null })
    .where("id", "=", caseId)
    .execute();
}

/**
 * Records the recovery answers that came in: each case whose recovery invitation has a submitted
 * response gets it, its respondent score, and whether the customer is recovered.
 *
 * @returns how many cases got their answer
 */
export async function recordRecoveryAnswers(db: Kysely<Database>): Promise<number> {
  const answered = await db
    .selectFrom("service_case as sc")
    .innerJoin("invitation as i", "i.id", "sc.recovery_invitation_id")
    .innerJoin("response as r", "r.id", "i.response_id")
    .select(["sc.id", "r.id as response_id", "r.respondent_score", "r.questionnaire_version_id"])
    .where("sc.recovery_response_id", "is", null)
    .where("sc.recovery_invitation_id", "is not", null)
    .where("r.status", "=", "submitted")
    .execute();
  for (const row of answered) {
    const version = await findPublishedVersion(db, row.questionnaire_version_id);
    const levels = version ? scaleOf(version.definition).levels : [];
    // the second level from the top (满意) or better; a two-level scale: its top
    const bar = (levels[1] ?? levels[0])?.points;
    await db
      .updateTable("service_case")
      .set({
        recovery_response_id: row.response_id,
        recovery_score: row.respondent_score,
        recovered: row.respondent_score === null || bar === undefined ? null : row.respondent_score >= bar,
      })
      .where("id", "=", row.id)
      .where("recovery_response_id", "is", null)
      .execute();
  }
  return answered.length;
}
