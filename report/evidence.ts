/**
 * Evidence a sign-off names, checked against the resolved Model of one environment. Evidence shows
 * what the spec already configures; it never counts as sign-off, only an attestation does.
 */
import { redactWebhook, routeOverrides, routeWithOrigin } from "../specification/routes";
import type { EvidenceRef, Model, RouteTarget, Service, Severity, StatusComponent } from "../specification/model";
import { whoRouteWakes, whoServiceRouteWakes } from "../oncall/reach";
import { STATUS_PAGE_CHECK_ID } from "../specification/statusPageCheck";
import { conditionText } from "../specification/alertCondition";
import { leastUrgent, mostUrgent } from "../rules/naming";

/** One piece of evidence and whether the Model bears it out. */
export interface EvidenceCheck {
  /** The evidence as written in the spec (`check:billing-api/health`). */
  ref: string;
  kind: EvidenceRef["kind"];
  /** True when the Model bears it out; always false for evidence the report cannot verify. */
  holds: boolean;
  /** False for `external:` evidence: it is named, not verified, and never counts as holding. */
  verified: boolean;
  /** Why it holds or does not, in words a reader can act on. */
  reason: string;
}

/** Checks one piece of evidence against the Model. */
export function checkEvidence(model: Model, ref: EvidenceRef): EvidenceCheck {
  if (ref.kind === "external") return { ref: ref.text, kind: ref.kind, holds: false, verified: false, reason: `named, not verified: the report cannot see ${ref.target}` };
  const verdict = judge(model, ref);
  return { ref: ref.text, kind: ref.kind, verified: true, ...verdict };
}

type Verdict = { holds: boolean; reason: string };

function judge(model: Model, ref: Exclude<EvidenceRef, { kind: "external" }>): Verdict {
  switch (ref.kind) {
    case "statusPage":
      return statusPageHolds(model);
    case "check":
      return checkHolds(model, ref.service, ref.id);
    case "slo":
      return sloHolds(model, ref.service, ref.id);
    case "escalation":
      return escalationHolds(model, ref.id);
    case "routing":
      return routingHolds(model, ref.severity);
    case "runbook":
      return runbookHolds(model, ref.service);
    case "heartbeat":
      return heartbeatHolds(model, ref.service, ref.id);
    case "alert":
      return alertHolds(model, ref.service, ref.id);
    case "dashboard":
      return dashboardHolds(model, ref.id);
    case "schedule":
      return scheduleHolds(model, ref.id);
    default: {
      const unknown: never = ref;
      return { holds: false, reason: `unknown evidence ${JSON.stringify(unknown)}` };
    }
  }
}

/** `escalation billing-oncall`, `slack #billing-alerts`, `email team@acme.test`. */
export function describeTarget(target: RouteTarget): string {
  switch (target.kind) {
    case "escalation":
      return `escalation ${target.escalation}`;
    case "slack":
      return `Slack ${target.channel}`;
    case "email":
      return `email ${target.address}`;
    case "webhook":
      return `webhook ${redactWebhook(target.url)}`;
  }
}

/**
 * Where something of a service at a severity is delivered, resolved as the renderers resolve it
 * (routeFor: the alert's own route, else the service's, else the top-level default), with where
 * the route came from when it is not the default; undefined when it reaches nobody.
 */
function routeText(model: Model, serviceId: string, severity: Severity, alertId?: string): string | undefined {
  const { route, origin } = routeWithOrigin(model, serviceId, severity, alertId);
  if (!route.targets.length) return undefined;
  const from = origin === "alert" ? " (the alert's own route)" : origin === "service" ? ` (${serviceId}'s ${severity} route)` : "";
  return `${route.targets.map(describeTarget).join(", ")}${from}${wakesText(whoServiceRouteWakes(model, serviceId, route))}`;
}

/** ` (can wake ana, ben)` from the one answer every command gives (oncall/reach); empty when it wakes nobody. */
function wakesText(woken: string[]): string {
  return woken.length ? ` (can wake ${woken.join(", ")})` : "";
}

function targetsText(targets: RouteTarget[]): string {
  return targets.map(describeTarget).join(", ");
}

function findService(model: Model, id: string): Service | undefined {
  return model.services.find((s) => s.id === id);
}

function list(ids: string[]): string {
  return ids.length ? ids.join(", ") : "none";
}

