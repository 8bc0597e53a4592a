import type { z } from "zod";
import { isMessageKey, type Message, type MessageKey, type MessageValues } from "./i18n.ts";

/**
 * zod's problems as catalogue messages. A schema names its own problems by key (`.min(1,
 * "waves.error.name")`); every other problem gets a key from this error map, passed to each parse
 * (`schema.safeParse(data, { error: zodMessageKey })`). The issue then carries a key, and its limits
 * (`minimum`, `maximum`) are the message's values: the words are chosen when a page or the API shows
 * it, in that page's language. zod's global locale (z.config) is not used: it is one language for the
 * whole process, and a page is rendered in each request's own.
 */
export const zodMessageKey: z.core.$ZodErrorMap = (issue) => keyOf(issue);

function keyOf(issue: z.core.$ZodRawIssue): MessageKey {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null || issue.input === "")
        return "validation.required";
      if (issue.expected === "int") return "validation.wholeNumber";
      if (issue.expected === "number") return "validation.number";
      return "validation.invalid";
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.origin === "string") return minimum <= 1 ? "validation.required" : "validation.tooShort";
      if (issue.origin === "array" || issue.origin === "set")
        return minimum <= 1 ? "validation.chooseOne" : "validation.tooFew";
      return "validation.tooSmall";
    }
    case "too_big":
      if (issue.origin === "string") return "validation.tooLong";
      if (issue.origin === "array" || issue.origin === "set") return "validation.tooMany";
      return "validation.tooBig";
    case "invalid_format":
      return issue.format === "email" ? "validation.email" : "validation.invalid";
    case "invalid_value":
      return "validation.choose";
    case "unrecognized_keys":
      return "validation.notAccepted";
    default:
      return "validation.invalid";
  }
}

/**
 * The message an issue carries: its key (from the schema or from `zodMessageKey`) with the issue's
 * limits and a custom issue's `params` as values. A message zod worded itself (a parse without
 * the error map) is shown as "is not valid" rather than in English on a Chinese page.
 */
export function messageOfIssue(issue: z.core.$ZodIssue): Message {
  if (!isMessageKey(issue.message)) return { key: "validation.invalid" };
  const values: MessageValues = {};
  if ("minimum" in issue) values.minimum = Number(issue.minimum);
  if ("maximum" in issue) values.maximum = Number(issue.maximum);
  if (issue.code === "custom" && issue.params) {
    for (const [name, value] of Object.entries(issue.params)) {
      if (typeof value === "string" || typeof value === "number") values[name] = value;
    }
  }
  return Object.keys(values).length > 0 ? { key: issue.message, values } : { key: issue.message };
}
