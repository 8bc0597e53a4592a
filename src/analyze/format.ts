// Plain-text rendering of the analyses. The only place numbers are rounded: for display.
import { DEFAULT_GRADE_THRESHOLDS } from "../scoring/grade.ts";
import { GRADE_LABELS, type Grade, type GroupScore, type KanoCategory } from "../scoring/index.ts";
import type { BadRow } from "./csv.ts";
import type { KanoAnalysis } from "./kano-csv.ts";
import { DIMENSION_LABELS } from "./labels.ts";
import type { ScoreAnalysis } from "./score-csv.ts";
import type { ServqualAnalysis } from "./servqual-csv.ts";

/** Terminal columns a character takes: 2 for CJK and full-width forms, 1 otherwise. */
function charWidth(codePoint: number): number {
  return (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
    ? 2
    : 1;
}

/** Width of a string in terminal columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0) ?? 0);
  return width;
}

export interface Column {
  readonly header: string;
  readonly align?: "left" | "right";
}

/** Renders rows under headers, columns padded to their widest cell (CJK counted double). */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, index) =>
    Math.max(displayWidth(column.header), ...rows.map((row) => displayWidth(row[index] ?? ""))),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? "";
        const padding = " ".repeat((widths[index] ?? 0) - displayWidth(cell));
        return column.align === "right" ? padding + cell : cell + padding;
      })
      .join("  ")
      .trimEnd();
  return [
    line(columns.map((column) => column.header)),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...rows.map(line),
  ].join("\n");
}

/**
 * A satisfaction score with 2 decimals, rounded half up — except that a score below a grade
 * threshold is never shown at or above it (94.999 shows as 94.99, not 95.00, since it grades "good").
 */
export function formatScore(score: number | null): string {
  if (score === null) return "—";
  const rounded = Math.round(score * 100) / 100;
  const crossesThreshold = [DEFAULT_GRADE_THRESHOLDS.excellent, DEFAULT_GRADE_THRESHOLDS.good].some(
    (threshold) => score < threshold && rounded >= threshold,
  );
  return (crossesThreshold ? Math.floor(score * 100) / 100 : rounded).toFixed(2);
}

