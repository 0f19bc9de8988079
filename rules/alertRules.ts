/** Prometheus rules for the spec's threshold alerts. */
import type { Alert, Model, Service } from "../specification/model";
import type { PromAlertRule } from "./rule";
import { alertName, atLeast, promNumber, sortedRecord } from "./naming";
import { withOffset } from "../specification/promql";
import { ACTIVE_DURING_LABEL, BUSINESS_HOURS, businessHoursGuard, businessHoursText } from "./businessHoursGuard";

/** A missed scrape or a restart is not lost data: absence must last this long before it alerts. */
const MIN_ABSENT_SECONDS = 5 * 60;

/**
 * The threshold rule of a spec alert (and, with `noData: alerting`, an absence rule). Prometheus
 * has no "keep state" for missing data, so `keep-state` behaves like `ok` here.
 */
export function specAlertRules(model: Model, service: Service, alert: Alert): PromAlertRule[] {
  const query = alert.query.prometheus;
  if (!query) return [];
  const hours = alert.businessHoursOnly ? model.oncall.businessHours : undefined;
  const labels = sortedRecord({ alert: alert.id, env: model.environment, service: service.id, severity: alert.severity, [ACTIVE_DURING_LABEL]: hours ? BUSINESS_HOURS : undefined });
  const condition = conditionExpr(query, alert.condition);
  if (condition === undefined) return [];
  // Outside business hours the rule yields nothing, so `for` counts only time inside them.
  const guarded = (expr: string) => (hours ? `${expr} and on() (${businessHoursGuard(hours)})` : expr);
  const during = hours ? ` (only during ${businessHoursText(hours)})` : "";
  const runbook_url = alert.runbookUrl ?? service.runbookUrl;
  const threshold: PromAlertRule = {
    alert: alertName(service.id, alert.id),
    expr: guarded(condition),
    labels,
    annotations: sortedRecord({
      summary: `${service.name}: ${alert.summary}`,
      description: alert.description ?? `${alert.summary}: the query is ${conditionWords(alert.condition)} for ${alert.for.text}${during}.`,
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
      expr: guarded(`absent(${query})`),
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

/**
 * The PromQL of a condition: `(Q) > 5`, or for a relative increase `(Q) / (Q offset 1d) > 1.5`,
 * the offset put on every selector of Q. Undefined when Q cannot be shifted (it has its own
 * `offset` or `@`; the spec check reports that).
 */
export function conditionExpr(query: string, condition: Alert["condition"]): string | undefined {
  if (condition.op !== "increase") return `(${query}) ${condition.op === "above" ? ">" : "<"} ${promNumber(condition.threshold)}`;
  const before = withOffset(query, condition.window.text);
  return before === undefined ? undefined : `(${query}) / (${before}) > ${promNumber(condition.ratio)}`;
}

function conditionWords(condition: Alert["condition"]): string {
  return condition.op === "increase" ? `more than ${promNumber(condition.percent)}% higher than ${condition.window.text} before` : `${condition.op} ${promNumber(condition.threshold)}`;
}
