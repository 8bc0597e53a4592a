import { mean } from "simple-statistics";
import { assertFinite, assertListLength, describe } from "./validate.ts";

/** The five SERVQUAL (RATER) dimensions. */
export const SERVQUAL_DIMENSIONS = Object.freeze([
  "reliability",
  "assurance",
  "tangibles",
  "empathy",
  "responsiveness",
] as const);

/** Reliability 信赖度, Assurance 专业度, Tangibles 有形度, Empathy 同理度, Responsiveness 反应度. */
export type ServqualDimension = (typeof SERVQUAL_DIMENSIONS)[number];

/** One SERVQUAL item: paired answers, index i is respondent i's expectation and perception. */
export interface ServqualItemInput {
  /** Defaults to "item1", "item2", … in input order. */
  readonly key?: string;
  readonly dimension: ServqualDimension;
  readonly expectation: readonly number[];
  readonly perception: readonly number[];
}

/** The input of `servqualScores`. */
export interface ServqualInput {
  readonly items: readonly ServqualItemInput[];
  /** Importance points per dimension from the 100-point allocation; must sum to 100. */
  readonly weights?: Partial<Readonly<Record<ServqualDimension, number>>>;
  /** The answer scale; 1..7 (the published instrument) when omitted. */
  readonly range?: { readonly min: number; readonly max: number };
}

/** Expectation, perception and gap (perception − expectation) means. */
export interface ServqualGap {
  readonly expectation: number;
  readonly perception: number;
  readonly gap: number;
}

export interface ServqualItemScore extends ServqualGap {
  readonly key: string;
  readonly dimension: ServqualDimension;
  readonly n: number;
}

export interface ServqualDimensionScore extends ServqualGap {
  readonly dimension: ServqualDimension;
  readonly itemCount: number;
  /** The dimension's importance points when weights were given. */
  readonly weight: number | null;
}

export interface ServqualScores {
  readonly items: readonly ServqualItemScore[];
  /** Dimensions that have items, in RATER order. */
  readonly dimensions: readonly ServqualDimensionScore[];
  /** Mean of the dimension gaps (not of the item gaps). */
  readonly unweighted: number;
  /** Σ weight/100 × dimension gap; `null` without weights. */
  readonly weighted: number | null;
}

const WEIGHT_TOTAL = 100;
// Tolerance for points that are fractions (e.g. averaged allocations) summing to 100.
const WEIGHT_TOLERANCE = 1e-9;

/**
 * SERVQUAL gap scores.
 *
 * - item: E = mean expectation, P = mean perception, gap = P − E (= mean of the respondents'
 *   P − E, since answers are paired);
 * - dimension: the means of E, P and gap over the dimension's items;
 * - unweighted SERVQUAL = mean of the dimension gaps (not the mean of the item gaps: dimensions
 *   have 4 or 5 items and the two differ);
 * - weighted SERVQUAL = Σ_d (w_d / 100) × gap_d, with w_d the importance points of dimension d from
 *   the 100-point allocation question.
 *
 * Sources: Parasuraman, Zeithaml & Berry 1988, J. Retailing 64(1):12-40; Parasuraman, Berry &
 * Zeithaml 1991, J. Retailing 67(4):420-450; Zeithaml, Parasuraman & Berry 1990, Delivering Quality
 * Service, Appendix A (steps 1-4).
 *
 * @throws {RangeError} on no items, an unknown dimension, empty or mismatched expectation/perception
 *   lists, a value that is not finite or outside the range, or weights that miss a dimension with
 *   items, name a dimension without items, are negative, or do not sum to 100
 * @example
 * servqualScores({ items: [{ dimension: "reliability", expectation: [7, 6], perception: [5, 6] }] })
 *   .unweighted; // => -1
 */
export function servqualScores(input: ServqualInput): ServqualScores {
  const range = input.range ?? { min: 1, max: 7 };
  assertFinite(range.min, "servqualScores(range.min)");
  assertFinite(range.max, "servqualScores(range.max)");
  if (range.min >= range.max) {
    throw new RangeError(`servqualScores(range): min (${range.min}) must be below max (${range.max})`);
  }
  assertListLength(input.items, "servqualScores(items)");

  const items: ServqualItemScore[] = input.items.map((item, index) => {
    const key = item?.key ?? `item${index + 1}`;
    const at = `servqualScores(items[${index}] ${JSON.stringify(key)})`;
    if (!(SERVQUAL_DIMENSIONS as readonly string[]).includes(item.dimension)) {
      throw new RangeError(
        `${at}.dimension must be one of ${SERVQUAL_DIMENSIONS.join(", ")}, got ${describe(item.dimension)}`,
      );
    }
    assertListLength(item.expectation, `${at}.expectation`);
    assertListLength(item.perception, `${at}.perception`);
    if (item.expectation.length !== item.perception.length) {
      throw new RangeError(
        `${at}: ${item.expectation.length} expectation answers but ${item.perception.length} perception answers (they must be paired)`,
      );
    }
    const check = (values: readonly number[], name: string) => {
      values.forEach((value, position) => {
        assertFinite(value, `${at}.${name}[${position}]`);
        if (value < range.min || value > range.max) {
          throw new RangeError(`${at}.${name}[${position}] = ${value} is outside ${range.min}..${range.max}`);
        }
      });
    };
    check(item.expectation, "expectation");
    check(item.perception, "perception");
    const expectation = mean([...item.expectation]);
    const perception = mean([...item.perception]);
    return {
      key,
      dimension: item.dimension,
      n: item.expectation.length,
      expectation,
      perception,
      gap: perception - expectation,
    };
  });

  return servqualFromItemScores(items, input.weights);
}

