/**
 * Orders tables so that each comes after the tables its foreign keys refer to, so their rows can be
 * loaded one table after another with every key checked as it goes. Among
 * tables free to go, the one created first goes first (`created`, e.g. the catalogue's oid), which is
 * also the order the migrations made them in. A table referring to itself needs no order: PostgreSQL
 * checks its keys at the end of each statement. Tables caught in a cycle follow the others in
 * creation order (their keys would have to be deferrable to load).
 *
 * @example
 * orderForLoading([{ id: 1, created: 1 }, { id: 2, created: 2 }], [{ from: 1, to: 2 }]) // → [2, 1]
 */
export function orderForLoading<Id>(
  tables: readonly { id: Id; created: number }[],
  references: readonly { from: Id; to: Id }[],
): Id[] {
  const byCreation = [...tables].sort((a, b) => a.created - b.created).map((table) => table.id);
  const known = new Set(byCreation);
  const waitingFor = new Map<Id, Set<Id>>(byCreation.map((id) => [id, new Set<Id>()]));
  for (const { from, to } of references) {
    if (from !== to && known.has(from) && known.has(to)) waitingFor.get(from)?.add(to);
  }
  const ordered: Id[] = [];
  const placed = new Set<Id>();
  for (;;) {
    const next = byCreation.find(
      (id) => !placed.has(id) && [...(waitingFor.get(id) ?? [])].every((needed) => placed.has(needed)),
    );
    if (next === undefined) break;
    ordered.push(next);
    placed.add(next);
  }
  return [...ordered, ...byCreation.filter((id) => !placed.has(id))];
}
