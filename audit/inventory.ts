/**
 * The alert inventory: every alert an environment will evaluate, with its severity after the
 * paging policy, what makes it fire, where it is delivered, who it can wake and its runbook.
 */
import type { Model, RouteTarget, Service, Severity } from "../specification/model";
import { whoServiceRouteWakes } from "../oncall/reach";
import { describeRouteTarget, routeFor } from "../specification/routes";
import { formatSeconds } from "../specification/duration";
import type { SpecRef } from "./finding";
import { conditionText } from "../specification/alertCondition";

/** What kind of thing raised an alert. */
export type AlertKind = "slo" | "alert" | "check" | "heartbeat";

/** One alert of the inventory. */
export interface InventoryEntry {
  service: string;
  /** Id within the service; SLO burn-rate alerts are `<slo>/<window id>` (`availability/page-fast`). */
  id: string;
  kind: AlertKind;
  /** After the environment's paging policy. */
  severity: Severity;
  declaredSeverity: Severity;
  /** What makes it fire, in words. */
  condition: string;
  /** The query it evaluates, where there is one (Prometheus first). */
  query?: string;
  /** How long the condition must hold; absent where the kind has no such wait. */
  for?: string;
  /** Where the route of its severity delivers it: `escalation:<id>`, `slack:#chan`, `email:<addr>`. */
  routes: string[];
  /** Person ids it can wake: only pages wake anyone (tickets and info are low urgency). */
  wakes: string[];
  runbook?: string;
  subject: SpecRef;
}

/** Every alert of the environment, by service id then kind then id. */
export function alertInventory(model: Model): InventoryEntry[] {
  const entries: InventoryEntry[] = [];
  for (const service of model.services) {
    for (const e of serviceAlerts(service)) {
      // Overrides apply: the alert's own route, else its service's, else the default of its severity.
      const route = routeFor(model, service.id, e.severity, e.kind === "alert" ? e.id : undefined);
      // Only a high-urgency incident wakes anyone; where paging is off nothing is high.
      const wakes = whoServiceRouteWakes(model, service.id, route);
      entries.push({ ...e, routes: route.targets.map(describeTarget), wakes });
    }
  }
  return entries;
}

/** A service's alerts without delivery (routes and wakes depend on the whole model). */
export function serviceAlerts(service: Service): Omit<InventoryEntry, "routes" | "wakes">[] {
  const out: Omit<InventoryEntry, "routes" | "wakes">[] = [];
  for (const slo of service.slos) {
    for (const a of slo.alerts) {
      out.push({
        service: service.id,
        id: `${slo.id}/${a.id}`,
        kind: "slo",
        severity: a.severity,
        declaredSeverity: a.declaredSeverity,
        condition: `${slo.objective}% SLO burning > ${a.factor}x over ${a.long.text} and ${a.short.text}`,
        for: a.for.text,
        runbook: service.runbookUrl,
        subject: { kind: "burnRateAlert", service: service.id, slo: slo.id, alert: a.id },
      });
    }
  }
  for (const a of service.alerts) {
    out.push({
      service: service.id,
      id: a.id,
      kind: "alert",
      severity: a.severity,
      declaredSeverity: a.declaredSeverity,
      condition: `${conditionText(a.condition)}${a.businessHoursOnly ? " during business hours" : ""}: ${a.summary}`,
      query: a.query.prometheus ?? a.query.datadog,
      for: a.for.text,
      // The resolver already falls back to the service runbook; hand-built models may not.
      runbook: a.runbookUrl ?? service.runbookUrl,
      subject: { kind: "alert", service: service.id, alert: a.id },
    });
  }
  for (const c of service.checks) {
    out.push({
      service: service.id,
      id: c.id,
      kind: "check",
      severity: c.severity,
      declaredSeverity: c.declaredSeverity,
      condition: `${c.alertAfter} failed ${c.method} ${c.url} in a row (expect ${c.expect.status} within ${c.expect.within.text}, every ${c.every.text})`,
      runbook: c.runbookUrl ?? service.runbookUrl,
      subject: { kind: "check", service: service.id, check: c.id },
    });
  }
  for (const h of service.heartbeats) {
    out.push({
      service: service.id,
      id: h.id,
      kind: "heartbeat",
      severity: h.severity,
      declaredSeverity: h.declaredSeverity,
      condition: `no success for ${formatSeconds(h.every.seconds + h.grace.seconds)} (every ${h.every.text} + grace ${h.grace.text}): ${h.summary}`,
      query: h.prometheus ?? h.datadog,
      runbook: h.runbookUrl ?? service.runbookUrl,
      subject: { kind: "heartbeat", service: service.id, heartbeat: h.id },
    });
  }
  return out;
}

/** A route target as the inventory prints it (a webhook by its host only). */
export function describeTarget(t: RouteTarget): string {
  return describeRouteTarget(t);
}
