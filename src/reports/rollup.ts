import { classifyKano, KANO_ANSWERS, type KanoAnswer, type KanoCategory } from "../scoring/index.ts";
import {
  allocationMeasure,
  BREAKDOWN_ATTRIBUTES,
  type BreakdownValues,
  breakdownKey,
  kanoMeasure,
  RESPONSES_MEASURE,
  type RollupPlan,
  ratingMeasure,
  restMeasure,
  servqualMeasure,
} from "./groups.ts";

/**
 * Rollup deltas: what a batch of new responses adds to the report rollups. Pure: responses in, rows
 * of sums out. Each response is added to every breakdown it belongs to: '' (everyone) by day, so any
 * range of days can be reported, and one breakdown per attribute (its mode, its customer's type,
 * channel, value tier, activity, region and manager) by month (`day` = the month's first day), so
 * breakdowns cost months × values × measures rather than days × values × measures.
 *
 * Per measure a row keeps n, Σx, Σx², Σy, Σy², Σxy and counts:
 * - `set:<items>` a satisfaction group: x = the respondent's mean on the group's answered items,
 *   y = the respondent's overall score, counts = answers per scale level, and Σx once more, exactly:
 *   `pointsByAnswerCount[k − 1]` = the points (in POINT_UNITS, whole numbers) of the respondents who
 *   answered k of the group's items, so Σx = Σₖ pointsₖ / k with no rounding;
 * - `rest:<item>` a satisfaction item against the rest (derived importance, the corrected item–total
 *   correlation): x = the item's points, y = the mean of the respondent's OTHER answered satisfaction
 *   items; only respondents who answered the item and at least one other;
 * - `kano:<item>`: counts per category in M, O, A, I, R, Q order;
 * - `servqual:<item>`: x = expectation, y = perception;
 * - `alloc:<item>:<dimension>`, `rating:<item>`: x = the number given;
 * - `responses`: n = submitted responses.
 */

/** Kano categories in the order rollup counts keep them. */
export const KANO_COUNT_ORDER: readonly KanoCategory[] = ["M", "O", "A", "I", "R", "Q"];

export interface RollupAnswer {
  readonly itemKey: string;
  readonly part: string;
  readonly number: number | null;
  readonly text: string | null;
}

export interface RollupResponse {
  readonly id: number;
  readonly versionId: number;
  /** The submission day in the report time zone, "2026-10-14". */
  readonly day: string;
  readonly breakdowns: BreakdownValues;
  readonly answers: readonly RollupAnswer[];
}

export interface RollupDelta {
  versionId: number;
  breakdown: string;
  /** The breakdown's attribute, '' for everyone (lets a report read one attribute's breakdowns). */
  breakdownAttribute: string;
  day: string;
  measure: string;
  n: number;
  sum: number;
  sumSq: number;
  sumY: number;
  sumYSq: number;
  sumXy: number;
  counts: number[] | null;
  /** Satisfaction groups only: points (POINT_UNITS) of the respondents by how many items they answered. */
  pointsByAnswerCount: number[] | null;
}

/** A response that has a dissatisfied answer, for the report's comment list. */
export interface DissatisfiedResponse {
  readonly responseId: number;
  readonly versionId: number;
  readonly day: string;
  readonly itemKeys: readonly string[];
}

interface Contribution {
  measure: string;
  x: number;
  y: number;
  /** Index into counts, or -1. */
  countIndex: number;
  /** Several counts at once (a group's level counts). */
  counts?: number[];
  /** A satisfaction group's answered items and their points in POINT_UNITS (x = units / count exactly). */
  answered?: { count: number; units: number };
}

function isKanoAnswer(value: string | null): value is KanoAnswer {
  return value !== null && (KANO_ANSWERS as readonly string[]).includes(value);
}

/** What one response adds to each measure (before it is spread over its breakdowns). */
function contributions(plan: RollupPlan, answers: readonly RollupAnswer[]): Contribution[] {
  const points = new Map<string, { points: number; units: number; level: number }>();
  const byPart = new Map<string, RollupAnswer>();
  for (const answer of answers) byPart.set(`${answer.itemKey}\u0000${answer.part}`, answer);
  for (const itemKey of plan.satisfactionKeys) {
    const answer = byPart.get(`${itemKey}\u0000`);
    if (!answer) continue;
    let level = answer.text === null ? -1 : plan.levelKeys.indexOf(answer.text);
    if (level < 0 && answer.number !== null) level = plan.levelPoints.indexOf(answer.number);
    if (level < 0) continue;
    points.set(itemKey, {
      points: plan.levelPoints[level] as number,
      units: plan.levelUnits[level] as number,
      level,
    });
  }
  const out: Contribution[] = [{ measure: RESPONSES_MEASURE, x: 0, y: 0, countIndex: -1 }];
  let overall = 0;
  for (const { points: p } of points.values()) overall += p;
  const y = points.size > 0 ? overall / points.size : 0;
  for (const set of plan.sets) {
    let sum = 0;
    let units = 0;
    let count = 0;
    const counts = new Array<number>(plan.levelKeys.length).fill(0);
    for (const itemKey of set.itemKeys) {
      const answered = points.get(itemKey);
      if (!answered) continue;
      sum += answered.points;
      units += answered.units;
      count += 1;
      counts[answered.level] = (counts[answered.level] ?? 0) + 1;
    }
    if (count > 0) {
      out.push({
        measure: set.measure,
        x: sum / count,
        y,
        countIndex: -1,
        counts,
        answered: { count, units },
      });
    }
  }
  // Each item against the rest: a total that includes the item correlates with it by construction, so
  // derived importance is the corrected item–total correlation (e.g. Nunnally & Bernstein 1994,
  // Psychometric Theory, 3rd ed.; SPSS RELIABILITY's "corrected item-total correlation").
  if (points.size > 1) {
    for (const [itemKey, { points: p }] of points) {
      out.push({ measure: restMeasure(itemKey), x: p, y: (overall - p) / (points.size - 1), countIndex: -1 });
    }
  }
  for (const itemKey of plan.kanoKeys) {
    const functional = byPart.get(`${itemKey}\u0000functional`)?.text ?? null;
    const dysfunctional = byPart.get(`${itemKey}\u0000dysfunctional`)?.text ?? null;
    if (!isKanoAnswer(functional) || !isKanoAnswer(dysfunctional)) continue;
    const category = classifyKano(functional, dysfunctional);
    out.push({ measure: kanoMeasure(itemKey), x: 0, y: 0, countIndex: KANO_COUNT_ORDER.indexOf(category) });
  }
  for (const itemKey of plan.servqualKeys) {
    const expectation = byPart.get(`${itemKey}\u0000expectation`)?.number ?? null;
    const perception = byPart.get(`${itemKey}\u0000perception`)?.number ?? null;
    if (expectation === null || perception === null) continue;
    out.push({ measure: servqualMeasure(itemKey), x: expectation, y: perception, countIndex: -1 });
  }
  for (const allocation of plan.allocations) {
    for (const dimension of allocation.dimensions) {
      const value = byPart.get(`${allocation.itemKey}\u0000${dimension}`)?.number ?? null;
      if (value === null) continue;
      out.push({ measure: allocationMeasure(allocation.itemKey, dimension), x: value, y: 0, countIndex: -1 });
    }
  }
  for (const itemKey of plan.ratingKeys) {
    const value = byPart.get(`${itemKey}\u0000`)?.number ?? null;
    if (value !== null) out.push({ measure: ratingMeasure(itemKey), x: value, y: 0, countIndex: -1 });
  }
  return out;
}

