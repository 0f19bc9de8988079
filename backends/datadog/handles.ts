/** Datadog notification handles for where a severity of a service is routed. */
import type { Model, RouteTarget, Severity } from "../../specification/model";

function handle(serviceId: string, target: RouteTarget): string {
  switch (target.kind) {
    case "escalation":
      return `@pagerduty-${serviceId}`;
    case "slack":
      return `@slack-${target.channel.replace(/^#/, "")}`;
    case "email":
      return `@${target.address}`;
  }
}

/** The `@` handles a Datadog monitor of this service and severity notifies, in routing order, once each. */
export function notifyHandles(model: Pick<Model, "routing">, serviceId: string, severity: Severity): string[] {
  return [...new Set(model.routing[severity].targets.map((t) => handle(serviceId, t)))];
}
