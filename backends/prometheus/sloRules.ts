/**
 * Prometheus rules for one SLO: a recording rule per rate window, one alert per burn-rate window
 * pair (not one OR-ed rule, so each pair keeps its own severity, `for` and `window` label), and
 * one alert for when the SLI's metrics are absent altogether.
 */
import type { BurnRateAlert, Duration, Model, Service, Slo } from "../../specification/model";
import { budgetConsumed, detectionSeconds } from "../../slos/burnRate";
import { errorRatioExpr, totalExpr } from "../../slos/sli";
import { humanize, seconds } from "../../specification/duration";
import type { PromAlertRule, PromRecordingRule } from "./rules";
import { alertName, errorRatioRecord, mostUrgent, promNumber, quote, sortedRecord } from "./naming";

/** Rate windows of at least this length are recorded in a slower group (Pyrra's lesson: they are costly and change slowly). */
export const LONG_WINDOW_SECONDS = 12 * 3600;
/** Evaluation interval of the slower group. */
export const LONG_WINDOW_INTERVAL = "5m";

/** Every distinct rate window an SLO's burn-rate alerts read, shortest first. */
export function sloWindows(slo: Pick<Slo, "alerts">): Duration[] {
  const bySeconds = new Map<number, Duration>();
  for (const a of slo.alerts) for (const w of [a.long, a.short]) bySeconds.set(w.seconds, w);
  return [...bySeconds.values()].sort((a, b) => a.seconds - b.seconds);
}

function sloLabels(model: Model, slo: Slo): Record<string, string> {
  return { env: model.environment, service: slo.serviceId, slo: slo.id };
}

function selectorFor(model: Model, slo: Slo): string {
  const l = sloLabels(model, slo);
  return `{service=${quote(l.service)}, slo=${quote(l.slo)}, env=${quote(l.env)}}`;
}

/** One recording rule per window: the SLO's error ratio, absent at zero traffic. */
export function sloRecordingRules(model: Model, slo: Slo): { window: Duration; rule: PromRecordingRule }[] {
  return sloWindows(slo).flatMap((window) => {
    const expr = errorRatioExpr(slo.sli, window);
    return expr ? [{ window, rule: { record: errorRatioRecord(window), expr, labels: sortedRecord(sloLabels(model, slo)) } }] : [];
  });
}

function percent(fraction: number): string {
  return `${promNumber(fraction * 100)}%`;
}

/** What a burn-rate alert means in budget terms, for its description and for `readiness explain`. */
export function burnDescription(slo: Slo, alert: BurnRateAlert): string {
  const consumed = budgetConsumed(alert, slo.window);
  const atTotal = detectionSeconds(alert, slo.errorBudget, 1);
  const threshold = alert.factor * slo.errorBudget;
  return [
    `The ${slo.id} SLO (${promNumber(slo.objective)}% over ${slo.window.text}) is spending its error budget ${promNumber(alert.factor)}x faster than sustainable:`,
    `the error ratio is above ${percent(threshold)} over both ${alert.long.text} and ${alert.short.text}.`,
    `${percent(consumed)} of the ${slo.window.text} budget is spent before this fires;`,
    atTotal === undefined ? `it cannot fire even at 100% errors.` : `at 100% errors it fires after ${humanize(atTotal)}.`,
  ].join(" ");
}

function burnAlertRule(model: Model, service: Service, slo: Slo, alert: BurnRateAlert): PromAlertRule {
  const sel = selectorFor(model, slo);
  const threshold = `(${promNumber(alert.factor)} * ${promNumber(slo.errorBudget)})`;
  const rule: PromAlertRule = {
    alert: alertName(service.id, slo.id, alert.id),
    expr: `${errorRatioRecord(alert.long)}${sel} > ${threshold} and ${errorRatioRecord(alert.short)}${sel} > ${threshold}`,
    labels: sortedRecord({ ...sloLabels(model, slo), severity: alert.severity, window: alert.windowLabel }),
    annotations: sortedRecord({
      summary: `${service.name}: ${slo.id} SLO error budget burning ${promNumber(alert.factor)}x too fast over ${alert.windowLabel}`,
      description: burnDescription(slo, alert),
      runbook_url: service.runbookUrl,
    }),
  };
  if (alert.for.seconds > 0) rule.for = alert.for.text;
  return rule;
}

/**
 * How long an SLO's metrics may be absent before that is an alert: the time a total outage would
 * take to spend as much budget as its first alert allows, so being blind costs no more than the
 * alerting would have let through; clamped to 2m..1h, whole minutes.
 */
export function absentFor(slo: Slo): Duration {
  const share = slo.alerts.length ? Math.min(...slo.alerts.map((a) => budgetConsumed(a, slo.window))) : 0.02;
  const budgetSeconds = slo.errorBudget * slo.window.seconds;
  const minutes = Math.ceil((share * budgetSeconds) / 60);
  return seconds(Math.min(60, Math.max(2, minutes)) * 60);
}

function absentRule(model: Model, service: Service, slo: Slo): PromAlertRule | undefined {
  const shortest = sloWindows(slo)[0] ?? seconds(300);
  const total = totalExpr(slo.sli, shortest);
  if (!total) return undefined;
  const delay = absentFor(slo);
  return {
    alert: alertName(service.id, slo.id, "slo-metric-absent"),
    expr: `absent(${total})`,
    for: delay.text,
    labels: sortedRecord({ ...sloLabels(model, slo), severity: mostUrgent(slo.alerts.map((a) => a.severity)) }),
    annotations: sortedRecord({
      summary: `${service.name}: the ${slo.id} SLO has no metrics`,
      description: `No ${slo.id} SLI series for ${delay.text}: its burn-rate alerts cannot fire until they return.`,
      runbook_url: service.runbookUrl,
    }),
  };
}

/** The alert rules of one SLO: one per burn-rate window pair, then the absence alert. */
export function sloAlertRules(model: Model, service: Service, slo: Slo): PromAlertRule[] {
  if (!errorRatioExpr(slo.sli, seconds(300))) return [];
  const absent = absentRule(model, service, slo);
  return [...slo.alerts.map((a) => burnAlertRule(model, service, slo, a)), ...(absent ? [absent] : [])];
}
