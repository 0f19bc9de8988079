/** Prometheus rules for the spec's threshold alerts. */
import type { Alert, Model, Service } from "../../specification/model";
import type { PromAlertRule } from "./rules";
import { alertName, atLeast, promNumber, sortedRecord } from "./naming";

/** A missed scrape or a restart is not lost data: absence must last this long before it alerts. */
const MIN_ABSENT_SECONDS = 5 * 60;

/**
 * The threshold rule of a spec alert (and, with `noData: alerting`, an absence rule). Prometheus
 * has no "keep state" for missing data, so `keep-state` behaves like `ok` here.
 */
export function specAlertRules(model: Model, service: Service, alert: Alert): PromAlertRule[] {
  const query = alert.query.prometheus;
  if (!query) return [];
  const labels = sortedRecord({ alert: alert.id, env: model.environment, service: service.id, severity: alert.severity });
  const op = alert.condition.op === "above" ? ">" : "<";
  const runbook_url = alert.runbookUrl ?? service.runbookUrl;
  const threshold: PromAlertRule = {
    alert: alertName(service.id, alert.id),
    expr: `(${query}) ${op} ${promNumber(alert.condition.threshold)}`,
    labels,
    annotations: sortedRecord({
      summary: `${service.name}: ${alert.summary}`,
      description: alert.description ?? `${alert.summary}: the query is ${alert.condition.op} ${promNumber(alert.condition.threshold)} for ${alert.for.text}.`,
      runbook_url,
    }),
  };
  if (alert.for.seconds > 0) threshold.for = alert.for.text;
  if (alert.noData !== "alerting") return [threshold];
  const delay = atLeast(alert.for, MIN_ABSENT_SECONDS);
  return [
    threshold,
    {
      alert: alertName(service.id, alert.id, "no-data"),
      expr: `absent(${query})`,
      for: delay.text,
      labels,
      annotations: sortedRecord({
        summary: `${service.name}: ${alert.summary} (no data)`,
        description: `The query of ${alert.id} has returned nothing for ${delay.text}; the alert treats missing data as alerting.`,
        runbook_url,
      }),
    },
  ];
}
