import { median } from "simple-statistics";
import type { Bilingual } from "../i18n/bilingual.ts";
import { type Reportability, reportability } from "../scoring/index.ts";

/**
 * The figures of the follow-up section (跟进闭环): how the follow-up cases opened in a period were
 * handled against their time limits, why customers were dissatisfied, and how many were won back.
 * Pure: the cases in (no customer in them: times, department, assignee, cause, recovery), figures out;
 * nothing rounded (the section's view rounds).
 */

/** One follow-up case as the report reads it: no customer, no comment, only how it was handled. */
export interface FollowupCase {
  /** Index into the report's trend periods (the report's own period is the last). */
  readonly periodIndex: number;
  readonly openedAt: Date;
  readonly contactDueAt: Date;
  readonly resolveDueAt: Date;
  readonly contactedAt: Date | null;
  readonly resolvedAt: Date | null;
  /** The department code the case was routed to; null: none. */
  readonly department: string | null;
  /** The staff user it is assigned to; null: the quality queue (unassigned). */
  readonly assigneeId: number | null;
  /** A cause of the two-level list (normally second-level); null: not named yet. */
  readonly causeId: number | null;
  /** The recovery survey's verdict; null: no recovery answer (yet). */
  readonly recovered: boolean | null;
}

/** A cause of the two-level list (理赔 › 时效). */
export interface CaseCause {
  readonly id: number;
  /** null: a top-level cause */
  readonly parentId: number | null;
  readonly name: Bilingual;
  readonly position: number;
}

/** A count and its share of the cases opened (null when none were opened). */
export interface CountShare {
  readonly count: number;
  readonly share: number | null;
}

/**
 * The recovered rate (挽回率): recovered / cases with a recovery answer, under the reports' small-n rule
 * — fewer than 30 answers withhold the rate and the count it comes from, 30–59 flag it.
 */
export interface RecoveryRate {
  /** Cases with a recovery answer (recovered not null). */
  readonly n: number;
  /** null when withheld. */
  readonly recovered: number | null;
  /** null when withheld (fewer than 30 answers, none included). */
  readonly rate: number | null;
  readonly reportability: Reportability;
}

export interface FollowupFigures {
  /** Cases opened (跟进工单数). */
  readonly opened: number;
  /** Contacted by the contact due time (contacted_at ≤ contact_due_at). */
  readonly contactedInTime: CountShare;
  /** Resolved by the resolve due time (resolved_at ≤ resolve_due_at). */
  readonly resolvedInTime: CountShare;
  /** Past a time limit: contacted or resolved late, or not yet and the due time has passed. */
  readonly overdue: CountShare;
  /** Median hours from opening to the first contact, over the contacted cases; null: none. */
  readonly medianHoursToContact: number | null;
  /** Median hours from opening to resolution, over the resolved cases; null: none. */
  readonly medianHoursToResolve: number | null;
  readonly recovery: RecoveryRate;
}

const HOUR_MS = 3_600_000;

/**
 * The median of a list of numbers (the middle value, or the mean of the two middle values of an even
 * count); null for an empty list. simple-statistics' `median` (a quantile at 0.5).
 *
 * @example
 * medianOrNull([5, 1, 3]); // => 3
 * medianOrNull([1, 2, 3, 10]); // => 2.5
 * medianOrNull([]); // => null
 */
export function medianOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : median([...values]);
}

/**
 * Whether a case missed a time limit, as known at `asOf` (the report's time): contacted after its
 * contact due time, or not contacted and that time has passed; likewise for resolving. A case not yet
 * contacted whose due time is still ahead is not overdue.
 */
export function isCaseOverdue(c: FollowupCase, asOf: Date): boolean {
  const late = (done: Date | null, due: Date) => (done ? done > due : due < asOf);
  return late(c.contactedAt, c.contactDueAt) || late(c.resolvedAt, c.resolveDueAt);
}

