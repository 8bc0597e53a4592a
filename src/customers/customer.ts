import type { Message } from "../i18n/i18n.ts";
/**
 * Customers: the segment attributes of ../shared/MISSION.md, their accepted spellings (English codes and
 * the Chinese words of the source documents), and the check of one incoming customer record, shared by
 * the CSV import, the bulk API and the console form. Pure: no database, no clock (callers pass `now`).
 */

export const CUSTOMER_TYPES = ["individual", "business"] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];
/** MVC most valuable, MGC most growable, LVC low value, BZ below zero. */
export const VALUE_TIERS = ["MVC", "MGC", "LVC", "BZ"] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];
export const ACTIVITIES = ["active", "semi_dormant", "dormant"] as const;
export type Activity = (typeof ACTIVITIES)[number];
export const CUSTOMER_LOCALES = ["zh-CN", "en"] as const;
export type CustomerLocale = (typeof CUSTOMER_LOCALES)[number];
/**
 * How an opt-out reached us. `unsubscribe_link` is written by the email unsubscribe page, `import` and
 * `api` by bulk loads; staff choose one of the others when they record a customer's request.
 */
export const OPT_OUT_SOURCES = [
  "unsubscribe_link",
  "phone",
  "email",
  "letter",
  "visit",
  "customer_manager",
  "complaint",
  "import",
  "api",
  "other",
] as const;
export type OptOutSource = (typeof OPT_OUT_SOURCES)[number];
/** The sources staff may pick in the console. */
export const STAFF_OPT_OUT_SOURCES: readonly OptOutSource[] = [
  "phone",
  "email",
  "letter",
  "visit",
  "customer_manager",
  "complaint",
  "other",
];

/** The five channels of the source documents; any other text is accepted too. */
export const KNOWN_CHANNELS = ["个险", "银保", "团险", "电销", "网销"] as const;

export const LIMITS = {
  externalRef: 100,
  name: 200,
  email: 254,
  phone: 30,
  channel: 50,
  region: 100,
  attributeKey: 60,
  attributeValue: 500,
  attributes: 30,
} as const;

/** A customer as the console, the API and the wave code see it. */
export interface Customer {
  id: number;
  externalRef: string;
  name: string;
  email: string | null;
  phone: string | null;
  customerType: CustomerType | null;
  channel: string | null;
  valueTier: ValueTier | null;
  activity: Activity | null;
  region: string | null;
  managerUserId: number | null;
  managerName: string | null;
  managerUsername: string | null;
  locale: CustomerLocale | null;
  attributes: Record<string, string>;
  optedOutAt: Date | null;
  optOutSource: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One customer to insert or update by its external reference. `null` means "not given": a new
 * customer has no value, an existing one keeps the value it has (an empty cell never erases data).
 * Attributes are merged key by key. An opt-out is only ever added here, never removed.
 */
export interface CustomerUpsert {
  externalRef: string;
  name: string;
  email: string | null;
  phone: string | null;
  customerType: CustomerType | null;
  channel: string | null;
  valueTier: ValueTier | null;
  activity: Activity | null;
  region: string | null;
  managerUserId: number | null;
  locale: CustomerLocale | null;
  attributes: Record<string, string>;
  optedOutAt: Date | null;
  optOutSource: string | null;
}

/** The fields of an incoming record, as text (a CSV row after mapping, or a JSON object's strings). */
export const CUSTOMER_FIELDS = [
  "externalRef",
  "name",
  "email",
  "phone",
  "customerType",
  "channel",
  "valueTier",
  "activity",
  "region",
  "manager",
  "locale",
  "optedOut",
] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

/** Why a value was refused; translated by the views (`customerImport.problem.<code>`). */
export type ProblemCode =
  | "required"
  | "too_long"
  | "invalid_email"
  | "invalid_phone"
  | "invalid_customer_type"
  | "invalid_value_tier"
  | "invalid_activity"
  | "invalid_locale"
  | "invalid_opt_out"
  | "unknown_manager"
  | "too_many_attributes"
  | "invalid_attribute"
  | "duplicate_ref"
  | "malformed_csv"
  | "too_many_cells"
  | "not_accepted";

export interface Problem {
  /** A CustomerField, `attributes.<key>`, or `row` for the whole record. */
  field: string;
  code: ProblemCode;
  /** The offending value (shortened), the first line of a duplicate, or the CSV error. */
  value?: string;
  /** The limit that was exceeded. */
  max?: number;
}

const PROBLEM_TEXT: Record<ProblemCode, (p: Problem) => string> = {
  required: () => "is required",
  too_long: (p) => `is longer than ${p.max} characters`,
  invalid_email: (p) => `"${p.value}" is not an email address`,
  invalid_phone: (p) => `"${p.value}" is not a phone number`,
  invalid_customer_type: (p) => `"${p.value}" is not a customer type (individual/个人 or business/企业)`,
  invalid_value_tier: (p) => `"${p.value}" is not a value tier (MVC, MGC, LVC or BZ)`,
  invalid_activity: (p) =>
    `"${p.value}" is not an activity (active/活跃, semi_dormant/半休眠 or dormant/休眠)`,
  invalid_locale: (p) => `"${p.value}" is not a language (zh-CN/中文 or en/英文)`,
  invalid_opt_out: (p) => `"${p.value}" is neither yes/no nor a date`,
  unknown_manager: (p) => `"${p.value}" is not the username of an active staff user`,
  too_many_attributes: (p) => `has more than ${p.max} free attributes`,
  invalid_attribute: (p) => `"${p.value}" is not a usable attribute name`,
  duplicate_ref: (p) => `appears again (first on line ${p.value}); only the first is imported`,
  malformed_csv: (p) => `is not valid CSV: ${p.value}`,
  too_many_cells: (p) => `has more cells than the header (${p.max})`,
  not_accepted: (p) => `is not accepted here (${p.value})`,
};

/** The problem as a catalogue message (`customer.problem.<code>`), worded where it is shown. */
export function problemMessage(problem: Problem): Message {
  return {
    key: `customer.problem.${problem.code}`,
    values: { value: problem.value ?? "", max: problem.max ?? "" },
  };
}

/** The problem in English words, for the API and the CLI ("email: "x" is not an email address"). */
export function describeProblem(problem: Problem): string {
  return `${problem.field}: ${PROBLEM_TEXT[problem.code](problem)}`;
}

/** Normalizes a word for lookup: NFKC (full-width → half-width), trimmed, lower case, no spaces/_/-. */
export function normalizeWord(text: string): string {
  return text
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[\s_\-–]+/g, "");
}

