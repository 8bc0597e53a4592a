import { assertInteger, assertListLength, describe } from "./validate.ts";

/** The five Kano answers, in the order the evaluation table is indexed by. */
export const KANO_ANSWERS = Object.freeze(["like", "must-be", "neutral", "live-with", "dislike"] as const);

/** An answer to a functional or dysfunctional Kano question. */
export type KanoAnswer = (typeof KANO_ANSWERS)[number];

/** Attractive, One-dimensional, Must-be, Indifferent, Reverse, Questionable. */
export type KanoCategory = "A" | "O" | "M" | "I" | "R" | "Q";

/** All six categories in the M > O > A > I (> R > Q) evaluation order. */
export const KANO_CATEGORIES = Object.freeze(["M", "O", "A", "I", "R", "Q"] as const);

/** How many respondents fell in each category for one feature. */
export type KanoCounts = Readonly<Record<KanoCategory, number>>;

/** One respondent's answer pair for one feature. */
export interface KanoPair {
  readonly functional: KanoAnswer;
  readonly dysfunctional: KanoAnswer;
}

// Rows: functional answer (feature present); columns: dysfunctional answer (feature absent).
// Berger et al. 1993 p.7-11; Sauerwein et al. 1996 Fig.6; ../shared/reference/kano_evaluation_table.json.
// Cells easy to get wrong: like/like = Q, like/dislike = O, dislike/like = R, dislike/dislike = Q.
const TABLE: Readonly<Record<KanoAnswer, Readonly<Record<KanoAnswer, KanoCategory>>>> = Object.freeze({
  like: { like: "Q", "must-be": "A", neutral: "A", "live-with": "A", dislike: "O" },
  "must-be": { like: "R", "must-be": "I", neutral: "I", "live-with": "I", dislike: "M" },
  neutral: { like: "R", "must-be": "I", neutral: "I", "live-with": "I", dislike: "M" },
  "live-with": { like: "R", "must-be": "I", neutral: "I", "live-with": "I", dislike: "M" },
  dislike: { like: "R", "must-be": "R", neutral: "R", "live-with": "R", dislike: "Q" },
});

/** Throws unless `value` is one of the five Kano answers. */
export function assertKanoAnswer(value: unknown, where: string): asserts value is KanoAnswer {
  if (typeof value !== "string" || !(KANO_ANSWERS as readonly string[]).includes(value)) {
    throw new RangeError(`${where} must be one of ${KANO_ANSWERS.join(", ")}, got ${describe(value)}`);
  }
}

/**
 * Classifies one respondent's functional/dysfunctional answer pair with the standard Kano
 * evaluation table (rows functional, columns dysfunctional):
 *
 * |            | like | must-be | neutral | live-with | dislike |
 * |------------|------|---------|---------|-----------|---------|
 * | like       | Q    | A       | A       | A         | O       |
 * | must-be    | R    | I       | I       | I         | M       |
 * | neutral    | R    | I       | I       | I         | M       |
 * | live-with  | R    | I       | I       | I         | M       |
 * | dislike    | R    | R       | R       | R         | Q       |
 *
 * Sources: Kano et al. 1984, Hinshitsu 14(2):39-48; Berger et al. 1993, CQM Journal 2(4):3-36;
 * Sauerwein et al. 1996, Fig. 6.
 *
 * @throws {RangeError} if either answer is not one of the five Kano answers
 * @example
 * classifyKano("like", "dislike"); // => "O"
 * classifyKano("neutral", "dislike"); // => "M"
 */
export function classifyKano(functional: KanoAnswer, dysfunctional: KanoAnswer): KanoCategory {
  assertKanoAnswer(functional, "classifyKano(functional)");
  assertKanoAnswer(dysfunctional, "classifyKano(dysfunctional)");
  return TABLE[functional][dysfunctional];
}

/**
 * Counts the categories of one feature's answer pairs (each pair classified by `classifyKano`).
 *
 * @throws {RangeError} on an empty list or an answer that is not a Kano answer (names the index)
 * @example
 * tallyKano([{ functional: "like", dysfunctional: "dislike" }]); // => { M: 0, O: 1, A: 0, I: 0, R: 0, Q: 0 }
 */
export function tallyKano(pairs: readonly KanoPair[]): KanoCounts {
  assertListLength(pairs, "tallyKano(pairs)");
  const counts: Record<KanoCategory, number> = { M: 0, O: 0, A: 0, I: 0, R: 0, Q: 0 };
  pairs.forEach((pair, index) => {
    assertKanoAnswer(pair?.functional, `tallyKano(pairs[${index}].functional)`);
    assertKanoAnswer(pair.dysfunctional, `tallyKano(pairs[${index}].dysfunctional)`);
    counts[TABLE[pair.functional][pair.dysfunctional]] += 1;
  });
  return counts;
}

/**
 * Checks and completes category counts: every count a non-negative integer (missing = 0), no
 * unknown category, and at least one response.
 *
 * @throws {RangeError} naming the offending category
 */
export function normalizeKanoCounts(counts: Partial<KanoCounts>, where: string): KanoCounts {
  if (counts === null || typeof counts !== "object" || Array.isArray(counts)) {
    throw new RangeError(`${where} must be an object of category counts, got ${describe(counts)}`);
  }
  for (const key of Object.keys(counts)) {
    if (!(KANO_CATEGORIES as readonly string[]).includes(key)) {
      throw new RangeError(
        `${where}: unknown Kano category ${JSON.stringify(key)} (expected M, O, A, I, R, Q)`,
      );
    }
  }
  const complete: Record<KanoCategory, number> = { M: 0, O: 0, A: 0, I: 0, R: 0, Q: 0 };
  for (const category of KANO_CATEGORIES) {
    const count = counts[category] ?? 0;
    assertInteger(count, `${where}.${category}`);
    complete[category] = count;
  }
  if (KANO_CATEGORIES.every((category) => complete[category] === 0)) {
    throw new RangeError(`${where}: all counts are 0, need at least one response`);
  }
  return complete;
}
