import { keyFamily } from "../../i18n/key-family.ts";
import { SERVQUAL_DIMENSIONS } from "../../scoring/servqual.ts";
import { ITEM_TYPES } from "../questionnaire-definition.ts";
import { TEMPLATE_NAMES } from "../questionnaire-templates.ts";

/** An item type's name (Satisfaction, Kano pair …). */
export const itemTypeKey = keyFamily("builder.type.", ITEM_TYPES);

/** Messages the builder (and the report) name by a template, an item type or a RATER dimension. */
export const families = [
  keyFamily("builder.template.", TEMPLATE_NAMES),
  itemTypeKey,
  keyFamily("builder.rater.", SERVQUAL_DIMENSIONS),
];
