import type { Locale } from "./bilingual.ts";
import { en, type MessageKey } from "./messages.en.ts";
import { zhCN } from "./messages.zh-CN.ts";

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

/**
 * Picks zh-CN or English from an Accept-Language header by q-value; any `zh*` means Chinese.
 * With no usable header the product's home language, Chinese, is the default.
 */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return "zh-CN";
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number.parseFloat(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag !== "" && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return "zh-CN";
}

/** The message for `key` in `locale`, with `{name}` placeholders filled in (values are not escaped here). */
export function translate(locale: Locale, key: string, values: Record<string, unknown> = {}): string {
  const template = CATALOGUES[locale][key as MessageKey] ?? en[key as MessageKey] ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}
