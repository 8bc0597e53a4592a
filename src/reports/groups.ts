import {
  allItems,
  type Item,
  type QuestionnaireDefinition,
  scaleOf,
} from "../questionnaires/questionnaire-definition.ts";

/**
 * The groups of satisfaction items a report scores (overall, dimensions, departments, indicator tree
 * nodes, single items), and the rollup measure keys that hold them. Pure.
 *
 * A group's score depends only on its set of items (the mean over respondents of their mean on the
 * group's answered items), so rollups key a group by its sorted item keys: two groups with the same
 * items (诚心 and the indicator node 服务过程, say) share one measure.
 */

/** Where a response or customer falls, for filters and breakdown breakdowns. */
export const BREAKDOWN_ATTRIBUTES = [
  "customerType",
  "channel",
  "valueTier",
  "activity",
  "region",
  "mode",
  "manager",
] as const;
export type BreakdownAttribute = (typeof BREAKDOWN_ATTRIBUTES)[number];

export type BreakdownValues = Readonly<Record<BreakdownAttribute, string | null>>;

/** The rollup breakdown of a filter: '' for everyone, `region=%E4%B8%8A%E6%B5%B7` for one value. */
export function breakdownKey(attribute: BreakdownAttribute | undefined, value?: string | null): string {
  return attribute === undefined ? "" : `${attribute}=${encodeURIComponent(value ?? "")}`;
}

/** Reads a breakdown key back: attribute and value ('' = not recorded). */
export function parseBreakdownKey(key: string): { attribute: BreakdownAttribute; value: string } | undefined {
  const index = key.indexOf("=");
  if (index < 0) return undefined;
  const attribute = key.slice(0, index) as BreakdownAttribute;
  if (!(BREAKDOWN_ATTRIBUTES as readonly string[]).includes(attribute)) return undefined;
  return { attribute, value: decodeURIComponent(key.slice(index + 1)) };
}

const SET_PREFIX = "set:";
export function setMeasure(itemKeys: readonly string[]): string {
  return `${SET_PREFIX}${[...new Set(itemKeys)].sort().join(",")}`;
}
/** Whether a measure is a satisfaction group's: its counts are per level of its version's scale. */
export const isSetMeasure = (measure: string) => measure.startsWith(SET_PREFIX);
export const RESPONSES_MEASURE = "responses";
export const kanoMeasure = (itemKey: string) => `kano:${itemKey}`;
export const servqualMeasure = (itemKey: string) => `servqual:${itemKey}`;
export const allocationMeasure = (itemKey: string, dimension: string) => `alloc:${itemKey}:${dimension}`;
export const ratingMeasure = (itemKey: string) => `rating:${itemKey}`;
/** An item against the rest of the respondent's satisfaction items (the corrected item–total pair). */
export const restMeasure = (itemKey: string) => `rest:${itemKey}`;

export interface IndicatorGroup {
  readonly name: string;
  readonly path: readonly string[];
  readonly itemKeys: readonly string[];
  readonly children: readonly IndicatorGroup[];
}

export interface SatisfactionGroups {
  /** Satisfaction items in catalogue order (restricted to the department when one is given). */
  readonly items: readonly Item[];
  readonly overall: readonly string[];
  readonly dimensions: ReadonlyMap<string, readonly string[]>;
  readonly departments: ReadonlyMap<string, readonly string[]>;
  readonly indicatorTree: readonly IndicatorGroup[];
}

/** The satisfaction items of a definition, optionally only those a department is responsible for. */
export function satisfactionItems(definition: QuestionnaireDefinition, department?: string): Item[] {
  return allItems(definition).filter(
    (item) => item.type === "satisfaction" && (department === undefined || item.department === department),
  );
}

function groupBy(items: readonly Item[], property: "dimension" | "department"): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const item of items) {
    const name = item[property];
    if (name === undefined || name === "") continue;
    groups.set(name, [...(groups.get(name) ?? []), item.key]);
  }
  return groups;
}

