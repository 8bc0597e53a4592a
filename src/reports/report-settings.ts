import type { InvitationCounter } from "./report.service.ts";

/** How reports are produced on this installation (from the configuration). */
export interface ReportSettings {
  /** The organisation's time zone (AppDependencies.timeZone): report periods are counted in it. */
  timeZone: string;
  /** The Chromium that prints PDFs. */
  chromiumPath: string;
  /** Where response rates come from; by default the invitations sent by the questionnaire's waves. */
  countInvitations?: InvitationCounter;
}

export function defaultReportSettings(timeZone: string): ReportSettings {
  return { timeZone, chromiumPath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" };
}
