import path from "node:path";
import type { Express } from "express";
import { engine } from "express-handlebars";
import type { HelperOptions } from "handlebars";
import { type Bilingual, isLocale, pick } from "../i18n/bilingual.ts";
import { isMessageKey, type Message, render, translate } from "../i18n/i18n.ts";
import { formatScore } from "../lib/score-format.ts";
import { formatDateTime } from "../lib/time.ts";

const root = path.resolve(import.meta.dirname, "../..");

function localeOf(options: HelperOptions) {
  const locale: unknown = options.data?.root?.locale;
  return isLocale(locale) ? locale : "zh-CN";
}

/** The view helpers; dates are shown in the organisation's time zone. */
const helpersIn = (timeZone: string) => ({
  /** {{t "key" name=value}}: the UI string in the page's language (an unknown key is a bug: it throws). */
  t(key: string, options: HelperOptions) {
    if (!isMessageKey(key)) throw new Error(`No message "${key}" in the catalogue`);
    return translate(localeOf(options), key, options.hash);
  },
  /**
   * {{tv message}}: a carried message (a field problem: key and values) in the page's language; text
   * a view model already worded in that language (the builder's issues) is shown as it is.
   */
  tv(message: Message | string | undefined, options: HelperOptions) {
    if (typeof message === "string") return message;
    return message ? render(localeOf(options), message) : "";
  },
  /** {{bilingual name}}: a text kept in both languages, in the page's language. */
  bilingual(text: unknown, options: HelperOptions) {
    return typeof text === "object" && text !== null ? pick(text as Bilingual, localeOf(options)) : "";
  },
  /** {{otherLocale}}: the language the page is not in (for a switch, or text marked with `lang`). */
  otherLocale: (options: HelperOptions) => (localeOf(options) === "en" ? "zh-CN" : "en"),
  eq: (a: unknown, b: unknown) => a === b,
  gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  /** {{concat "role." role}}: joins its arguments (the last one is Handlebars' options object). */
  concat: (...parts: unknown[]) => parts.slice(0, -1).join(""),
  not: (a: unknown) => !a,
  /** Date and time in the page's language, in the organisation's time zone. */
  dateTime(value: unknown, options: HelperOptions) {
    return value instanceof Date ? formatDateTime(value, localeOf(options), timeZone) : "";
  },
  json: (value: unknown) => JSON.stringify(value),
  /** {{score value}}: a score as the reports show it (lib/score-format.ts), "—" when there is none. */
  score: (value: unknown) => formatScore(typeof value === "number" ? value : null),
  /** {{#each (array "a" "b")}}: a literal list. */
  array: (...items: unknown[]) => items.slice(0, -1),
});

/** Handlebars views for an app; `timeZone` is the organisation's (dates are shown in it). */
export function configureViews(app: Express, timeZone: string) {
  app.engine(
    "hbs",
    engine({
      extname: ".hbs",
      defaultLayout: "console",
      layoutsDir: path.join(root, "views/layouts"),
      partialsDir: path.join(root, "views/partials"),
      helpers: helpersIn(timeZone),
    }),
  );
  app.set("view engine", "hbs");
  // Compiled templates stay in memory whatever NODE_ENV says (Express caches only in production):
  // without this every page re-reads its templates from disk. Restart to see edited views.
  app.set("view cache", true);
  app.set("views", path.join(root, "views/pages"));
}
