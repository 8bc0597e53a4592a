import type { Period } from "./period.ts";
import { attributeValuesOf } from "./report-filter.ts";
import type { ReportFilter } from "./report-model.ts";

/**
 * The name of a report's download (PDF, XLSX, CSV): what it is of, so a folder of downloads tells them
 * apart — `manyi-report-<questionnaire>-<period>[-<attribute>-<value>…][-segment-<name>][-<key>-<value>]
 * [-department-<name>][-<table>].<ext>`,
 * e.g. `manyi-report-三诚满意度调查-2026-10-region-上海.xlsx`. `ascii` is the same name in ASCII for
 * clients that cannot read a UTF-8 name: a part that is not ASCII gives way to the questionnaire's id,
 * or is left out. Pure.
 */
export interface ReportFileName {
  readonly name: string;
  readonly ascii: string;
}

const MAX_PART = 60;

/** Letters (with their marks) and digits of any script; every other run of characters becomes one hyphen. */
function slug(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_PART)
    .replace(/-+$/, "");
}

const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

export function reportFileName(
  report: {
    readonly questionnaireId: number;
    /** The questionnaire's title, in the viewer's language. */
    readonly title: string;
    readonly period: Period;
    readonly filter: ReportFilter;
  },
  extension: string,
  table?: string,
): ReportFileName {
  const title = slug(report.title);
  // "2026-10-01..2026-10-15" → "2026-10-01_2026-10-15"
  const period = report.period.key.replace(/\.\./g, "_");
  const parts: { text: string; ascii: string | null }[] = [
    { text: "manyi-report", ascii: "manyi-report" },
    {
      text: title || String(report.questionnaireId),
      ascii: title && isAscii(title) ? title : String(report.questionnaireId),
    },
    { text: period, ascii: period },
  ];
  const filtered = (attribute: string, value: string) => {
    const valueSlug = slug(value);
    parts.push({ text: attribute, ascii: attribute });
    if (valueSlug) parts.push({ text: valueSlug, ascii: isAscii(valueSlug) ? valueSlug : null });
  };
  for (const { attribute, value } of attributeValuesOf(report.filter)) filtered(attribute, value);
  if (report.filter.segment)
    filtered("segment", report.filter.segment.name || String(report.filter.segment.id));
  if (report.filter.freeAttribute)
    filtered(report.filter.freeAttribute.key, report.filter.freeAttribute.value);
  if (report.filter.department) filtered("department", report.filter.department);
  if (table) parts.push({ text: table, ascii: table });
  return {
    name: `${parts.map((part) => part.text).join("-")}.${extension}`,
    ascii: `${parts.flatMap((part) => (part.ascii === null ? [] : [part.ascii])).join("-")}.${extension}`,
  };
}
