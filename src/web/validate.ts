import { z } from "zod";
import { type FieldIssue, ValidationError } from "../errors.ts";
import { type Message, render } from "../i18n/i18n.ts";
import { messageOfIssue, zodMessageKey } from "../i18n/zod-messages.ts";
import { isDay } from "../lib/time.ts";

/** A calendar day `YYYY-MM-DD` that exists (2026-02-30 and 2026-13-45 are refused, not rolled over). */
export const daySchema = z.string().refine(isDay, "validation.date");

/** Parses `data` with `schema` or throws a ValidationError naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  data: unknown,
  message = "The input is not valid",
): z.output<S> {
  const result = schema.safeParse(data, { error: zodMessageKey });
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.flatMap((issue): FieldIssue[] =>
    // An unexpected key is named itself, not its parent object.
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({
          field: [...issue.path, key].join("."),
          message: { key: "validation.notAccepted" },
        }))
      : [{ field: issue.path.join(".") || "(body)", message: messageOfIssue(issue) }],
  );
  const first = issues[0];
  throw new ValidationError(
    first ? `${message}: ${first.field} ${render("en", first.message)}` : message,
    issues,
  );
}

/** `{ field: message }` for re-rendering a form next to its fields (`{{tv}}` words each message). */
export function fieldErrors(error: ValidationError): Record<string, Message> {
  const errors: Record<string, Message> = {};
  for (const { field, message } of error.issues) {
    errors[field] ??= message;
    // a problem inside a field (the second recipient of a list: "recipients.1") also shows at the
    // form field itself, which is all a flat form has
    const top = field.split(".")[0] ?? field;
    errors[top] ??= message;
  }
  return errors;
}

/** Parses a form's `data` with `schema`: the value, or the field errors to draw the form again with. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  data: unknown,
): { ok: true; value: z.output<S> } | { ok: false; errors: Record<string, Message> } {
  try {
    return { ok: true, value: parseOrThrow(schema, data) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { ok: false, errors: fieldErrors(error) };
  }
}
