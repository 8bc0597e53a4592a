import { describe, expect, test } from "vitest";
import { attachmentDisposition } from "../../../src/web/attachment.ts";

describe("attachmentDisposition", () => {
  test.each([
    // RFC 6266 §5: an ASCII name is a quoted filename
    [
      "manyi-report-Annual-survey-2026-10.xlsx",
      "unused",
      'attachment; filename="manyi-report-Annual-survey-2026-10.xlsx"',
    ],
    // RFC 5987 §3.2: UTF-8, percent-encoded; 上 = E4 B8 8A, 海 = E6 B5 B7; the ASCII name beside it
    [
      "manyi-report-7-2026-10-region-上海.pdf",
      "manyi-report-7-2026-10-region.pdf",
      "attachment; filename=\"manyi-report-7-2026-10-region.pdf\"; filename*=UTF-8''manyi-report-7-2026-10-region-%E4%B8%8A%E6%B5%B7.pdf",
    ],
    // attr-char has no ' ( ) *: encodeURIComponent leaves them, the header may not
    ["survey (Kano)'s*.csv", "survey.csv", 'attachment; filename="survey (Kano)\'s*.csv"'],
    [
      "调查 (Kano)'s*.csv",
      "survey.csv",
      "attachment; filename=\"survey.csv\"; filename*=UTF-8''%E8%B0%83%E6%9F%A5%20%28Kano%29%27s%2A.csv",
    ],
    // a quote or backslash cannot stand in a quoted filename
    ['a"b\\c.csv', 'a"b.csv', "attachment; filename=\"a_b.csv\"; filename*=UTF-8''a%22b%5Cc.csv"],
  ])("%s", (name, fallback, expected) => {
    expect(attachmentDisposition(name, fallback)).toBe(expected);
  });
});
