import { type Bilingual, type Locale, pick } from "../i18n/bilingual.ts";

/**
 * The two-level cause list (原因分类), pure: a top-level cause (理赔) groups the causes a case is given
 * (时效). A case always names a second-level cause, so "causes ranked" counts one kind of thing.
 */

export interface Cause {
  readonly id: number;
  /** null for a top-level cause */
  readonly parentId: number | null;
  readonly name: Bilingual;
  readonly position: number;
  readonly active: boolean;
}

export interface CauseGroup extends Cause {
  readonly children: readonly Cause[];
}

/** The list as groups in their order, each with its causes in order. */
export function causeTree(causes: readonly Cause[]): CauseGroup[] {
  const byOrder = (a: Cause, b: Cause) => a.position - b.position || a.id - b.id;
  return causes
    .filter((cause) => cause.parentId === null)
    .sort(byOrder)
    .map((group) => ({
      ...group,
      children: causes.filter((cause) => cause.parentId === group.id).sort(byOrder),
    }));
}

/** The groups and causes a case may be given now: active causes under active groups, empty groups left out. */
export function choosableCauses(causes: readonly Cause[]): CauseGroup[] {
  return causeTree(causes)
    .filter((group) => group.active)
    .map((group) => ({ ...group, children: group.children.filter((cause) => cause.active) }))
    .filter((group) => group.children.length > 0);
}

/** Whether a case may be given this cause: an active second-level cause under an active group. */
export function isChoosable(causes: readonly Cause[], id: number): boolean {
  return choosableCauses(causes).some((group) => group.children.some((cause) => cause.id === id));
}

/** "理赔 › 时效": a case's cause with its area, in one language. */
export function causeLabel(cause: { name: Bilingual; group: Bilingual }, locale: Locale): string {
  return `${pick(cause.group, locale)} › ${pick(cause.name, locale)}`;
}
