/**
 * Which route an alert takes. The merge rule (docs/routing.md): an alert's own `route` wins, else
 * its service's `routing.<severity>`, else the top-level `routing.<severity>`; the first one found
 * replaces the others whole (targets and urgency), it is never merged field by field. Severity is
 * the one after the paging policy, so with `paging: false` a `page` override is never used.
 */
import { createHash } from "node:crypto";
import type { Model, Route, RouteTarget, Service, Severity, Urgency } from "./model";
import { SEVERITIES } from "./model";

/** Where the route came from: the alert, its service, or the top-level default. */
export type RouteOrigin = "alert" | "service" | "default";

/** The route of one service's alerts of a severity, or of one alert when `alertId` is given. */
export function routeFor(model: Pick<Model, "routing" | "services">, serviceId: string, severity: Severity, alertId?: string): Route {
  return routeWithOrigin(model, serviceId, severity, alertId).route;
}

/** `routeFor` and where the route was declared. */
export function routeWithOrigin(model: Pick<Model, "routing" | "services">, serviceId: string, severity: Severity, alertId?: string): { route: Route; origin: RouteOrigin } {
  const service = serviceById(model.services, serviceId);
  const alert = alertId === undefined ? undefined : service?.alerts.find((a) => a.id === alertId);
  if (alert?.route) return { route: alert.route, origin: "alert" };
  const own = service?.routing?.[severity];
  if (own) return { route: own, origin: "service" };
  return { route: model.routing[severity], origin: "default" };
}

/**
 * The service with this id. Renderers ask for a route per alert, monitor and check, so a scan of
 * the list each time made routing quadratic (some ten million comparisons at 1,000 services). The
 * index is built once per list; a list of another length (one grown in place) is indexed again.
 */
function serviceById(services: readonly Service[], id: string): Service | undefined {
  let index = serviceIndexes.get(services);
  if (!index || index.size !== services.length) {
    index = new Map();
    // The first of a duplicated id wins, as `find` would have it.
    for (const s of services) if (!index.has(s.id)) index.set(s.id, s);
    if (index.size === services.length) serviceIndexes.set(services, index);
    else return services.find((s) => s.id === id);
  }
  return index.get(id);
}

const serviceIndexes = new WeakMap<readonly Service[], Map<string, Service>>();

/** One override: a service's route for a severity, or one alert's route. */
export interface RouteOverride {
  service: Service;
  severity: Severity;
  /** Set for an alert's own route. */
  alert?: string;
  route: Route;
}

/** Every override of the model: alert routes first (they win), then service routes; each by service id, severity, alert id. */
export function routeOverrides(model: Pick<Model, "services">): RouteOverride[] {
  const alerts: RouteOverride[] = [];
  const services: RouteOverride[] = [];
  for (const service of model.services) {
    for (const a of service.alerts) if (a.route) alerts.push({ service, severity: a.severity, alert: a.id, route: a.route });
    for (const severity of SEVERITIES) {
      const r = service.routing?.[severity];
      if (r) services.push({ service, severity, route: r });
    }
  }
  return [...alerts, ...services];
}

/** Every route of the model: the defaults by severity, then the overrides. */
export function allRoutes(model: Pick<Model, "routing" | "services">): Route[] {
  return [...SEVERITIES.map((s) => model.routing[s]), ...routeOverrides(model).map((o) => o.route)];
}

/** The escalation a service's PagerDuty service uses: the first one of its own routes for page, ticket, info, in that order. */
export function serviceEscalationOf(model: Pick<Model, "routing" | "services">, serviceId: string): string | undefined {
  for (const severity of SEVERITIES) {
    const t = routeFor(model, serviceId, severity).targets.find((x) => x.kind === "escalation");
    if (t && t.kind === "escalation") return t.escalation;
  }
  // Only alerts route to an escalation: the first by alert id (validation makes them all agree).
  for (const a of serviceById(model.services, serviceId)?.alerts ?? []) {
    const t = a.route?.targets.find((x) => x.kind === "escalation");
    if (t && t.kind === "escalation") return t.escalation;
  }
  return undefined;
}

/**
 * The escalation PagerDuty services use by default: the one routed from `page`, else `ticket`,
 * else `info`, else the first any override names (by service id). Services whose own routes name
 * an escalation use that one instead (`serviceEscalationOf`).
 */
export function serviceEscalation(model: Pick<Model, "routing"> & Partial<Pick<Model, "services">>): string | undefined {
  for (const severity of SEVERITIES) {
    const t = model.routing[severity].targets.find((x) => x.kind === "escalation");
    if (t && t.kind === "escalation") return t.escalation;
  }
  for (const service of model.services ?? []) {
    const own = serviceEscalationOf({ routing: model.routing, services: model.services ?? [] }, service.id);
    if (own) return own;
  }
  return undefined;
}

/** The urgency incidents of this route open with: as set, else high for a page and low otherwise; never high where paging is off. */
export function effectiveUrgency(model: Pick<Model, "paging">, route: Route): Urgency {
  if (!model.paging) return "low";
  return route.urgency ?? (route.severity === "page" ? "high" : "low");
}

/**
 * The urgency a route pins its PagerDuty incidents to, when it differs from what its severity
 * gives anyway (high for page, low otherwise); undefined lets the severity decide, so writing
 * the default changes nothing that is rendered. The resolver already lowers `high` where paging is off.
 */
export function pinnedUrgency(route: Route): Urgency | undefined {
  if (route.urgency === undefined) return undefined;
  return route.urgency === (route.severity === "page" ? "high" : "low") ? undefined : route.urgency;
}

/**
 * A stable name for a webhook, safe to print: its host and the first 8 hex digits of the URL's
 * SHA-256, so two URLs on one host differ and nothing after the host is revealed.
 */
export function webhookName(url: string): string {
  const host = safeHost(url).replace(/[^a-z0-9]+/gi, "-").replace(/^-+|-+$/g, "").toLowerCase();
  return `webhook-${host}-${createHash("sha256").update(url).digest("hex").slice(0, 8)}`;
}

/** A webhook URL as plans, the audit and diagnostics print it: scheme and host only. */
export function redactWebhook(url: string): string {
  return `https://${safeHost(url)}/[redacted]`;
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "invalid-url";
  }
}

/** A route target as the inventory prints it; webhooks redacted. */
export function describeRouteTarget(t: RouteTarget): string {
  switch (t.kind) {
    case "escalation":
      return `escalation:${t.escalation}`;
    case "slack":
      return `slack:${t.channel}`;
    case "email":
      return `email:${t.address}`;
    case "webhook":
      return `webhook:${redactWebhook(t.url)}`;
  }
}