/** A number with fixed decimals, without "-0.00". */
export function formatNumber(value: number | null, digits = 2): string {
  if (value === null) return "—";
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** A share 0..1 as a percentage with one decimal. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

export function formatGrade(grade: Grade | null): string {
  return grade === null ? "—" : `${grade} ${GRADE_LABELS[grade]["zh-CN"]}`;
}

/** The bad-row report for stderr. */
export function formatBadRows(badRows: readonly BadRow[]): string {
  if (badRows.length === 0) return "";
  const lines = badRows.map((row) => `  line ${row.line}: ${row.reason}`);
  return `${badRows.length} bad row${badRows.length === 1 ? "" : "s"} skipped:\n${lines.join("\n")}\n`;
}

function levelColumns(group: GroupScore): Column[] {
  return group.levels.map((level) => ({ header: level.label["zh-CN"], align: "right" as const }));
}

function groupCells(group: GroupScore): string[] {
  return [
    String(group.n),
    formatScore(group.score),
    formatGrade(group.grade),
    ...group.levels.map((level) => formatShare(level.share)),
  ];
}

/** The table printed by `manyi analyze score`. */
export function formatScoreAnalysis(analysis: ScoreAnalysis, file: string): string {
  const { overall } = analysis;
  const groupColumns: Column[] = [
    { header: "n", align: "right" },
    { header: "Score", align: "right" },
    { header: "Grade" },
    ...levelColumns(overall),
  ];
  const sections = [
    `Satisfaction score: ${file}`,
    `Respondents analysed: ${analysis.respondentCount}`,
    "",
    `Overall score: ${formatScore(overall.score)}  ${formatGrade(overall.grade)}  (n = ${overall.n}, ${overall.answerCount} answers)`,
    "",
    renderTable([{ header: "" }, ...groupColumns], [["Overall", ...groupCells(overall)]]),
  ];
  if (analysis.byDimension.length > 0) {
    sections.push(
      "",
      "By dimension",
      renderTable(
        [{ header: "Dimension" }, ...groupColumns],
        analysis.byDimension.map((group) => [group.dimension, ...groupCells(group)]),
      ),
    );
  }
  sections.push(
    "",
    "By item",
    renderTable(
      [{ header: "Item" }, { header: "Dimension" }, ...groupColumns],
      analysis.byItem.map((group) => [group.itemKey, group.dimension ?? "", ...groupCells(group)]),
    ),
    "",
    "Scores are shown with 2 decimals; grades use the exact value (≥ 95 excellent, ≥ 85 good).",
  );
  return `${sections.join("\n")}\n`;
}

const CATEGORY_NAMES: Readonly<Record<KanoCategory, string>> = {
  A: "attractive 魅力",
  O: "one-dimensional 期望",
  M: "must-be 必备",
  I: "indifferent 无差异",
  R: "reverse 反向",
  Q: "questionable 可疑",
};

/** The table printed by `manyi analyze kano`. */
export function formatKanoAnalysis(analysis: KanoAnalysis, file: string): string {
  const rows = analysis.features.map((feature) => [
    feature.feature,
    String(feature.n),
    ...(["A", "O", "M", "I", "R", "Q"] as const).map((category) => String(feature.counts[category])),
    `${feature.category} ${CATEGORY_NAMES[feature.category]}`,
    formatNumber(feature.better),
    formatNumber(feature.worse),
    `${feature.fong.significant ? "significant" : "not significant"} (${feature.fong.firstCategory} ${feature.fong.first} vs ${feature.fong.secondCategory} ${feature.fong.second})`,
    formatNumber(feature.continuous?.functional.mean ?? null),
    formatNumber(feature.continuous?.dysfunctional.mean ?? null),
  ]);
  const rule =
    analysis.rule === "mode"
      ? "mode, ties M > O > A > I"
      : "(O + A + M) vs (I + R + Q), then the largest category";
  return `${[
    `Kano analysis: ${file}`,
    `Category rule: ${rule}`,
    "",
    renderTable(
      [
        { header: "Feature" },
        { header: "n", align: "right" },
        { header: "A", align: "right" },
        { header: "O", align: "right" },
        { header: "M", align: "right" },
        { header: "I", align: "right" },
        { header: "R", align: "right" },
        { header: "Q", align: "right" },
        { header: "Category" },
        { header: "Better", align: "right" },
        { header: "Worse", align: "right" },
        { header: "Fong test" },
        { header: "Func.", align: "right" },
        { header: "Dysf.", align: "right" },
      ],
      rows,
    ),
    "",
    "Better = (A+O)/(A+O+M+I), Worse = −(O+M)/(A+O+M+I). Func./Dysf. = mean DuMouchel scores (−2..4).",
  ].join("\n")}\n`;
}

/** The tables printed by `manyi analyze servqual`. */
export function formatServqualAnalysis(analysis: ServqualAnalysis, file: string): string {
  const dimensionName = (dimension: keyof typeof DIMENSION_LABELS) =>
    `${dimension} ${DIMENSION_LABELS[dimension]}`;
  return `${[
    `SERVQUAL gaps (perception − expectation): ${file}`,
    "",
    "By item",
    renderTable(
      [
        { header: "Item" },
        { header: "Dimension" },
        { header: "n", align: "right" },
        { header: "E", align: "right" },
        { header: "P", align: "right" },
        { header: "Gap", align: "right" },
      ],
      analysis.items.map((item) => [
        item.key,
        dimensionName(item.dimension),
        String(item.n),
        formatNumber(item.expectation),
        formatNumber(item.perception),
        formatNumber(item.gap),
      ]),
    ),
    "",
    "By dimension",
    renderTable(
      [
        { header: "Dimension" },
        { header: "Items", align: "right" },
        { header: "E", align: "right" },
        { header: "P", align: "right" },
        { header: "Gap", align: "right" },
        { header: "Weight", align: "right" },
      ],
      analysis.dimensions.map((row) => [
        dimensionName(row.dimension),
        String(row.itemCount),
        formatNumber(row.expectation),
        formatNumber(row.perception),
        formatNumber(row.gap),
        row.weight === null ? "—" : formatNumber(row.weight, 0),
      ]),
    ),
    "",
    `Unweighted SERVQUAL (mean of dimension gaps): ${formatNumber(analysis.unweighted)}`,
    `Weighted SERVQUAL (Σ weight/100 × gap): ${
      analysis.weighted === null
        ? "— (give importance points with --weights)"
        : formatNumber(analysis.weighted)
    }`,
  ].join("\n")}\n`;
}
