/**
 * The Datadog renderer: synthetics API tests for checks, a dashboard per service and the SLO overview, the PagerDuty
 * service objects behind `@pagerduty-<service>` handles, and the SLOs and monitors of the SLO work.
 */
import type { Model } from "../../specification/model";
import type { RenderSettings } from "../../plan/plan";
import { secret } from "../../plan/plan";
import type { BackendDescriptor } from "../descriptor";
import { inventory } from "./inventory";
import type { PlanFragment } from "../../plan/components";
import { dashboardsComponent, routingComponent, serviceComponent, stackComponent } from "../../plan/components";
import { notifyHandles } from "./handles";
import { syntheticsTest } from "./synthetics";
import { datadogDashboards } from "./dashboards";
import { datadogSloOverview } from "./sloOverview";
import { pagerDutyServiceObjects } from "./pagerduty";
import { renderDatadogSloAndMonitors } from "./monitors";
import { datadogWatchdog } from "./watchdog";
import { datadogRouteWebhooks } from "./webhooks";
import { datadogStatusPageWebhook, statusPageHandles } from "./statusPageAlerts";
import { withHandleDependencies } from "./handleDependencies";
import { datadogLimitProblems } from "./limits";

/** Everything Datadog provisions for one environment; empty when Datadog is not one of its backends. */
export function render(model: Model, settings: RenderSettings): PlanFragment {
  if (!model.backends.includes("datadog")) return { components: [], lookups: [], resources: [] };
  const tests = model.services.flatMap((s) => s.checks.map((c) => syntheticsTest(model, s, c, [...notifyHandles(model, s.id, c.severity), ...statusPageHandles(model, s.id, c.severity)])));
  const webhooks = [...datadogRouteWebhooks(model), ...datadogStatusPageWebhook(model)];
  const dashboards = datadogDashboards(model);
  const overview = datadogSloOverview(
    model,
    dashboards.map((d) => d.name),
  );
  const own: PlanFragment = {
    components: [stackComponent(model), ...(webhooks.length ? [routingComponent(model)] : []), ...model.services.map((s) => serviceComponent(model, s.id)), ...(overview.length ? [dashboardsComponent(model)] : [])],
    lookups: [],
    resources: [...pagerDutyServiceObjects(model), ...webhooks, ...tests, ...dashboards, ...overview],
  };
  const all = merge(merge(own, renderDatadogSloAndMonitors(model, settings)), datadogWatchdog(model));
  // Messages name webhooks and PagerDuty service objects by text: read back, each is a dependsOn.
  return { ...all, resources: withHandleDependencies(all.resources) };
}

function merge(a: PlanFragment, b: PlanFragment): PlanFragment {
  return { components: [...a.components, ...b.components], lookups: [...a.lookups, ...b.lookups], resources: [...a.resources, ...b.resources] };
}

/** The API a Datadog site is served from: `datadoghq.eu` -> `https://api.datadoghq.eu/`. */
export function datadogApiUrl(site: string): string {
  return `https://api.${site.replace(/^https?:\/\//, "").replace(/^(app|api)\./, "").replace(/\/+$/, "")}/`;
}

/** The datadog backend (@pulumi/datadog). */
export const descriptor: BackendDescriptor = {
  id: "datadog",
  package: "datadog",
  sdk: () => require("@pulumi/datadog"),
  render,
  inventory,
  limits: datadogLimitProblems,
  provider: (base, settings) => ({
    ...base,
    type: "pulumi:providers:datadog",
    inputs: { apiKey: secret("datadog:apiKey"), appKey: secret("datadog:appKey"), ...(settings.datadogSite ? { apiUrl: datadogApiUrl(settings.datadogSite) } : {}) },
  }),
};