function statusPageHolds(model: Model): Verdict {
  const page = model.statusPage;
  if (!page) return { holds: false, reason: `no status page is configured in ${model.environment}` };
  // A page at a hostname nobody serves shows no one anything, whatever it probes.
  if (page.notServed) return { holds: false, reason: `${page.hostname} is ${page.notServed}; nothing is probed there` };
  // The issue's test: the page is configured and every critical service *on it* is probed. A
  // critical service left off the page is the audit's finding (critical-service-not-on-status-page),
  // named here so the reader is not surprised, but it does not fail this evidence.
  const critical = model.services.filter((s) => s.tier === "critical");
  const components = critical.flatMap((s) => {
    const c = page.components.find((x) => x.id === s.id);
    return c ? [{ service: s, component: c }] : [];
  });
  const unprobed = components.filter(({ component }) => !isAlertDecided(component) && !component.probe?.url).map(({ service }) => service.id);
  if (unprobed.length) return { holds: false, reason: `critical service${unprobed.length > 1 ? "s" : ""} ${unprobed.join(", ")} on the status page ${unprobed.length > 1 ? "are" : "is"} not probed` };
  // An alert-decided component (decidedBy: alerts) has no probe by design: the Worker sets it from
  // the page alerts of its service, so it is watched only while the service has one.
  const alertDecided = components.filter(({ component }) => isAlertDecided(component) && !component.probe?.url);
  const silent = alertDecided.filter(({ service }) => !pageSignals(service).length).map(({ service }) => service.id);
  if (silent.length)
    return {
      holds: false,
      reason: `critical service${silent.length > 1 ? "s" : ""} ${silent.join(", ")} on the status page ${silent.length > 1 ? "are" : "is"} neither probed nor decided by any page alert (decidedBy: alerts, but no page-severity alert, SLO, check or heartbeat)`,
    };
  const byAlerts = alertDecided.map(({ service }) => `${service.id}: ${pageSignals(service).join(", ")}`);
  const paging = model.paging ? "" : `; paging is off in ${model.environment}, so they arrive as tickets and show it degraded, not down`;
  const how = byAlerts.length ? `probed or decided by its page alerts (${byAlerts.join("; ")}${paging}), which readiness sends to https://${page.hostname}/api/alerts/<source>` : "probed";
  const shown = page.components.map((c) => c.name).join(", ") || "no components";
  const offPage = critical.filter((s) => !page.components.some((c) => c.id === s.id)).map((s) => s.id);
  const note = offPage.length ? `; not on it: ${offPage.join(", ")} (critical; see the audit)` : "";
  // The page must also be watched itself: its /health check, which fails once the Worker's runs stop.
  const self = model.services.flatMap((s) => s.checks).find((c) => c.id === STATUS_PAGE_CHECK_ID && c.url === `https://${page.hostname}/health`);
  if (!self) return { holds: false, reason: `nothing checks https://${page.hostname}/health, so a page that stopped updating goes unnoticed` };
  return { holds: true, reason: `${page.hostname} shows ${shown}, probed every ${page.probeEvery.text}; every critical service on it is ${how}${note}; its own /health is checked as ${self.serviceId}/${self.id} (${self.severity})` };
}

/** Whether the component's status comes from its service's alerts (alone or with its probe). */
function isAlertDecided(c: StatusComponent): boolean {
  return c.decidedBy === "alerts" || c.decidedBy === "both";
}

/**
 * What of a service is declared page severity, so that its notification (labelled or tagged with
 * the service and severity, as every backend renders it) sets an alert-decided component to outage.
 * The status page's own /health check is left out: it watches the page, not the service.
 */
function pageSignals(service: Service): string[] {
  return [
    ...service.alerts.filter((a) => a.declaredSeverity === "page").map((a) => `alert ${a.id}`),
    ...service.slos.filter((slo) => slo.alerts.some((a) => a.declaredSeverity === "page")).map((slo) => `SLO ${slo.id}`),
    ...service.checks.filter((c) => c.declaredSeverity === "page" && c.id !== STATUS_PAGE_CHECK_ID).map((c) => `check ${c.id}`),
    ...service.heartbeats.filter((h) => h.declaredSeverity === "page").map((h) => `heartbeat ${h.id}`),
  ];
}

function checkHolds(model: Model, serviceId: string, checkId: string): Verdict {
  const service = findService(model, serviceId);
  if (!service) return { holds: false, reason: `there is no service ${serviceId}` };
  const check = service.checks.find((c) => c.id === checkId);
  if (!check) return { holds: false, reason: `${serviceId} has no check ${checkId} (its checks: ${list(service.checks.map((c) => c.id))})` };
  if (check.severity !== check.declaredSeverity) {
    const why = model.paging ? "" : ` because paging is off in ${model.environment}`;
    return { holds: false, reason: `declared ${check.declaredSeverity} but alerts as ${check.severity}${why}` };
  }
  const route = routeText(model, serviceId, check.severity);
  if (!route) return { holds: false, reason: `alerts at ${check.severity}, but ${check.severity} routes to nobody` };
  return { holds: true, reason: `probes ${check.url} every ${check.every.text}; alerts at ${check.severity} after ${check.alertAfter} consecutive failures, routed to ${route}` };
}