function indicatorTree(items: readonly Item[]): IndicatorGroup[] {
  interface Node {
    name: string;
    path: string[];
    itemKeys: string[];
    children: Node[];
  }
  const roots: Node[] = [];
  for (const item of items) {
    if (!item.indicator) continue;
    let siblings = roots;
    item.indicator.forEach((name, depth) => {
      let node = siblings.find((candidate) => candidate.name === name);
      if (!node) {
        node = { name, path: item.indicator?.slice(0, depth + 1) ?? [name], itemKeys: [], children: [] };
        siblings.push(node);
      }
      node.itemKeys.push(item.key);
      siblings = node.children;
    });
  }
  return roots;
}

/** The groups of a definition, as the scoring library forms them (catalogue order). */
export function satisfactionGroups(
  definition: QuestionnaireDefinition,
  department?: string,
): SatisfactionGroups {
  const items = satisfactionItems(definition, department);
  return {
    items,
    overall: items.map((item) => item.key),
    dimensions: groupBy(items, "dimension"),
    departments: groupBy(items, "department"),
    indicatorTree: indicatorTree(items),
  };
}

function flattenTree(nodes: readonly IndicatorGroup[]): IndicatorGroup[] {
  return nodes.flatMap((node) => [node, ...flattenTree(node.children)]);
}

/**
 * Rollups keep satisfaction points in millionths of a point, as whole numbers, so that adding them up
 * is exact (points with up to six decimals, e.g. 87.5 or 7.25, are kept exactly).
 */
export const POINT_UNITS = 1_000_000;

/** What the rollup keeps for one questionnaire version. */
export interface RollupPlan {
  readonly levelKeys: readonly string[];
  readonly levelPoints: readonly number[];
  /** Each level's points in POINT_UNITS (whole numbers). */
  readonly levelUnits: readonly number[];
  readonly satisfactionKeys: readonly string[];
  /** Measure keys of the satisfaction groups (every group, and every group within each department). */
  readonly sets: readonly { readonly measure: string; readonly itemKeys: readonly string[] }[];
  readonly kanoKeys: readonly string[];
  readonly servqualKeys: readonly string[];
  readonly allocations: readonly { readonly itemKey: string; readonly dimensions: readonly string[] }[];
  readonly ratingKeys: readonly string[];
}

/** Every measure a version's responses contribute to. */
export function rollupPlan(definition: QuestionnaireDefinition): RollupPlan {
  const scale = scaleOf(definition);
  const sets = new Map<string, string[]>();
  const add = (keys: readonly string[]) => {
    if (keys.length > 0) sets.set(setMeasure(keys), [...new Set(keys)].sort());
  };
  const departments = [undefined, ...groupBy(satisfactionItems(definition), "department").keys()];
  for (const department of departments) {
    const groups = satisfactionGroups(definition, department);
    add(groups.overall);
    for (const item of groups.items) add([item.key]);
    for (const keys of groups.dimensions.values()) add(keys);
    for (const keys of groups.departments.values()) add(keys);
    for (const node of flattenTree(groups.indicatorTree)) add(node.itemKeys);
  }
  const items = allItems(definition);
  return {
    levelKeys: scale.levels.map((level) => level.key),
    levelPoints: scale.levels.map((level) => level.points),
    levelUnits: scale.levels.map((level) => Math.round(level.points * POINT_UNITS)),
    satisfactionKeys: satisfactionItems(definition).map((item) => item.key),
    sets: [...sets].map(([measure, itemKeys]) => ({ measure, itemKeys })),
    kanoKeys: items.filter((item) => item.type === "kano").map((item) => item.key),
    servqualKeys: items.filter((item) => item.type === "servqual").map((item) => item.key),
    allocations: items.flatMap((item) =>
      item.type === "importance" ? [{ itemKey: item.key, dimensions: item.dimensions }] : [],
    ),
    ratingKeys: items.filter((item) => item.type === "rating" || item.type === "nps").map((item) => item.key),
  };
}
