/**
 * The Grafana renderer: folder, rule groups (the Prometheus export's rules, Grafana-managed),
 * contact points, notification policy tree, dashboards (with the SLO overview) and synthetic monitoring checks.
 */
import type { Model } from "../../specification/model";
import type { RenderSettings } from "../../plan/plan";
import { secret } from "../../plan/plan";
import { unset } from "../../plan/settings";
import type { BackendDescriptor } from "../descriptor";
import { inventory } from "./inventory";
import type { PlanFragment } from "../../plan/components";
import { dashboardsComponent, routingComponent, serviceComponent, stackComponent } from "../../plan/components";
import { prometheusRuleGroups } from "../../rules/groups";
import { grafanaFolder } from "./folder";
import { grafanaRuleGroups } from "./ruleGroups";
import { grafanaContactPoints } from "./contactPoints";
import { grafanaNotificationPolicy } from "./notificationPolicy";
import { grafanaMuteTiming } from "./businessHours";
import { grafanaDashboards } from "./dashboards";
import { grafanaSloOverview } from "./sloOverview";
import { grafanaSyntheticChecks, SM_CHECK_TYPE, withSlowProbeRules } from "./syntheticChecks";
import { grafanaWatchdogContactPoint } from "./watchdog";
import { grafanaStatusPageAlertsContactPoint } from "./statusPageAlerts";
import { WATCHDOG_GROUP } from "../../rules/watchdogRules";
import { grafanaLimitProblems } from "./limitProblems";

/** Everything Grafana provisions for one environment; empty when Grafana is not one of its backends. */
export function render(model: Model, settings: RenderSettings): PlanFragment {
  if (!model.backends.includes("grafana")) return { components: [], lookups: [], resources: [] };
  const checks = grafanaSyntheticChecks(model);
  const resources = [
    grafanaFolder(model),
    ...grafanaContactPoints(model),
    ...grafanaWatchdogContactPoint(model),
    ...grafanaStatusPageAlertsContactPoint(model),
    ...grafanaMuteTiming(model),
    ...grafanaNotificationPolicy(model),
    // Without a status page there is no switch to send the watchdog to (the audit reports it).
    ...grafanaRuleGroups(model, withSlowProbeRules(model, prometheusRuleGroups(model).filter((g) => g.name !== WATCHDOG_GROUP || model.statusPage)), settings),
    ...grafanaDashboards(model, settings),
    ...grafanaSloOverview(model, settings),
    ...checks.resources,
  ];
  const components = [
    stackComponent(model),
    routingComponent(model),
    dashboardsComponent(model),
    ...model.services.map((s) => serviceComponent(model, s.id)),
  ];
  return { components, lookups: checks.lookups, resources };
}

/** The grafana backend (@pulumiverse/grafana). */
export const descriptor: BackendDescriptor = {
  id: "grafana",
  package: "grafana",
  sdk: () => require("@pulumiverse/grafana"),
  render,
  inventory,
  limits: grafanaLimitProblems,
  provider: (base, settings, rendered) => ({
    ...base,
    type: "pulumi:providers:grafana",
    inputs: {
      url: settings.grafanaUrl ?? unset("grafana:url"),
      auth: secret("grafana:auth"),
      // Synthetic Monitoring has its own API and token; without them every check fails at preview.
      ...(rendered.resources.some((r) => r.type === SM_CHECK_TYPE) ? { smAccessToken: secret("grafana:smAccessToken"), smUrl: settings.grafanaSmUrl ?? unset("grafana:smUrl") } : {}),
    },
  }),
};
