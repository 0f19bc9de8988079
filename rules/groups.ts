/**
 * The Prometheus rule groups of one environment: SLO recording and burn-rate rules, spec alerts,
 * heartbeats and checks. The Grafana renderer turns exactly these into Grafana-managed rule groups,
 * so Grafana and Prometheus users get the same alerting.
 */
import type { Model } from "../specification/model";
import { LONG_WINDOW_INTERVAL, LONG_WINDOW_SECONDS, sloAlertRules, sloRecordingRules } from "./sloRules";
import { specAlertRules } from "./alertRules";
import { heartbeatRules } from "./heartbeatRules";
import { checkRules } from "./checkRules";
import { watchdogGroup } from "./watchdogRules";
import type { PromRule, PromRuleGroup } from "./rule";

/**
 * Rule groups of one environment, sorted by name: per service `<service>-slos` (short-window
 * recordings and every SLO alert), `<service>-slos-long` (long-window recordings at a slower
 * interval) and `<service>-alerts` (spec alerts, heartbeats, checks). Empty groups are left out.
 * The watchdog's group comes with them whenever there is a service to watch.
 */
export function prometheusRuleGroups(model: Model): PromRuleGroup[] {
  let groups = RENDERED.get(model);
  if (!groups) {
    groups = deepFrozen(ruleGroups(model));
    RENDERED.set(model, groups);
  }
  return [...groups];
}

/**
 * Groups already made, per Model: the plan, the Grafana renderer and the provider limits check each
 * ask for them, and making them for a 1,000-service environment takes ~0.35 s. Frozen, so a caller
 * that changed a shared rule would fail at once instead of changing another caller's rules.
 */
const RENDERED = new WeakMap<Model, readonly PromRuleGroup[]>();

function deepFrozen<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFrozen(v);
  }
  return value;
}

function ruleGroups(model: Model): PromRuleGroup[] {
  const groups: PromRuleGroup[] = [];
  for (const service of model.services) {
    const fast: PromRule[] = [];
    const slow: PromRule[] = [];
    const sloAlerts: PromRule[] = [];
    for (const slo of service.slos) {
      for (const { window, rule } of sloRecordingRules(model, slo)) (window.seconds >= LONG_WINDOW_SECONDS ? slow : fast).push(rule);
      sloAlerts.push(...sloAlertRules(model, service, slo));
    }
    const others: PromRule[] = [
      ...service.alerts.flatMap((a) => specAlertRules(model, service, a)),
      ...service.heartbeats.flatMap((h) => heartbeatRules(model, service, h)),
      ...service.checks.flatMap((c) => checkRules(model, service, c)),
    ];
    const candidates: PromRuleGroup[] = [
      { name: `${service.id}-alerts`, service: service.id, rules: others },
      { name: `${service.id}-slos`, service: service.id, rules: [...fast, ...sloAlerts] },
      { name: `${service.id}-slos-long`, interval: LONG_WINDOW_INTERVAL, service: service.id, rules: slow },
    ];
    groups.push(...candidates.filter((g) => g.rules.length > 0));
  }
  if (groups.length > 0) groups.push(watchdogGroup(model));
  return groups.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