/** The recovered rate of some cases, withheld under 30 answers. */
export function recoveryRate(cases: readonly FollowupCase[]): RecoveryRate {
  const answered = cases.filter((c) => c.recovered !== null);
  const n = answered.length;
  const shown = reportability(n);
  if (shown === "suppress") return { n, recovered: null, rate: null, reportability: shown };
  const recovered = answered.filter((c) => c.recovered === true).length;
  return { n, recovered, rate: recovered / n, reportability: shown };
}

/** The section's key figures of some cases (one period, one department, one assignee). */
export function followupFigures(cases: readonly FollowupCase[], asOf: Date): FollowupFigures {
  const opened = cases.length;
  const countShare = (count: number): CountShare => ({ count, share: opened > 0 ? count / opened : null });
  const hours = (from: Date, to: Date) => (to.getTime() - from.getTime()) / HOUR_MS;
  return {
    opened,
    contactedInTime: countShare(
      cases.filter((c) => c.contactedAt !== null && c.contactedAt <= c.contactDueAt).length,
    ),
    resolvedInTime: countShare(
      cases.filter((c) => c.resolvedAt !== null && c.resolvedAt <= c.resolveDueAt).length,
    ),
    overdue: countShare(cases.filter((c) => isCaseOverdue(c, asOf)).length),
    medianHoursToContact: medianOrNull(
      cases.flatMap((c) => (c.contactedAt ? [hours(c.openedAt, c.contactedAt)] : [])),
    ),
    medianHoursToResolve: medianOrNull(
      cases.flatMap((c) => (c.resolvedAt ? [hours(c.openedAt, c.resolvedAt)] : [])),
    ),
    recovery: recoveryRate(cases),
  };
}

/** The figures of each group of cases (by department, by assignee), in the order the groups are first met. */
export function figuresBy<K>(
  cases: readonly FollowupCase[],
  keyOf: (c: FollowupCase) => K,
  asOf: Date,
): { key: K; figures: FollowupFigures }[] {
  const groups = new Map<K, FollowupCase[]>();
  for (const c of cases) {
    const key = keyOf(c);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups].map(([key, members]) => ({ key, figures: followupFigures(members, asOf) }));
}

export interface RankedCause {
  readonly causeId: number;
  /** "理赔 › 时效" / "Claims › Speed"; a top-level cause by its own name. */
  readonly label: Bilingual;
  readonly count: number;
  /** Of the cases with a cause. */
  readonly share: number;
}

/**
 * The causes named on the cases, most frequent first (ties in the list's order), each with its share of
 * the cases that have a cause; a cause no longer in the list is named by its id.
 */
export function rankCauses(
  cases: readonly FollowupCase[],
  causes: readonly CaseCause[],
): { ranked: RankedCause[]; withoutCause: number } {
  const byId = new Map(causes.map((cause) => [cause.id, cause]));
  const counts = new Map<number, number>();
  for (const c of cases) if (c.causeId !== null) counts.set(c.causeId, (counts.get(c.causeId) ?? 0) + 1);
  const named = [...counts.values()].reduce((a, b) => a + b, 0);
  const order = (id: number): [number, number, number] => {
    const cause = byId.get(id);
    const parent = cause?.parentId == null ? undefined : byId.get(cause.parentId);
    return parent
      ? [parent.position, cause?.position ?? 0, id]
      : [cause?.position ?? Number.MAX_SAFE_INTEGER, -1, id];
  };
  const ranked = [...counts]
    .map(([causeId, count]) => ({ causeId, label: causeLabel(causeId, byId), count, share: count / named }))
    .sort((a, b) => {
      if (b.count !== a.count) return b.count - a.count;
      const [x, y] = [order(a.causeId), order(b.causeId)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
  return { ranked, withoutCause: cases.length - named };
}

function causeLabel(id: number, byId: ReadonlyMap<number, CaseCause>): Bilingual {
  const cause = byId.get(id);
  if (!cause) return { "zh-CN": `#${id}`, en: `#${id}` };
  const parent = cause.parentId === null ? undefined : byId.get(cause.parentId);
  if (!parent) return cause.name;
  return {
    "zh-CN": `${parent.name["zh-CN"]} › ${cause.name["zh-CN"]}`,
    en: `${parent.name.en} › ${cause.name.en}`,
  };
}