/**
 * SERVQUAL dimension gaps, unweighted and weighted scores from item scores already computed (item
 * means of expectation and perception, e.g. from a report's rollups of Σ expectation and Σ
 * perception): the second half of `servqualScores`, with the same rules and sources.
 *
 * @throws {RangeError} on no items, a duplicate key, an unknown dimension, or weights that miss a
 *   dimension with items, name a dimension without items, are negative, or do not sum to 100
 * @example
 * servqualFromItemScores([{ key: "r1", dimension: "reliability", n: 2, expectation: 6.5, perception: 5.5,
 *   gap: -1 }]).unweighted; // => -1
 */
export function servqualFromItemScores(
  items: readonly ServqualItemScore[],
  weightsInput?: ServqualInput["weights"],
): ServqualScores {
  assertListLength(items, "servqualFromItemScores(items)");
  for (const [index, item] of items.entries()) {
    if (!(SERVQUAL_DIMENSIONS as readonly string[]).includes(item?.dimension)) {
      throw new RangeError(
        `servqualFromItemScores(items[${index}]).dimension must be one of ${SERVQUAL_DIMENSIONS.join(", ")}, got ${describe(item?.dimension)}`,
      );
    }
    assertFinite(item.expectation, `servqualFromItemScores(items[${index}].expectation)`);
    assertFinite(item.perception, `servqualFromItemScores(items[${index}].perception)`);
    assertFinite(item.gap, `servqualFromItemScores(items[${index}].gap)`);
  }
  const keys = new Set<string>();
  for (const item of items) {
    if (keys.has(item.key))
      throw new RangeError(`servqualScores(items): duplicate item key ${JSON.stringify(item.key)}`);
    keys.add(item.key);
  }

  const present = SERVQUAL_DIMENSIONS.filter((dimension) =>
    items.some((item) => item.dimension === dimension),
  );
  const weights = weightsInput === undefined ? null : checkWeights(weightsInput, present);
  const dimensions: ServqualDimensionScore[] = present.map((dimension) => {
    const own = items.filter((item) => item.dimension === dimension);
    return {
      dimension,
      itemCount: own.length,
      expectation: mean(own.map((item) => item.expectation)),
      perception: mean(own.map((item) => item.perception)),
      gap: mean(own.map((item) => item.gap)),
      weight: weights === null ? null : (weights[dimension] ?? 0),
    };
  });

  return {
    items,
    dimensions,
    unweighted: mean(dimensions.map((dimension) => dimension.gap)),
    weighted:
      weights === null
        ? null
        : dimensions.reduce(
            (total, dimension) => total + ((dimension.weight ?? 0) / WEIGHT_TOTAL) * dimension.gap,
            0,
          ),
  };
}

function checkWeights(
  weights: Partial<Readonly<Record<ServqualDimension, number>>>,
  present: readonly ServqualDimension[],
): Partial<Record<ServqualDimension, number>> {
  if (weights === null || typeof weights !== "object") {
    throw new RangeError(
      `servqualScores(weights) must be an object of points per dimension, got ${describe(weights)}`,
    );
  }
  for (const key of Object.keys(weights)) {
    if (!(SERVQUAL_DIMENSIONS as readonly string[]).includes(key)) {
      throw new RangeError(`servqualScores(weights): unknown dimension ${JSON.stringify(key)}`);
    }
    if (!(present as readonly string[]).includes(key)) {
      throw new RangeError(
        `servqualScores(weights): dimension ${JSON.stringify(key)} has a weight but no items`,
      );
    }
  }
  let total = 0;
  for (const dimension of present) {
    const weight = weights[dimension];
    if (weight === undefined) {
      throw new RangeError(
        `servqualScores(weights): dimension ${JSON.stringify(dimension)} has items but no weight`,
      );
    }
    assertFinite(weight, `servqualScores(weights.${dimension})`);
    if (weight < 0)
      throw new RangeError(`servqualScores(weights.${dimension}) must not be negative, got ${weight}`);
    total += weight;
  }
  if (Math.abs(total - WEIGHT_TOTAL) > WEIGHT_TOLERANCE) {
    throw new RangeError(`servqualScores(weights) must sum to ${WEIGHT_TOTAL} points, got ${total}`);
  }
  return { ...weights };
}
