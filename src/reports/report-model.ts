import type { Bilingual } from "../i18n/bilingual.ts";
import {
  allItems,
  type QuestionnaireDefinition,
  scaleOf,
} from "../questionnaires/questionnaire-definition.ts";
import {
  type Grade,
  type GroupScore,
  gradeFor,
  groupScoreFromTotals,
  ipaQuadrant,
  type KanoCategory,
  type KanoSummary,
  meanConfidenceIntervalFromSummary,
  pearsonCorrelationFromSums,
  type Reportability,
  reportability,
  type SampleSummary,
  SERVQUAL_DIMENSIONS,
  type ServqualDimension,
  type ServqualScores,
  servqualFromItemScores,
  summarizeKano,
  welchTTestFromSummaries,
} from "../scoring/index.ts";
import {
  allocationMeasure,
  type IndicatorGroup,
  kanoMeasure,
  parseSegmentKey,
  RESPONSES_MEASURE,
  ratingMeasure,
  type SatisfactionGroups,
  type SegmentAttribute,
  satisfactionGroups,
  servqualMeasure,
  setMeasure,
} from "./groups.ts";
import type { Period } from "./period.ts";
import { KANO_COUNT_ORDER } from "./rollup.ts";

/**
 * The report model: every number of the 11 sections, computed with the scoring library from rollup
 * totals. Pure: totals in, model out. Nothing is rounded here (views round).
 */

/** Summed rollup rows of one measure. */
export interface MeasureTotals {
  readonly n: number;
  readonly sum: number;
  readonly sumSq: number;
  readonly sumY: number;
  readonly sumYSq: number;
  readonly sumXy: number;
  readonly counts: readonly number[] | null;
}
/** Totals by questionnaire version, then by measure. */
export type VersionTotals = ReadonlyMap<number, ReadonlyMap<string, MeasureTotals>>;

export interface ReportFilter {
  readonly attribute?: SegmentAttribute;
  readonly value?: string;
  /** Only the items this department is responsible for. */
  readonly department?: string;
}

export interface ReportVersion {
  readonly id: number;
  readonly definition: QuestionnaireDefinition;
}

export interface DissatisfiedComment {
  readonly responseId: number;
  readonly submittedAt: string;
  readonly customerName: string | null;
  readonly customerRef: string | null;
  /** Items answered on the lowest level. */
  readonly itemKeys: readonly string[];
  readonly comments: readonly { readonly itemKey: string; readonly text: string }[];
}

export interface ReportInputs {
  readonly questionnaire: { readonly id: number; readonly name: string };
  /** Every version with responses or published, the latest last (its texts label the report). */
  readonly versions: readonly ReportVersion[];
  readonly period: Period;
  readonly previousPeriod: Period;
  readonly trendPeriods: readonly Period[];
  readonly filter: ReportFilter;
  readonly current: VersionTotals;
  readonly previous: VersionTotals;
  /** One per trend period. */
  readonly trend: readonly VersionTotals[];
  /** Per segment key; null when a segment filter is set (breakdowns are of the whole population). */
  readonly segments: ReadonlyMap<string, VersionTotals> | null;
  readonly managerNames: ReadonlyMap<string, string>;
  readonly invitations: { readonly invited: number; readonly responded: number } | null;
  readonly dissatisfiedRespondents: number;
  /** null: the viewer may not see customers' comments. */
  readonly comments: readonly DissatisfiedComment[] | null;
  readonly generatedAt: string;
}

export interface ScoreWithInterval {
  readonly n: number;
  readonly score: number | null;
  readonly grade: Grade | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly reportability: Reportability;
}

export interface Change {
  readonly previousScore: number;
  readonly previousN: number;
  /** current − previous */
  readonly difference: number;
  /** Welch's two-sided p; null when the test is undefined (fewer than 2 respondents, no variance). */
  readonly p: number | null;
  readonly significant: boolean;
  /** Set only when the change is significant (p < 0.05). */
  readonly direction: "up" | "down" | null;
}

