/**
 * Who an alert can wake: the people reachable from a severity's route through escalations, the
 * members of the schedules they notify, and people they notify directly.
 */
import type { Model, Severity } from "../specification/model";

/**
 * Person ids reachable from `model.routing[severity]`, sorted. This is reachability: it ignores
 * whether anyone is on call right now, and it is the route an alert takes with its severity after
 * the paging policy that decides which severity to ask about.
 */
export function whoCanBeWoken(model: Pick<Model, "routing" | "oncall">, severity: Severity): string[] {
  const escalations = new Map(model.oncall.escalations.map((e) => [e.id, e]));
  const schedules = new Map(model.oncall.schedules.map((s) => [s.id, s]));
  const people = new Set<string>();
  for (const target of model.routing[severity].targets) {
    if (target.kind !== "escalation") continue;
    for (const level of escalations.get(target.escalation)?.levels ?? []) {
      for (const t of level.notify) {
        if (t.kind === "person") people.add(t.person);
        else for (const m of schedules.get(t.schedule)?.members ?? []) people.add(m);
      }
    }
  }
  return [...people].sort();
}
