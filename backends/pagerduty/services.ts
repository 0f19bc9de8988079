/**
 * PagerDuty services: one per spec service whenever some severity routes to an escalation, with an
 * Events API v2 integration per metrics backend whose key that backend sends alerts with.
 */
import type { Backend, Model } from "../../specification/model";
import { serviceEscalation, serviceEscalationOf } from "../../specification/routes";
import type { InputOf, PlanResource } from "../../plan/plan";
import { ref } from "../../plan/plan";
import { serviceComponent } from "../../plan/components";
import { aliasNames, logicalName } from "../../plan/naming";
import { PD_ESCALATION_POLICY, PD_SERVICE } from "./tokens";
import { integrationName, PD_SERVICE_INTEGRATION } from "../../plan/pagerdutyIntegration";
import { environmentName } from "./environmentName";

/** Metrics backends that send alerts to PagerDuty, with the vendor name users see (integration `<service>/<backend>`). */
const ALERT_SENDERS: readonly { backend: Backend; title: string }[] = [
  { backend: "grafana", title: "Grafana" },
  { backend: "datadog", title: "Datadog" },
  { backend: "prometheus", title: "Prometheus Alertmanager" },
];


/**
 * Grafana and Datadog resolve incidents themselves when the condition clears; auto-resolve only
 * catches a lost resolve event. 4h matches Grafana's default repeat interval, so an alert still
 * firing re-triggers a fresh incident rather than silently vanishing.
 */
export const AUTO_RESOLVE_TIMEOUT_SECONDS = 4 * 3600;
/** An acknowledged incident nobody resolves re-triggers after 30 minutes instead of being forgotten. */
export const ACKNOWLEDGEMENT_TIMEOUT_SECONDS = 30 * 60;

/**
 * Incident urgency: where paging is on, the Events v2 severity decides (`critical` is high,
 * `warning`/`info` are low). That is what lets a route's `urgency` work per alert: the PagerDuty
 * provider's `incidentUrgencyRule` is per service (constant, severity-based or by support hours),
 * so a constant rule could not make one alert of a service high and another low, while the
 * senders (Grafana contact points, Alertmanager receivers) can send `critical` or `warning` per
 * route. Where paging is off every incident is low, whatever a route says, so nobody is woken.
 */
export function incidentUrgencyRule(model: Pick<Model, "paging">): NonNullable<InputOf<typeof PD_SERVICE, "incidentUrgencyRule">> {
  return model.paging ? { type: "constant", urgency: "severity_based" } : { type: "constant", urgency: "low" };
}

/** The PagerDuty service and integrations of every spec service, on the service's component. */
export function pagerDutyServices(model: Model): PlanResource[] {
  const fallback = serviceEscalation(model);
  if (fallback === undefined) return [];
  const senders = ALERT_SENDERS.filter((s) => model.backends.includes(s.backend));
  return model.services.flatMap((service): PlanResource[] => {
    const parent = serviceComponent(model, service.id).name;
    const escalation = serviceEscalationOf(model, service.id) ?? fallback;
    const aliases = aliasNames(service.previously, (id) => logicalName(id));
    const pdService: PlanResource = {
      type: PD_SERVICE,
      name: logicalName(service.id),
      parent,
      provider: "pagerduty",
      inputs: {
        name: environmentName(model, service.name),
        description: `${model.system.name} ${service.id} in ${model.environment} (managed by readiness)`,
        escalationPolicy: ref(logicalName(escalation), PD_ESCALATION_POLICY, "id"),
        // Events API v2 integrations require alert creation; it also lets alerts be grouped.
        alertCreation: "create_alerts_and_incidents",
        autoResolveTimeout: String(AUTO_RESOLVE_TIMEOUT_SECONDS),
        acknowledgementTimeout: String(ACKNOWLEDGEMENT_TIMEOUT_SECONDS),
        incidentUrgencyRule: incidentUrgencyRule(model),
      },
      ...(model.paging ? { protect: true } : {}),
      ...(aliases ? { aliases } : {}),
    };
    const integrations = senders.map(({ backend, title }): PlanResource => {
      const integrationAliases = aliasNames(service.previously, (id) => logicalName(id, backend));
      return {
        type: PD_SERVICE_INTEGRATION,
        name: integrationName(service.id, backend),
        parent,
        provider: "pagerduty",
        inputs: {
          name: `${title} (Events API v2)`,
          service: ref(logicalName(service.id), PD_SERVICE, "id"),
          type: "events_api_v2_inbound_integration",
        },
        ...(integrationAliases ? { aliases: integrationAliases } : {}),
      };
    });
    return [pdService, ...integrations];
  });
}
