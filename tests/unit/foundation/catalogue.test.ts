import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import type { KeyFamily } from "../../../src/i18n/key-family.ts";
import { en } from "../../../src/i18n/messages.en.ts";
import { zhCN } from "../../../src/i18n/messages.zh-CN.ts";

/**
 * The catalogue against the code: every key the code or a view uses exists, every key exists in
 * both languages with the same ICU arguments, and no key is defined that nothing uses.
 */

const root = path.resolve(import.meta.dirname, "../../..");
const files = (dir: string, ending: string): string[] =>
  readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(root, relative)).isDirectory()) return files(relative, ending);
    return name.endsWith(ending) ? [relative] : [];
  });
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

const catalogueFile = /messages\.(en|zh-CN)\.ts$/;
const sources = files("src", ".ts").filter((file) => !catalogueFile.test(file));
const views = files("views", ".hbs");
const keys = Object.keys(en);

// Each module declares the keys it builds from a domain value (`"role." + role`) as key families.
const familyModules = await Promise.all(
  files("src", "message-families.ts").map(
    (file) => import(path.join(root, file)) as Promise<{ families: KeyFamily[] }>,
  ),
);
const families = familyModules.flatMap((module) => module.families);

/** Every quoted literal of a file that is a whole key: "users.title", 'calls.title', `nav.home`. */
function literalKeys(text: string): string[] {
  return [...text.matchAll(/(["'`])([A-Za-z][\w-]*(?:\.[\w-]+)+)\1/g)].map((match) => match[2] ?? "");
}

/** The ICU arguments of a message: name and kind (plain, number, date, plural, select …). */
function argumentsOf(text: string, locale: string): string[] {
  const found = new Set<string>();
  const walk = (elements: ReturnType<IntlMessageFormat["getAst"]>) => {
    for (const element of elements) {
      // every element but plain text (0) names an argument in `value`
      if ((element.type as number) !== 0 && "value" in element && typeof element.value === "string")
        found.add(element.value);
      if ("options" in element)
        for (const option of Object.values(element.options as Record<string, { value: typeof elements }>))
          walk(option.value);
    }
  };
  walk(new IntlMessageFormat(text, locale, undefined, { ignoreTag: true }).getAst());
  return [...found].sort();
}

describe("the message catalogue", () => {
  it("has every English key in Chinese and no other", () => {
    expect(Object.keys(zhCN).sort()).toEqual([...keys].sort());
  });

  it("defines each key in one module's catalogue only (a second one would silently win)", () => {
    const defined = files("src", "messages.en.ts").flatMap((file) =>
      [...read(file).matchAll(/^ {2}"([^"]+)":/gm)].map((match) => match[1] ?? ""),
    );
    expect(defined.filter((key, index) => defined.indexOf(key) !== index)).toEqual([]);
    expect(defined.length).toBe(keys.length);
  });

  it.each(keys)("%s is valid ICU with the same arguments in both languages", (key) => {
    const english = en[key as keyof typeof en];
    const chinese = zhCN[key as keyof typeof zhCN];
    expect(chinese.trim(), "an empty translation").not.toBe("");
    expect(argumentsOf(chinese, "zh-CN")).toEqual(argumentsOf(english, "en"));
  });

  it("has a message for every key a view asks for, or a route hands to a view", () => {
    const missing: string[] = [];
    let asked = 0;
    for (const view of views) {
      const text = read(view);
      // {{t "key"}}, (t "key" …) and keys handed to a partial (legend="builder.item.text")
      for (const match of text.matchAll(
        /\bt "([^"]+)"|\b(?:legend|hint|heading|label)="([a-z]\w*(?:\.[\w-]+)+)"/g,
      )) {
        const key = match[1] ?? match[2] ?? "";
        asked += 1;
        if (!(key in en)) missing.push(`${view}: ${key}`);
      }
    }
    for (const source of sources) {
      // keys a route hands to a view: res.render("calls", { title: "calls.title" }), { labelKey: "…" }
      const named =
        /\b(?:title|heading|body|backLabel|labelKey|typeKey|legend|hint|label|key): "([a-z]\w*(?:\.[\w-]+)+)"/g;
      for (const match of read(source).matchAll(named)) {
        asked += 1;
        if (!((match[1] ?? "") in en)) missing.push(`${source}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
    expect(asked).toBeGreaterThan(500);
  });

  it("has a key family for every key a view or a route builds from a value", () => {
    const declared = new Set(families.map((family) => `${family.prefix}…${family.suffix}`));
    const built: string[] = [];
    for (const view of views) {
      // {{t (concat "role." role)}} or (concat "role." role ".description")
      for (const match of read(view).matchAll(/\(t \(concat "([^"]+)" [^")]+(?: "([^"]+)")?\)/g))
        built.push(`${view}: ${match[1]}…${match[2] ?? ""}`);
    }
    for (const source of sources) {
      // translate(locale, `role.${role}`): a template literal whose fixed start begins a key
      for (const match of read(source).matchAll(/`([A-Za-z][\w-]*\.[\w.-]*)\$\{[^}]*\}([\w.-]*)`/g)) {
        const prefix = match[1] ?? "";
        if (keys.some((key) => key.startsWith(prefix))) built.push(`${source}: ${prefix}…${match[2] ?? ""}`);
      }
    }
    expect(built.filter((entry) => !declared.has(entry.slice(entry.indexOf(": ") + 2)))).toEqual([]);
    expect(built.length).toBeGreaterThan(25);
  });

  it("defines no key that nothing uses", () => {
    const used = new Set<string>(families.flatMap((family) => family.keys()));
    for (const file of [...sources, ...views]) for (const key of literalKeys(read(file))) used.add(key);
    expect(keys.filter((key) => !used.has(key))).toEqual([]);
  });
});
