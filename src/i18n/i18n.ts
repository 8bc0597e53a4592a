import { IntlMessageFormat } from "intl-messageformat";
import type { Locale } from "./bilingual.ts";
import { en, type MessageKey } from "./messages.en.ts";
import { zhCN } from "./messages.zh-CN.ts";

export type { MessageKey } from "./messages.en.ts";

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

/** Values for a message's ICU arguments (`{name}`, `{count, plural, …}`, `{n, number}`). */
export type MessageValues = Record<string, string | number | Date>;

/**
 * A message not yet put into words: a catalogue key and its values. Errors and field problems carry
 * one, so each page words them in its own language (and the API in English) from the same catalogue.
 */
export interface Message {
  key: MessageKey;
  values?: MessageValues;
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && Object.hasOwn(en, value);
}

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

// Parsing an ICU message costs far more than formatting it: each one is parsed once per language.
const compiled = new Map<string, IntlMessageFormat>();

/** The ICU formatter of `key` in `locale` (tags such as `<token>` are plain text in manyi's messages). */
export function messageFormat(locale: Locale, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(CATALOGUES[locale][key], locale, undefined, { ignoreTag: true });
    compiled.set(id, format);
  }
  return format;
}

/**
 * The message for `key` in `locale`, its ICU arguments filled in by intl-messageformat (plurals
 * and numbers in the locale's rules; values are not HTML-escaped here).
 * @throws when a value the message needs is missing: a message is never shown with a bare `{name}`
 */
export function translate(locale: Locale, key: MessageKey, values: MessageValues = {}): string {
  const text = messageFormat(locale, key).format(values);
  return typeof text === "string" ? text : String(text);
}

/** A carried message, put into words in `locale`. */
export function render(locale: Locale, message: Message): string {
  return translate(locale, message.key, message.values);
}
