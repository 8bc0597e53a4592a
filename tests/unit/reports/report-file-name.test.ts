import { describe, expect, test } from "vitest";
import { parsePeriod } from "../../../src/reports/period.ts";
import { reportFileName } from "../../../src/reports/report-file-name.ts";

const period = (key: string) => parsePeriod(key) as NonNullable<ReturnType<typeof parsePeriod>>;

describe("reportFileName", () => {
  test.each([
    [
      { title: "Annual customer satisfaction survey", period: "2026-10", filter: {} },
      "xlsx",
      undefined,
      "manyi-report-Annual-customer-satisfaction-survey-2026-10.xlsx",
      "manyi-report-Annual-customer-satisfaction-survey-2026-10.xlsx",
    ],
    [
      {
        title: "客户满意度年度调查（三诚）",
        period: "2026-10",
        filter: { attribute: "region", value: "上海" },
      },
      "xlsx",
      undefined,
      "manyi-report-客户满意度年度调查-三诚-2026-10-region-上海.xlsx",
      "manyi-report-7-2026-10-region.xlsx",
    ],
    [
      {
        title: "Insurance service features survey (Kano)",
        period: "2026-Q4",
        filter: { attribute: "valueTier", value: "MVC" },
      },
      "pdf",
      undefined,
      "manyi-report-Insurance-service-features-survey-Kano-2026-Q4-valueTier-MVC.pdf",
      "manyi-report-Insurance-service-features-survey-Kano-2026-Q4-valueTier-MVC.pdf",
    ],
    [
      {
        title: "After-service follow-up",
        period: "2026-10-01..2026-10-15",
        filter: { department: "客户服务中心" },
      },
      "csv",
      "dimensions",
      "manyi-report-After-service-follow-up-2026-10-01_2026-10-15-department-客户服务中心-dimensions.csv",
      "manyi-report-After-service-follow-up-2026-10-01_2026-10-15-department-dimensions.csv",
    ],
    [
      {
        title: "Café / Crème",
        period: "2026",
        filter: { attribute: "channel", value: "个险" as string, department: "IT" },
      },
      "csv",
      "trend",
      "manyi-report-Café-Crème-2026-channel-个险-department-IT-trend.csv",
      "manyi-report-7-2026-channel-department-IT-trend.csv",
    ],
    // several attribute values, a saved segment and a free attribute: each named
    [
      {
        title: "Survey",
        period: "2026-10",
        filter: {
          attribute: "channel",
          value: "个险" as string,
          moreAttributes: [{ attribute: "region", value: "Shanghai" }],
          segment: { id: 3, name: "VIP 客户" },
          freeAttribute: { key: "industry", value: "retail" },
        },
      },
      "xlsx",
      undefined,
      "manyi-report-Survey-2026-10-channel-个险-region-Shanghai-segment-VIP-客户-industry-retail.xlsx",
      "manyi-report-Survey-2026-10-channel-region-Shanghai-segment-industry-retail.xlsx",
    ],
    // a title of nothing but punctuation: the questionnaire's id
    [
      { title: "（）", period: "2026-10", filter: {} },
      "xlsx",
      undefined,
      "manyi-report-7-2026-10.xlsx",
      "manyi-report-7-2026-10.xlsx",
    ],
  ] as const)("%o %s %s", (report, extension, table, name, ascii) => {
    expect(
      reportFileName({ questionnaireId: 7, ...report, period: period(report.period) }, extension, table),
    ).toEqual({ name, ascii });
  });

  test("a long title is cut to 60 characters", () => {
    const { name } = reportFileName(
      { questionnaireId: 7, title: "word ".repeat(30), period: period("2026-10"), filter: {} },
      "xlsx",
    );
    expect(name).toBe(`manyi-report-${"word-".repeat(11)}word-2026-10.xlsx`);
  });
});
