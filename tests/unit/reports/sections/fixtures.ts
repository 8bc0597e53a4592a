// A small questionnaire and hand-made rollup totals for the report sections' unit tests. Every number
// is chosen so that the expected values can be checked by hand (see each test).

import type { Locale } from "../../../../src/i18n/bilingual.ts";
import { translate } from "../../../../src/i18n/i18n.ts";
import {
  parseDefinition,
  type QuestionnaireDefinition,
} from "../../../../src/questionnaires/questionnaire-definition.ts";
import { parsePeriod, previousPeriod, trailingPeriods } from "../../../../src/reports/period.ts";
import type { MeasureTotals, ReportInputs, VersionTotals } from "../../../../src/reports/report-model.ts";
import type { ViewContext } from "../../../../src/reports/sections/section.ts";
import { deepFreeze } from "../../scoring/deep-freeze.ts";

const text = (en: string, zh = en) => ({ en, "zh-CN": zh });

/**
 * Three satisfaction items: a1 and a2 (dimension 诚心 / Sincerity, indicator 服务过程), b1 (诚信 /
 * Integrity, indicator 服务结果); a1 and b1 are 客服部's, a2 is 运营部's. On the default scale
 * 100 / 90 / 75 / 60.
 */
export function satisfactionDefinition(): QuestionnaireDefinition {
  const parsed = parseDefinition({
    title: text("Service survey", "服务满意度调查"),
    dimensions: [
      { key: "诚心", label: text("Sincerity", "诚心") },
      { key: "诚信", label: text("Integrity", "诚信") },
    ],
    sections: [
      {
        key: "main",
        title: text("Main"),
        items: [
          {
            key: "a1",
            type: "satisfaction",
            text: text("Attitude", "态度"),
            dimension: "诚心",
            department: "客服部",
            indicator: ["服务过程", "态度"],
          },
          {
            key: "a2",
            type: "satisfaction",
            text: text("Listening", "倾听"),
            dimension: "诚心",
            department: "运营部",
            indicator: ["服务过程", "倾听"],
          },
          {
            key: "b1",
            type: "satisfaction",
            text: text("Promise", "承诺"),
            dimension: "诚信",
            department: "客服部",
            indicator: ["服务结果"],
          },
          { key: "note", type: "text", text: text("Anything else?") },
        ],
      },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  return parsed.definition;
}

/** Totals of one measure; only what a test sets is non-zero. */
export function totals(part: Partial<MeasureTotals>): MeasureTotals {
  return { n: 0, sum: 0, exactSum: null, sumSq: 0, sumY: 0, sumYSq: 0, sumXy: 0, counts: null, ...part };
}

/** Totals of version 1, by measure. */
export const version1 = (measures: Record<string, MeasureTotals>): VersionTotals =>
  new Map([[1, new Map(Object.entries(measures))]]);

export const OCTOBER = parsePeriod("2026-10") as NonNullable<ReturnType<typeof parsePeriod>>;

/** Report inputs for October 2026 of version 1 of `definition`, nothing answered unless overridden. Frozen. */
export function reportInputs(
  overrides: Partial<ReportInputs> = {},
  definition = satisfactionDefinition(),
): ReportInputs {
  const trendPeriods = trailingPeriods(OCTOBER, 12);
  return deepFreeze({
    questionnaire: { id: 7, name: "service" },
    versions: [{ id: 1, definition }],
    period: OCTOBER,
    previousPeriod: previousPeriod(OCTOBER),
    trendPeriods,
    filter: {},
    current: new Map(),
    previous: new Map(),
    trend: trendPeriods.map(() => new Map()),
    breakdowns: new Map(),
    managerNames: new Map(),
    invitations: null,
    dissatisfiedRespondents: 0,
    comments: null,
    generatedAt: "2026-11-02T00:00:00.000Z",
    ...overrides,
  });
}

export function viewContext(locale: Locale = "en"): ViewContext {
  return { locale, t: (key, values) => translate(locale, key, values), managerNames: new Map() };
}
