/** The languages manyi ships; every text a person reads exists in both. */
export type Locale = "zh-CN" | "en";

export function isLocale(value: unknown): value is Locale {
  return value === "zh-CN" || value === "en";
}

/**
 * A text kept in both languages: a questionnaire's title, an item's text, a scale label, a wave's
 * message. The one name for it across the code (not "localized" or "label").
 */
export type Bilingual = Record<Locale, string>;

/** The text in `locale`, falling back to the other language when it is empty. */
export function pick(text: Bilingual | undefined, locale: Locale): string {
  if (!text) return "";
  return text[locale] || text[locale === "en" ? "zh-CN" : "en"];
}
