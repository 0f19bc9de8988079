/** Resolve step: each service with its SLOs, alerts, checks and heartbeats. */
import type { Spec } from "../schema";
import type { Alert, Check, Heartbeat, Service } from "../model";
import { STATUS_PAGE_CHECK_ID, statusPageOwner } from "../statusPageCheck";
import { effective, runbookUrl, type ResolveContext } from "./context";
import { resolveServiceRouting, route } from "./routing";
import { resolveSlos } from "./slos";
import { budget, byId, dur, previously, query } from "./values";

type SpecService = Spec["services"][number];
type SpecAlert = SpecService["alerts"][number];

/**
 * Every service, sorted by id; the status page's owner also gets the page's own health check,
 * unless nobody serves the page's hostname (a check on it would only ever fail).
 */
export function resolveServices(ctx: ResolveContext): Service[] {
  const pageOwner = ctx.statusPageNotServed ? undefined : statusPageOwner(ctx.spec);
  return byId(ctx.spec.services.map((svc) => resolveService(ctx, svc, svc.id === pageOwner)));
}

/** One service; its items inherit its runbook when they name none. */
function resolveService(ctx: ResolveContext, svc: SpecService, ownsStatusPage: boolean): Service {
  const svcRunbook = runbookUrl(ctx, svc.runbook);
  return {
    id: svc.id,
    name: svc.name,
    tier: svc.tier,
    ...(svc.owner !== undefined ? { owner: svc.owner } : {}),
    runbookUrl: svcRunbook,
    statusPage: svc.statusPage ? { component: svc.statusPage.component, group: svc.statusPage.group } : undefined,
    slos: resolveSlos(ctx, svc),
    alerts: resolveAlerts(ctx, svc, svcRunbook),
    checks: resolveChecks(ctx, svc, svcRunbook, ownsStatusPage),
    heartbeats: resolveHeartbeats(ctx, svc, svcRunbook),
    // Undeclared, blindness is capped only by what it stands in for: a standard service whose burn
    // alerts page gets a paging absence alert, since an outage that takes the scrape targets
    // down must not merely ticket (Pyrra pages on absent metrics too).
    absenceSeverity: effective(ctx, svc.absenceSeverity ?? "page"),
    ...(svc.routing ? { routing: resolveServiceRouting(ctx, svc.routing) } : {}),
    previously: previously(svc.previously),
  };
}

/** A service's threshold alerts, sorted by id, with the paging policy applied. */
function resolveAlerts(ctx: ResolveContext, svc: SpecService, svcRunbook: string | undefined): Alert[] {
  return byId(
    svc.alerts.map((a) => ({
      id: a.id,
      serviceId: svc.id,
      summary: a.summary,
      description: a.description,
      declaredSeverity: a.severity,
      severity: effective(ctx, a.severity),
      for: dur(a.for),
      condition: condition(a),
      query: query(a.query) ?? {},
      noData: a.noData,
      businessHoursOnly: a.activeDuring === "businessHours",
      runbookUrl: runbookUrl(ctx, a.runbook) ?? svcRunbook,
      ...(a.route ? { route: route(effective(ctx, a.severity), a.route, ctx.paging) } : {}),
      previously: previously(a.previously),
    })),
  );
}

/** A service's HTTP checks, sorted by id, with the status page's health check when it owns the page. */
function resolveChecks(ctx: ResolveContext, svc: SpecService, svcRunbook: string | undefined, ownsStatusPage: boolean): Check[] {
  return byId(
    [...svc.checks, ...(ownsStatusPage ? [statusPageCheck(ctx.spec.statusPage!)] : [])].map((c) => ({
      id: c.id,
      serviceId: svc.id,
      url: c.http,
      method: c.method,
      every: dur(c.every),
      expect: { status: c.expect.status, bodyContains: c.expect.bodyContains, within: budget(c.expect.within) },
      alertAfter: c.alertAfter,
      declaredSeverity: c.severity,
      severity: effective(ctx, c.severity),
      runbookUrl: runbookUrl(ctx, c.runbook) ?? svcRunbook,
      previously: previously(c.previously),
    })),
  );
}

/** A service's heartbeats, sorted by id, with the paging policy applied. */
function resolveHeartbeats(ctx: ResolveContext, svc: SpecService, svcRunbook: string | undefined): Heartbeat[] {
  return byId(
    svc.heartbeats.map((h) => ({
      id: h.id,
      serviceId: svc.id,
      summary: h.summary,
      every: dur(h.every),
      grace: dur(h.grace),
      prometheus: h.prometheus,
      datadog: h.datadog,
      declaredSeverity: h.severity,
      severity: effective(ctx, h.severity),
      runbookUrl: runbookUrl(ctx, h.runbook) ?? svcRunbook,
      previously: previously(h.previously),
    })),
  );
}

/**
 * The status page's own health check, as if written on its owning service: it pages (after the
 * paging policy) after 3 failed runs a minute apart, because a page that stopped updating also
 * stopped being the alerting pipeline's dead man's switch.
 */
function statusPageCheck(page: NonNullable<Spec["statusPage"]>): SpecService["checks"][number] {
  return { id: STATUS_PAGE_CHECK_ID, http: `https://${page.hostname}/health`, method: "GET", every: "1m", expect: { status: 200, within: "10s" }, alertAfter: 3, severity: "page", previously: [] };
}

function condition(a: SpecAlert): Alert["condition"] {
  if (a.increaseOver) {
    const percent = parseFloat(a.increaseOver.by);
    return { op: "increase", window: dur(a.increaseOver.window), percent, ratio: Number((1 + percent / 100).toPrecision(12)) };
  }
  return a.above !== undefined ? { op: "above", threshold: a.above } : { op: "below", threshold: a.below as number };
}
