/**
 * Pairing the two sides of a diff by spec id, the way the plan names resources: an id that moved
 * in the list is the same thing, and an id declared with `previously: old` is a rename of `old`.
 */

/** One thing on either or both sides of a diff. */
export interface Matched<T> {
  before?: T;
  after?: T;
  /** The id on the before side when the after side renamed it through `previously:`. */
  renamedFrom?: string;
}

/** Pairs items by id (then by `previously:`), sorted by the id they end up with. */
export function matchById<T extends { id: string; previously?: string[] }>(before: readonly T[], after: readonly T[]): Matched<T>[] {
  const beforeById = new Map(before.map((b) => [b.id, b]));
  const afterIds = new Set(after.map((a) => a.id));
  const used = new Set<string>();
  const out: Matched<T>[] = [];
  for (const a of after) {
    const same = beforeById.get(a.id);
    if (same) {
      used.add(a.id);
      out.push({ before: same, after: a });
      continue;
    }
    // A `previously:` id still present on the after side is not a rename: both exist.
    const old = (a.previously ?? []).find((p) => beforeById.has(p) && !afterIds.has(p) && !used.has(p));
    if (old !== undefined) {
      used.add(old);
      out.push({ before: beforeById.get(old), after: a, renamedFrom: old });
    } else out.push({ after: a });
  }
  for (const b of before) if (!used.has(b.id)) out.push({ before: b });
  const id = (m: Matched<T>) => (m.after ?? m.before)!.id;
  return out.sort((x, y) => (id(x) < id(y) ? -1 : id(x) > id(y) ? 1 : 0));
}
