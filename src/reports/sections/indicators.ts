import { allItems } from "../../questionnaires/questionnaire-definition.ts";
import { type Grade, gradeFor, type Reportability, reportability } from "../../scoring/index.ts";
import type { IndicatorGroup } from "../groups.ts";
import { departmentLabel, fmt, gradeLabel, scoreCell } from "../report-format.ts";
import type { ReportModel } from "../report-model.ts";
import type { Cell } from "../report-tables.ts";
import { defineSection } from "./section.ts";
import { meanOf } from "./totals.ts";

/**
 * 3. The indicator system (指标体系): the items' 一级/二级/三级指标 as a tree, each node scored, weakest
 * first among siblings, with the departments responsible for its items. A node of fewer than 30
 * respondents has no score or grade (withheld, sorted last), as every score of the report.
 */

export interface IndicatorNode {
  readonly name: string;
  readonly path: readonly string[];
  readonly depth: number;
  readonly n: number;
  /** null without answers, or withheld (fewer than 30 respondents). */
  readonly score: number | null;
  readonly grade: Grade | null;
  readonly reportability: Reportability;
  readonly departments: readonly string[];
  readonly children: readonly IndicatorNode[];
}

export interface IndicatorsPart {
  readonly indicatorTree: readonly IndicatorNode[];
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

/** The tree's nodes in page order: each node, then its children. */
function walk<T>(nodes: ReportModel["indicatorTree"], row: (node: IndicatorNode) => T): T[] {
  return nodes.flatMap((node) => [row(node), ...walk(node.children, row)]);
}

export const indicatorsSection = defineSection({
  name: "indicators",
  needsScore: true,
  tableKeys: ["indicators"],

  model(context): IndicatorsPart {
    if (context.suppressed) return { indicatorTree: [] };
    const itemsByKey = new Map(allItems(context.definition).map((item) => [item.key, item]));
    const departmentsUnder = (node: IndicatorGroup) => [
      ...new Set(node.itemKeys.map((key) => itemsByKey.get(key)?.department).filter((d): d is string => !!d)),
    ];
    const scoreNode = (node: IndicatorGroup): IndicatorNode => {
      const totals = context.total(
        context.inputs.current,
        context.setIn((g) => findNode(g.indicatorTree, node.path)?.itemKeys),
      );
      const rule = reportability(totals.n);
      const score = rule !== "suppress" ? meanOf(totals) : null;
      return {
        name: node.name,
        path: node.path,
        depth: node.path.length,
        n: totals.n,
        score,
        grade: score === null ? null : gradeFor(score),
        reportability: rule,
        departments: departmentsUnder(node),
        children: sortWeakestFirst(node.children.map(scoreNode)),
      };
    };
    return { indicatorTree: sortWeakestFirst(context.groups.indicatorTree.map(scoreNode)) };
  },

  shown: (model) => model.indicatorTree.length > 0,

  view(model, { locale }) {
    return {
      indicatorRows: walk(model.indicatorTree, (node) => ({
        name: node.name,
        depth: node.depth,
        n: node.n,
        scoreText: fmt.score(node.score),
        grade: gradeLabel(node.grade, locale),
        gradeKey: node.grade ?? "none",
        suppressed: node.reportability === "suppress",
        caution: node.reportability === "caution",
        departments: node.departments
          .map((code) => departmentLabel(model.departmentNames, code, locale))
          .join("、"),
      })),
    };
  },

  tables(model, { locale, t }) {
    return [
      {
        key: "indicators",
        title: t("report.section.indicators"),
        columns: [
          t("report.level1"),
          t("report.level2"),
          t("report.level3"),
          t("report.score"),
          t("report.grade"),
          t("report.n"),
          t("report.departments"),
        ],
        rows: walk(model.indicatorTree, (node): Cell[] => [
          node.path[0] ?? null,
          node.path[1] ?? null,
          node.path[2] ?? null,
          scoreCell(node.score),
          gradeLabel(node.grade, locale),
          node.n,
          node.departments.map((code) => departmentLabel(model.departmentNames, code, locale)).join(", "),
        ]),
      },
    ];
  },
});
