/**
 * The inventory of what is deployed: every rendered item that can notify anyone, per backend,
 * read from the rendered output rather than the Model, so nothing a renderer adds (absence,
 * recording-broken and watchdog rules, synthetics, Cloudflare notifications) escapes review.
 *
 * - `prometheus`: alert rules of the PrometheusRule the `prometheus` backend renders, else of the
 *   exported rule file, routed by the exported Alertmanager configuration (`readiness export
 *   alertmanager` with its defaults; the AlertmanagerConfig is built from it) on the rule's labels;
 * - `grafana`: alert rules of the Grafana rule groups, routed by the rendered notification policy
 *   on the rule's labels (the `watchdog` label to the dead man's switch, route overrides by
 *   `service`/`alert`, else the branch of the `severity` label) to the rendered contact points;
 * - `datadog`: monitors and synthetic tests, routed to the @-handles of their message;
 * Route overrides therefore show as the target that is actually rendered for each alert, and an
 * item wakes the people of its escalation only where it opens a high-urgency PagerDuty incident.
 * - `cloudflare`: notification policies, routed to their email mechanisms.
 * Recording rules, dashboards and health checks themselves notify nobody and are not listed.
 */
import type { Model, Severity } from "../specification/model";
import { SEVERITIES } from "../specification/model";
import type { Plan, PlannedResource, PlanValue } from "../plan/plan";
import { prometheusRuleGroups } from "../rules/groups";
import { isAlertRule } from "../rules/rule";
import { WATCHDOG_LABEL } from "../rules/watchdogRules";
import { RULE_GROUP_TYPE } from "../backends/grafana/ruleGroups";
import { watchdogUrl } from "../alerting/watchdog";
import { DATADOG_MONITOR_TYPE } from "../backends/datadog/types";
import { SYNTHETICS_TEST_TYPE } from "../backends/datadog/synthetics";
import { datadogPagerDutyServiceName } from "../backends/datadog/handles";
import { NOTIFICATION_POLICY_TYPE as CLOUDFLARE_NOTIFICATION_TYPE } from "../backends/cloudflare/healthchecks";
import { CUSTOM_RESOURCE_TYPE } from "../plan/sdkTypes";
import { whoEscalationsCanWake } from "../oncall/reach";
import { alertmanagerConfig } from "../backends/prometheus/alertmanager";
import { serviceEscalationOf } from "../specification/routes";
import { serviceEscalation } from "../backends/pagerduty/services";
import { alertmanagerDelivery, grafanaDelivery, type Delivery } from "./deliveries";

/** Where an item is deployed. */
export type RenderedBackend = "prometheus" | "grafana" | "datadog" | "cloudflare";
export const RENDERED_BACKENDS: readonly RenderedBackend[] = ["prometheus", "grafana", "datadog", "cloudflare"];

/** One deployed thing that can notify someone. */
export interface RenderedItem {
  backend: RenderedBackend;
  kind: "rule" | "monitor" | "synthetic" | "notification";
  /** The alert name, monitor name or notification name as deployed. */
  name: string;
  /** The service it belongs to; empty for the watchdog. */
  service: string;
  /** The severity it is delivered at (`none` for the watchdog, which reaches only the switch). */
  severity: Severity | "none";
  /** Where it is delivered. */
  routes: string[];
  /** Person ids it can wake. */
  wakes: string[];
  /**
   * True for Prometheus rules of an environment that does not deploy them (no `prometheus`
   * backend): they are what `readiness export prometheus` prints, listed so the export is reviewed.
   */
  exportOnly?: true;
}

type Obj = { [key: string]: PlanValue };

function isSeverity(s: string | undefined): s is Severity {
  return s !== undefined && (SEVERITIES as readonly string[]).includes(s);
}

/** Every rendered item of the environment that can notify, by backend then service then name. */
export function renderedInventory(model: Model, plan: Plan): RenderedItem[] {
  const delivery: Record<"prometheus" | "grafana", (labels: Record<string, string>) => Delivery> = {
    prometheus: alertmanagerDelivery(model, alertmanagerConfig(model)),
    grafana: grafanaDelivery(model, plan) ?? (() => ({ routes: [], wakes: [] })),
  };
  const switchRoute = (source: "grafana" | "prometheus") => {
    const url = watchdogUrl(model, source);
    return url ? [`dead-mans-switch:${url}`] : [];
  };
  const ruleItem = (backend: "prometheus" | "grafana", name: string, labels: Record<string, string>): RenderedItem => {
    if (labels[WATCHDOG_LABEL] === "true") return { backend, kind: "rule", name, service: "", severity: "none", routes: switchRoute(backend), wakes: [] };
    const severity = isSeverity(labels.severity) ? labels.severity : "info";
    const d = delivery[backend](labels);
    return { backend, kind: "rule", name, service: labels.service ?? "", severity, routes: d.routes, wakes: d.wakes };
  };
  const items: RenderedItem[] = [];
  // What the cluster gets when the prometheus backend renders it; else what `readiness export prometheus` prints.
  const operatorRule = plan.resources.find((r) => r.type === CUSTOM_RESOURCE_TYPE && r.inputs.kind === "PrometheusRule");
  const alertRules = operatorRule ? operatorAlertRules(operatorRule) : prometheusRuleGroups(model).flatMap((g) => g.rules.filter(isAlertRule));
  for (const rule of alertRules) items.push(operatorRule ? ruleItem("prometheus", rule.alert, rule.labels) : { ...ruleItem("prometheus", rule.alert, rule.labels), exportOnly: true });
  for (const r of plan.resources) items.push(...resourceItems(r, model, ruleItem));
  const rank = (b: RenderedBackend) => RENDERED_BACKENDS.indexOf(b);
  return items.sort((a, b) => rank(a.backend) - rank(b.backend) || cmp(a.service, b.service) || cmp(a.name, b.name) || cmp(a.severity, b.severity));
}