export interface Headline extends ScoreWithInterval {
  readonly responses: number;
  readonly respondents: number;
  readonly responseRate: {
    readonly invited: number;
    readonly responded: number;
    readonly rate: number;
  } | null;
  readonly change: Change | null;
}

export interface DimensionScore extends ScoreWithInterval {
  readonly key: string;
  readonly label: Bilingual;
  readonly change: Change | null;
}

export interface IndicatorNode {
  readonly name: string;
  readonly path: readonly string[];
  readonly depth: number;
  readonly n: number;
  readonly score: number | null;
  readonly grade: Grade | null;
  readonly departments: readonly string[];
  readonly children: readonly IndicatorNode[];
}

export interface ItemDistribution {
  readonly itemKey: string;
  readonly text: Bilingual;
  readonly dimension: string | null;
  readonly department: string | null;
  readonly n: number;
  readonly score: number | null;
  readonly grade: Grade | null;
  readonly answerCount: number;
  readonly levels: GroupScore["levels"];
}

export interface KanoFeature extends KanoSummary {
  readonly itemKey: string;
  readonly text: Bilingual;
  /** Mean stated importance (the `imp_<feature>` rating), when asked. */
  readonly importance: number | null;
}

export interface ServqualSection extends ServqualScores {
  readonly itemTexts: Readonly<Record<string, Bilingual>>;
  readonly weights: Readonly<Partial<Record<ServqualDimension, number>>> | null;
}

export interface IpaPoint {
  readonly key: string;
  readonly label: Bilingual;
  readonly importance: number;
  readonly performance: number;
  readonly quadrant: ReturnType<typeof ipaQuadrant>;
}

export interface IpaSection {
  /** stated: asked (importance ratings or the 100-point allocation); derived: correlation with the overall score */
  readonly basis: "stated" | "derived";
  readonly level: "item" | "dimension";
  readonly crosshair: { readonly importance: number; readonly performance: number };
  readonly points: readonly IpaPoint[];
}

export interface SegmentRow extends ScoreWithInterval {
  readonly value: string;
  readonly responses: number;
}

export interface SegmentBreakdown {
  readonly attribute: SegmentAttribute;
  readonly rows: readonly SegmentRow[];
}

export interface TrendPoint extends ScoreWithInterval {
  readonly period: Period;
  readonly responses: number;
}

export interface DissatisfactionSection {
  /** Answers on the lowest level of the scale. */
  readonly answerCount: number;
  /** Respondents with at least one such answer. */
  readonly respondents: number;
  readonly items: readonly {
    readonly itemKey: string;
    readonly text: Bilingual;
    readonly count: number;
    /** Of the item's answers. */
    readonly share: number;
    readonly department: string | null;
  }[];
  readonly comments: readonly DissatisfiedComment[] | null;
}

export interface RankedRow extends ScoreWithInterval {
  readonly key: string;
  readonly label: string;
  /** 1 = best; null when suppressed. */
  readonly rank: number | null;
}

export interface ReportModel {
  readonly questionnaire: { readonly id: number; readonly name: string; readonly title: Bilingual };
  readonly period: Period;
  readonly previousPeriod: Period;
  readonly filter: ReportFilter;
  readonly generatedAt: string;
  readonly scale: readonly { readonly key: string; readonly label: Bilingual; readonly points: number }[];
  /** A filtered population of fewer than 30 respondents: scores are withheld. */
  readonly suppressed: boolean;
  /**
   * Whether the questionnaire has satisfaction items. Without them (a Kano or SERVQUAL survey) there is
   * no satisfaction score, so no score by segment, trend, dissatisfaction or ranking either.
   */
  readonly scored: boolean;
  readonly headline: Headline;
  readonly dimensions: readonly DimensionScore[];
  readonly indicatorTree: readonly IndicatorNode[];
  readonly distribution: readonly ItemDistribution[];
  readonly kano: readonly KanoFeature[] | null;
  readonly servqual: ServqualSection | null;
  readonly ipa: IpaSection | null;
  /** null when a segment filter is set or the period is a range of days (see `segmentsNote`). */
  readonly segments: readonly SegmentBreakdown[] | null;
  readonly segmentsNote: "filtered" | "custom_period" | null;
  readonly trend: readonly TrendPoint[];
  readonly dissatisfaction: DissatisfactionSection;
  readonly rankings: {
    readonly departments: readonly RankedRow[];
    readonly managers: readonly RankedRow[] | null;
  };
}

