import { type Department, type DepartmentNames, departmentName } from "../../departments/department.ts";
import type { Bilingual, Locale } from "../../i18n/bilingual.ts";
import { pick } from "../../i18n/bilingual.ts";
import { translate } from "../../i18n/i18n.ts";
import { SERVQUAL_DIMENSIONS } from "../../scoring/index.ts";
import { numberItems } from "../item-numbers.ts";
import {
  type DefinitionIssue,
  ITEM_TYPES,
  type Item,
  possibleAnswers,
  type QuestionnaireDefinition,
  scaleOf,
} from "../questionnaire-definition.ts";
import {
  dimensionsToForm,
  type FormBody,
  itemToForm,
  keptRows,
  lastRowIndex,
  type RowGroup,
  scaleToForm,
  sectionToForm,
  settingsToForm,
  value,
  values,
} from "./builder-form.ts";
import { issuesBelow, type LocatedIssue, locateIssues } from "./builder-issues.ts";
import { findItem, itemsBefore } from "./builder-operations.ts";

/**
 * View models of the builder's pages: plain objects the Handlebars views print without logic.
 * Forms are rebuilt from what was typed when a save failed, with each problem at its field. Pure.
 */

export interface FieldView {
  name: string;
  id: string;
  value: string;
  error: string | undefined;
}

export interface PairView {
  name: string;
  zh: FieldView;
  en: FieldView;
  /** a problem with the text as a whole */
  error: string | undefined;
}

function other(text: Bilingual | undefined, locale: Locale): string {
  return text ? text[locale === "en" ? "zh-CN" : "en"] : "";
}

class FormView {
  constructor(
    private readonly form: FormBody,
    private readonly errors: Record<string, string>,
    private readonly idPrefix: string,
  ) {}

