import { defaultTimeZone } from "../config.ts";
import type { InvitationCounter } from "./report.service.ts";

/** How reports are produced on this installation (from the configuration). */
export interface ReportSettings {
  /** IANA zone report periods are counted in. */
  timeZone: string;
  /** The Chromium that prints PDFs. */
  chromiumPath: string;
  /** Where response rates come from; by default the invitations sent by the questionnaire's waves. */
  countInvitations?: InvitationCounter;
}

export function defaultReportSettings(): ReportSettings {
  return { timeZone: defaultTimeZone(), chromiumPath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" };
}
