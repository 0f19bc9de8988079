/**
 * How the SLO overview and the service dashboards find each other: by tags, as Grafana's
 * `dashboards` links do, so neither needs the other's URL (which depends on Grafana's sub-path).
 * The tags hold a colon, which a spec id cannot (ids are `[a-z0-9-]`), so no service or
 * spec dashboard can take one.
 */
import { DashboardLinkBuilder, DashboardLinkType } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Model } from "../../specification/model";
import { hasPrometheusSli } from "../../slos/sli";
import { grafanaUid } from "./uid";

/** Tag of the SLO overview dashboard. */
export const SLO_OVERVIEW_TAG = "readiness:slo-overview";

/** Tag every service dashboard carries. */
export const SERVICE_DASHBOARD_TAG = "readiness:service";

/** True when the environment has an SLO Prometheus can evaluate, so an overview is made. */
export function hasSloOverview(model: Model): boolean {
  return model.services.some((s) => s.slos.some(hasPrometheusSli));
}

/** The overview's uid: the underscore keeps it apart from every service's (ids have none). */
export function sloOverviewUid(model: Pick<Model, "system" | "environment">): string {
  return grafanaUid(model.system.name, model.environment, "slo_overview");
}

/** The overview's title, unique in the folder: no other generated title ends in ` SLOs (<env>)`. */
export function sloOverviewTitle(model: Pick<Model, "system" | "environment">): string {
  return `${model.system.name} SLOs (${model.environment})`;
}

/** The link a service dashboard shows to the overview of its system and environment. */
export function sloOverviewLink(model: Pick<Model, "system" | "environment">): DashboardLinkBuilder {
  return new DashboardLinkBuilder("SLO overview").type(DashboardLinkType.Dashboards).tags([SLO_OVERVIEW_TAG, model.system.name, model.environment]).asDropdown(false).includeVars(false).keepTime(false).targetBlank(false).icon("dashboard");
}

/** The link the overview shows back to every service dashboard of its system and environment. */
export function serviceDashboardsLink(model: Pick<Model, "system" | "environment">): DashboardLinkBuilder {
  return new DashboardLinkBuilder("Service dashboards").type(DashboardLinkType.Dashboards).tags([SERVICE_DASHBOARD_TAG, model.system.name, model.environment]).asDropdown(true).includeVars(false).keepTime(false).targetBlank(false).icon("dashboard");
}

/** Where a service's dashboard is, for panel links from the overview (Grafana prefixes its sub-path). */
export function serviceDashboardUrl(model: Pick<Model, "system" | "environment">, serviceId: string): string {
  return `/d/${grafanaUid(model.system.name, model.environment, serviceId)}`;
}
