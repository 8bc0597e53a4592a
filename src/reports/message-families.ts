import { ACTIVITIES, CUSTOMER_TYPES } from "../customers/customer.ts";
import { everyOf, keyFamily } from "../i18n/key-family.ts";
import type { Grade } from "../scoring/grade.ts";
import type { IpaQuadrant } from "../scoring/ipa.ts";
import { KANO_CATEGORIES } from "../scoring/kano.ts";
import { BREAKDOWN_ATTRIBUTES } from "./groups.ts";
import type { ReportSnapshotTable } from "./report.table.ts";
import { CADENCES } from "./schedule.ts";

/** A breakdown's value where it has words of its own (a customer type or an activity). */
export const reportValueKey = keyFamily("report.value.", [...CUSTOMER_TYPES, ...ACTIVITIES] as const);

/** Messages the report and its schedules name by a breakdown, a grade, a category or a status. */
export const families = [
  keyFamily("report.breakdown.", BREAKDOWN_ATTRIBUTES),
  reportValueKey,
  keyFamily("report.grade.", everyOf<Grade>({ excellent: true, good: true, average: true })),
  keyFamily("report.kano.cat.", KANO_CATEGORIES),
  keyFamily(
    "report.ipa.",
    everyOf<IpaQuadrant>({
      concentrate_here: true,
      keep_up_the_good_work: true,
      low_priority: true,
      possible_overkill: true,
    }),
  ),
  keyFamily("report.schedules.cadence.", CADENCES),
  keyFamily(
    "report.snapshots.status.",
    everyOf<ReportSnapshotTable["status"]>({ sending: true, sent: true, failed: true }),
  ),
];
