import { keyFamily } from "../../i18n/key-family.ts";
import { SERVQUAL_DIMENSIONS } from "../../scoring/servqual.ts";
import { ITEM_TYPES } from "../questionnaire-definition.ts";
import { TEMPLATE_NAMES } from "../questionnaire-templates.ts";

/** Messages the builder (and the report) name by a template, an item type or a RATER dimension. */
export const families = [
  keyFamily("builder.template.", TEMPLATE_NAMES),
  keyFamily("builder.type.", ITEM_TYPES),
  keyFamily("builder.rater.", SERVQUAL_DIMENSIONS),
];
