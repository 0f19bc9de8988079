/** A Prometheus rule and rule group as every output (rule files, Grafana, the operator) takes them. */

/** A recording rule: a query evaluated and stored under a new metric name. */
export interface PromRecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

/** An alerting rule, labelled per the design (service, severity, env, and what it watches). */
export interface PromAlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** One rule of a group. */
export type PromRule = PromRecordingRule | PromAlertRule;

/** A rule group evaluated together at one interval; `service` says whose rules these are (empty for the watchdog). */
export interface PromRuleGroup {
  name: string;
  interval?: string;
  service: string;
  rules: PromRule[];
}

/** True for alerting rules. */
export function isAlertRule(rule: PromRule): rule is PromAlertRule {
  return "alert" in rule;
}
