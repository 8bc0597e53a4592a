import { z } from "zod";
import type { Message } from "../i18n/i18n.ts";
import { messageOfIssue, zodMessageKey } from "../i18n/zod-messages.ts";
import { DEFAULT_SCALE, type Scale, SERVQUAL_DIMENSIONS } from "../scoring/index.ts";

/**
 * A questionnaire definition: the JSON stored in `questionnaire_version.definition`, imported and
 * exported as a file, and edited by the builder. Pure: no I/O.
 */

const localized = (max: number) =>
  z.object({
    "zh-CN": z.string().trim().min(1, "builder.issue.zhRequired").max(max),
    en: z.string().trim().min(1, "builder.issue.enRequired").max(max),
  });
const optionalLocalized = (max: number) =>
  z.object({ "zh-CN": z.string().trim().max(max), en: z.string().trim().max(max) }).optional();

const keySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "builder.issue.key");

const scaleSchema = z.object({
  levels: z
    .array(z.object({ key: keySchema, points: z.number().finite(), label: localized(40) }))
    .min(2, "builder.issue.scaleMin")
    .max(10, "builder.issue.scaleMax"),
});

const conditionSchema = z
  .object({
    item: keySchema,
    /** shown when the earlier answer is one of these (level keys, option keys or numbers as text) */
    in: z.array(z.string().max(60)).min(1).max(50).optional(),
    /** shown when the earlier item was answered at all */
    answered: z.literal(true).optional(),
  })
  .refine((c) => (c.in === undefined) !== (c.answered === undefined), {
    message: "builder.issue.condition",
  });
export type Condition = z.output<typeof conditionSchema>;

const optionSchema = z.object({ key: keySchema, label: localized(200) });

const itemBase = {
  key: keySchema,
  text: localized(1000),
  help: optionalLocalized(1000),
  required: z.boolean().default(true),
  /** RATER dimension (reliability …) or a custom one declared in `dimensions` (诚心 …) */
  dimension: z.string().max(40).optional(),
  /** 一级/二级/三级指标, top level first */
  indicator: z.array(z.string().trim().min(1).max(60)).min(1).max(3, "builder.issue.indicatorMax").optional(),
  /** the department responsible for what the item measures */
  department: z.string().trim().max(60).optional(),
  showIf: conditionSchema.optional(),
};

export const itemSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ ...itemBase, type: z.literal("satisfaction") }),
    z.object({
      ...itemBase,
      type: z.literal("rating"),
      min: z.number().int().min(0).max(1).default(1),
      max: z.number().int().min(2).max(10),
      minLabel: optionalLocalized(60),
      maxLabel: optionalLocalized(60),
    }),
    z.object({ ...itemBase, type: z.literal("nps") }),
    z.object({
      ...itemBase,
      type: z.literal("kano"),
      functional: localized(1000),
      dysfunctional: localized(1000),
    }),
    z.object({
      ...itemBase,
      type: z.literal("servqual"),
      expectation: localized(1000),
      perception: localized(1000),
    }),
    z.object({
      ...itemBase,
      type: z.literal("importance"),
      /** the dimensions among which 100 points are allocated */
      dimensions: z.array(z.string().max(40)).min(2, "builder.issue.dimensionsMin").max(10),
    }),
    z.object({
      ...itemBase,
      type: z.literal("single_choice"),
      options: z.array(optionSchema).min(2, "builder.issue.optionsMin").max(50),
    }),
    z.object({
      ...itemBase,
      type: z.literal("multiple_choice"),
      options: z.array(optionSchema).min(2, "builder.issue.optionsMin").max(50),
      maxSelected: z.number().int().min(1).optional(),
    }),
    z.object({
      ...itemBase,
      type: z.literal("text"),
      multiline: z.boolean().default(true),
      maxLength: z.number().int().min(1).max(5000).default(2000),
    }),
  ],
  {
    error: "builder.issue.type",
  },
);
export type Item = z.output<typeof itemSchema>;
export type ItemType = Item["type"];
export const ITEM_TYPES: ItemType[] = [
  "satisfaction",
  "rating",
  "nps",
  "kano",
  "servqual",
  "importance",
  "single_choice",
  "multiple_choice",
  "text",
];

const sectionSchema = z.object({
  key: keySchema,
  title: localized(200),
  intro: optionalLocalized(2000),
  items: z.array(itemSchema).max(200),
});
export type Section = z.output<typeof sectionSchema>;

export const definitionSchema = z.object({
  title: localized(200),
  intro: optionalLocalized(4000),
  thankYou: optionalLocalized(2000),
  /** the satisfaction scale of every satisfaction item; 100/90/75/60 when absent */
  scale: scaleSchema.optional(),
  /** custom dimensions such as 诚心/诚信/诚行; RATER dimensions need no declaration */
  dimensions: z
    .array(z.object({ key: z.string().trim().min(1).max(40), label: localized(60) }))
    .max(20)
    .optional(),
  sections: z.array(sectionSchema).min(1, "builder.issue.noSection").max(50),
});
export type QuestionnaireDefinition = z.output<typeof definitionSchema>;

