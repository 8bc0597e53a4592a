import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import { parseDefinition } from "../questionnaires/questionnaire-definition.ts";
import { type RollupPlan, rollupPlan } from "./groups.ts";
import {
  claimPendingResponses,
  findRollupTimeZone,
  findVersionDefinitions,
  insertDissatisfied,
  loadRollupResponses,
  lockRollups,
  markRolledUp,
  recordRepeats,
  resetRollups,
  upsertRollupDeltas,
} from "./rollup.repository.ts";
import { accumulateRollup, type RollupDelta, type RollupResponse } from "./rollup.ts";

// Published versions never change, so a version's plan is kept for the life of the database handle.
const planCache = new WeakMap<object, Map<number, RollupPlan | null>>();

async function plansFor(db: Kysely<Database>, versionIds: readonly number[]) {
  let cache = planCache.get(db);
  if (!cache) {
    cache = new Map();
    planCache.set(db, cache);
  }
  const missing = [...new Set(versionIds)].filter((id) => !cache.has(id));
  if (missing.length > 0) {
    const definitions = await findVersionDefinitions(db, missing);
    for (const id of missing) {
      const parsed = parseDefinition(definitions.get(id));
      cache.set(id, parsed.ok ? rollupPlan(parsed.definition) : null);
    }
  }
  const plans = new Map<number, RollupPlan>();
  for (const id of versionIds) {
    const plan = cache.get(id);
    if (plan) plans.set(id, plan);
  }
  return plans;
}

/**
 * Some rolled-up responses as the rollups read them (day, breakdowns, answers) and their versions'
 * plans: what a report needs to roll them up again, on the fly or to take them back out.
 */
export async function loadRollupInputs(
  db: Kysely<Database>,
  ids: readonly number[],
  timeZone: string,
): Promise<{ responses: RollupResponse[]; plans: Map<number, RollupPlan> }> {
  if (ids.length === 0) return { responses: [], plans: new Map() };
  const responses = await loadRollupResponses(db, ids, timeZone);
  const plans = await plansFor(db, [...new Set(responses.map((response) => response.versionId))]);
  return { responses, plans };
}

/** What some rolled-up responses added to the rollups (a report takes superseded ones back out). */
export async function rollupDeltasOf(
  db: Kysely<Database>,
  ids: readonly number[],
  timeZone: string,
): Promise<RollupDelta[]> {
  const { responses, plans } = await loadRollupInputs(db, ids, timeZone);
  return accumulateRollup(plans, responses).deltas;
}

export interface CatchUpOptions {
  /** IANA zone the report days are counted in. */
  timeZone: string;
  batchSize?: number;
  /** Stop after this many batches (a job may do a bounded amount of work at a time). */
  maxBatches?: number;
}

/**
 * Adds every submitted response that is not in the rollups yet, in batches: each batch claims its
 * responses (FOR UPDATE SKIP LOCKED), adds their sums to the rollups and marks them, in one
 * transaction. Cost is proportional to the new responses only. Reports call this before reading, and
 * a job may run it too; several processes may run it at once.
 *
 * @returns how many responses were added
 */
export async function catchUpRollups(db: Kysely<Database>, options: CatchUpOptions): Promise<number> {
  const batchSize = options.batchSize ?? 2_000;
  if ((await findRollupTimeZone(db)) !== options.timeZone) {
    await db.transaction().execute(async (trx) => {
      await lockRollups(trx);
      if ((await findRollupTimeZone(trx)) !== options.timeZone) await resetRollups(trx, options.timeZone);
    });
  }
  let added = 0;
  for (let batch = 0; options.maxBatches === undefined || batch < options.maxBatches; batch += 1) {
    const count = await db.transaction().execute(async (trx) => {
      await lockRollups(trx);
      const ids = await claimPendingResponses(trx, batchSize);
      if (ids.length === 0) return 0;
      const responses = await loadRollupResponses(trx, ids, options.timeZone);
      const plans = await plansFor(db, [...new Set(responses.map((response) => response.versionId))]);
      const { deltas, dissatisfied } = accumulateRollup(plans, responses);
      await upsertRollupDeltas(trx, deltas);
      await insertDissatisfied(trx, dissatisfied);
      await recordRepeats(trx, ids, options.timeZone);
      await markRolledUp(trx, ids);
      return ids.length;
    });
    added += count;
    if (count < batchSize) break;
  }
  return added;
}
