import { type GroupScore, scoreGroup } from "./group-score.ts";
import type { Scale } from "./scale.ts";
import type { Item, ResolvedRespondent } from "./survey-data.ts";

/** The score of one node of the indicator tree (一级/二级/三级指标) and of its sub-indicators. */
export interface IndicatorNodeScore extends GroupScore {
  /** The node's own name, e.g. "理赔时效". */
  readonly name: string;
  /** Names from the top level down to this node, e.g. ["服务质量", "理赔服务", "理赔时效"]. */
  readonly path: readonly string[];
  /** 1 for 一级指标, 2 for 二级, 3 for 三级. */
  readonly depth: number;
  /** Items under this node (at any depth below it). */
  readonly itemKeys: readonly string[];
  readonly children: readonly IndicatorNodeScore[];
}

interface TreeNode {
  readonly name: string;
  readonly path: readonly string[];
  readonly itemKeys: string[];
  readonly children: TreeNode[];
}

/**
 * Builds the indicator tree from the items' `indicatorPath`s (nodes in order of first appearance)
 * and scores every node over the items beneath it with the same rule as the overall score.
 * Items without an indicator path are not part of the tree.
 *
 * Source: "indicators in a hierarchy (一级/二级/三级指标)" (../shared/MISSION.md).
 *
 * @example
 * // items Q1 ["服务", "理赔"] and Q2 ["服务", "回访"] → one root "服务" (Q1, Q2) with two children
 * scoreIndicatorTree(items, resolved, DEFAULT_SCALE)[0]?.children.map((node) => node.name); // => ["理赔", "回访"]
 */
export function scoreIndicatorTree(
  items: readonly Item[],
  respondents: readonly ResolvedRespondent[],
  scale: Scale,
): IndicatorNodeScore[] {
  const roots: TreeNode[] = [];
  for (const item of items) {
    if (item.indicatorPath === undefined) continue;
    let siblings = roots;
    item.indicatorPath.forEach((name, depth) => {
      let node = siblings.find((candidate) => candidate.name === name);
      if (node === undefined) {
        node = { name, path: item.indicatorPath?.slice(0, depth + 1) ?? [name], itemKeys: [], children: [] };
        siblings.push(node);
      }
      node.itemKeys.push(item.key);
      siblings = node.children;
    });
  }
  const score = (node: TreeNode): IndicatorNodeScore => {
    const keys = new Set(node.itemKeys);
    return {
      name: node.name,
      path: node.path,
      depth: node.path.length,
      itemKeys: node.itemKeys,
      ...scoreGroup(respondents, scale, (itemKey) => keys.has(itemKey)),
      children: node.children.map(score),
    };
  };
  return roots.map(score);
}
