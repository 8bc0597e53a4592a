import type { z } from "zod";
import { type FieldIssue, ValidationError } from "../errors.ts";

/** Parses `data` with `schema` or throws a ValidationError naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  data: unknown,
  message = "The input is not valid",
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.flatMap((issue) =>
    // An unexpected key is named itself, not its parent object.
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({
          field: [...issue.path, key].join("."),
          message: "is not an accepted field",
        }))
      : [{ field: issue.path.join(".") || "(body)", message: issue.message }],
  );
  const first = issues[0];
  throw new ValidationError(first ? `${message}: ${first.field} ${first.message}` : message, issues);
}

/** `{ field: message }` for re-rendering a form next to its fields. */
export function fieldErrors(error: ValidationError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { field, message } of error.issues) {
    errors[field] ??= message;
    // a problem inside a field (the second recipient of a list: "recipients.1") also shows at the
    // form field itself, which is all a flat form has
    const top = field.split(".")[0] ?? field;
    errors[top] ??= message;
  }
  return errors;
}
