/** Datadog notification handles for where a severity of a service (or one alert) is routed. */
import type { Model, RouteTarget, Severity } from "../../specification/model";
import { routeFor, webhookName } from "../../specification/routes";

/** Datadog webhook name of a route's webhook URL: per environment (webhooks are organisation-wide), host and digest only. */
export function datadogWebhookName(model: Pick<Model, "environment">, url: string): string {
  return `readiness-${model.environment}-${webhookName(url).replace(/^webhook-/, "")}`;
}

function handle(model: Pick<Model, "environment">, serviceId: string, target: RouteTarget): string {
  switch (target.kind) {
    case "escalation":
      return `@pagerduty-${serviceId}`;
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
 * each; with `alertId`, that alert's own route when it has one (docs/routing.md).
 */
export function notifyHandles(model: Pick<Model, "routing" | "services" | "environment">, serviceId: string, severity: Severity, alertId?: string): string[] {
  return [...new Set(routeFor(model, serviceId, severity, alertId).targets.map((t) => handle(model, serviceId, t)))];
}
