import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import { parseDefinition } from "../questionnaires/questionnaire-definition.ts";
import { type RollupPlan, rollupPlan } from "./groups.ts";
import { decideCounting } from "./repeats.ts";
import {
  claimPendingResponses,
  findCountingKeys,
  findRollupTimeZone,
  findVersionDefinitions,
  insertDissatisfied,
  loadRollupResponses,
  lockRollups,
  markNotCounted,
  markRolledUp,
  resetRollups,
  upsertRollupDeltas,
} from "./rollup.repository.ts";
import { accumulateRollup, type RollupDelta, type RollupResponse } from "./rollup.ts";

/** A delta that takes a response's sums back out of the rollups. */
function negated(delta: RollupDelta): RollupDelta {
  return {
    ...delta,
    n: -delta.n,
    sum: -delta.sum,
    sumSq: -delta.sumSq,
    sumY: -delta.sumY,
    sumYSq: -delta.sumYSq,
    sumXy: -delta.sumXy,
    counts: delta.counts?.map((count) => -count) ?? null,
    pointsByAnswerCount: delta.pointsByAnswerCount?.map((units) => -units) ?? null,
  };
}

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
      // A known customer counts once per questionnaire and month (repeats.ts): a response replaced by a
      // later one of the month is not added, and a counted one the batch replaces is taken back out.
      const keys = await findCountingKeys(trx, ids, options.timeZone);
      const { skipped, replaced } = decideCounting(keys.incoming, keys.counted);
      const all = await loadRollupResponses(trx, [...ids, ...replaced], options.timeZone);
      const replacedSet = new Set(replaced);
      const adding = all.filter((response) => !replacedSet.has(response.id) && !skipped.has(response.id));
      const removing = all.filter((response) => replacedSet.has(response.id));
      const plans = await plansFor(db, [...new Set(all.map((response) => response.versionId))]);
      const { deltas, dissatisfied } = accumulateRollup(plans, adding);
      const taken = accumulateRollup(plans, removing).deltas.map(negated);
      // two statements: one upsert may not touch a row twice
      await upsertRollupDeltas(trx, deltas);
      await upsertRollupDeltas(trx, taken);
      await insertDissatisfied(trx, dissatisfied);
      await markNotCounted(trx, [...skipped, ...replaced]);
      await markRolledUp(trx, ids);
      return ids.length;
    });
    added += count;
    if (count < batchSize) break;
  }
  return added;
}
