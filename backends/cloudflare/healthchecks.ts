/**
 * Cloudflare health checks for the spec's checks, and a notification policy per health check.
 *
 * Only where stack config names a zone (settings.cloudflareZoneId): Cloudflare health checks
 * belong to a zone, so without one there are none, and Grafana/Datadog still run the checks.
 * Cloudflare probes with GET or HEAD only, so POST/PUT checks are left to Grafana and Datadog.
 *
 * Notifications go to the email targets of the check's severity route. PagerDuty and Slack cannot
 * be wired from here (Cloudflare's PagerDuty connection is made by hand in its dashboard, and its
 * webhook payload is not Slack's), and the same check already reaches them through Grafana or
 * Datadog; so a check whose route has no email gets no policy.
 */
import { routeFor } from "../../specification/routes";
import type { Check, Model } from "../../specification/model";
import type { PlanResource, RenderSettings } from "../../plan/plan";
import { ref } from "../../plan/plan";
import { serviceComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";

export const HEALTHCHECK_TYPE = "cloudflare:index/healthcheck:Healthcheck";
export const NOTIFICATION_POLICY_TYPE = "cloudflare:index/notificationPolicy:NotificationPolicy";

/** Cloudflare's health check interval range, in seconds. */
const INTERVAL = { min: 15, max: 3600 };

/** True when Cloudflare can run this check. */
export function cloudflareCanProbe(check: Pick<Check, "method" | "url">): check is Check & { method: "GET" | "HEAD" } {
  return (check.method === "GET" || check.method === "HEAD") && /^https?:\/\//.test(check.url);
}

/**
 * The health check timeout a budget becomes: whole seconds (the provider's `timeout` is an
 * `Int64Attribute`, limits.ts), rounded up so Cloudflare never fails a probe the budget allows.
 */
export function healthcheckTimeoutSeconds(check: Pick<Check, "expect">): number {
  return Math.max(1, Math.ceil(check.expect.within.ms / 1000));
}

/** Cloudflare names allow letters, digits, `-` and `_`; `/` in the logical name becomes `_`. */
export function healthcheckName(model: Pick<Model, "environment">, check: Pick<Check, "serviceId" | "id">): string {
  return `${model.environment}_${check.serviceId}_${check.id}`.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** One health check. */
export function healthcheck(model: Model, check: Check, zoneId: string): PlanResource {
  const url = new URL(check.url);
  const https = url.protocol === "https:";
  const httpConfig: { [key: string]: string | number | boolean | string[] } = {
    method: check.method,
    path: `${url.pathname}${url.search}`,
    port: url.port ? Number(url.port) : https ? 443 : 80,
    expectedCodes: [String(check.expect.status)],
    followRedirects: false,
    allowInsecure: false,
  };
  if (check.expect.bodyContains !== undefined) httpConfig.expectedBody = check.expect.bodyContains;
  return {
    type: HEALTHCHECK_TYPE,
    name: logicalName(check.serviceId, check.id),
    parent: serviceComponent(model, check.serviceId).name,
    provider: "cloudflare",
    inputs: {
      zoneId,
      name: healthcheckName(model, check),
      description: `${check.method} ${check.url} (readiness, ${model.environment})`,
      address: url.hostname,
      type: https ? "HTTPS" : "HTTP",
      httpConfig,
      interval: Math.min(INTERVAL.max, Math.max(INTERVAL.min, check.every.seconds)),
      timeout: healthcheckTimeoutSeconds(check),
      // Consecutive failed runs, like alertAfter; immediate retries would count one run several times.
      consecutiveFails: check.alertAfter,
      consecutiveSuccesses: 1,
      retries: 0,
      suspended: false,
    },
  };
}

/** Email addresses a check's failures go to. */
export function checkEmails(model: Model, check: Pick<Check, "severity"> & Partial<Pick<Check, "serviceId">>): string[] {
  // A service's own route for the severity replaces the default (docs/routing.md).
  const route = check.serviceId === undefined ? model.routing[check.severity] : routeFor(model, check.serviceId, check.severity);
  const out = route.targets.flatMap((t) => (t.kind === "email" ? [t.address] : []));
  return [...new Set(out)].sort();
}

/** The notification policy of one health check, when its route has an email target. */
export function healthcheckPolicy(model: Model, check: Check, accountId: string): PlanResource | undefined {
  const emails = checkEmails(model, check);
  if (emails.length === 0) return undefined;
  const name = logicalName(check.serviceId, check.id);
  return {
    type: NOTIFICATION_POLICY_TYPE,
    name,
    parent: serviceComponent(model, check.serviceId).name,
    provider: "cloudflare",
    inputs: {
      accountId,
      name: `${healthcheckName(model, check)} health`,
      description: `${check.method} ${check.url} failed ${check.alertAfter} checks in a row (${check.severity})`,
      alertType: "health_check_status_notification",
      enabled: true,
      filters: { healthCheckIds: [ref(name, HEALTHCHECK_TYPE, "id")] },
      mechanisms: { emails: emails.map((id) => ({ id })) },
    },
  };
}

/** Health checks and their notification policies; none without a zone. */
export function cloudflareHealthchecks(model: Model, settings: RenderSettings): PlanResource[] {
  const zoneId = settings.cloudflareZoneId;
  if (!zoneId) return [];
  const out: PlanResource[] = [];
  for (const service of model.services) {
    for (const check of service.checks) {
      if (!cloudflareCanProbe(check)) continue;
      out.push(healthcheck(model, check, zoneId));
      const policy = healthcheckPolicy(model, check, settings.cloudflareAccountId);
      if (policy) out.push(policy);
    }
  }
  return out;
}
