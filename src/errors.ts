import { type Message, render } from "./i18n/i18n.ts";

/** The codes a client may see in `{ "error": { "code", "message", "details"? } }`. */
export type ErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthenticated"
  | "forbidden"
  | "csrf_failed"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "too_many_requests"
  | "unavailable"
  | "internal";

/** An error the user can act on: the status, a stable code and a message safe to show. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface FieldIssue {
  /** The field's name as the form or JSON body spells it, e.g. `password` or `items.3.text`. */
  field: string;
  /** What is wrong, as a catalogue key and values: a form words it in the page's language. */
  message: Message;
  /** The questionnaire item the problem is in, when there is one. */
  itemKey?: string;
}

export class ValidationError extends AppError {
  override name = "ValidationError";
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    // The API answers in English, from the same catalogue the pages use.
    const details = issues.map(({ message, ...rest }) => ({ ...rest, message: render("en", message) }));
    super(422, "validation_failed", message, issues.length > 0 ? { issues: details } : undefined);
  }
}

export class NotFoundError extends AppError {
  override name = "NotFoundError";
  constructor(message = "Not found") {
    super(404, "not_found", message);
  }
}

/** A request that clashes with the state of things; the reason is worded where it is shown. */
export class ConflictError extends AppError {
  override name = "ConflictError";
  constructor(readonly reason: Message) {
    super(409, "conflict", render("en", reason));
  }
}

export class ForbiddenError extends AppError {
  override name = "ForbiddenError";
  constructor(message = "You do not have permission to do this") {
    super(403, "forbidden", message);
  }
}

export class UnauthenticatedError extends AppError {
  override name = "UnauthenticatedError";
  constructor(message = "Sign in first") {
    super(401, "unauthenticated", message);
  }
}

export class TooManyRequestsError extends AppError {
  override name = "TooManyRequestsError";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, "too_many_requests", message, { retryAfterSeconds });
  }
}
