import { type Bilingual, type Locale, pick } from "../i18n/bilingual.ts";

/**
 * A department (部门): the unit responsible for what a questionnaire item measures, the queue a
 * follow-up case without a customer manager is routed to, a line of the report's department ranking.
 * Items, cases and report filters name it by its `code`; people read its `name`. Pure.
 */
export interface Department {
  id: number;
  code: string;
  name: Bilingual;
  email: string | null;
  headUserId: number | null;
  /** an inactive department keeps its code and history, but is no longer offered for new items */
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The names of departments by code: what pages and reports need to show a code to people. */
export type DepartmentNames = ReadonlyMap<string, Bilingual>;

/**
 * A department's name in `locale`; the code itself when no department has that code (an item of an
 * imported questionnaire, a department deleted from the database by hand), so nothing shown is blank.
 *
 * @example
 * departmentName(new Map([["claims", { "zh-CN": "理赔部", en: "Claims" }]]), "claims", "en") // → "Claims"
 * departmentName(new Map(), "运营部", "en") // → "运营部"
 */
export function departmentName(names: DepartmentNames, code: string, locale: Locale): string {
  const name = names.get(code);
  return name ? pick(name, locale) || code : code;
}

/** A code as a department name in `locale`, or null for no department. */
export function departmentNameOrNull(
  names: DepartmentNames,
  code: string | null | undefined,
  locale: Locale,
): string | null {
  return code ? departmentName(names, code, locale) : null;
}
