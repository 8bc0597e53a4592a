import type { Bilingual, Locale } from "../i18n/bilingual.ts";
import { translate } from "../i18n/i18n.ts";
import { numberItems } from "../questionnaires/item-numbers.ts";
import {
  type Item,
  type QuestionnaireDefinition,
  range,
  scaleOf,
} from "../questionnaires/questionnaire-definition.ts";
import { KANO_ANSWERS } from "../scoring/index.ts";
import { type AnswerIssue, type Answers, isVisible, ratingChoices, SERVQUAL_POINTS } from "./answers.ts";

/**
 * The view model of one respondent page (one section of the questionnaire): what the `respond` view
 * renders for customers, and for staff as the builder's preview. Pure: no I/O.
 */

/** The five answers of a Kano question, as respondents read them. */
export const KANO_LABELS: Record<(typeof KANO_ANSWERS)[number], Bilingual> = {
  like: { "zh-CN": "我喜欢这样", en: "I like it that way" },
  "must-be": { "zh-CN": "理应如此", en: "It must be that way" },
  neutral: { "zh-CN": "无所谓", en: "I am neutral" },
  "live-with": { "zh-CN": "能忍受", en: "I can live with it" },
  dislike: { "zh-CN": "我不喜欢这样", en: "I dislike it that way" },
};

/** Names of the RATER dimensions, used where a questionnaire does not declare its own label. */
export const RATER_LABELS: Record<string, Bilingual> = {
  reliability: { "zh-CN": "信赖度", en: "Reliability" },
  assurance: { "zh-CN": "专业度", en: "Assurance" },
  tangibles: { "zh-CN": "有形度", en: "Tangibles" },
  empathy: { "zh-CN": "同理度", en: "Empathy" },
  responsiveness: { "zh-CN": "反应度", en: "Responsiveness" },
};

export interface RespondentPageOptions {
  locale: Locale;
  pageIndex: number;
  /** answers saved so far (and, after a failed post, what was just typed) */
  answers: Answers | Record<string, unknown>;
  issues: AnswerIssue[];
  preview: boolean;
  /** where the form posts and page links point, e.g. `/w/sancheng-2026` */
  baseHref: string;
}

interface Choice {
  id: string;
  name: string;
  value: string;
  label: string;
  checked: boolean;
}

export function pageCount(definition: QuestionnaireDefinition): number {
  return definition.sections.length;
}

export function clampPage(definition: QuestionnaireDefinition, page: unknown): number {
  const n = typeof page === "string" ? Number.parseInt(page, 10) : typeof page === "number" ? page : 0;
  return Number.isInteger(n) ? Math.min(Math.max(n, 0), pageCount(definition) - 1) : 0;
}

/** The first page with a required, visible, unanswered item: where a returning respondent resumes. */
export function resumePage(definition: QuestionnaireDefinition, answers: Answers): number {
  const index = definition.sections.findIndex((section) =>
    section.items.some(
      (item) => item.required && isVisible(item, answers) && answers[item.key] === undefined,
    ),
  );
  return index === -1 ? pageCount(definition) - 1 : index;
}

