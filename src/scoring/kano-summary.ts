import { type KanoCategory, type KanoCounts, normalizeKanoCounts } from "./kano.ts";

/** How a feature's category is chosen from its counts. */
export type KanoRule = "mode" | "oam";

/** Fong's test of whether the two most frequent categories really differ. */
export interface FongTest {
  /** Count of the most frequent category (a). */
  readonly first: number;
  /** Count of the second most frequent category (b). */
  readonly second: number;
  readonly firstCategory: KanoCategory;
  readonly secondCategory: KanoCategory;
  /** |a − b| */
  readonly difference: number;
  /** 1.65 · √((a + b)(2n − a − b) / 2n) */
  readonly critical: number;
  /** difference ≥ critical: the classification is robust. */
  readonly significant: boolean;
}

/** The summary of one Kano feature. */
export interface KanoSummary {
  /** All responses, including R and Q. */
  readonly n: number;
  readonly counts: KanoCounts;
  readonly rule: KanoRule;
  readonly category: KanoCategory;
  /** Better (CS+) = (A + O) / (A + O + M + I), 0..1; `null` if A + O + M + I = 0. */
  readonly better: number | null;
  /** Worse (CS−) = −(O + M) / (A + O + M + I), −1..0; `null` if A + O + M + I = 0. */
  readonly worse: number | null;
  readonly fong: FongTest;
  /** (a − b) / n: share of the most frequent minus the second, of all responses. */
  readonly categoryStrength: number;
  /** (A + O + M) / n, of all responses. */
  readonly totalStrength: number;
}

/** Options of `summarizeKano`. */
export interface KanoSummaryOptions {
  readonly rule?: KanoRule;
}

/** z(0.95) one-sided, as in Fong (1996). */
const FONG_Z = 1.65;

// M > O > A > I is Sauerwein et al. 1996 p.9 / Berger et al. 1993; R and Q rank last (our choice).
const EVALUATION_ORDER: readonly KanoCategory[] = ["M", "O", "A", "I", "R", "Q"];

/** Categories by count, largest first; ties by the M > O > A > I > R > Q evaluation rule. */
function rank(counts: KanoCounts, among: readonly KanoCategory[]): KanoCategory[] {
  return [...among].sort(
    (left, right) =>
      counts[right] - counts[left] || EVALUATION_ORDER.indexOf(left) - EVALUATION_ORDER.indexOf(right),
  );
}

/**
 * Summarizes one Kano feature from its category counts.
 *
 * - `rule: "mode"` (default): the most frequent category; ties broken M > O > A > I (then R, Q)
 *   (Sauerwein et al. 1996 p.8-9; Berger et al. 1993).
 * - `rule: "oam"`: if (O + A + M) > (I + R + Q), the largest of O, A, M, otherwise the largest of
 *   I, R, Q (Berger et al. 1993), ties broken by the same order.
 * - Better = (A + O)/(A + O + M + I), Worse = −(O + M)/(A + O + M + I): R and Q are excluded from the
 *   denominator (Berger et al. 1993, "Timko"; Sauerwein et al. 1996 p.10).
 * - Fong test: |a − b| < 1.65·√((a + b)(2n − a − b)/(2n)) means the two most frequent categories are
 *   not significantly different (Fong 1996, CQM Journal 5(3):21-24); n counts all responses.
 * - Category strength = (a − b)/n, total strength = (A + O + M)/n, as fractions of all responses
 *   including R and Q (Lee & Newcomb 1997, QMJ 4(3):95-106).
 *
 * @param counts category counts; missing categories count 0
 * @throws {RangeError} if a count is not a non-negative integer, a category is unknown, all counts
 *   are 0, or the rule is unknown
 * @example
 * summarizeKano({ M: 95, O: 123, A: 45, I: 33 }).better; // => 0.5676 (168/296)
 */
export function summarizeKano(counts: Partial<KanoCounts>, options: KanoSummaryOptions = {}): KanoSummary {
  const complete = normalizeKanoCounts(counts, "summarizeKano(counts)");
  const rule = options.rule ?? "mode";
  if (rule !== "mode" && rule !== "oam") {
    throw new RangeError(`summarizeKano(options.rule) must be "mode" or "oam", got ${JSON.stringify(rule)}`);
  }
  const { A, O, M, I, R, Q } = complete;
  const n = A + O + M + I + R + Q;
  const ranked = rank(complete, EVALUATION_ORDER);
  const firstCategory = ranked[0] as KanoCategory;
  const secondCategory = ranked[1] as KanoCategory;
  const first = complete[firstCategory];
  const second = complete[secondCategory];

  let category: KanoCategory = firstCategory;
  if (rule === "oam") {
    category = (
      O + A + M > I + R + Q ? rank(complete, ["M", "O", "A"]) : rank(complete, ["I", "R", "Q"])
    )[0] as KanoCategory;
  }

  const relevant = A + O + M + I;
  const critical = FONG_Z * Math.sqrt(((first + second) * (2 * n - first - second)) / (2 * n));
  const difference = Math.abs(first - second);
  return {
    n,
    counts: complete,
    rule,
    category,
    better: relevant === 0 ? null : (A + O) / relevant,
    worse: relevant === 0 ? null : -(O + M) / relevant,
    fong: {
      first,
      second,
      firstCategory,
      secondCategory,
      difference,
      critical,
      significant: difference >= critical,
    },
    categoryStrength: (first - second) / n,
    totalStrength: (A + O + M) / n,
  };
}
