import { keyFamily } from "../i18n/key-family.ts";

/** The headers the mailer and the invitations set, named in the outbox page's language. */
export const outboxHeader = keyFamily("outbox.header.", [
  "From",
  "List-Unsubscribe",
  "List-Unsubscribe-Post",
]);

export const families = [outboxHeader];
