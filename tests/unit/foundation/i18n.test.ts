import { describe, expect, it } from "vitest";
import { negotiateLocale, translate } from "../../../src/i18n/i18n.ts";
import { en } from "../../../src/i18n/messages.en.ts";
import { zhCN } from "../../../src/i18n/messages.zh-CN.ts";

describe("negotiateLocale", () => {
  it.each([
    [undefined, "zh-CN"],
    ["", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["en;q=0.5,zh;q=0.8", "zh-CN"],
    ["de-DE,en;q=0.7", "en"],
    ["fr,de", "zh-CN"],
    ["en;q=0,zh;q=0.1", "zh-CN"],
    ["garbage;;;", "zh-CN"],
  ] as const)("Accept-Language %j → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe("translate", () => {
  it("fills placeholders and falls back to the key for an unknown message", () => {
    expect(translate("en", "home.welcome", { name: "Li" })).toBe("Welcome, Li");
    expect(translate("zh-CN", "home.welcome", { name: "李" })).toBe("欢迎，李");
    expect(translate("en", "no.such.key")).toBe("no.such.key");
    expect(translate("en", "home.welcome")).toBe("Welcome, {name}");
  });

  it("has every English message in Chinese, with the same placeholders", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(zhCN[key], key).toBeTruthy();
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });
});

describe("the audit log's words", () => {
  it("names every audit action in both languages", async () => {
    const { AUDIT_ACTIONS } = await import("../../../src/audit/audit-log.ts");
    for (const action of AUDIT_ACTIONS) {
      for (const locale of ["en", "zh-CN"] as const) {
        expect(translate(locale, `audit.action.${action}`), `${locale} ${action}`).not.toBe(
          `audit.action.${action}`,
        );
      }
    }
  });
});