const CUSTOMER_TYPE_WORDS: Record<string, CustomerType> = {
  individual: "individual",
  person: "individual",
  personal: "individual",
  private: "individual",
  个人: "individual",
  个人客户: "individual",
  自然人: "individual",
  business: "business",
  company: "business",
  corporate: "business",
  organisation: "business",
  organization: "business",
  企业: "business",
  企业客户: "business",
  公司: "business",
  单位: "business",
  团体: "business",
  法人: "business",
};

const VALUE_TIER_WORDS: Record<string, ValueTier> = {
  mvc: "MVC",
  mgc: "MGC",
  lvc: "LVC",
  bz: "BZ",
  最有价值客户: "MVC",
  最有价值: "MVC",
  最具成长性客户: "MGC",
  最具成长性: "MGC",
  最具增长性客户: "MGC",
  低价值客户: "LVC",
  低价值: "LVC",
  负值客户: "BZ",
  负价值客户: "BZ",
  零以下客户: "BZ",
};

const ACTIVITY_WORDS: Record<string, Activity> = {
  active: "active",
  semidormant: "semi_dormant",
  dormant: "dormant",
  inactive: "dormant",
  活跃: "active",
  活跃客户: "active",
  半休眠: "semi_dormant",
  半休眠客户: "semi_dormant",
  休眠: "dormant",
  休眠客户: "dormant",
};

const LOCALE_WORDS: Record<string, CustomerLocale> = {
  zhcn: "zh-CN",
  zh: "zh-CN",
  chinese: "zh-CN",
  中文: "zh-CN",
  汉语: "zh-CN",
  简体中文: "zh-CN",
  en: "en",
  enus: "en",
  engb: "en",
  english: "en",
  英文: "en",
  英语: "en",
};

const YES = new Set(["yes", "y", "true", "1", "是", "已退订", "退订", "x", "✓"]);
const NO = new Set(["no", "n", "false", "0", "否", "未退订"]);

export const parseCustomerType = (text: string): CustomerType | undefined =>
  CUSTOMER_TYPE_WORDS[normalizeWord(text)];
export const parseValueTier = (text: string): ValueTier | undefined => VALUE_TIER_WORDS[normalizeWord(text)];
export const parseActivity = (text: string): Activity | undefined => ACTIVITY_WORDS[normalizeWord(text)];
export const parseLocale = (text: string): CustomerLocale | undefined => LOCALE_WORDS[normalizeWord(text)];

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
/** Digits with an optional leading +, and the spaces, dashes, dots and brackets people type. */
const PHONE = /^\+?[0-9][0-9 \-().]{4,28}[0-9]$/;

/**
 * An opt-out cell: yes/是 means "opted out now", a date (2026-03-01, 2026/3/1) "opted out that day",
 * no/否 or empty "not given". `undefined` when it is none of these.
 */
export function parseOptOut(text: string, now: Date): { at: Date | null } | undefined {
  const word = normalizeWord(text);
  if (word === "" || NO.has(word)) return { at: null };
  if (YES.has(word)) return { at: now };
  const date = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.normalize("NFKC").trim());
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const at = new Date(Date.UTC(y, m - 1, d));
    if (at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d) return { at };
  }
  return undefined;
}

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** An incoming customer as text: absent or empty fields are "not given". */
export type CustomerRecord = Partial<Record<CustomerField, string>> & {
  attributes?: Record<string, string>;
};

