import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import { parseDefinition } from "../questionnaires/questionnaire-definition.ts";
import { caseTriggers, DEFAULT_RULE, dueDates, worstDepartment } from "./case.ts";
import {
  claimUncheckedResponses,
  findCaseRules,
  findVersionDefinitions,
  insertCases,
  loadCheckedResponses,
  markCaseChecked,
  type NewCase,
  queueCaseNotices,
  queueDepartmentNotices,
} from "./case-opening.repository.ts";
import { loadWorkCalendar } from "./work-calendar.repository.ts";

/**
 * A page that opens the pending cases before it reads (the case list, the menu's counts) takes at most
 * this many batches (500 responses take about 0.4 s), so a backlog never holds up a page for long: the
 * case job takes the rest.
 */
export const OPENING_BATCHES = 1;

export interface OpenCasesOptions {
  now: () => Date;
  /** the organisation's zone, where working days are counted */
  timeZone: string;
  batchSize?: number;
  maxBatches?: number;
  /**
   * The share of the time spent opening (0–1] when more batches follow: after each batch it rests the
   * rest, so that a backlog does not take the CPU from submissions. 1 (no rest) when not given.
   */
  dutyCycle?: number;
}

/**
 * How the case job opens cases: up to 20 batches a minute, opening a tenth of the time. Measured on the
 * 2-core machine while every submitted response opened a case (`npm run bench -- submit`): opening
 * without rest cost submissions 30% of their throughput, a quarter of the time 8–18%, a tenth 0–8%,
 * while still opening about 540 cases a second.
 */
export const JOB_OPENING = { maxBatches: 20, dutyCycle: 0.1 } as const;

const rest = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens the follow-up cases of every submitted response the rules have not looked at yet, in batches:
 * each batch claims its responses, opens their cases (one per response, listing every trigger),
 * queues the assignees' e-mails and marks the responses looked at, in one transaction. A crash loses
 * nothing and opens nothing twice: the batch is retried whole. Nothing runs in the submit path; the
 * case job runs this every minute, and the case pages run it before they read.
 *
 * @returns how many cases were opened
 */
export async function openPendingCases(db: Kysely<Database>, options: OpenCasesOptions): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let opened = 0;
  const duty = Math.min(1, Math.max(0.01, options.dutyCycle ?? 1));
  for (let batch = 0; options.maxBatches === undefined || batch < options.maxBatches; batch += 1) {
    const started = performance.now();
    const result = await db.transaction().execute(async (trx) => {
      const ids = await claimUncheckedResponses(trx, batchSize);
      if (ids.length === 0) return { claimed: 0, opened: 0 };
      const responses = await loadCheckedResponses(trx, ids);
      const [rules, stored, calendar] = await Promise.all([
        findCaseRules(trx, [...new Set(responses.map((r) => r.questionnaireId))]),
        findVersionDefinitions(trx, [...new Set(responses.map((r) => r.versionId))]),
        loadWorkCalendar(trx, options.timeZone),
      ]);
      // each version parsed once for the batch, not once per response
      const definitions = new Map([...stored].map(([id, definition]) => [id, parseDefinition(definition)]));
      const now = options.now();
      const cases: NewCase[] = [];
      for (const response of responses) {
        const parsed = definitions.get(response.versionId);
        if (!parsed?.ok) continue;
        const rule = rules.get(response.questionnaireId) ?? DEFAULT_RULE;
        const triggers = caseTriggers(
          rule,
          parsed.definition,
          response.rows,
          response.score,
          response.customerId !== null,
        );
        if (triggers.length === 0) continue;
        // the customer has waited since they answered: the time limits run from then
        const from = response.submittedAt < now ? response.submittedAt : now;
        const due = dueDates(rule, from, calendar);
        cases.push({
          responseId: response.id,
          questionnaireId: response.questionnaireId,
          customerId: response.customerId,
          triggers,
          score: response.score,
          department: worstDepartment(parsed.definition, response.rows),
          assignedTo: response.managerUserId,
          contactDueAt: due.contactDueAt,
          resolveDueAt: due.resolveDueAt,
          createdAt: now,
        });
      }
      const inserted = await insertCases(trx, cases);
      await queueCaseNotices(
        trx,
        inserted.flatMap((c) =>
          c.assignedTo === null ? [] : [{ caseId: c.id, userId: c.assignedTo, kind: "opened" as const }],
        ),
      );
      // a case left in its department's queue is told to the department's shared address
      await queueDepartmentNotices(
        trx,
        inserted.flatMap((c) =>
          c.assignedTo === null && c.department !== null
            ? [{ caseId: c.id, department: c.department, kind: "opened" as const }]
            : [],
        ),
      );
      await markCaseChecked(trx, ids);
      return { claimed: ids.length, opened: inserted.length };
    });
    opened += result.opened;
    if (result.claimed < batchSize) break;
    if (duty < 1) await rest(((performance.now() - started) * (1 - duty)) / duty);
  }
  return opened;
}
