/** Datadog notification handles for where a severity of a service (or one alert) is routed. */
import type { Model, RouteTarget, Severity } from "../../specification/model";
import { routeFor, webhookName } from "../../specification/routes";
import { accountScopedName } from "../../plan/naming";

/**
 * The name of a service's PagerDuty service object in Datadog's PagerDuty integration (the
 * `@pagerduty-<name>` handle): names are unique per Datadog account, which environments and
 * systems may share, so scoped to both.
 */
export function datadogPagerDutyServiceName(model: Pick<Model, "system" | "environment">, serviceId: string): string {
  return accountScopedName(model, serviceId);
}

/** Datadog webhook name of a route's webhook URL: per system and environment (webhooks are organisation-wide), host and digest only. */
export function datadogWebhookName(model: Pick<Model, "system" | "environment">, url: string): string {
  return accountScopedName(model, webhookName(url));
}

function handle(model: Pick<Model, "system" | "environment">, serviceId: string, target: RouteTarget): string {
  switch (target.kind) {
    case "escalation":
      return `@pagerduty-${datadogPagerDutyServiceName(model, serviceId)}`;
    case "slack":
      return `@slack-${target.channel.replace(/^#/, "")}`;
    case "email":
      return `@${target.address}`;
    case "webhook":
      return `@webhook-${datadogWebhookName(model, target.url)}`;
  }
}

/**
 * The `@` handles a Datadog monitor of this service and severity notifies, in routing order, once
 * each; with `alertId`, that alert's own route when it has one (docs/routing.md). An escalation
 * has a handle only with the PagerDuty backend, whose service objects define it: without it there
 * is no integration key to deliver to, as in Grafana's notification policy.
 */
export function notifyHandles(model: Pick<Model, "routing" | "services" | "system" | "environment" | "backends">, serviceId: string, severity: Severity, alertId?: string): string[] {
  const targets = routeFor(model, serviceId, severity, alertId).targets.filter((t) => t.kind !== "escalation" || model.backends.includes("pagerduty"));
  return [...new Set(targets.map((t) => handle(model, serviceId, t)))];
}