const SIGNIFICANCE = 0.05;

const RATER_LABELS: Record<ServqualDimension, Bilingual> = {
  reliability: { "zh-CN": "信赖度", en: "Reliability" },
  assurance: { "zh-CN": "专业度", en: "Assurance" },
  tangibles: { "zh-CN": "有形度", en: "Tangibles" },
  empathy: { "zh-CN": "同理度", en: "Empathy" },
  responsiveness: { "zh-CN": "反应度", en: "Responsiveness" },
};

export function dimensionLabel(definition: QuestionnaireDefinition, key: string): Bilingual {
  const custom = definition.dimensions?.find((dimension) => dimension.key === key);
  if (custom) return custom.label;
  return RATER_LABELS[key as ServqualDimension] ?? { "zh-CN": key, en: key };
}

const EMPTY: MeasureTotals = { n: 0, sum: 0, sumSq: 0, sumY: 0, sumYSq: 0, sumXy: 0, counts: null };

function addTotals(a: MeasureTotals, b: MeasureTotals): MeasureTotals {
  let counts = a.counts;
  if (b.counts) {
    counts = a.counts ? a.counts.map((count, index) => count + (b.counts?.[index] ?? 0)) : [...b.counts];
  }
  return {
    n: a.n + b.n,
    sum: a.sum + b.sum,
    sumSq: a.sumSq + b.sumSq,
    sumY: a.sumY + b.sumY,
    sumYSq: a.sumYSq + b.sumYSq,
    sumXy: a.sumXy + b.sumXy,
    counts,
  };
}

/** Sums one measure over the versions; `measureOf` names it in each version (or undefined: none). */
function combine(
  totals: VersionTotals,
  versions: readonly ReportVersion[],
  measureOf: (version: ReportVersion) => string | undefined,
): MeasureTotals {
  let result = EMPTY;
  for (const version of versions) {
    const measure = measureOf(version);
    if (measure === undefined) continue;
    const found = totals.get(version.id)?.get(measure);
    if (found) result = addTotals(result, found);
  }
  return result;
}

const summaryOf = (totals: MeasureTotals): SampleSummary => ({
  n: totals.n,
  sum: totals.sum,
  sumOfSquares: totals.sumSq,
});

function withInterval(totals: MeasureTotals, suppressSmall: boolean): ScoreWithInterval {
  const rule = reportability(totals.n);
  if (totals.n === 0 || (suppressSmall && rule === "suppress")) {
    return { n: totals.n, score: null, grade: null, lower: null, upper: null, reportability: rule };
  }
  const score = totals.sum / totals.n;
  const interval = totals.n >= 2 ? meanConfidenceIntervalFromSummary(summaryOf(totals)) : null;
  return {
    n: totals.n,
    score,
    grade: gradeFor(score),
    lower: interval?.lower ?? null,
    upper: interval?.upper ?? null,
    reportability: rule,
  };
}

function changeBetween(current: MeasureTotals, previous: MeasureTotals): Change | null {
  if (current.n === 0 || previous.n === 0) return null;
  const difference = current.sum / current.n - previous.sum / previous.n;
  let p: number | null = null;
  if (current.n >= 2 && previous.n >= 2) {
    try {
      p = welchTTestFromSummaries(summaryOf(current), summaryOf(previous)).p;
    } catch {
      p = null; // both periods without any variance: no test
    }
  }
  const significant = p !== null && p < SIGNIFICANCE && difference !== 0;
  return {
    previousScore: previous.sum / previous.n,
    previousN: previous.n,
    difference,
    p,
    significant,
    direction: significant ? (difference > 0 ? "up" : "down") : null,
  };
}

