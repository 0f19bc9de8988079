/**
 * Grafana contact points: one per place alerts are delivered. PagerDuty is per service (each spec
 * service has its own PagerDuty service and Events v2 integration), Slack per channel, email per
 * address.
 */
import type { Model, RouteTarget } from "../../specification/model";
import { SEVERITIES } from "../../specification/model";
import type { PlanInputs, PlanResource } from "../plan";
import { ref, secret, secretRef } from "../plan";
import { routingComponent } from "../components";
import { logicalName } from "../naming";

export const CONTACT_POINT_TYPE = "grafana:alerting/contactPoint:ContactPoint";
export const PD_INTEGRATION_TYPE = "pagerduty:index/serviceIntegration:ServiceIntegration";

/** Stack config key of the Slack bot token Grafana posts with. */
export const SLACK_TOKEN_CONFIG = "readiness:grafanaSlackToken";

/**
 * Events v2 severity from the alert's `severity` label (page -> critical, ticket -> warning,
 * info -> info): the PagerDuty service turns critical into high urgency only where paging is on.
 */
export const PAGERDUTY_SEVERITY_TEMPLATE =
  '{{ if eq .CommonLabels.severity "page" }}critical{{ else if eq .CommonLabels.severity "ticket" }}warning{{ else }}info{{ end }}';

/** True when some severity routes to an escalation, which is when services get PagerDuty services. */
export function routesToEscalation(model: Pick<Model, "routing">): boolean {
  return SEVERITIES.some((s) => model.routing[s].targets.some((t) => t.kind === "escalation"));
}

/** True when Grafana can deliver to PagerDuty in this environment. */
export function grafanaPagesPagerDuty(model: Pick<Model, "routing" | "backends">): boolean {
  return model.backends.includes("pagerduty") && routesToEscalation(model);
}

/** Contact point name for a service's PagerDuty service. */
export function pagerDutyContactPoint(serviceId: string): string {
  return `pagerduty-${serviceId}`;
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
  return target.kind === "slack" ? slackContactPoint(target.channel) : emailContactPoint(target.address);
}

function contactPoint(model: Model, name: string, inputs: Omit<PlanInputs<typeof CONTACT_POINT_TYPE>, "name">): PlanResource {
  return { type: CONTACT_POINT_TYPE, name: logicalName(name), parent: routingComponent(model).name, provider: "grafana", inputs: { name, ...inputs } };
}

/** Every contact point the routing needs, sorted by name. */
export function grafanaContactPoints(model: Model): PlanResource[] {
  const out = new Map<string, PlanResource>();
  if (grafanaPagesPagerDuty(model)) {
    for (const service of model.services) {
      const name = pagerDutyContactPoint(service.id);
      out.set(
        name,
        contactPoint(model, name, {
          pagerduties: [
            {
              // The key lets anyone open incidents on the service: a secret in state and in the provider's inputs.
              integrationKey: secretRef(ref(logicalName(service.id, "grafana"), PD_INTEGRATION_TYPE, "integrationKey")),
              severity: PAGERDUTY_SEVERITY_TEMPLATE,
              component: service.id,
              group: model.environment,
              summary: '{{ template "default.title" . }}',
            },
          ],
        }),
      );
    }
  }
  for (const severity of SEVERITIES) {
    for (const target of model.routing[severity].targets) {
      if (target.kind === "slack") {
        const name = slackContactPoint(target.channel);
        out.set(name, contactPoint(model, name, { slacks: [{ recipient: target.channel, token: secret(SLACK_TOKEN_CONFIG) }] }));
      } else if (target.kind === "email") {
        const name = emailContactPoint(target.address);
        out.set(name, contactPoint(model, name, { emails: [{ addresses: [target.address], singleEmail: false }] }));
      }
    }
  }
  return [...out.keys()].sort().map((k) => out.get(k) as PlanResource);
}
