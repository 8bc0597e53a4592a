import { keyFamily } from "../i18n/key-family.ts";
import {
  CASE_STATUSES,
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  RECOVERY_CHANNELS,
  RECOVERY_SKIPS,
  TRIGGER_KINDS,
} from "./case.ts";

/** Messages the case pages name by a status, a trigger, a contact channel or outcome, a notice kind. */
export const families = [
  keyFamily("cases.status.", CASE_STATUSES),
  keyFamily("cases.trigger.", TRIGGER_KINDS),
  keyFamily("cases.channel.", CONTACT_CHANNELS),
  keyFamily("cases.outcome.", CONTACT_OUTCOMES),
  keyFamily("cases.notice.subject.", ["opened", "reassigned", "escalated"] as const),
  keyFamily("cases.notice.what.", ["opened", "reassigned", "escalated"] as const),
  keyFamily("cases.triggerKind.", TRIGGER_KINDS),
  keyFamily("cases.duration.", ["minutes", "hours", "days"] as const),
  keyFamily("cases.moved.", ["contacted", "resolved", "closed", "unreachable"] as const),
  keyFamily("cases.recovery.channel.", RECOVERY_CHANNELS),
  keyFamily("cases.recovery.waveName.", RECOVERY_CHANNELS),
  keyFamily("cases.recovery.skipped.", RECOVERY_SKIPS),
];