/** The scale of a version mapped onto the report's scale (level keys), for adding counts. */
function levelCounts(totals: MeasureTotals, size: number): number[] {
  return Array.from({ length: size }, (_, index) => totals.counts?.[index] ?? 0);
}

function flatten(nodes: readonly IndicatorGroup[]): IndicatorGroup[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

function findNode(nodes: readonly IndicatorGroup[], path: readonly string[]): IndicatorGroup | undefined {
  return flatten(nodes).find((node) => node.path.join("\u0000") === path.join("\u0000"));
}

function sortWeakestFirst<T extends { readonly score: number | null }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.score === null) return b.score === null ? 0 : 1;
    if (b.score === null) return -1;
    return a.score - b.score;
  });
}

function rank<T extends Omit<RankedRow, "rank">>(rows: readonly T[]): (T & { rank: number | null })[] {
  const shown = rows.filter((row) => row.score !== null).sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  const hidden = rows.filter((row) => row.score === null);
  return [
    ...shown.map((row, index) => ({ ...row, rank: index + 1 })),
    ...hidden.map((row) => ({ ...row, rank: null })),
  ];
}

/** Builds the report from rollup totals. */
export function buildReportModel(inputs: ReportInputs): ReportModel {
  const latest = inputs.versions[inputs.versions.length - 1];
  if (!latest) throw new RangeError("buildReportModel: the questionnaire has no version");
  const definition = latest.definition;
  const scale = scaleOf(definition);
  const department = inputs.filter.department;
  const groupsOf = new Map<number, SatisfactionGroups>(
    inputs.versions.map((version) => [version.id, satisfactionGroups(version.definition, department)]),
  );
  const groups = groupsOf.get(latest.id) as SatisfactionGroups;
  const versions = inputs.versions;
  const measureIn =
    (keysOf: (g: SatisfactionGroups) => readonly string[] | undefined) => (version: ReportVersion) => {
      const keys = keysOf(groupsOf.get(version.id) as SatisfactionGroups);
      return keys && keys.length > 0 ? setMeasure(keys) : undefined;
    };
  const overallMeasure = measureIn((g) => g.overall);
  const responsesMeasure = () => RESPONSES_MEASURE;

  const overall = combine(inputs.current, versions, overallMeasure);
  const responses = combine(inputs.current, versions, responsesMeasure).n;
  const filtered = inputs.filter.attribute !== undefined;
  const suppressed = filtered && reportability(overall.n) === "suppress";
  const previousOverall = combine(inputs.previous, versions, overallMeasure);

  const headlineScore = withInterval(overall, suppressed);
  const headline: Headline = {
    ...headlineScore,
    responses,
    respondents: overall.n,
    responseRate:
      inputs.invitations && inputs.invitations.invited > 0
        ? { ...inputs.invitations, rate: inputs.invitations.responded / inputs.invitations.invited }
        : null,
    change: suppressed ? null : changeBetween(overall, previousOverall),
  };

  const itemsByKey = new Map(allItems(definition).map((item) => [item.key, item]));
  const _textOf = (itemKey: string): Bilingual =>
    itemsByKey.get(itemKey)?.text ?? { "zh-CN": itemKey, en: itemKey };
  const hide = <T>(value: T, empty: T): T => (suppressed ? empty : value);

  // 2. dimensions
  const dimensions: DimensionScore[] = [...groups.dimensions.keys()].map((key) => {
    const measureOf = measureIn((g) => g.dimensions.get(key));
    const totals = combine(inputs.current, versions, measureOf);
    return {
      key,
      label: dimensionLabel(definition, key),
      ...withInterval(totals, suppressed),
      change: suppressed ? null : changeBetween(totals, combine(inputs.previous, versions, measureOf)),
    };
  });

  // 3. indicator tree, weakest first among siblings
  const departmentsUnder = (node: IndicatorGroup) => [
    ...new Set(node.itemKeys.map((key) => itemsByKey.get(key)?.department).filter((d): d is string => !!d)),
  ];
  const scoreNode = (node: IndicatorGroup): IndicatorNode => {
    const totals = combine(
      inputs.current,
      versions,
      measureIn((g) => findNode(g.indicatorTree, node.path)?.itemKeys),
    );
    const score = totals.n > 0 ? totals.sum / totals.n : null;
    return {
      name: node.name,
      path: node.path,
      depth: node.path.length,
      n: totals.n,
      score,
      grade: score === null ? null : gradeFor(score),
      departments: departmentsUnder(node),
      children: sortWeakestFirst(node.children.map(scoreNode)),
    };
  };
  const indicatorTree = sortWeakestFirst(groups.indicatorTree.map(scoreNode));

  // 4. distribution per satisfaction item
  const itemTotals = (itemKey: string) =>
    combine(
      inputs.current,
      versions,
      measureIn((g) => (g.overall.includes(itemKey) ? [itemKey] : undefined)),
    );
  const distribution: ItemDistribution[] = groups.items.map((item) => {
    const totals = itemTotals(item.key);
    const group = groupScoreFromTotals(
      { n: totals.n, sum: totals.sum, levelCounts: levelCounts(totals, scale.levels.length) },
      scale,
    );
    return {
      itemKey: item.key,
      text: item.text,
      dimension: item.dimension ?? null,
      department: item.department ?? null,
      n: group.n,
      score: group.score,
      grade: group.grade,
      answerCount: group.answerCount,
      levels: group.levels,
    };
  });

  // 5. Kano
  const kanoItems = allItems(definition).filter((item) => item.type === "kano");
  const kano: KanoFeature[] = [];
  for (const item of kanoItems) {
    const totals = combine(inputs.current, versions, (version) =>
      allItems(version.definition).some(
        (candidate) => candidate.key === item.key && candidate.type === "kano",
      )
        ? kanoMeasure(item.key)
        : undefined,
    );
    if (totals.n === 0 || !totals.counts) continue;
    const counts = Object.fromEntries(
      KANO_COUNT_ORDER.map((category, index) => [category, totals.counts?.[index] ?? 0]),
    ) as Record<KanoCategory, number>;
    const importance = combine(inputs.current, versions, () => ratingMeasure(`imp_${item.key}`));
    kano.push({
      itemKey: item.key,
      text: item.text,
      ...summarizeKano(counts),
      importance: importance.n > 0 ? importance.sum / importance.n : null,
    });
  }

  // 6. SERVQUAL
  const servqual = suppressed ? null : servqualSection(inputs, definition);

  // 7. importance–performance
  const ipa = suppressed ? null : ipaSection(inputs, distribution, servqual, definition);

  // 8. segments
  let segments: SegmentBreakdown[] | null = null;
  if (inputs.segments) {
    const byAttribute = new Map<SegmentAttribute, SegmentRow[]>();
    for (const [key, totals] of inputs.segments) {
      const parsed = parseSegmentKey(key);
      if (!parsed || parsed.attribute === "manager") continue;
      const segmentOverall = combine(totals, versions, overallMeasure);
      const row: SegmentRow = {
        value: parsed.value,
        responses: combine(totals, versions, responsesMeasure).n,
        ...withInterval(segmentOverall, true),
      };
      byAttribute.set(parsed.attribute, [...(byAttribute.get(parsed.attribute) ?? []), row]);
    }
    segments = [...byAttribute]
      .map(([attribute, rows]) => ({
        attribute,
        rows: rows.sort((a, b) => {
          const order = VALUE_ORDER[attribute];
          const rank = (value: string) => (value === "" ? 99 : (order?.indexOf(value) ?? -1));
          return rank(a.value) - rank(b.value) || a.value.localeCompare(b.value, "zh-CN");
        }),
      }))
      .sort((a, b) => SEGMENT_ORDER.indexOf(a.attribute) - SEGMENT_ORDER.indexOf(b.attribute));
  }

  // 9. trend
  const trend: TrendPoint[] = inputs.trendPeriods.map((period, index) => {
    const totals = inputs.trend[index] ?? new Map();
    const point = combine(totals, versions, overallMeasure);
    return {
      period,
      responses: combine(totals, versions, responsesMeasure).n,
      ...withInterval(point, true),
    };
  });

  // 10. dissatisfaction: answers on the lowest level
  const lowest = scale.levels.length - 1;
  const dissatisfiedItems = distribution
    .map((item) => ({
      itemKey: item.itemKey,
      text: item.text,
      count: item.levels[lowest]?.count ?? 0,
      share: item.levels[lowest]?.share ?? 0,
      department: item.department,
    }))
    .filter((item) => item.count > 0)
    .sort((a, b) => b.count - a.count);
  const dissatisfaction: DissatisfactionSection = {
    answerCount: dissatisfiedItems.reduce((total, item) => total + item.count, 0),
    respondents: inputs.dissatisfiedRespondents,
    items: dissatisfiedItems,
    comments: suppressed ? null : inputs.comments,
  };

  // 11. departments and customer managers ranked by score
  const departments = rank(
    [...groups.departments.keys()].map((name) => ({
      key: name,
      label: name,
      ...withInterval(
        combine(
          inputs.current,
          versions,
          measureIn((g) => g.departments.get(name)),
        ),
        true,
      ),
    })),
  );
  let managers: RankedRow[] | null = null;
  if (inputs.segments) {
    const rows: Omit<RankedRow, "rank">[] = [];
    for (const [key, totals] of inputs.segments) {
      const parsed = parseSegmentKey(key);
      if (parsed?.attribute !== "manager" || parsed.value === "") continue;
      rows.push({
        key: parsed.value,
        label: inputs.managerNames.get(parsed.value) ?? `#${parsed.value}`,
        ...withInterval(combine(totals, versions, overallMeasure), true),
      });
    }
    managers = rank(rows);
  }

  return {
    questionnaire: { ...inputs.questionnaire, title: definition.title },
    period: inputs.period,
    previousPeriod: inputs.previousPeriod,
    filter: inputs.filter,
    generatedAt: inputs.generatedAt,
    scale: scale.levels.map((level) => ({ key: level.key, label: level.label, points: level.points })),
    suppressed,
    scored: versions.some((version) => (groupsOf.get(version.id)?.overall.length ?? 0) > 0),
    headline,
    dimensions: hide(dimensions, []),
    indicatorTree: hide(indicatorTree, []),
    distribution: hide(distribution, []),
    kano: kano.length > 0 && !suppressed ? kano : null,
    servqual,
    ipa,
    segments: suppressed ? null : segments,
    segmentsNote:
      segments !== null ? null : inputs.filter.attribute !== undefined ? "filtered" : "custom_period",
    trend,
    dissatisfaction: suppressed ? { ...dissatisfaction, items: [], comments: null } : dissatisfaction,
    rankings: { departments: hide(departments, []), managers: suppressed ? null : managers },
  };
}

