/**
 * The limits each provider enforces on values readiness derives from the spec, checked before a
 * plan is made: one table per provider folder (`backends/<provider>/limits.ts`, each limit with the
 * source it was read from), gathered here and located at the spec field that caused the value.
 */
import type { Model } from "../specification/model";
import type { Spec } from "../specification/schema";
import type { Diagnostic, Locator } from "../specification/diagnostics";
import { sortDiagnostics } from "../specification/diagnostics";
import type { LimitProblem, SpecRef } from "./descriptor";
import { REGISTRY } from "./registry";

/** Every limit problem of one environment's enabled backends. */
export function providerLimitProblems(model: Model): LimitProblem[] {
  return model.backends.flatMap((backend) => REGISTRY[backend].limits(model));
}

/** The spec path of a reference (the composed spec's, which the locator maps to its file). */
export function specPath(spec: Spec, at: SpecRef): (string | number)[] {
  if ("escalation" in at) {
    const i = spec.oncall?.escalations.findIndex((e) => e.id === at.escalation) ?? -1;
    return i < 0 ? ["oncall", "escalations"] : ["oncall", "escalations", i, ...at.field];
  }
  const si = spec.services.findIndex((s) => s.id === at.service);
  if (si < 0) return ["services"];
  if (!("list" in at)) return ["services", si, ...at.field];
  const items = spec.services[si][at.list] as { id: string }[];
  const ii = items.findIndex((x) => x.id === at.id);
  // An item readiness adds (the status page's own check) has no place in the spec: the service holds it.
  return ii < 0 ? ["services", si] : ["services", si, at.list, ii, ...at.field];
}

/** The limit problems of every environment as located diagnostics, each once however many environments share it. */
export function providerLimitDiagnostics(spec: Spec, models: readonly Model[], locate: Locator): Diagnostic[] {
  const seen = new Map<string, Diagnostic>();
  for (const model of models) {
    for (const p of providerLimitProblems(model)) {
      const d = locate(specPath(spec, p.at), "InvalidValue", p.message, p.hint);
      seen.set(`${d.file}:${d.line}:${d.col}:${d.path}:${d.message}`, d);
    }
  }
  return sortDiagnostics([...seen.values()]);
}
