import type { FieldIssue } from "../errors.ts";
import type { CaseRule } from "./case.ts";

/** The bounds of a rule's numbers (the table checks the time limits too). */
export const RULE_LIMITS = {
  threshold: { min: 0, max: 100 },
  contactHours: { min: 1, max: 720 },
  resolveDays: { min: 1, max: 365 },
  unreachableAfter: { min: 1, max: 20 },
} as const;

/**
 * What is wrong with a rule as a whole, each at a field of the rule form: a rule switched on that
 * nothing can fire, or a first contact allowed later than the resolution.
 */
export function ruleProblems(rule: CaseRule): FieldIssue[] {
  const problems: FieldIssue[] = [];
  const fires =
    rule.onDissatisfied ||
    rule.onBasicallySatisfied ||
    rule.npsDetractor ||
    rule.onNo ||
    rule.scoreBelow !== null ||
    rule.commentScoreBelow !== null;
  if (rule.enabled && !fires)
    problems.push({ field: "conditions", message: { key: "cases.rule.error.noCondition" } });
  if (rule.contactHours > rule.resolveDays * 24)
    problems.push({ field: "contactHours", message: { key: "cases.rule.error.contactAfterResolve" } });
  return problems;
}