export function buildRespondentPage(definition: QuestionnaireDefinition, options: RespondentPageOptions) {
  const { locale } = options;
  const text = (value: Bilingual | undefined) => (value ? value[locale] || value["zh-CN"] : "");
  const pageIndex = clampPage(definition, options.pageIndex);
  const section = definition.sections[pageIndex];
  if (!section) throw new RangeError("the questionnaire has no sections");
  const total = pageCount(definition);
  const answers = options.answers as Record<string, unknown>;
  const issueByItem = new Map(options.issues.map((issue) => [issue.itemKey, issue]));
  const numbers = numberItems(definition);
  const onThisPage = new Set(section.items.map((item) => item.key));

  const items = section.items
    .map((item) => ({ item, number: numbers.get(item.key) ?? null }))
    // An item whose condition depends on an item of the same page is rendered and toggled in the
    // browser; without JavaScript it simply stays visible (answers to hidden items are dropped on save).
    .filter(
      ({ item }) => !item.showIf || isVisible(item, answers as Answers) || onThisPage.has(item.showIf.item),
    )
    .map(({ item, number }) => {
      const issue = issueByItem.get(item.key);
      const inputs = inputsFor(item, definition, answers[item.key], locale);
      // an allocation's rows at fault are marked: the one named by the issue (params.part), else all
      const badPart = issue?.params?.part;
      const rows =
        "rows" in inputs && inputs.rows && issue
          ? inputs.rows.map((row) => ({
              ...row,
              invalid: badPart === undefined || row.name === `a.${item.key}.${badPart}`,
            }))
          : undefined;
      const partLabel = badPart === undefined ? undefined : rows?.find((row) => row.invalid)?.label;
      return {
        key: item.key,
        type: item.type,
        number,
        text: text(item.text),
        help: text(item.help),
        required: item.required,
        showIf: item.showIf
          ? {
              item: item.showIf.item,
              values: (item.showIf.in ?? []).join(" "),
              answered: item.showIf.answered === true,
            }
          : null,
        error: issue ? issueMessage(issue, locale, partLabel) : "",
        // what a screen reader reads with each of the item's controls: its help, then its error
        describedBy: [item.help && text(item.help) ? `h-${item.key}` : "", issue ? `e-${item.key}` : ""]
          .filter(Boolean)
          .join(" "),
        ...inputs,
        ...(rows ? { rows } : {}),
      };
    });

  const errors = options.issues
    .filter((issue) => onThisPage.has(issue.itemKey))
    .map((issue) => ({
      anchor: `q-${issue.itemKey}`,
      message: issueMessage(issue, locale),
      item: itemLabel(definition, issue.itemKey, locale),
    }));

  const pageHref = (n: number) => `${options.baseHref}?page=${n}&lang=${locale}`;
  return {
    lang: locale,
    otherLocale: locale === "en" ? "zh-CN" : "en",
    otherLocaleLabel: locale === "en" ? "中文" : "English",
    otherLocaleHref: `${options.baseHref}?page=${pageIndex}&lang=${locale === "en" ? "zh-CN" : "en"}`,
    title: text(definition.title),
    intro: pageIndex === 0 ? text(definition.intro) : "",
    section: { key: section.key, title: text(section.title), intro: text(section.intro) },
    progress: {
      current: pageIndex + 1,
      total,
      percent: Math.round(((pageIndex + 1) / total) * 100),
      label: translate(locale, "survey.progress", { current: pageIndex + 1, total }),
    },
    pageIndex,
    isFirst: pageIndex === 0,
    isLast: pageIndex === total - 1,
    preview: options.preview,
    previousHref: options.preview && pageIndex > 0 ? pageHref(pageIndex - 1) : null,
    nextHref: options.preview && pageIndex < total - 1 ? pageHref(pageIndex + 1) : null,
    formAction: options.baseHref,
    items,
    errors,
  };
}

function itemLabel(definition: QuestionnaireDefinition, key: string, locale: Locale): string {
  for (const section of definition.sections) {
    const item = section.items.find((candidate) => candidate.key === key);
    if (item) return item.text[locale] || item.text["zh-CN"];
  }
  return key;
}

/**
 * A scale's columns, for its grid: one row up to 7 points (SERVQUAL's 1–7 fits a 320 px phone), two
 * even rows for longer ones (1–9, 0–10) on a phone; one row wherever there is room (see respond.css).
 */
function scaleStyle(points: number): string {
  return `--points: ${points}; --phone-columns: ${points <= 7 ? points : Math.ceil(points / 2)}`;
}

export function issueMessage(issue: AnswerIssue, locale: Locale, partLabel?: string): string {
  // a pair (Kano, SERVQUAL) with one of its two questions unanswered says so
  if (issue.code === "required" && issue.params?.parts === 2)
    return translate(locale, "survey.error.required_both");
  // an allocation row at fault is named
  if (issue.code === "not_whole_number" && partLabel)
    return translate(locale, "survey.error.not_whole_number_part", { ...issue.params, part: partLabel });
  return translate(locale, `survey.error.${issue.code}`, issue.params ?? {});
}

function choices(name: string, values: { value: string; label: string }[], selected: unknown): Choice[] {
  const chosen = Array.isArray(selected)
    ? selected.map(String)
    : selected === undefined || selected === null
      ? []
      : [String(selected)];
  return values.map((v) => ({
    id: `${name}-${v.value}`.replace(/[^A-Za-z0-9_-]/g, "_"),
    name,
    value: v.value,
    label: v.label,
    checked: chosen.includes(v.value),
  }));
}

