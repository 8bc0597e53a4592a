import type { Kysely } from "kysely";
import { hasPermission } from "../accounts/roles.ts";
import type { Actor } from "../accounts/staff-user.service.ts";
import { insertAuditEntry } from "../audit/audit-log.repository.ts";
import type { Database } from "../db/database.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { findPublishedVersion, latestPublishedVersionId } from "../questionnaires/published-versions.ts";
import { lockQuestionnaire } from "../questionnaires/questionnaire.repository.ts";
import { allItems } from "../questionnaires/questionnaire-definition.ts";
import type { CaseRule } from "./case.ts";
import { upsertCaseRule } from "./case-opening.repository.ts";
import { ruleProblems } from "./case-rule.ts";

/**
 * Whether a questionnaire can be a recovery survey: published, and asking at least one satisfaction
 * item (recovered is read from its score).
 */
async function scoresSatisfaction(db: Kysely<Database>, questionnaireId: number): Promise<boolean> {
  const versionId = await latestPublishedVersionId(db, questionnaireId);
  const version = versionId === undefined ? undefined : await findPublishedVersion(db, versionId);
  return version !== undefined && allItems(version.definition).some((item) => item.type === "satisfaction");
}

/**
 * Saves a questionnaire's follow-up rule (quality staff), audited as `case_rule.saved`. It applies to
 * the responses the rules look at from then on; cases already opened keep their time limits.
 *
 * @throws ValidationError for a rule that cannot fire or whose contact limit outlasts its resolve limit
 */
export async function saveCaseRule(
  db: Kysely<Database>,
  actor: Actor,
  questionnaireId: number,
  rule: CaseRule,
  now: Date,
): Promise<void> {
  if (!hasPermission(actor.user.role, "cases.manage")) throw new ForbiddenError();
  const problems = ruleProblems(rule);
  if (problems.length > 0) throw new ValidationError("The follow-up rule is not valid", problems);
  await db.transaction().execute(async (trx) => {
    if (!(await lockQuestionnaire(trx, questionnaireId))) throw new NotFoundError("No such questionnaire");
    if (
      rule.recoveryQuestionnaireId !== null &&
      !(await scoresSatisfaction(trx, rule.recoveryQuestionnaireId))
    )
      throw new ValidationError(
        "The recovery survey must be a published questionnaire with satisfaction items",
        [{ field: "recoveryQuestionnaireId", message: { key: "cases.rule.error.recovery" } }],
      );
    await upsertCaseRule(trx, questionnaireId, rule, actor.user.id, now);
    await insertAuditEntry(trx, {
      action: "case_rule.saved",
      actorUserId: actor.user.id,
      actorName: actor.user.username,
      targetType: "case_rule",
      targetId: questionnaireId,
      ip: actor.ip,
      details: { ...rule },
    });
  });
}
