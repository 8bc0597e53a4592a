import { describe, expect, test } from "vitest";
import { composeMessage } from "../../../src/distribution/invitation-sender.ts";

const message = (locale: string) => ({
  invitationId: 1,
  waveId: 1,
  email: "li@example.com",
  locale,
  customerName: "李女士",
  customerOptedOut: false,
  kind: "invitation" as const,
  attempts: 0,
});
const wave = (closesAt: Date | null) => ({
  id: 1,
  closesAt,
  subject: null,
  body: {
    "zh-CN": "请填写 {{link}}，{{closeDate}} 截止。",
    en: "Please answer {{link}} by {{closeDate}}.",
  },
  reminderSubject: null,
  reminderBody: null,
});

describe("the closing date in an e-mail", () => {
  test.each([
    // a wave closing on 10 December in Shanghai closes at 15:59:59.999 UTC: the 10th, whatever the host's zone
    ["2026-12-10T15:59:59.999Z", "Asia/Shanghai", "zh-CN", "2026年12月10日 截止"],
    ["2026-12-10T15:59:59.999Z", "Asia/Shanghai", "en", "by December 10, 2026."],
    // the same instant is still the 9th in New York
    ["2026-12-10T03:00:00.000Z", "America/New_York", "en", "by December 9, 2026."],
    // 16:30 UTC is already the 11th in Shanghai
    ["2026-12-10T16:30:00.000Z", "Asia/Shanghai", "en", "by December 11, 2026."],
  ])("a wave closing at %s in %s (%s) reads %j", (closesAt, timeZone, locale, expected) => {
    const mail = composeMessage(
      { publicUrl: "https://survey.example.com", timeZone },
      wave(new Date(closesAt)),
      message(locale),
      "TOKEN",
    );
    expect(mail.text).toContain(expected);
  });
});