function sloHolds(model: Model, serviceId: string, sloId: string): Verdict {
  const service = findService(model, serviceId);
  if (!service) return { holds: false, reason: `there is no service ${serviceId}` };
  const slo = service.slos.find((s) => s.id === sloId);
  if (!slo) return { holds: false, reason: `${serviceId} has no SLO ${sloId} (its SLOs: ${list(service.slos.map((s) => s.id))})` };
  if (!slo.alerts.length) return { holds: false, reason: `${slo.objective}% over ${slo.window.text}, but it has no burn-rate alerts` };
  const severities = [...new Set(slo.alerts.map((a) => a.severity))];
  const unrouted = severities.filter((sev) => !routeText(model, serviceId, sev));
  if (unrouted.length) return { holds: false, reason: `${slo.objective}% over ${slo.window.text}; its ${unrouted.join(" and ")} alerts route to nobody` };
  const routes = severities.map((sev) => `${sev} to ${routeText(model, serviceId, sev)}`).join("; ");
  const n = slo.alerts.length;
  return { holds: true, reason: `${slo.objective}% over ${slo.window.text}; ${n} burn-rate alert${n === 1 ? "" : "s"}, ${routes}` };
}

function escalationHolds(model: Model, id: string): Verdict {
  const escalation = model.oncall.escalations.find((e) => e.id === id);
  if (!escalation) return { holds: false, reason: `there is no escalation ${id} (escalations: ${list(model.oncall.escalations.map((e) => e.id))})` };
  const n = escalation.levels.length;
  if (n < 2) return { holds: false, reason: `it has ${n} level${n === 1 ? "" : "s"}; nobody backs up the first responder (at least two are needed)` };
  const loops = escalation.repeat === 0 ? "not repeated" : `repeated ${escalation.repeat} more time${escalation.repeat === 1 ? "" : "s"} if nobody acknowledges`;
  return { holds: true, reason: `${n} levels, ${loops}` };
}

/**
 * The top-level route of a severity, with the overrides that replace it named beside it. It holds
 * when everything of that severity reaches someone: the default has a target, or nothing falls
 * back on it because every service or alert of that severity has its own route.
 */
function routingHolds(model: Model, severity: Severity): Verdict {
  const fallback = model.routing[severity]?.targets ?? [];
  const overrides = routeOverrides(model)
    .filter((o) => o.severity === severity)
    .map((o) => `${o.alert ? `${o.service.id}/${o.alert}` : o.service.id} to ${targetsText(o.route.targets)}`);
  const onDefault = model.services.filter((s) => fallsBackToDefault(s, severity)).map((s) => s.id);
  const note = severity === "page" && !model.paging ? ` (paging is off in ${model.environment}, so nothing is sent at page severity here)` : "";
  if (!fallback.length) {
    if (onDefault.length) return { holds: false, reason: `${severity} alerts route to nobody: ${onDefault.join(", ")} ${onDefault.length > 1 ? "have" : "has"} ${severity} alerts and no ${severity} route of ${onDefault.length > 1 ? "their" : "its"} own` };
    if (!overrides.length) return { holds: false, reason: `${severity} alerts route to nobody` };
    return { holds: true, reason: `no default ${severity} route, but every ${severity} alert has its own: ${overrides.join("; ")}${note}` };
  }
  const replaced = overrides.length ? ` by default; overridden for ${overrides.join("; ")}` : "";
  return { holds: true, reason: `${severity} alerts go to ${targetsText(fallback)}${wakesText(whoRouteWakes(model, model.routing[severity]))}${replaced}${note}` };
}

/** Whether something of the service alerts at this severity (after the paging policy) through the top-level route. */
function fallsBackToDefault(service: Service, severity: Severity): boolean {
  if (service.routing?.[severity]) return false;
  // Each blindness alert takes the less urgent of absenceSeverity and what it stands in for.
  const standIns = [...service.checks.map((c) => c.severity), ...service.heartbeats.map((h) => h.severity), ...service.slos.filter((slo) => slo.alerts.length > 0).map((slo) => mostUrgent(slo.alerts.map((a) => a.severity)))];
  return (
    service.alerts.some((a) => a.severity === severity && !a.route) ||
    service.checks.some((c) => c.severity === severity) ||
    service.heartbeats.some((h) => h.severity === severity) ||
    service.slos.some((slo) => slo.alerts.some((a) => a.severity === severity)) ||
    standIns.some((x) => leastUrgent([service.absenceSeverity, x]) === severity)
  );
}