/** Natural orders of the fixed segment values; other values sort by name, "not recorded" last. */
const VALUE_ORDER: Partial<Record<SegmentAttribute, readonly string[]>> = {
  customerType: ["individual", "business"],
  valueTier: ["MVC", "MGC", "LVC", "BZ"],
  activity: ["active", "semi_dormant", "dormant"],
  mode: ["web", "email", "phone", "visit", "letter"],
};

const SEGMENT_ORDER: readonly SegmentAttribute[] = [
  "customerType",
  "channel",
  "valueTier",
  "activity",
  "region",
  "mode",
  "manager",
];

function servqualSection(inputs: ReportInputs, definition: QuestionnaireDefinition): ServqualSection | null {
  const items = allItems(definition).filter((item) => item.type === "servqual");
  const scored = items.flatMap((item) => {
    const totals = combine(inputs.current, inputs.versions, () => servqualMeasure(item.key));
    if (totals.n === 0 || !(SERVQUAL_DIMENSIONS as readonly string[]).includes(item.dimension ?? ""))
      return [];
    const expectation = totals.sum / totals.n;
    const perception = totals.sumY / totals.n;
    return [
      {
        key: item.key,
        dimension: item.dimension as ServqualDimension,
        n: totals.n,
        expectation,
        perception,
        gap: perception - expectation,
      },
    ];
  });
  if (scored.length === 0) return null;
  const allocation = allItems(definition).find((item) => item.type === "importance");
  let weights: Partial<Record<ServqualDimension, number>> | null = null;
  if (allocation?.type === "importance") {
    const present = new Set(scored.map((item) => item.dimension));
    const means = allocation.dimensions.map((dimension) => {
      const totals = combine(inputs.current, inputs.versions, () =>
        allocationMeasure(allocation.key, dimension),
      );
      return [dimension, totals.n > 0 ? totals.sum / totals.n : null] as const;
    });
    // Weighted SERVQUAL needs a weight for exactly the dimensions that have items.
    if (
      means.every(([, mean]) => mean !== null) &&
      means.length === present.size &&
      means.every(([dimension]) => present.has(dimension as ServqualDimension))
    ) {
      weights = Object.fromEntries(means) as Partial<Record<ServqualDimension, number>>;
    }
  }
  let result: ServqualScores;
  try {
    result = servqualFromItemScores(scored, weights ?? undefined);
  } catch {
    // Weights whose means do not add up to 100 (answers to an older version): unweighted only.
    weights = null;
    result = servqualFromItemScores(scored);
  }
  return {
    ...result,
    weights,
    itemTexts: Object.fromEntries(items.map((item) => [item.key, item.text])),
  };
}

