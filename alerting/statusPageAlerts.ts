/**
 * Alert notifications to the status page: a component with `decidedBy: alerts|both` takes its
 * status from its service's alerts, which the status page Worker receives at
 * `/api/alerts/<source>` with the watchdog's bearer token. Every backend that notifies (Grafana,
 * the Alertmanager export, Datadog) sends them there, beside its normal routing and never instead
 * of it; nothing here pages anyone.
 *
 * Which alerts: those of the alert-decided services with severity `page` or `ticket`, the two the
 * Worker turns into a status (outage, degraded). Severities are the ones after the paging policy,
 * so where `paging: false` a declared page arrives as `ticket` and shows the component degraded.
 * Environments with `paging: false` still send them, as they send the watchdog: it is not a page,
 * it only keeps the staging page truthful.
 */
import type { Model, Severity } from "../specification/model";

/** Name of the Grafana contact point, the Alertmanager receiver and (with the environment) the Datadog webhook. */
export const STATUS_PAGE_ALERTS = "statuspage-alerts";

/** Severities the Worker gives a status for: `page` sets outage, `ticket` degraded; `info` is ignored there. */
export const STATUS_PAGE_ALERT_SEVERITIES: readonly Severity[] = ["page", "ticket"];

/** The Worker's alert sources, as in its `/api/alerts/<source>` route. */
export type StatusPageAlertSource = "grafana" | "alertmanager" | "datadog";

/** Ids of the services whose component is decided by alerts (alone or with probes), sorted; none without a status page. */
export function alertDecidedServices(model: Pick<Model, "statusPage">): string[] {
  const components = model.statusPage?.components ?? [];
  return components.filter((c) => c.decidedBy === "alerts" || c.decidedBy === "both").map((c) => c.id).sort();
}

/** The Worker URL alerts of `source` are posted to, or undefined when nothing is to be sent. */
export function statusPageAlertsUrl(model: Pick<Model, "statusPage">, source: StatusPageAlertSource): string | undefined {
  // Nothing receives alerts at a hostname nobody serves (statusPageCheck.ts).
  if (!model.statusPage || model.statusPage.notServed || alertDecidedServices(model).length === 0) return undefined;
  return `https://${model.statusPage.hostname}/api/alerts/${source}`;
}

/** A regex matching exactly one of the values (Alertmanager and Grafana anchor `=~` matchers at both ends). */
export function alternation(values: readonly string[]): string {
  return values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
}

/** Whether an alert of this service and severity (after the paging policy) is sent to the status page. */
export function sentToStatusPage(model: Pick<Model, "statusPage">, serviceId: string, severity: Severity): boolean {
  return STATUS_PAGE_ALERT_SEVERITIES.includes(severity) && alertDecidedServices(model).includes(serviceId);
}