  id(name: string): string {
    return `${this.idPrefix}${name.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
  }

  field(name: string): FieldView {
    return { name, id: this.id(name), value: value(this.form, name), error: this.errors[name] };
  }

  pair(name: string): PairView {
    return { name, zh: this.field(`${name}.zh-CN`), en: this.field(`${name}.en`), error: this.errors[name] };
  }

  error(name: string): string | undefined {
    return this.errors[name];
  }

  /** Errors whose field is not on the form, so they are not lost. */
  unplaced(placed: string[]): string[] {
    return Object.entries(this.errors)
      .filter(([name]) => !placed.some((field) => name === field || name.startsWith(`${field}.`)))
      .map(([, message]) => message);
  }
}

/**
 * Moves the errors of a repeated group from definition rows to form rows: the definition holds only
 * the rows kept (see `keptRows`), so its `options.1` may be the form's third row.
 */
function remapRows(errors: Record<string, string>, group: RowGroup, kept: number[]): Record<string, string> {
  const moved: Record<string, string> = {};
  const pattern = new RegExp(`^${group}\\.(\\d+)(\\..*)?$`);
  for (const [name, message] of Object.entries(errors)) {
    const match = pattern.exec(name);
    const row = match ? kept[Number(match[1])] : undefined;
    moved[match && row !== undefined ? `${group}.${row}${match[2] ?? ""}` : name] ??= message;
  }
  return moved;
}

const RATER_LABEL_KEYS = Object.fromEntries(
  SERVQUAL_DIMENSIONS.map((dimension) => [dimension, `builder.rater.${dimension}`]),
);

interface DimensionChoice {
  value: string;
  /** a message key for a RATER dimension */
  labelKey: string | undefined;
  /** the label of a custom dimension */
  label: string | undefined;
  selected: boolean;
}

function dimensionChoices(definition: QuestionnaireDefinition, locale: Locale, chosen: string[]) {
  const custom: DimensionChoice[] = (definition.dimensions ?? []).map((dimension) => ({
    value: dimension.key,
    labelKey: undefined,
    label:
      pick(dimension.label, locale) === dimension.key
        ? dimension.key
        : `${pick(dimension.label, locale)} (${dimension.key})`,
    selected: chosen.includes(dimension.key),
  }));
  const rater: DimensionChoice[] = SERVQUAL_DIMENSIONS.map((dimension) => ({
    value: dimension,
    labelKey: RATER_LABEL_KEYS[dimension],
    label: undefined,
    selected: chosen.includes(dimension),
  }));
  // A dimension the form names that no longer exists is still shown, so what was typed is kept.
  const unknown: DimensionChoice[] = chosen
    .filter((key) => !custom.some((c) => c.value === key) && !rater.some((r) => r.value === key))
    .map((key) => ({ value: key, labelKey: undefined, label: key, selected: true }));
  return { custom: [...custom, ...unknown], rater };
}

/** How a dimension is named in summaries: the custom label, or the RATER message key. */
function dimensionLabel(definition: QuestionnaireDefinition, key: string | undefined, locale: Locale) {
  if (key === undefined) return undefined;
  const custom = definition.dimensions?.find((dimension) => dimension.key === key);
  if (custom) return { label: pick(custom.label, locale), labelKey: undefined };
  if (key in RATER_LABEL_KEYS) return { label: undefined, labelKey: RATER_LABEL_KEYS[key] };
  return { label: key, labelKey: undefined };
}

/** The answers a condition on `item` can list, with what the respondent sees for each. */
function answerChoices(definition: QuestionnaireDefinition, item: Item, locale: Locale) {
  const possible = possibleAnswers(item, scaleOf(definition));
  if (!possible) return undefined;
  return possible.map((answer) => ({ value: answer, label: answerLabel(definition, item, answer, locale) }));
}

function answerLabel(definition: QuestionnaireDefinition, item: Item, answer: string, locale: Locale) {
  if (item.type === "satisfaction") {
    const level = scaleOf(definition).levels.find((l) => l.key === answer);
    return level ? pick(level.label, locale) : answer;
  }
  if (item.type === "single_choice" || item.type === "multiple_choice") {
    const option = item.options.find((o) => o.key === answer);
    return option ? pick(option.label, locale) : answer;
  }
  return answer;
}

export interface OverviewForms {
  /** the settings form as typed, when its save failed */
  settings?: { form: FormBody; issues: DefinitionIssue[] };
  dimensions?: { form: FormBody; issues: DefinitionIssue[] };
  scale?: { form: FormBody; issues: DefinitionIssue[] };
  section?: { sectionKey: string; form: FormBody; issues: DefinitionIssue[] };
  /** problems of a structural change (move, delete, add) that was not saved */
  change?: { issues: DefinitionIssue[] };
}

/** The builder's main page: settings, custom dimensions, sections with their items. */
export function overviewView(
  definition: QuestionnaireDefinition,
  locale: Locale,
  forms: OverviewForms = {},
  departmentNames: DepartmentNames = new Map(),
) {
  const changeIssues = forms.change?.issues ?? [];
  const itemErrors = new Map<string, string[]>();
  for (const issue of locateIssues(changeIssues, locale)) {
    if (!issue.itemKey) continue;
    itemErrors.set(issue.itemKey, [...(itemErrors.get(issue.itemKey) ?? []), issue.message]);
  }
  const allKeys = definition.sections.flatMap((section) => section.items.map((item) => item.key));
  const firstKey = allKeys[0];
  const lastKey = allKeys[allKeys.length - 1];
  const numbers = numberItems(definition);

  const settingsForm = forms.settings?.form ?? settingsToForm(definition);
  const settings = new FormView(
    settingsForm,
    issuesBelow(forms.settings?.issues ?? [], "", locale),
    "settings-",
  );
  const dimensionsForm = forms.dimensions?.form ?? dimensionsToForm(definition);
  const dimensionErrors = remapRows(
    issuesBelow(forms.dimensions?.issues ?? [], "", locale),
    "dimensions",
    keptRows(dimensionsForm, "dimensions"),
  );
  const dimensionView = new FormView(dimensionsForm, dimensionErrors, "dim-");
  const dimensionRows = rows(lastRowIndex(dimensionsForm, "dimensions") + 2).map((i) => ({
    index: i,
    originalKey: value(dimensionsForm, `dimensions.${i}.originalKey`),
    key: dimensionView.field(`dimensions.${i}.key`),
    label: dimensionView.pair(`dimensions.${i}.label`),
    removeId: dimensionView.id(`dimensions.${i}.remove`),
    remove: values(dimensionsForm, `dimensions.${i}.remove`).length > 0,
  }));

  const scaleForm = forms.scale?.form ?? scaleToForm(definition);
  const scaleView = new FormView(
    scaleForm,
    remapRows(
      issuesBelow(forms.scale?.issues ?? [], "scale", locale),
      "levels",
      keptRows(scaleForm, "levels"),
    ),
    "scale-",
  );
  const scaleLast = lastRowIndex(scaleForm, "levels");

  return {
    title: pick(definition.title, locale),
    titleOther: other(definition.title, locale),
    intro: pick(definition.intro, locale),
    thankYou: pick(definition.thankYou, locale),
    itemCount: allKeys.length,
    settings: {
      open: forms.settings !== undefined,
      failed: forms.settings !== undefined,
      title: settings.pair("title"),
      intro: settings.pair("intro"),
      thankYou: settings.pair("thankYou"),
      problems: settings.unplaced(["title", "intro", "thankYou"]),
    },
    dimensions: {
      open: forms.dimensions !== undefined,
      failed: forms.dimensions !== undefined,
      list: (definition.dimensions ?? []).map((dimension) => ({
        key: dimension.key,
        label: pick(dimension.label, locale),
      })),
      rows: dimensionRows,
      // Items that still use a removed or renamed dimension.
      problems: locateIssues(forms.dimensions?.issues ?? [], locale).filter(
        (issue) => !issue.path.startsWith("dimensions."),
      ),
    },
    scale: {
      open: forms.scale !== undefined,
      failed: forms.scale !== undefined,
      isStandard: definition.scale === undefined,
      levels: scaleOf(definition).levels.map((level) => ({
        label: pick(level.label, locale),
        points: level.points,
      })),
      rows: rows(scaleLast + 2).map((i) => ({
        number: i + 1,
        isNew: i > scaleLast,
        originalKey: value(scaleForm, `levels.${i}.originalKey`),
        key: scaleView.field(`levels.${i}.key`),
        points: scaleView.field(`levels.${i}.points`),
        label: scaleView.pair(`levels.${i}.label`),
        removeName: `levels.${i}.remove`,
        removeId: scaleView.id(`levels.${i}.remove`),
        remove: values(scaleForm, `levels.${i}.remove`).length > 0,
      })),
      problems: [
        ...scaleView.unplaced(["levels"].flatMap((p) => rows(scaleLast + 2).map((i) => `${p}.${i}`))),
        // conditions that test for a level that no longer exists
        ...locateIssues(forms.scale?.issues ?? [], locale)
          .filter((issue) => !issue.path.startsWith("scale"))
          .map((issue) => (issue.itemKey ? `${issue.itemKey}: ${issue.message}` : issue.message)),
      ],
    },
    sections: definition.sections.map((section, s) => {
      const editing = forms.section?.sectionKey === section.key ? forms.section : undefined;
      const sectionForm = new FormView(
        editing?.form ?? sectionToForm(section),
        issuesBelow(editing?.issues ?? [], `sections.${s}`, locale),
        `section-${section.key}-`,
      );
      return {
        key: section.key,
        number: s + 1,
        title: pick(section.title, locale),
        titleOther: other(section.title, locale),
        intro: pick(section.intro, locale),
        canMoveUp: s > 0,
        canMoveDown: s < definition.sections.length - 1,
        form: {
          open: editing !== undefined,
          key: sectionForm.field("key"),
          title: sectionForm.pair("title"),
          intro: sectionForm.pair("intro"),
          problems: [
            ...sectionForm.unplaced(["key", "title", "intro"]),
            // e.g. a key another section already has: reported at that other section
            ...locateIssues(editing?.issues ?? [], locale)
              .filter((issue) => issue.path !== `sections.${s}` && !issue.path.startsWith(`sections.${s}.`))
              .map((issue) => issue.message),
          ],
        },
        items: section.items.map((item) => {
          const source = item.showIf ? findItem(definition, item.showIf.item)?.item : undefined;
          return {
            key: item.key,
            number: numbers.get(item.key) ?? "",
            type: item.type,
            typeKey: `builder.type.${item.type}`,
            text: pick(item.text, locale),
            textOther: other(item.text, locale),
            required: item.required,
            dimension: dimensionLabel(definition, item.dimension, locale),
            indicator: item.indicator?.join(" › "),
            department:
              item.department &&
              (departmentNames.has(item.department)
                ? departmentName(departmentNames, item.department, locale)
                : translate(locale, "builder.item.departmentUnknown", { code: item.department })),
            condition: item.showIf && {
              item: item.showIf.item,
              answered: item.showIf.answered === true,
              values: (item.showIf.in ?? [])
                .map((answer) => (source ? answerLabel(definition, source, answer, locale) : answer))
                .join(locale === "zh-CN" ? "、" : ", "),
            },
            canMoveUp: item.key !== firstKey,
            canMoveDown: item.key !== lastKey,
            errors: itemErrors.get(item.key) ?? [],
          };
        }),
      };
    }),
    problems: locateIssues(changeIssues, locale),
    itemTypes: ITEM_TYPES.map((type) => ({ type, labelKey: `builder.type.${type}` })),
  };
}

function rows(count: number): number[] {
  return Array.from({ length: Math.max(count, 1) }, (_, i) => i);
}

/**
 * The choices of an item's department: the active departments by name in `locale`, and the item's own
 * code when it is none of them — an inactive department, or a code no department has (an imported
 * questionnaire's) — marked, so that saving the item keeps it rather than losing it.
 */
export function departmentChoices(
  active: readonly Department[],
  names: DepartmentNames,
  current: string,
  locale: Locale,
): { value: string; label: string; selected: boolean }[] {
  const choices = active.map((department) => ({
    value: department.code,
    label: pick(department.name, locale) || department.code,
    selected: department.code === current,
  }));
  if (current !== "" && !active.some((department) => department.code === current)) {
    const name = names.get(current);
    choices.push({
      value: current,
      label: name
        ? translate(locale, "builder.item.departmentInactive", { name: pick(name, locale) || current })
        : translate(locale, "builder.item.departmentUnknown", { code: current }),
      selected: true,
    });
  }
  return choices;
}

/**
 * The item editor. `form` is the item as typed (or `itemToForm` of the stored item); `issues` are the
 * problems of the failed save, of which those under the item's path show at their fields.
 */
export function itemEditorView(
  definition: QuestionnaireDefinition,
  itemKey: string,
  locale: Locale,
  typed?: { form: FormBody; issues: DefinitionIssue[] },
  departments: { active: readonly Department[]; names: DepartmentNames } = { active: [], names: new Map() },
) {
  const position = findItem(definition, itemKey);
  if (!position) return undefined;
  const { item, sectionIndex, itemIndex } = position;
  const form = typed?.form ?? itemToForm(item);
  const issues = typed?.issues ?? [];
  const errors = remapRows(
    issuesBelow(issues, `sections.${sectionIndex}.items.${itemIndex}`, locale),
    "options",
    keptRows(form, "options"),
  );
  const view = new FormView(form, errors, "item-");
  const section = definition.sections[sectionIndex];

  const chosenCondition = value(form, "showIf.item");
  const earlier = itemsBefore(definition, itemKey).map((candidate) => {
    const answers = answerChoices(definition, candidate, locale);
    const ticked = chosenCondition === candidate.key ? values(form, `showIf.in.${candidate.key}`) : [];
    return {
      key: candidate.key,
      text: pick(candidate.text, locale),
      selected: chosenCondition === candidate.key,
      fieldName: `showIf.in.${candidate.key}`,
      answers: answers?.map((answer, i) => ({
        ...answer,
        id: view.id(`showIf.in.${candidate.key}.${i}`),
        checked: ticked.includes(answer.value),
      })),
    };
  });
  const placed = [
    "key",
    "text",
    "help",
    "required",
    "dimension",
    "indicator",
    "department",
    "showIf",
    "type",
  ];

  const typeSpecific = (() => {
    switch (item.type) {
      case "rating":
        placed.push("min", "max", "minLabel", "maxLabel");
        return {
          rating: {
            min: view.field("min"),
            max: view.field("max"),
            minLabel: view.pair("minLabel"),
            maxLabel: view.pair("maxLabel"),
          },
        };
      case "kano":
        placed.push("functional", "dysfunctional");
        return { kano: { functional: view.pair("functional"), dysfunctional: view.pair("dysfunctional") } };
      case "servqual":
        placed.push("expectation", "perception");
        return { servqual: { expectation: view.pair("expectation"), perception: view.pair("perception") } };
      case "importance": {
        placed.push("dimensions");
        const choices = dimensionChoices(definition, locale, values(form, "dimensions"));
        return {
          importance: {
            error: view.error("dimensions"),
            choices: [...choices.custom, ...choices.rater].map((choice, i) => ({
              ...choice,
              id: view.id(`dimensions.${i}`),
            })),
          },
        };
      }
      case "single_choice":
      case "multiple_choice": {
        placed.push("options", "maxSelected");
        const last = lastRowIndex(form, "options");
        return {
          choice: {
            multiple: item.type === "multiple_choice",
            error: view.error("options"),
            maxSelected: view.field("maxSelected"),
            options: rows(last + 3).map((i) => ({
              number: i + 1,
              key: view.field(`options.${i}.key`),
              label: view.pair(`options.${i}.label`),
              removeName: `options.${i}.remove`,
              removeId: view.id(`options.${i}.remove`),
              remove: values(form, `options.${i}.remove`).length > 0,
              isNew: i > last,
            })),
          },
        };
      }
      case "text":
        placed.push("multiline", "maxLength");
        return {
          textAnswer: { multiline: values(form, "multiline").length > 0, maxLength: view.field("maxLength") },
        };
      default:
        return {};
    }
  })();

  const dimension = value(form, "dimension");
  const choices = dimensionChoices(definition, locale, dimension === "" ? [] : [dimension]);
  return {
    originalKey: item.key,
    type: item.type,
    typeKey: `builder.type.${item.type}`,
    sectionTitle: pick(section?.title, locale),
    number: numberItems(definition).get(itemKey) ?? String(itemsBefore(definition, itemKey).length + 1),
    failed: typed !== undefined,
    key: view.field("key"),
    text: view.pair("text"),
    help: view.pair("help"),
    required: values(form, "required").length > 0,
    requiredId: view.id("required"),
    dimension: {
      ...view.field("dimension"),
      none: dimension === "",
      custom: choices.custom,
      rater: choices.rater,
    },
    indicator: [0, 1, 2].map((level) => ({ ...view.field(`indicator.${level}`), level: level + 1 })),
    indicatorError: view.error("indicator"),
    department: {
      ...view.field("department"),
      choices: departmentChoices(departments.active, departments.names, value(form, "department"), locale),
    },
    condition: {
      item: view.field("showIf.item"),
      error: view.error("showIf") ?? view.error("showIf.in"),
      mode: value(form, "showIf.mode") === "answered" ? "answered" : "in",
      earlier,
      none: earlier.length === 0,
    },
    ...typeSpecific,
    problems: view.unplaced(placed),
    /** problems elsewhere in the questionnaire caused by this edit */
    elsewhere: locateIssues(issues, locale).filter(
      (issue) => !issue.path.startsWith(`sections.${sectionIndex}.items.${itemIndex}`),
    ) satisfies LocatedIssue[],
  };
}
