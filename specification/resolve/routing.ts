/** Resolve step: where each severity is routed, for the whole system and per service. */
import type { Spec } from "../schema";
import type { Route, RouteTarget, Severity } from "../model";
import type { ResolveContext } from "./context";

type SpecRoute = NonNullable<Spec["routing"]["page"]>;

/** A route's targets in a fixed order; urgency `high` is dropped where paging is off, so nothing pages there. */
export function route(severity: Severity, r: SpecRoute | undefined, paging: boolean): Route {
  const targets: RouteTarget[] = [];
  if (r?.escalation) targets.push({ kind: "escalation", escalation: r.escalation });
  if (r?.slack) targets.push({ kind: "slack", channel: r.slack });
  if (r?.email) targets.push({ kind: "email", address: r.email });
  if (r?.webhook) targets.push({ kind: "webhook", url: r.webhook });
  const urgency = r?.urgency === "high" && !paging ? "low" : r?.urgency;
  return { severity, targets, ...(urgency ? { urgency } : {}) };
}

/** The system-wide route of every severity. */
export function resolveRouting(ctx: ResolveContext): Record<Severity, Route> {
  return Object.fromEntries((["page", "ticket", "info"] as const).map((sev): [Severity, Route] => [sev, route(sev, ctx.spec.routing[sev], ctx.paging)])) as Record<Severity, Route>;
}

/** A service's route overrides, keyed by the severity an alert has after the paging policy, like `routing`. */
export function resolveServiceRouting(ctx: ResolveContext, r: Spec["services"][number]["routing"]): Partial<Record<Severity, Route>> | undefined {
  if (!r) return undefined;
  const out: Partial<Record<Severity, Route>> = {};
  for (const sev of ["page", "ticket", "info"] as const) if (r[sev]) out[sev] = route(sev, r[sev], ctx.paging);
  return out;
}
