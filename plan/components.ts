/**
 * The component tree every renderer hangs its resources on, so the Pulumi program, `readiness plan`
 * and the mock-runtime test agree on parents:
 *
 *   readiness:stack:ReadinessStack          <system name>
 *     readiness:oncall:OnCall               oncall          (PagerDuty users, schedules, escalation policies)
 *     readiness:routing:AlertRouting        routing         (contact points, notification policy, folder)
 *     readiness:service:ServiceMonitoring   <service>       (PagerDuty service, checks, alerts, dashboard)
 *       readiness:slo:ServiceSlo            <service>/<slo> (recording and burn-rate rules, Datadog SLO)
 *     readiness:dashboards:Dashboards       dashboards      (system overview and the spec's dashboards)
 *     readiness:statuspage:StatusPage       statuspage      (Worker, KV, cron trigger, custom domain)
 *
 * Service ids may not take the fixed names (the loader rejects them), so component names are unique.
 */
import type { Model } from "../specification/model";
import type { PlanComponent } from "./plan";
import { logicalName } from "./naming";

export function stackComponent(model: Pick<Model, "system">): PlanComponent {
  return { type: "readiness:stack:ReadinessStack", name: model.system.name };
}

export function onCallComponent(model: Pick<Model, "system">): PlanComponent {
  return { type: "readiness:oncall:OnCall", name: "oncall", parent: model.system.name };
}

export function routingComponent(model: Pick<Model, "system">): PlanComponent {
  return { type: "readiness:routing:AlertRouting", name: "routing", parent: model.system.name };
}

export function serviceComponent(model: Pick<Model, "system">, serviceId: string): PlanComponent {
  return { type: "readiness:service:ServiceMonitoring", name: serviceId, parent: model.system.name };
}

export function sloComponent(serviceId: string, sloId: string): PlanComponent {
  return { type: "readiness:slo:ServiceSlo", name: logicalName(serviceId, sloId), parent: serviceId };
}

export function dashboardsComponent(model: Pick<Model, "system">): PlanComponent {
  return { type: "readiness:dashboards:Dashboards", name: "dashboards", parent: model.system.name };
}

export function statusPageComponent(model: Pick<Model, "system">): PlanComponent {
  return { type: "readiness:statuspage:StatusPage", name: "statuspage", parent: model.system.name };
}

/** What one backend renders: the components it uses, lookups, and resources. */
export interface PlanFragment {
  components: PlanComponent[];
  lookups: import("./plan").PlanLookup[];
  resources: import("./plan").PlanResource[];
}