function part(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** The inputs of one item; every name is `a.<item>` or `a.<item>.<part>` (see formToRawAnswers). */
function inputsFor(item: Item, definition: QuestionnaireDefinition, value: unknown, locale: Locale) {
  const name = `a.${item.key}`;
  const text = (label: Bilingual | undefined) => (label ? label[locale] || label["zh-CN"] : "");
  switch (item.type) {
    case "satisfaction":
      return {
        isChoice: true,
        choices: choices(
          name,
          scaleOf(definition).levels.map((level) => ({ value: level.key, label: text(level.label) })),
          value,
        ),
      };
    case "rating":
    case "nps": {
      const points = ratingChoices(item);
      return {
        isScale: true,
        choices: choices(
          name,
          points.map((n) => ({ value: String(n), label: String(n) })),
          value,
        ),
        scaleStyle: scaleStyle(points.length),
        lastPoint: String(points[points.length - 1] ?? ""),
        minLabel: item.type === "rating" ? text(item.minLabel) : translate(locale, "survey.nps.min"),
        maxLabel: item.type === "rating" ? text(item.maxLabel) : translate(locale, "survey.nps.max"),
      };
    }
    case "single_choice":
      return {
        isChoice: true,
        choices: choices(
          name,
          item.options.map((o) => ({ value: o.key, label: text(o.label) })),
          value,
        ),
      };
    case "multiple_choice":
      return {
        isMultiple: true,
        choices: choices(
          name,
          item.options.map((o) => ({ value: o.key, label: text(o.label) })),
          value,
        ).map((c) => ({ ...c, type: "checkbox" })),
        maxSelected: item.maxSelected ?? null,
      };
    case "text":
      return {
        isText: true,
        name,
        multiline: item.multiline,
        maxLength: item.maxLength,
        value: typeof value === "string" ? value : "",
      };
    case "kano": {
      const kanoChoices = (partName: string) =>
        choices(
          `${name}.${partName}`,
          KANO_ANSWERS.map((answer) => ({ value: answer, label: text(KANO_LABELS[answer]) })),
          part(value, partName),
        );
      return {
        isPair: true,
        parts: [
          { prompt: text(item.functional), choices: kanoChoices("functional") },
          { prompt: text(item.dysfunctional), choices: kanoChoices("dysfunctional") },
        ],
      };
    }
    case "servqual": {
      const points = range(SERVQUAL_POINTS.min, SERVQUAL_POINTS.max).map((n) => ({
        value: String(n),
        label: String(n),
      }));
      return {
        isPair: true,
        isScalePair: true,
        scaleStyle: scaleStyle(points.length),
        minLabel: translate(locale, "survey.servqual.min"),
        maxLabel: translate(locale, "survey.servqual.max"),
        parts: [
          {
            prompt: text(item.expectation),
            choices: choices(`${name}.expectation`, points, part(value, "expectation")),
          },
          {
            prompt: text(item.perception),
            choices: choices(`${name}.perception`, points, part(value, "perception")),
          },
        ],
      };
    }
    case "importance": {
      const labels = new Map((definition.dimensions ?? []).map((d) => [d.key, d.label]));
      const rows = item.dimensions.map((dimension) => {
        const given = part(value, dimension);
        return {
          id: `${name}.${dimension}`.replace(/[^A-Za-z0-9_-]/g, "_"),
          name: `${name}.${dimension}`,
          label: text(labels.get(dimension) ?? RATER_LABELS[dimension]) || dimension,
          value: given === undefined ? "" : String(given),
        };
      });
      return { isAllocation: true, rows };
    }
  }
}

/**
 * Turns a posted form (`a.<item>`, `a.<item>.<part>` fields; repeated names arrive as arrays) into raw
 * answers for the given items, for `checkAnswers`.
 */
export function formToRawAnswers(items: Item[], body: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const field = (name: string) => {
    const value = body[name];
    return Array.isArray(value) && value.length === 1 ? value[0] : value;
  };
  for (const item of items) {
    const name = `a.${item.key}`;
    switch (item.type) {
      case "kano":
        raw[item.key] = {
          functional: field(`${name}.functional`),
          dysfunctional: field(`${name}.dysfunctional`),
        };
        break;
      case "servqual":
        raw[item.key] = {
          expectation: field(`${name}.expectation`),
          perception: field(`${name}.perception`),
        };
        break;
      case "importance": {
        const points: Record<string, unknown> = {};
        for (const dimension of item.dimensions) {
          const value = field(`${name}.${dimension}`);
          if (value !== undefined && value !== "") points[dimension] = value;
        }
        raw[item.key] = points;
        break;
      }
      case "multiple_choice": {
        const value = body[name];
        raw[item.key] = value === undefined ? [] : Array.isArray(value) ? value : [value];
        break;
      }
      default:
        raw[item.key] = field(name);
    }
  }
  return raw;
}