export interface DefinitionIssue {
  /** where, e.g. `sections.1.items.3.showIf.item` */
  path: string;
  /** the item's key when the issue is about an item, so the builder can point at it */
  itemKey?: string;
  /** what is wrong, worded where it is shown (the builder in the page's language, the API in English) */
  message: Message;
}

export type DefinitionResult =
  | { ok: true; definition: QuestionnaireDefinition }
  | { ok: false; issues: DefinitionIssue[] };

/**
 * Parses and checks a definition: the shape (zod), then the rules across items: unique keys, dimensions
 * that exist, conditions that refer to an earlier item and to its possible answers.
 */
export function parseDefinition(input: unknown): DefinitionResult {
  const parsed = definitionSchema.safeParse(input, { error: zodMessageKey });
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.join("."),
        ...itemKeyAt(input, issue.path),
        message: messageOfIssue(issue),
      })),
    };
  }
  const issues = crossItemIssues(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, definition: parsed.data };
}

function itemKeyAt(input: unknown, path: PropertyKey[]): { itemKey?: string } {
  if (path[0] !== "sections" || path[2] !== "items" || typeof path[3] !== "number") return {};
  const sections = (input as { sections?: { items?: { key?: unknown }[] }[] })?.sections;
  const key = sections?.[path[1] as number]?.items?.[path[3]]?.key;
  return typeof key === "string" ? { itemKey: key } : {};
}

function crossItemIssues(definition: QuestionnaireDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const dimensions = new Set<string>([
    ...SERVQUAL_DIMENSIONS,
    ...(definition.dimensions ?? []).map((d) => d.key),
  ]);
  const sectionKeys = new Set<string>();
  const earlier = new Map<string, Item>();
  const scale = scaleOf(definition);
  definition.sections.forEach((section, s) => {
    if (sectionKeys.has(section.key)) {
      issues.push({
        path: `sections.${s}.key`,
        message: { key: "builder.issue.sectionKeyTwice", values: { key: section.key } },
      });
    }
    sectionKeys.add(section.key);
    section.items.forEach((item, i) => {
      const at = `sections.${s}.items.${i}`;
      const issue = (path: string, message: Message) =>
        issues.push({ path: `${at}${path}`, itemKey: item.key, message });
      if (earlier.has(item.key))
        issue(".key", { key: "builder.issue.itemKeyTwice", values: { key: item.key } });
      if (item.dimension !== undefined && !dimensions.has(item.dimension)) {
        issue(".dimension", { key: "builder.issue.unknownDimension", values: { dimension: item.dimension } });
      }
      if (item.type === "importance") {
        for (const dimension of item.dimensions) {
          if (!dimensions.has(dimension))
            issue(".dimensions", { key: "builder.issue.unknownAllocated", values: { dimension } });
        }
      }
      if (
        item.type === "multiple_choice" &&
        item.maxSelected !== undefined &&
        item.maxSelected > item.options.length
      ) {
        issue(".maxSelected", { key: "builder.issue.maxSelected" });
      }
      if (
        (item.type === "single_choice" || item.type === "multiple_choice") &&
        duplicates(item.options.map((o) => o.key))
      ) {
        issue(".options", { key: "builder.issue.optionKeys" });
      }
      if (item.showIf) {
        const source = earlier.get(item.showIf.item);
        if (!source) {
          issue(".showIf.item", {
            key: "builder.issue.conditionEarlier",
            values: { item: item.showIf.item },
          });
        } else if (item.showIf.in) {
          const possible = possibleAnswers(source, scale);
          const unknown = possible ? item.showIf.in.filter((value) => !possible.includes(value)) : [];
          if (unknown.length > 0) {
            issue(".showIf.in", {
              key: "builder.issue.conditionAnswers",
              values: { item: source.key, answers: unknown.map((u) => `"${u}"`).join(", ") },
            });
          }
        }
      }
      earlier.set(item.key, item);
    });
  });
  if (earlier.size === 0) issues.push({ path: "sections", message: { key: "builder.issue.noItem" } });
  return issues;
}

function duplicates(values: string[]): boolean {
  return new Set(values).size !== values.length;
}

/** The answers a condition may test for, or undefined for free-form items (text). */
export function possibleAnswers(item: Item, scale: Scale): string[] | undefined {
  switch (item.type) {
    case "satisfaction":
      return scale.levels.map((level) => level.key);
    case "rating":
      return range(item.min, item.max).map(String);
    case "nps":
      return range(0, 10).map(String);
    case "single_choice":
    case "multiple_choice":
      return item.options.map((option) => option.key);
    default:
      return undefined;
  }
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export function scaleOf(definition: QuestionnaireDefinition): Scale {
  return definition.scale ?? DEFAULT_SCALE;
}

export function allItems(definition: QuestionnaireDefinition): Item[] {
  // A loop, not flatMap: this runs several times for every submitted response, and flatMap is slow.
  const items: Item[] = [];
  for (const section of definition.sections) items.push(...section.items);
  return items;
}
