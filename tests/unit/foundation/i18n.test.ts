import { describe, expect, it } from "vitest";
import { negotiateLocale, translate } from "../../../src/i18n/i18n.ts";

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
  it("fills placeholders, and refuses to show a message with a value missing", () => {
    expect(translate("en", "home.welcome", { name: "Li" })).toBe("Welcome, Li");
    expect(translate("zh-CN", "home.welcome", { name: "李" })).toBe("欢迎，李");
    expect(() => translate("en", "home.welcome")).toThrow();
  });

  it("formats plurals by the language's rules (ICU)", () => {
    expect(translate("en", "validation.tooFew", { minimum: 1 })).toBe("at least 1 item");
    expect(translate("en", "validation.tooFew", { minimum: 2 })).toBe("at least 2 items");
    expect(translate("zh-CN", "validation.tooFew", { minimum: 2 })).toBe("至少 2 项");
    expect(translate("en", "customerImport.run", { count: 1 })).toBe("Import 1 customer");
    expect(translate("en", "builder.section.deleteConfirm", { title: "A", count: 1 })).toBe(
      "Delete the section “A” and its 1 item?",
    );
    expect(translate("en", "customerImport.run", { count: 12345 })).toBe("Import 12,345 customers");
    expect(translate("zh-CN", "customerImport.run", { count: 1 })).toBe("导入 1 位客户");
    expect(translate("en", "builder.section.deleteConfirm", { title: "A", count: 0 })).toBe(
      "Delete the section “A”?",
    );
  });

  it("shows literal braces where a message quotes them (merge fields)", () => {
    expect(translate("en", "waves.error.messageLink")).toBe("the message must contain {{link}}");
    expect(translate("zh-CN", "waves.error.mergeField", { field: "nmae", fields: "{{name}}" })).toBe(
      "未知的合并字段 {{nmae}}；可用字段：{{name}}",
    );
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