function ipaSection(
  inputs: ReportInputs,
  distribution: readonly ItemDistribution[],
  servqual: ServqualSection | null,
  definition: QuestionnaireDefinition,
): IpaSection | null {
  const withCrosshair = (
    basis: IpaSection["basis"],
    level: IpaSection["level"],
    raw: Omit<IpaPoint, "quadrant">[],
  ): IpaSection | null => {
    if (raw.length < 2) return null;
    const crosshair = {
      importance: raw.reduce((total, point) => total + point.importance, 0) / raw.length,
      performance: raw.reduce((total, point) => total + point.performance, 0) / raw.length,
    };
    return {
      basis,
      level,
      crosshair,
      points: raw.map((point) => ({
        ...point,
        quadrant: ipaQuadrant(point.importance, point.performance, crosshair),
      })),
    };
  };
  // SERVQUAL with the 100-point allocation: importance stated per dimension, performance = perception.
  if (servqual?.weights) {
    return withCrosshair(
      "stated",
      "dimension",
      servqual.dimensions.map((dimension) => ({
        key: dimension.dimension,
        label: dimensionLabel(definition, dimension.dimension),
        importance: servqual.weights?.[dimension.dimension] ?? 0,
        performance: dimension.perception,
      })),
    );
  }
  const scored = distribution.filter((item) => item.score !== null);
  if (scored.length < 2) return null;
  // Stated: every item has an importance rating `imp_<item>`; otherwise derived from the correlation.
  const stated = scored.map((item) =>
    combine(inputs.current, inputs.versions, () => ratingMeasure(`imp_${item.itemKey}`)),
  );
  if (stated.every((totals) => totals.n > 0)) {
    return withCrosshair(
      "stated",
      "item",
      scored.map((item, index) => ({
        key: item.itemKey,
        label: item.text,
        importance: (stated[index]?.sum ?? 0) / (stated[index]?.n ?? 1),
        performance: item.score as number,
      })),
    );
  }
  const derived = scored.flatMap((item) => {
    const totals = combine(inputs.current, inputs.versions, (version) => {
      const g = satisfactionGroups(version.definition, inputs.filter.department);
      return g.overall.includes(item.itemKey) ? setMeasure([item.itemKey]) : undefined;
    });
    const r = pearsonCorrelationFromSums({
      n: totals.n,
      sumX: totals.sum,
      sumY: totals.sumY,
      sumXX: totals.sumSq,
      sumYY: totals.sumYSq,
      sumXY: totals.sumXy,
    });
    return r === null
      ? []
      : [{ key: item.itemKey, label: item.text, importance: r, performance: item.score as number }];
  });
  return withCrosshair("derived", "item", derived);
}