/** Alert rules of a rendered PrometheusRule custom resource (recording rules notify nobody). */
function operatorAlertRules(r: PlannedResource): { alert: string; labels: Record<string, string> }[] {
  const groups = ((r.inputs.spec as Obj | undefined)?.groups ?? []) as Obj[];
  return groups.flatMap((g) => ((g.rules ?? []) as Obj[]).filter((rule) => typeof rule.alert === "string").map((rule) => ({ alert: String(rule.alert), labels: (rule.labels ?? {}) as Record<string, string> })));
}

function resourceItems(r: PlannedResource, model: Model, ruleItem: (b: "grafana", name: string, labels: Record<string, string>) => RenderedItem): RenderedItem[] {
  if (r.type === RULE_GROUP_TYPE) {
    // Alert rules have a condition; recording rules (`record`) notify nobody.
    return ((r.inputs.rules ?? []) as Obj[]).filter((rule) => rule.condition !== undefined).map((rule) => ruleItem("grafana", String(rule.name), (rule.labels ?? {}) as Record<string, string>));
  }
  if (r.type === DATADOG_MONITOR_TYPE || r.type === SYNTHETICS_TEST_TYPE) {
    const tags = ((r.inputs.tags ?? []) as string[]).filter((t): t is string => typeof t === "string");
    const tag = (k: string) => tags.find((t) => t.startsWith(`${k}:`))?.slice(k.length + 1);
    const sev = tag("severity");
    const message = typeof r.inputs.message === "string" ? r.inputs.message : "";
    const routes = [...new Set(message.match(/(?<=\s|^)@[\w.@+-]+/g) ?? [])].sort();
    // A composite's parts (the burn-rate monitor and its low-traffic guard) notify nobody; the composite does.
    if (tag("constituent") === "true") return [];
    if (tag("watchdog") === "true") return [{ backend: "datadog", kind: "monitor", name: String(r.inputs.name), service: "", severity: "none", routes, wakes: [] }];
    const severity = isSeverity(sev) ? sev : "info";
    const service = tag("service") ?? "";
    // P1 is what a page or a high-urgency route renders as; where paging is off nothing wakes anyone.
    const priority = r.type === DATADOG_MONITOR_TYPE ? r.inputs.priority : (r.inputs.optionsList as { monitorPriority?: unknown } | undefined)?.monitorPriority;
    const high = model.paging && String(priority) === "1";
    const escalation = serviceEscalationOf(model, service) ?? serviceEscalation(model);
    const wakes = high && escalation && routes.includes(`@pagerduty-${datadogPagerDutyServiceName(model, service)}`) ? whoEscalationsCanWake(model, [escalation]) : [];
    return [{ backend: "datadog", kind: r.type === DATADOG_MONITOR_TYPE ? "monitor" : "synthetic", name: String(r.inputs.name), service, severity, routes, wakes }];
  }
  if (r.type === CLOUDFLARE_NOTIFICATION_TYPE) {
    const description = typeof r.inputs.description === "string" ? r.inputs.description : "";
    const sev = /\((page|ticket|info)\)$/.exec(description)?.[1];
    const mechanisms = (r.inputs.mechanisms ?? {}) as Obj;
    const emails = ((mechanisms.emails ?? []) as Obj[]).map((e) => `email:${String(e.id)}`);
    const service = model.services.find((s) => r.name === s.id || r.name.startsWith(`${s.id}/`))?.id ?? "";
    // Emails wake nobody: a Cloudflare notification is never a page.
    return [{ backend: "cloudflare", kind: "notification", name: String(r.inputs.name), service, severity: isSeverity(sev) ? sev : "info", routes: emails, wakes: [] }];
  }
  return [];
}

/** Number of rendered notifying items per backend. */
export function countByBackend(items: readonly RenderedItem[]): Record<RenderedBackend, number> {
  const out: Record<RenderedBackend, number> = { prometheus: 0, grafana: 0, datadog: 0, cloudflare: 0 };
  for (const i of items) out[i.backend]++;
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
