/**
 * Business hours, the one decision every backend shares: an environment gates alerts by the hours
 * only when `oncall.businessHours` is declared and some alert evaluated by that backend's query
 * language has `activeDuring: businessHours`. Each backend renders the gate its own way (a Grafana
 * mute timing, a Datadog downtime, an Alertmanager time interval, a PromQL guard).
 */
import type { BusinessHours, Model } from "../specification/model";

/** The query language an alert is evaluated in: Prometheus-compatible (Grafana, Alertmanager, operator) or Datadog. */
export type QueryLanguage = "prometheus" | "datadog";

/** The hours that gate alerts evaluated in `language`, or undefined when nothing is gated there. */
export function businessHoursGate(model: Model, language: QueryLanguage): BusinessHours | undefined {
  const hours = model.oncall.businessHours;
  return hours && model.services.some((s) => s.alerts.some((a) => a.businessHoursOnly && a.query[language])) ? hours : undefined;
}
