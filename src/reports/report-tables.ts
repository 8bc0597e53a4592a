import type { Locale } from "../i18n/bilingual.ts";
import { translate } from "../i18n/i18n.ts";
import type { PercentCell, ScoreCell } from "./report-format.ts";
import type { ReportModel } from "./report-model.ts";
import { REPORT_SECTIONS } from "./sections/index.ts";
import type { ViewContext } from "./sections/section.ts";

/**
 * The tables behind the report's sections, for the XLSX workbook (one sheet each) and the CSV downloads;
 * each section gives its own (sections/). Numbers stay unrounded here (spreadsheets format them), but a
 * score is the number the page shows (a ScoreCell); labels are in the viewer's language.
 */
/**
 * A table cell; a score is a ScoreCell and a share a PercentCell (report-format.ts), so XLSX and CSV show
 * them as the page does.
 */
export type Cell = string | number | null | ScoreCell | PercentCell;
export interface ReportTable {
  /** Stable key, used in the CSV URL and the file name. */
  readonly key: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** Every table a report may have, in order (the CSV download's `section`). */
export const TABLE_KEYS: readonly string[] = REPORT_SECTIONS.flatMap((section) => section.tableKeys);

export function reportTables(model: ReportModel, locale: Locale): ReportTable[] {
  const context: ViewContext = {
    locale,
    t: (key, values) => translate(locale, key, values),
    managerNames: new Map(),
  };
  // without satisfaction items every score-based table would be empty: only the analyses remain
  return REPORT_SECTIONS.filter((section) => model.scored || !section.needsScore).flatMap((section) =>
    section.tables(model, context),
  );
}
