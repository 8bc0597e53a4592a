import { withDelta } from "./delta-totals.ts";
import type { Period } from "./period.ts";
import type { MeasureTotals, VersionTotals } from "./report-model.ts";
import type { RollupDelta } from "./rollup.ts";

/**
 * One count per known customer, questionnaire and period. The rollups add every response; a customer
 * who answered a questionnaire several times in a period counts once, by their latest response in the
 * period (the one that says how they feel now), so the earlier ones are taken back out of the period's
 * totals. Anonymous responses count one each. Pure: the few repeated responses in, totals out.
 */

/** A rolled-up response of a customer who answered the questionnaire more than once. */
export interface RepeatRow {
  readonly responseId: number;
  readonly customerId: number;
  readonly submittedAt: Date;
  /** The submission day in the report time zone. */
  readonly day: string;
}

type Span = Pick<Period, "from" | "to">;

/** The responses of a period that a later response of the same customer in the period replaces. */
export function supersededIn(repeats: readonly RepeatRow[], period: Span): number[] {
  const latest = new Map<number, RepeatRow>();
  const inPeriod = repeats.filter((row) => row.day >= period.from && row.day < period.to);
  for (const row of inPeriod) {
    const kept = latest.get(row.customerId);
    if (!kept || isLater(row, kept)) latest.set(row.customerId, row);
  }
  return inPeriod.filter((row) => latest.get(row.customerId) !== row).map((row) => row.responseId);
}

const isLater = (a: RepeatRow, b: RepeatRow) =>
  a.submittedAt.getTime() > b.submittedAt.getTime() ||
  (a.submittedAt.getTime() === b.submittedAt.getTime() && a.responseId > b.responseId);

/**
 * The totals of one breakdown over a period without the given deltas (the superseded responses'), for
 * the measures the totals hold. A measure left with no respondent is dropped, as if never rolled up.
 *
 * @param deltas rollup deltas of the superseded responses (accumulateRollup), of every breakdown
 */
export function withoutSuperseded(
  totals: VersionTotals,
  deltas: readonly RollupDelta[],
  breakdown: string,
  period: Span,
): VersionTotals {
  const relevant = deltas.filter(
    (delta) => delta.breakdown === breakdown && delta.day >= period.from && delta.day < period.to,
  );
  if (relevant.length === 0) return totals;
  const out = new Map<number, Map<string, MeasureTotals>>();
  for (const [versionId, measures] of totals) out.set(versionId, new Map(measures));
  for (const delta of relevant) {
    const measures = out.get(delta.versionId);
    const current = measures?.get(delta.measure);
    if (!measures || !current) continue;
    const reduced = withDelta(current, delta, -1);
    if (reduced.n <= 0) measures.delete(delta.measure);
    else measures.set(delta.measure, reduced);
  }
  return out;
}
