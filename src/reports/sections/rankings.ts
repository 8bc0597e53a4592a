import { parseBreakdownKey } from "../groups.ts";
import { departmentLabel, gradeLabel, scoreCell, scoreCells } from "../report-format.ts";
import type { ReportTable } from "../report-tables.ts";
import { defineSection } from "./section.ts";
import { type ScoreWithInterval, withInterval } from "./totals.ts";

/**
 * 11. Departments and customer managers ranked (部门与客户经理排名): each department by the items it is
 * responsible for, each customer manager by the scores of their customers; withheld rows last, unranked.
 */

export interface RankedRow extends ScoreWithInterval {
  readonly key: string;
  readonly label: string;
  /** 1 = best; null when suppressed. */
  readonly rank: number | null;
}

export interface RankingsPart {
  readonly rankings: {
    readonly departments: readonly RankedRow[];
    /** null when the report has no breakdown breakdowns (a breakdown filter, a range of days). */
    readonly managers: readonly RankedRow[] | null;
  };
}

function rank<T extends Omit<RankedRow, "rank">>(rows: readonly T[]): (T & { rank: number | null })[] {
  const shown = rows.filter((row) => row.score !== null).sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  const hidden = rows.filter((row) => row.score === null);
  return [
    ...shown.map((row, index) => ({ ...row, rank: index + 1 })),
    ...hidden.map((row) => ({ ...row, rank: null })),
  ];
}

export const rankingsSection = defineSection({
  name: "rankings",
  needsScore: true,
  tableKeys: ["departments", "managers"],

  model(context): RankingsPart {
    const { inputs } = context;
    if (context.suppressed) return { rankings: { departments: [], managers: null } };
    const departments = rank(
      [...context.groups.departments.keys()].map((name) => ({
        key: name,
        label: name,
        ...withInterval(
          context.total(
            inputs.current,
            context.setIn((g) => g.departments.get(name)),
          ),
          true,
        ),
      })),
    );
    let managers: RankedRow[] | null = null;
    if (inputs.breakdowns) {
      const rows: Omit<RankedRow, "rank">[] = [];
      for (const [key, totals] of inputs.breakdowns) {
        const parsed = parseBreakdownKey(key);
        if (parsed?.attribute !== "manager" || parsed.value === "") continue;
        rows.push({
          key: parsed.value,
          label: inputs.managerNames.get(parsed.value) ?? `#${parsed.value}`,
          ...withInterval(context.total(totals, context.overall), true),
        });
      }
      managers = rank(rows);
    }
    return { rankings: { departments, managers } };
  },

  shown: (model) => !model.suppressed,

  view(model, { locale }) {
    return {
      rankings: {
        departments: model.rankings.departments.map((row) => ({
          ...row,
          label: departmentLabel(model.departmentNames, row.key, locale),
          ...scoreCells(row, locale),
          rank: row.rank ?? "—",
        })),
        managers: model.rankings.managers?.map((row) => ({
          ...row,
          ...scoreCells(row, locale),
          rank: row.rank ?? "—",
        })),
      },
    };
  },

  tables(model, { locale, t }) {
    const tables: ReportTable[] = [
      {
        key: "departments",
        title: t("report.rank.departments"),
        columns: [
          t("report.rank"),
          t("report.department"),
          t("report.score"),
          t("report.grade"),
          t("report.n"),
        ],
        rows: model.rankings.departments.map((row) => [
          row.rank,
          departmentLabel(model.departmentNames, row.key, locale),
          scoreCell(row.score),
          gradeLabel(row.grade, locale),
          row.n,
        ]),
      },
    ];
    if (model.rankings.managers) {
      tables.push({
        key: "managers",
        title: t("report.rank.managers"),
        columns: [
          t("report.rank"),
          t("report.breakdown.manager"),
          t("report.score"),
          t("report.column.ciLower"),
          t("report.column.ciUpper"),
          t("report.n"),
        ],
        rows: model.rankings.managers.map((row) => [
          row.rank,
          row.label,
          scoreCell(row.score),
          row.lower,
          row.upper,
          row.n,
        ]),
      });
    }
    return tables;
  },
});