export type CheckResult = { ok: true; value: CustomerUpsert } | { ok: false; problems: Problem[] };

/**
 * Checks one incoming customer and converts it for the upsert: trims every value, accepts the English
 * codes and the Chinese words of each attribute, resolves the manager's username (`managers` maps a
 * lower-case username to a staff user id), and lists every problem of the record, not only the first.
 */
export function checkCustomerRecord(
  record: CustomerRecord,
  managers: ReadonlyMap<string, number>,
  now: Date,
  optOutSource = "import",
): CheckResult {
  const problems: Problem[] = [];
  const values = new Map<CustomerField, string | null>();
  const text = (field: CustomerField): string | null => {
    let value = values.get(field);
    if (value === undefined) {
      const raw = record[field];
      const trimmed = raw === undefined ? "" : raw.trim();
      // NFC only when needed: most text is already composed, and normalizing every cell is costly
      value = trimmed === "" ? null : /[^\t -\u00ff]/.test(trimmed) ? trimmed.normalize("NFC") : trimmed;
      values.set(field, value);
    }
    return value;
  };
  const limited = (field: CustomerField, max: number): string | null => {
    const value = text(field);
    if (value !== null && value.length > max) {
      problems.push({ field, code: "too_long", max });
      return null;
    }
    return value;
  };
  const coded = <T>(
    field: CustomerField,
    parse: (value: string) => T | undefined,
    code: ProblemCode,
  ): T | null => {
    const value = text(field);
    if (value === null) return null;
    const parsed = parse(value);
    if (parsed === undefined) problems.push({ field, code, value: clip(value) });
    return parsed ?? null;
  };

  const externalRef = limited("externalRef", LIMITS.externalRef);
  if (text("externalRef") === null) problems.push({ field: "externalRef", code: "required" });
  const name = limited("name", LIMITS.name);
  if (text("name") === null) problems.push({ field: "name", code: "required" });
  const email = limited("email", LIMITS.email);
  if (email !== null && !EMAIL.test(email))
    problems.push({ field: "email", code: "invalid_email", value: clip(email) });
  const phone = text("phone");
  if (phone !== null && (phone.length > LIMITS.phone || !PHONE.test(phone.normalize("NFKC"))))
    problems.push({ field: "phone", code: "invalid_phone", value: clip(phone) });
  const customerType = coded("customerType", parseCustomerType, "invalid_customer_type");
  const channel = limited("channel", LIMITS.channel);
  const valueTier = coded("valueTier", parseValueTier, "invalid_value_tier");
  const activity = coded("activity", parseActivity, "invalid_activity");
  const region = limited("region", LIMITS.region);
  const locale = coded("locale", parseLocale, "invalid_locale");
  const managerName = text("manager");
  let managerUserId: number | null = null;
  if (managerName !== null) {
    const id = managers.get(managerName.toLowerCase());
    if (id === undefined)
      problems.push({ field: "manager", code: "unknown_manager", value: clip(managerName) });
    else managerUserId = id;
  }
  const optOutText = text("optedOut");
  let optedOutAt: Date | null = null;
  if (optOutText !== null) {
    const parsed = parseOptOut(optOutText, now);
    if (parsed === undefined)
      problems.push({ field: "optedOut", code: "invalid_opt_out", value: clip(optOutText) });
    else optedOutAt = parsed.at;
  }
  const attributes: Record<string, string> = {};
  const entries = Object.entries(record.attributes ?? {});
  for (const [rawKey, rawValue] of entries) {
    const key = rawKey.normalize("NFC").trim();
    const value = String(rawValue ?? "")
      .normalize("NFC")
      .trim();
    if (key === "" || key.length > LIMITS.attributeKey || key === "__proto__") {
      problems.push({ field: "attributes", code: "invalid_attribute", value: clip(key) });
      continue;
    }
    if (value === "") continue;
    if (value.length > LIMITS.attributeValue) {
      problems.push({ field: `attributes.${key}`, code: "too_long", max: LIMITS.attributeValue });
      continue;
    }
    attributes[key] = value;
  }
  if (Object.keys(attributes).length > LIMITS.attributes)
    problems.push({ field: "attributes", code: "too_many_attributes", max: LIMITS.attributes });

  if (problems.length > 0 || externalRef === null || name === null) return { ok: false, problems };
  return {
    ok: true,
    value: {
      externalRef,
      name,
      email,
      phone,
      customerType,
      channel,
      valueTier,
      activity,
      region,
      managerUserId,
      locale,
      attributes,
      optedOutAt,
      optOutSource: optedOutAt === null ? null : optOutSource,
    },
  };
}
