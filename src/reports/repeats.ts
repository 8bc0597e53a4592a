/**
 * One count per known customer, questionnaire and month: a customer who answered a questionnaire
 * several times in a month counts once, by their latest response of the month (the one that says how
 * they feel now); a quarter or a year adds up its months. Anonymous responses count one each. Pure:
 * decides, when responses are rolled up, which of them to add and which counted ones to take back out,
 * so the rollups hold only counted responses and reports need no correction.
 */

/** A response of a known customer, as the counting rule sees it. */
export interface CountingKey {
  readonly responseId: number;
  readonly customerId: number;
  readonly questionnaireId: number;
  /** "2026-10": the month of the submission day in the report time zone */
  readonly month: string;
  readonly submittedAt: Date;
}

export interface CountingDecision {
  /** responses being rolled up that a later response of the same customer and month replaces: not added */
  readonly skipped: ReadonlySet<number>;
  /** responses counted so far that one being rolled up replaces: taken back out of the rollups */
  readonly replaced: readonly number[];
}

const later = (a: CountingKey, b: CountingKey) =>
  a.submittedAt.getTime() > b.submittedAt.getTime() ||
  (a.submittedAt.getTime() === b.submittedAt.getTime() && a.responseId > b.responseId);

/**
 * @param incoming the known customers' responses being rolled up now
 * @param counted the responses of the same customers and questionnaires already in the rollups (counted)
 */
export function decideCounting(
  incoming: readonly CountingKey[],
  counted: readonly CountingKey[],
): CountingDecision {
  const latest = new Map<string, CountingKey>();
  const groupOf = (key: CountingKey) => `${key.customerId}\u0000${key.questionnaireId}\u0000${key.month}`;
  for (const key of [...counted, ...incoming]) {
    const kept = latest.get(groupOf(key));
    if (!kept || later(key, kept)) latest.set(groupOf(key), key);
  }
  const skipped = new Set(
    incoming.filter((key) => latest.get(groupOf(key)) !== key).map((key) => key.responseId),
  );
  const replaced = counted.filter((key) => latest.get(groupOf(key)) !== key).map((key) => key.responseId);
  return { skipped, replaced };
}
