/**
 * How often an environment's alerts fired (or would have) over a past range: each alert rule the
 * spec renders, its recordings inlined (they may not have existed then), evaluated with a range
 * query and turned into episodes with its `for`.
 */
import type { Model } from "../specification/model";
import { prometheusRuleGroups } from "../rules/groups";
import { isAlertRule, type PromAlertRule, type PromRecordingRule, type PromRuleGroup } from "../rules/rule";
import { routeFor } from "../specification/routes";
import { whoRouteWakes } from "../oncall/reach";
import { parseDurationMs } from "../specification/duration";
import { inlineRecordings } from "./promqlTree";
import { episodes, stepFor, type Episode } from "./episodes";
import type { PrometheusClient } from "./prometheusClient";

/** An alert rule of the environment with the group it is in. */
export interface RenderedAlert {
  group: PromRuleGroup;
  rule: PromAlertRule;
}

/** The rules one environment renders: groups, alerts (watchdog left out: it always fires) and recordings. */
export interface RenderedRules {
  groups: PromRuleGroup[];
  alerts: RenderedAlert[];
  recordings: PromRecordingRule[];
}

/** The rules of an environment, from the same generator `export prometheus` and the operator use. */
export function renderedRules(model: Model): RenderedRules {
  const groups = prometheusRuleGroups(model);
  const alerts: RenderedAlert[] = [];
  const recordings: PromRecordingRule[] = [];
  for (const group of groups) {
    for (const rule of group.rules) {
      if (!isAlertRule(rule)) recordings.push(rule);
      else if (rule.labels.watchdog !== "true") alerts.push({ group, rule });
    }
  }
  return { groups, alerts, recordings };
}

/** `for` of a rule in seconds. */
export function forSeconds(rule: PromAlertRule): number {
  return rule.for ? (parseDurationMs(rule.for) ?? 0) / 1000 : 0;
}

/** The person ids an alert's notifications would wake in this environment (none when its route pages nobody). */
export function wakes(model: Model, rule: PromAlertRule): string[] {
  const service = rule.labels.service;
  const severity = rule.labels.severity;
  if (!service || (severity !== "page" && severity !== "ticket" && severity !== "info")) return [];
  return whoRouteWakes(model, routeFor(model, service, severity, rule.labels.alert));
}

/** An alert's history over a range. */
export interface AlertHistory {
  alert: string;
  rule: PromAlertRule;
  episodes: Episode[];
  /** Recorded series that could not be inlined (read over a range): before they existed, the alert reads nothing. */
  notInlined: string[];
}

/** The range and resolution a history is computed over (seconds since the epoch). */
export interface HistoryRange {
  start: number;
  end: number;
  step: number;
}

/** The range ending at `end` and reaching `sinceSeconds` back, at the environment's evaluation resolution. */
export function historyRange(model: Model, end: number, sinceSeconds: number): HistoryRange {
  const e = Math.floor(end);
  return { start: e - sinceSeconds, end: e, step: stepFor(sinceSeconds, model.scrapeInterval.seconds) };
}

/** Evaluates one alert over the range. */
export async function alertHistory(client: PrometheusClient, rule: PromAlertRule, recordings: readonly PromRecordingRule[], range: HistoryRange): Promise<AlertHistory> {
  const { expr, left } = inlineRecordings(rule.expr, recordings);
  const series = await client.queryRange(expr, range.start, range.end, range.step);
  return { alert: rule.alert, rule, episodes: episodes(series, range.step, forSeconds(rule), range.end), notInlined: left };
}
