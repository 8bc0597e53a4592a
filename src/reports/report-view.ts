import type { Locale } from "../i18n/bilingual.ts";
import { translate } from "../i18n/i18n.ts";
import { attributeValuesOf } from "./report-filter.ts";
import { breakdownValueLabel, departmentLabel, localized, periodLabel } from "./report-format.ts";
import type { ReportModel } from "./report-model.ts";
import { REPORT_SECTIONS } from "./sections/index.ts";
import type { ReportSection, ViewContext } from "./sections/section.ts";

/**
 * The page's view model (the PDF prints the page; the e-mail and its chart images read it too): the
 * frame, each section's part (sections/), the charts' data and the sections' numbers. Pure (the locale
 * is passed in); numbers are rounded by the sections' view parts.
 */

type Section = (typeof REPORT_SECTIONS)[number];
type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void
  ? I
  : never;
type ViewOf<S> = S extends ReportSection<object, infer View, object> ? View : never;
type ChartsOf<S> = S extends ReportSection<object, object, infer Charts> ? Charts : never;

function viewFrame(model: ReportModel, { locale, t, managerNames }: ViewContext) {
  const { filter } = model;
  const filterText = [
    ...attributeValuesOf(filter).map(
      ({ attribute, value }) =>
        `${t(`report.breakdown.${attribute}`)} = ${breakdownValueLabel(attribute, value, locale, managerNames.get(value))}`,
    ),
    filter.segment ? `${t("report.filter.segment")} = ${filter.segment.name}` : null,
    filter.freeAttribute ? `${filter.freeAttribute.key} = ${filter.freeAttribute.value}` : null,
    filter.department
      ? `${t("report.department")} = ${departmentLabel(model.departmentNames, filter.department, locale)}`
      : null,
  ]
    .filter(Boolean)
    .join(" · ");
  return {
    title: localized(model.questionnaire.title, locale),
    questionnaireName: model.questionnaire.name,
    periodLabel: periodLabel(model.period, locale),
    previousLabel: periodLabel(model.previousPeriod, locale),
    filterText,
    generatedAt: model.generatedAt,
    hasData: model.headline.responses > 0,
    suppressed: model.suppressed,
    scored: model.scored,
  };
}

export type ReportView = ReturnType<typeof viewFrame> &
  UnionToIntersection<ViewOf<Section>> & {
    readonly charts: UnionToIntersection<ChartsOf<Section>>;
    /** Each section's number, or null for one the page leaves out. */
    readonly sectionNumbers: Readonly<Record<string, number | null>>;
  };

/** Everything the report page (and the PDF, which prints the page) shows, in the viewer's language. */
export function reportView(
  model: ReportModel,
  locale: Locale,
  managerNames: ReadonlyMap<string, string> = new Map(),
): ReportView {
  const context: ViewContext = {
    locale,
    t: (key, values) => translate(locale, key, values),
    managerNames,
  };
  const parts = REPORT_SECTIONS.map((section) => section.view(model, context));
  const charts = REPORT_SECTIONS.map((section) => section.charts?.(model, context) ?? {});
  return Object.assign({}, viewFrame(model, context), ...parts, {
    charts: Object.assign({}, ...charts),
    sectionNumbers: sectionNumbers(model),
  }) as ReportView;
}

/**
 * The report's sections in order, numbered 1, 2, 3… over those it shows; null for one it leaves out.
 * The template shows a section exactly when it has a number.
 */
function sectionNumbers(model: ReportModel): Record<string, number | null> {
  let number = 0;
  return Object.fromEntries(
    REPORT_SECTIONS.map((section) => [
      section.name,
      (model.scored || !section.needsScore) && section.shown(model) ? ++number : null,
    ]),
  );
}
