/**
 * Grafana contact points: one per place alerts are delivered. PagerDuty is per service (each spec
 * service has its own PagerDuty service and Events v2 integration), Slack per channel, email per
 * address, webhook per URL, across the default routes and every override. A route that sets its
 * `urgency` gets a PagerDuty contact point sending a fixed Events v2 severity (`critical` for high,
 * `warning` for low), which the PagerDuty service's severity-based urgency rule turns into that
 * urgency; without it the severity follows the alert's `severity` label.
 *
 * Contact point names are unique per Grafana org, so the name Grafana sees is scoped to the system
 * and environment (`accountScopedName`); the logical name and the names below stay the short ones.
 */
import type { Model, RouteTarget, Urgency } from "../../specification/model";
import { SEVERITIES } from "../../specification/model";
import { allRoutes, pinnedUrgency, redactWebhook, routeOverrides, webhookName } from "../../specification/routes";
import type { PlanInputs, PlanResource } from "../../plan/plan";
import { secret, secretValue } from "../../plan/plan";
import { routingComponent } from "../../plan/components";
import { accountScopedName, logicalName } from "../../plan/naming";
import { integrationKeyRef } from "../../plan/pagerdutyIntegration";

export const CONTACT_POINT_TYPE = "grafana:alerting/contactPoint:ContactPoint";

/** Stack config key of the Slack bot token Grafana posts with. */
export const SLACK_TOKEN_CONFIG = "readiness:grafanaSlackToken";

/**
 * Events v2 severity from the alert's `severity` label (page -> critical, ticket -> warning,
 * info -> info): the PagerDuty service turns critical into high urgency only where paging is on.
 */
export const PAGERDUTY_SEVERITY_TEMPLATE =
  '{{ if eq .CommonLabels.severity "page" }}critical{{ else if eq .CommonLabels.severity "ticket" }}warning{{ else }}info{{ end }}';

/** True when some severity routes to an escalation, which is when services get PagerDuty services. */
export function routesToEscalation(model: Pick<Model, "routing"> & Partial<Pick<Model, "services">>): boolean {
  const routes = model.services ? allRoutes({ routing: model.routing, services: model.services }) : SEVERITIES.map((s) => model.routing[s]);
  return routes.some((r) => r.targets.some((t) => t.kind === "escalation"));
}

/** True when Grafana can deliver to PagerDuty in this environment. */
export function grafanaPagesPagerDuty(model: Pick<Model, "routing" | "backends"> & Partial<Pick<Model, "services">>): boolean {
  return model.backends.includes("pagerduty") && routesToEscalation(model);
}

/** Contact point name for a service's PagerDuty service; with an urgency, the one sending that urgency whatever the severity. */
export function pagerDutyContactPoint(serviceId: string, urgency?: Urgency): string {
  return urgency ? `pagerduty-${serviceId}-${urgency}` : `pagerduty-${serviceId}`;
}

/** Events v2 severity a fixed urgency is sent as (the service's rule is severity-based). */
export const URGENCY_SEVERITY: Record<Urgency, string> = { high: "critical", low: "warning" };

/** Contact point name for a webhook: its host and a digest, never the URL's path or query. */
export function webhookContactPoint(url: string): string {
  return webhookName(url);
}

/** Contact point name for a Slack channel (`#billing-alerts` -> `slack-billing-alerts`). */
export function slackContactPoint(channel: string): string {
  return `slack-${channel.replace(/^#/, "")}`;
}

/** Contact point name for an email address. */
export function emailContactPoint(address: string): string {
  return `email-${address}`;
}

/** Contact point name of a non-escalation route target. */
export function directContactPoint(target: Exclude<RouteTarget, { kind: "escalation" }>): string {
  switch (target.kind) {
    case "slack":
      return slackContactPoint(target.channel);
    case "email":
      return emailContactPoint(target.address);
    case "webhook":
      return webhookContactPoint(target.url);
  }
}

export { pinnedUrgency };

function contactPoint(model: Model, name: string, inputs: Omit<PlanInputs<typeof CONTACT_POINT_TYPE>, "name">): PlanResource {
  return { type: CONTACT_POINT_TYPE, name: logicalName(name), parent: routingComponent(model).name, provider: "grafana", inputs: { name: accountScopedName(model, name), ...inputs } };
}

/** Every contact point the routing needs, sorted by name. */
export function grafanaContactPoints(model: Model): PlanResource[] {
  const out = new Map<string, PlanResource>();
  const pd = (serviceId: string, urgency?: Urgency) => {
    const name = pagerDutyContactPoint(serviceId, urgency);
    out.set(
      name,
      contactPoint(model, name, {
        pagerduties: [
          {
            // The key lets anyone open incidents on the service: a secret in state and in the provider's inputs.
            integrationKey: integrationKeyRef(serviceId, "grafana"),
            severity: urgency ? URGENCY_SEVERITY[urgency] : PAGERDUTY_SEVERITY_TEMPLATE,
            component: serviceId,
            group: model.environment,
            summary: '{{ template "default.title" . }}',
          },
        ],
      }),
    );
  };
  const pages = grafanaPagesPagerDuty(model);
  if (pages) {
    for (const service of model.services) pd(service.id);
    // Defaults with an urgency reach every service; an override only its own.
    for (const severity of SEVERITIES) {
      const urgency = pinnedUrgency(model.routing[severity]);
      if (urgency && model.routing[severity].targets.some((t) => t.kind === "escalation")) for (const service of model.services) pd(service.id, urgency);
    }
    for (const o of routeOverrides(model)) {
      const urgency = pinnedUrgency(o.route);
      if (urgency && o.route.targets.some((t) => t.kind === "escalation")) pd(o.service.id, urgency);
    }
  }
  for (const route of allRoutes(model)) {
    for (const target of route.targets) {
      if (target.kind === "slack") {
        const name = slackContactPoint(target.channel);
        out.set(name, contactPoint(model, name, { slacks: [{ recipient: target.channel, token: secret(SLACK_TOKEN_CONFIG) }] }));
      } else if (target.kind === "email") {
        const name = emailContactPoint(target.address);
        out.set(name, contactPoint(model, name, { emails: [{ addresses: [target.address], singleEmail: false }] }));
      } else if (target.kind === "webhook") {
        const name = webhookContactPoint(target.url);
        // The URL may carry a token: a Pulumi secret, shown by its host only.
        out.set(name, contactPoint(model, name, { webhooks: [{ url: secretValue(target.url, redactWebhook(target.url)), httpMethod: "POST" }] }));
      }
    }
  }
  return [...out.keys()].sort().map((k) => out.get(k) as PlanResource);
}