function runbookHolds(model: Model, serviceId: string): Verdict {
  const service = findService(model, serviceId);
  if (!service) return { holds: false, reason: `there is no service ${serviceId}` };
  if (!service.runbookUrl) return { holds: false, reason: `${serviceId} has no runbook` };
  return { holds: true, reason: `runbook at ${service.runbookUrl}` };
}

/** Something that alerts: it holds when it alerts at the severity it declares and its route (as the renderers resolve it) reaches someone. */
function alertsAsDeclared(model: Model, serviceId: string, item: { severity: Severity; declaredSeverity: Severity }, alertId?: string): Verdict | undefined {
  if (item.severity !== item.declaredSeverity) {
    const why = model.paging ? "" : ` because paging is off in ${model.environment}`;
    return { holds: false, reason: `declared ${item.declaredSeverity} but alerts as ${item.severity}${why}` };
  }
  if (!routeText(model, serviceId, item.severity, alertId)) return { holds: false, reason: `alerts at ${item.severity}, but ${item.severity} routes to nobody` };
  return undefined;
}

function heartbeatHolds(model: Model, serviceId: string, heartbeatId: string): Verdict {
  const service = findService(model, serviceId);
  if (!service) return { holds: false, reason: `there is no service ${serviceId}` };
  const beat = service.heartbeats.find((h) => h.id === heartbeatId);
  if (!beat) return { holds: false, reason: `${serviceId} has no heartbeat ${heartbeatId} (its heartbeats: ${list(service.heartbeats.map((h) => h.id))})` };
  const fails = alertsAsDeclared(model, serviceId, beat);
  if (fails) return fails;
  return { holds: true, reason: `expects a success every ${beat.every.text} (grace ${beat.grace.text}); alerts at ${beat.severity} when one is missed, routed to ${routeText(model, serviceId, beat.severity)}` };
}

function alertHolds(model: Model, serviceId: string, alertId: string): Verdict {
  const service = findService(model, serviceId);
  if (!service) return { holds: false, reason: `there is no service ${serviceId}` };
  const alert = service.alerts.find((a) => a.id === alertId);
  if (!alert) return { holds: false, reason: `${serviceId} has no alert ${alertId} (its alerts: ${list(service.alerts.map((a) => a.id))})` };
  const fails = alertsAsDeclared(model, serviceId, alert, alert.id);
  if (fails) return fails;
  return { holds: true, reason: `fires when its query is ${conditionText(alert.condition)} for ${alert.for.text}${alert.businessHoursOnly ? " during business hours" : ""}; alerts at ${alert.severity}, routed to ${routeText(model, serviceId, alert.severity, alert.id)}` };
}

function dashboardHolds(model: Model, id: string): Verdict {
  const dashboard = model.dashboards.find((d) => d.id === id);
  if (!dashboard) return { holds: false, reason: `there is no dashboard ${id} (dashboards: ${list(model.dashboards.map((d) => d.id))})` };
  // Custom dashboards are provisioned on Grafana only.
  if (!model.backends.includes("grafana")) return { holds: false, reason: `custom dashboards are provisioned on Grafana, which is not a backend of ${model.environment}` };
  const n = dashboard.panels.length;
  return { holds: true, reason: `"${dashboard.title}" on Grafana, ${n} panel${n === 1 ? "" : "s"}` };
}

function scheduleHolds(model: Model, id: string): Verdict {
  const schedule = model.oncall.schedules.find((s) => s.id === id);
  if (!schedule) return { holds: false, reason: `there is no schedule ${id} (schedules: ${list(model.oncall.schedules.map((s) => s.id))})` };
  // Schedules are provisioned in PagerDuty only.
  if (!model.backends.includes("pagerduty")) return { holds: false, reason: `on-call schedules are provisioned in PagerDuty, which is not a backend of ${model.environment}` };
  const n = schedule.members.length;
  if (n < 2) return { holds: false, reason: `${n} member${n === 1 ? "" : "s"}; one person cannot be on call all the time (at least two are needed)` };
  const usedBy = model.oncall.escalations.filter((e) => e.levels.some((l) => l.notify.some((t) => t.kind === "schedule" && t.schedule === id))).map((e) => e.id);
  if (!usedBy.length) return { holds: false, reason: `no escalation notifies it, so nobody on it is ever paged` };
  const hours = schedule.coverage ? "covering part of the week only" : "around the clock";
  return { holds: true, reason: `${schedule.rotation} rotation of ${n} people, handoff ${schedule.handoff.text} ${schedule.timezone}, ${hours}; used by escalation ${usedBy.join(", ")}` };
}
