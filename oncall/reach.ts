/**
 * Who an alert can wake: the people reachable from a severity's route through escalations, the
 * members of the schedules they notify, and people they notify directly.
 */
import type { Model, Route, Severity } from "../specification/model";
import { effectiveUrgency, routeFor, serviceEscalationOf } from "../specification/routes";

/**
 * Person ids reachable from `model.routing[severity]`, sorted. This is reachability: it ignores
 * whether anyone is on call right now, and it is the route an alert takes with its severity after
 * the paging policy that decides which severity to ask about.
 */
export function whoCanBeWoken(model: Pick<Model, "routing" | "oncall">, severity: Severity): string[] {
  return whoRouteCanWake(model, model.routing[severity]);
}

/** Person ids a route wakes: those it can reach when it opens high-urgency incidents, else nobody (low urgency pages no phone). */
export function whoRouteWakes(model: Pick<Model, "oncall" | "paging">, route: Route): string[] {
  return effectiveUrgency(model, route) === "high" ? whoRouteCanWake(model, route) : [];
}

/**
 * Person ids something of a service at a severity wakes (an alert's own route when `alertId` is
 * given): the one answer diff, audit, validate and the report give, from the route the renderers
 * use (routeFor) and its urgency.
 */
export function whoItemWakes(model: Pick<Model, "routing" | "services" | "oncall" | "paging">, serviceId: string, severity: Severity, alertId?: string): string[] {
  return whoServiceRouteWakes(model, serviceId, routeFor(model, serviceId, severity, alertId));
}

/**
 * Person ids a route of a service's wakes as it is rendered: a service's alerts share one PagerDuty
 * service and so one escalation policy (serviceEscalationOf), whichever escalation the route names.
 */
export function whoServiceRouteWakes(model: Pick<Model, "routing" | "services" | "oncall" | "paging">, serviceId: string, route: Route): string[] {
  if (effectiveUrgency(model, route) !== "high") return [];
  const named = route.targets.flatMap((t) => (t.kind === "escalation" ? [t.escalation] : []));
  if (!named.length) return [];
  return whoEscalationsCanWake(model, [serviceEscalationOf(model, serviceId) ?? named[0]]);
}

/** Person ids reachable from one route's escalations (an override's, say), sorted. */
export function whoRouteCanWake(model: Pick<Model, "oncall">, route: Route): string[] {
  return whoEscalationsCanWake(model, route.targets.flatMap((t) => (t.kind === "escalation" ? [t.escalation] : [])));
}

/** Person ids reachable from these escalation ids, sorted. */
export function whoEscalationsCanWake(model: Pick<Model, "oncall">, ids: string[]): string[] {
  const escalations = new Map(model.oncall.escalations.map((e) => [e.id, e]));
  const schedules = new Map(model.oncall.schedules.map((s) => [s.id, s]));
  const people = new Set<string>();
  for (const id of ids) {
    for (const level of escalations.get(id)?.levels ?? []) {
      for (const t of level.notify) {
        if (t.kind === "person") people.add(t.person);
        else for (const m of schedules.get(t.schedule)?.members ?? []) people.add(m);
      }
    }
  }
  return [...people].sort();
}
