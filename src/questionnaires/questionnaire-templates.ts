import { readFileSync } from "node:fs";
import path from "node:path";
import { parseDefinition, type QuestionnaireDefinition } from "./questionnaire-definition.ts";

/** The questionnaire templates offered when creating a questionnaire, shipped in `seeds/templates`. */
export const TEMPLATE_NAMES = ["sancheng", "servqual", "kano", "post-service"] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

const directory = path.resolve(import.meta.dirname, "../../seeds/templates");
const loaded = new Map<TemplateName, QuestionnaireDefinition>();

/**
 * A template's definition, read and checked once. A broken template file is a packaging fault, so it
 * fails loudly with the file's name and first problem.
 */
export function loadTemplate(name: TemplateName): QuestionnaireDefinition {
  const cached = loaded.get(name);
  if (cached) return structuredClone(cached);
  const file = path.join(directory, `${name}.json`);
  const result = parseDefinition(JSON.parse(readFileSync(file, "utf8")));
  if (!result.ok) {
    const first = result.issues[0];
    throw new Error(`The template ${file} is not valid: ${first?.path} ${first?.message}`);
  }
  loaded.set(name, result.definition);
  return structuredClone(result.definition);
}

/** Counts for the template picker: sections and items. */
export function templateSummary(name: TemplateName) {
  const definition = loadTemplate(name);
  return {
    name,
    title: definition.title,
    sectionCount: definition.sections.length,
    itemCount: definition.sections.reduce((sum, section) => sum + section.items.length, 0),
  };
}
