/**
 * The Datadog PagerDuty service objects behind `@pagerduty-<service>` handles: one per spec
 * service, keyed with that service's `<service>/datadog` Events v2 integration.
 */
import type { Model } from "../../specification/model";
import { SEVERITIES } from "../../specification/model";
import { allRoutes } from "../../specification/routes";
import type { PlanResource } from "../../plan/plan";
import { integrationKeyRef } from "../../plan/pagerdutyIntegration";
import { serviceComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { datadogPagerDutyServiceName } from "./handles";

export const PD_SERVICE_OBJECT_TYPE = "datadog:pagerduty/serviceObject:ServiceObject";

/** True when Datadog alerts can reach PagerDuty: PagerDuty is provisioned and some severity routes to an escalation. */
export function datadogPagesPagerDuty(model: Pick<Model, "backends" | "routing"> & Partial<Pick<Model, "services">>): boolean {
  const routes = model.services ? allRoutes({ routing: model.routing, services: model.services }) : SEVERITIES.map((s) => model.routing[s]);
  return model.backends.includes("pagerduty") && routes.some((r) => r.targets.some((t) => t.kind === "escalation"));
}

/** A service object per service, or none when nothing routes to PagerDuty. */
export function pagerDutyServiceObjects(model: Model): PlanResource[] {
  if (!datadogPagesPagerDuty(model)) return [];
  return model.services.map((s) => ({
    type: PD_SERVICE_OBJECT_TYPE,
    name: logicalName(s.id),
    parent: serviceComponent(model, s.id).name,
    provider: "datadog" as const,
    inputs: { serviceName: datadogPagerDutyServiceName(model, s.id), serviceKey: integrationKeyRef(s.id, "datadog") },
  }));
}
