/**
 * What can be checked live in an environment through Prometheus's API. Rules provisioned as
 * Grafana-managed alerting live in Grafana, not in Prometheus, so whether they loaded, how they
 * evaluate and what fires are not in `/api/v1/rules` or `/api/v1/alerts`; Datadog monitors and
 * metrics are not in Prometheus at all. Each gap is said plainly rather than read as "all fine".
 */
import type { Model } from "../specification/model";
import { hasPrometheusSli } from "../slos/sli";

/** What the live commands may ask Prometheus about for one environment. */
export interface LiveScope {
  /** The spec has queries Prometheus can answer (SLIs, alerts, heartbeats, checks' probe results). */
  queries: boolean;
  /** The rendered rule groups are loaded into Prometheus (prometheus-operator or an exported rule file), so rules and alerts can be read. */
  rules: boolean;
  /** Plain sentences about what is not checked, in a stable order. */
  notes: string[];
}

/** The live scope of an environment. */
export function liveScope(model: Model): LiveScope {
  const notes: string[] = [];
  const b = new Set(model.backends);
  const hasQueries =
    model.services.some((s) => s.slos.some(hasPrometheusSli) || s.alerts.some((a) => a.query.prometheus) || s.heartbeats.some((h) => h.prometheus) || s.checks.length > 0);
  const grafanaManaged = b.has("grafana") && !b.has("prometheus");
  const datadogOnly = b.has("datadog") && !b.has("grafana") && !b.has("prometheus");
  if (datadogOnly) notes.push(`environment ${model.environment} monitors with Datadog only: Datadog monitors, metrics and SLOs are not read live (only Prometheus is); nothing here is checked live`);
  else if (grafanaManaged)
    notes.push(
      `environment ${model.environment} provisions Grafana-managed alert rules: whether they are loaded, how they last evaluated and what fires now live in Grafana, not in Prometheus's API, and are not checked; queries are checked against the Prometheus data source given`,
    );
  if (!datadogOnly) {
    const ddOnly = model.services.flatMap((s) => s.slos.filter((slo) => !hasPrometheusSli(slo)).map((slo) => `${s.id}/${slo.id}`));
    if (ddOnly.length) notes.push(`SLOs without a Prometheus query are not checked live: ${ddOnly.join(", ")}`);
  }
  return { queries: !datadogOnly && hasQueries, rules: b.has("prometheus") || (!grafanaManaged && !datadogOnly), notes };
}
