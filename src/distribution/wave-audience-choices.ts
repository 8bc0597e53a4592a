import type { Kysely } from "kysely";
import { listCustomerLists, listSegments } from "../customers/audience.ts";
import type { Database } from "../db/database.ts";
import type { Locale } from "../i18n/bilingual.ts";
import { translate } from "../i18n/i18n.ts";
import type { WaveAudience } from "./wave.table.ts";

/** The audiences the wave form offers: every customer, each saved segment, each customer list. */
export async function audienceChoices(db: Kysely<Database>, locale: Locale) {
  const [segments, lists] = await Promise.all([listSegments(db), listCustomerLists(db)]);
  return [
    { value: "all", label: translate(locale, "waves.audience.all") },
    ...segments.map((segment) => ({
      value: `segment:${segment.id}`,
      label: `${translate(locale, "waves.audience.segment")}: ${segment.name}`,
    })),
    ...lists.map((list) => ({
      value: `list:${list.id}`,
      label: `${translate(locale, "waves.audience.list")}: ${list.name} (${list.memberCount})`,
    })),
  ];
}

export async function describeAudience(
  db: Kysely<Database>,
  audience: WaveAudience,
  locale: Locale,
): Promise<string> {
  if (audience.kind === "all" || audience.kind === "individual")
    return translate(locale, `waves.audience.${audience.kind}`);
  const table = audience.kind === "segment" ? "segment" : "customer_list";
  const row = await db.selectFrom(table).select("name").where("id", "=", audience.id).executeTakeFirst();
  return `${translate(locale, `waves.audience.${audience.kind}`)}: ${row?.name ?? `#${audience.id}`}`;
}