/** The breakdowns a response belongs to: everyone, and one per attribute. */
function breakdownsOf(values: BreakdownValues): { breakdown: string; attribute: string }[] {
  return [
    { breakdown: "", attribute: "" },
    ...BREAKDOWN_ATTRIBUTES.map((attribute) => ({
      breakdown: breakdownKey(attribute, values[attribute]),
      attribute,
    })),
  ];
}

/**
 * Adds up a batch of responses into rollup deltas, one per (version, breakdown, day, measure) touched.
 *
 * @param plans each version's plan (versions without a plan are skipped)
 */
export function accumulateRollup(
  plans: ReadonlyMap<number, RollupPlan>,
  responses: readonly RollupResponse[],
): { deltas: RollupDelta[]; dissatisfied: DissatisfiedResponse[] } {
  // Cells by (version, breakdown, day), each with its measures by name: a response touches 8 cells.
  const cells = new Map<string, Map<string, RollupDelta>>();
  const deltas: RollupDelta[] = [];
  const dissatisfied: DissatisfiedResponse[] = [];
  for (const response of responses) {
    const plan = plans.get(response.versionId);
    if (!plan) continue;
    const parts = contributions(plan, response.answers);
    const lowest = plan.levelKeys[plan.levelKeys.length - 1];
    const unhappy = plan.satisfactionKeys.filter((itemKey) =>
      response.answers.some(
        (answer) => answer.itemKey === itemKey && answer.part === "" && answer.text === lowest,
      ),
    );
    if (unhappy.length > 0) {
      dissatisfied.push({
        responseId: response.id,
        versionId: response.versionId,
        day: response.day,
        itemKeys: unhappy,
      });
    }
    const month = `${response.day.slice(0, 8)}01`;
    for (const { breakdown, attribute } of breakdownsOf(response.breakdowns)) {
      const day = attribute === "" ? response.day : month;
      const cellKey = `${response.versionId}\u0000${breakdown}\u0000${day}`;
      let cell = cells.get(cellKey);
      if (!cell) {
        cell = new Map();
        cells.set(cellKey, cell);
      }
      for (const part of parts) {
        let row = cell.get(part.measure);
        if (!row) {
          row = {
            versionId: response.versionId,
            breakdown,
            breakdownAttribute: attribute,
            day,
            measure: part.measure,
            n: 0,
            sum: 0,
            sumSq: 0,
            sumY: 0,
            sumYSq: 0,
            sumXy: 0,
            counts: part.counts
              ? new Array<number>(part.counts.length).fill(0)
              : part.countIndex >= 0
                ? new Array<number>(KANO_COUNT_ORDER.length).fill(0)
                : null,
            pointsByAnswerCount: part.answered ? [] : null,
          };
          cell.set(part.measure, row);
          deltas.push(row);
        }
        row.n += 1;
        row.sum += part.x;
        row.sumSq += part.x * part.x;
        row.sumY += part.y;
        row.sumYSq += part.y * part.y;
        row.sumXy += part.x * part.y;
        const byAnswerCount = row.pointsByAnswerCount;
        if (byAnswerCount && part.answered) {
          const index = part.answered.count - 1;
          while (byAnswerCount.length <= index) byAnswerCount.push(0);
          byAnswerCount[index] = (byAnswerCount[index] ?? 0) + part.answered.units;
        }
        const counts = row.counts;
        if (counts) {
          if (part.counts) {
            for (let index = 0; index < part.counts.length; index += 1) {
              counts[index] = (counts[index] ?? 0) + (part.counts[index] ?? 0);
            }
          } else if (part.countIndex >= 0) {
            counts[part.countIndex] = (counts[part.countIndex] ?? 0) + 1;
          }
        }
      }
    }
  }
  return { deltas, dissatisfied };
}
