/**
 * Prometheus rules for one SLO: a recording rule per rate window, what dashboards and people read
 * (the SLI and error ratio over the SLO window, budget remaining, an info series), one burn-rate
 * alert per severity over all its window pairs, and the alerts for when the SLO goes blind:
 * metrics absent, recordings missing while the raw metrics are there, a latency SLI's threshold
 * bucket missing.
 *
 * One alert per severity, OR-ing its window pairs (Sloth's shape): with one alert per pair a
 * 3-minute spike paged twice, once from the fast pair (resolved at 8m) and again from the slow
 * pair; OR-ed, the slow pair's longer short window holds the same alert open instead.
 */
import type { BurnRateAlert, Duration, Model, Service, Severity, Slo } from "../specification/model";
import { budgetConsumed, detectionSeconds } from "../slos/burnRate";
import { absenceExpr, errorRatioExpr, latencyQueries, thresholdBucket, totalExpr } from "../slos/sli";
import { humanize, seconds } from "../specification/duration";
import type { PromAlertRule, PromRecordingRule } from "./rule";
import { alertName, errorRatioRecord, leastUrgent, mostUrgent, promNumber, quote, sortedRecord } from "./naming";

/** Rate windows of at least this length are recorded in a slower group (Pyrra's lesson: they are costly and change slowly). */
export const LONG_WINDOW_SECONDS = 12 * 3600;
/**
 * Evaluation interval of the slower group. It was 5m, Prometheus's lookback, so a burn alert could
 * read a missing long-window value and restart; 2m still let a ticket on a total outage fire a
 * minute after Sloth's (the 1d window crosses at 4.3m). Stated rather than inherited so a 15s global
 * evaluation interval does not recompute 3-day rates four times a minute.
 */
export const LONG_WINDOW_INTERVAL = "1m";

/** The SLI (good ratio, 0..1) over the SLO's own window. */
export function sliRecord(window: Duration): string {
  return `slo:sli:ratio_rate${window.text}`;
}

/** Share of the SLO window's error budget left (1 = untouched, below 0 = overspent). */
export const BUDGET_REMAINING_RECORD = "slo:error_budget_remaining:ratio";

/** Value 1, labelled with each SLO's objective and window, for dashboards and joins. */
export const SLO_INFO_RECORD = "readiness_slo_info";

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

/**
 * Recording rules of an SLO with the window each belongs to (the group is chosen by window): the
 * error ratio per burn-rate window, then over the SLO window with the SLI, the budget remaining and
 * the info series, which read it and so follow it in the same group. Ratios are absent at zero traffic.
 */
export function sloRecordingRules(model: Model, slo: Slo): { window: Duration; rule: PromRecordingRule }[] {
  const labels = sortedRecord(sloLabels(model, slo));
  const ratios = ratioWindows(slo);
  if (!ratios) return [];
  const sel = selectorFor(model, slo);
  const out = ratios.map((window) => ({ window, rule: { record: errorRatioRecord(window), expr: errorRatioExpr(slo.sli, window) as string, labels } }));
  const derived: PromRecordingRule[] = [
    { record: sliRecord(slo.window), expr: `1 - ${errorRatioRecord(slo.window)}${sel}`, labels },
    { record: BUDGET_REMAINING_RECORD, expr: `1 - ${errorRatioRecord(slo.window)}${sel} / ${promNumber(slo.errorBudget)}`, labels },
    { record: SLO_INFO_RECORD, expr: "vector(1)", labels: sortedRecord({ ...sloLabels(model, slo), objective: promNumber(slo.objective), window: slo.window.text }) },
  ];
  return [...out, ...derived.map((rule) => ({ window: slo.window, rule }))];
}

/** The windows an SLO's error ratio is recorded over (its burn-rate windows, then its own); undefined when its SLI has no ratio. */
function ratioWindows(slo: Slo): Duration[] | undefined {
  if (!errorRatioExpr(slo.sli, slo.window)) return undefined;
  const windows = sloWindows(slo);
  return [...windows, ...(windows.some((w) => w.seconds === slo.window.seconds) ? [] : [slo.window])];
}

/** The series sloRecordingRules records but the info series, in its order, once each (without building their queries again). */
function recordedSeries(slo: Slo): string[] {
  const ratios = ratioWindows(slo);
  if (!ratios) return [];
  const names = [...ratios.map(errorRatioRecord), sliRecord(slo.window), BUDGET_REMAINING_RECORD];
  return names.filter((r, i) => r !== SLO_INFO_RECORD && names.indexOf(r) === i);
}

function percent(fraction: number): string {
  return `${promNumber(Number((fraction * 100).toPrecision(3)))}%`;
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

/** Burn-rate alerts sharing one rule: the same declared severity and the same `for`. */
function burnClasses(slo: Slo): { name: string[]; alerts: BurnRateAlert[] }[] {
  const bySeverity = new Map<Severity, BurnRateAlert[]>();
  for (const a of slo.alerts) bySeverity.set(a.declaredSeverity, [...(bySeverity.get(a.declaredSeverity) ?? []), a]);
  const out: { name: string[]; alerts: BurnRateAlert[] }[] = [];
  for (const [severity, alerts] of bySeverity) {
    const fors = [...new Set(alerts.map((a) => a.for.text))];
    // Pairs with different `for` cannot share a rule; the spec asked for them, so they stay apart.
    for (const f of fors) out.push({ name: fors.length > 1 ? ["burn-rate", severity, "for", f] : ["burn-rate", severity], alerts: alerts.filter((a) => a.for.text === f) });
  }
  return out;
}

/**
 * The low-traffic guard of one window pair: the short window's event count (its total rate times
 * its length) at least the pair's `minEvents`, so one failure among a handful of requests cannot
 * page. Read from the raw metrics (the count has no recording); undefined when the guard is off.
 */
export function lowTrafficGuard(slo: Slo, alert: BurnRateAlert): string | undefined {
  if (alert.minEvents <= 0) return undefined;
  const total = totalExpr(slo.sli, alert.short);
  return total ? `${total} * ${alert.short.seconds} >= ${alert.minEvents}` : undefined;
}

function guardDescription(alerts: BurnRateAlert[]): string {
  const guarded = alerts.filter((a) => a.minEvents > 0);
  if (!guarded.length) return "";
  return `Low-traffic guard: a pair fires only when its short window holds enough events that one failure cannot cross its threshold (${guarded.map((a) => `${a.minEvents} in ${a.short.text}`).join(", ")}).`;
}

function burnAlertRule(model: Model, service: Service, slo: Slo, name: string[], alerts: BurnRateAlert[]): PromAlertRule {
  const sel = selectorFor(model, slo);
  const pair = (a: BurnRateAlert) => {
    const threshold = `(${promNumber(a.factor)} * ${promNumber(slo.errorBudget)})`;
    const burning = `${errorRatioRecord(a.long)}${sel} > ${threshold} and ${errorRatioRecord(a.short)}${sel} > ${threshold}`;
    const guard = lowTrafficGuard(slo, a);
    return guard ? `${burning} and on() ${guard}` : burning;
  };
  const windows = alerts.map((a) => `${promNumber(a.factor)}x over ${a.windowLabel}`).join(" or ");
  const rule: PromAlertRule = {
    alert: alertName(service.id, slo.id, ...name),
    expr: alerts.length === 1 ? pair(alerts[0]) : alerts.map((a) => `(${pair(a)})`).join(" or "),
    labels: sortedRecord({ ...sloLabels(model, slo), severity: alerts[0].severity }),
    annotations: sortedRecord({
      summary: `${service.name}: ${slo.id} SLO error budget burning too fast (${windows})`,
      description: [...alerts.map((a) => burnDescription(slo, a)), guardDescription(alerts)].filter((t) => t !== "").join(" "),
      runbook_url: service.runbookUrl,
    }),
  };
  if (alerts[0].for.seconds > 0) rule.for = alerts[0].for.text;
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

/** Severity of an SLO's blindness alerts: the service's, never more urgent than the SLO's own alerts. */
function blindSeverity(service: Service, slo: Slo): Severity {
  return leastUrgent([service.absenceSeverity, mostUrgent(slo.alerts.map((a) => a.severity))]);
}

function absentRule(model: Model, service: Service, slo: Slo): PromAlertRule | undefined {
  const expr = absenceExpr(slo.sli, sloWindows(slo)[0] ?? seconds(300));
  if (!expr) return undefined;
  const delay = absentFor(slo);
  return {
    alert: alertName(service.id, slo.id, "slo-metric-absent"),
    expr,
    for: delay.text,
    labels: sortedRecord({ ...sloLabels(model, slo), severity: blindSeverity(service, slo) }),
    annotations: sortedRecord({
      summary: `${service.name}: the ${slo.id} SLO has no metrics`,
      description: `No ${slo.id} SLI series for ${delay.text}: its burn-rate alerts cannot fire until they return.`,
      runbook_url: service.runbookUrl,
    }),
  };
}

/**
 * Burn-rate alerts read only recorded series; when recording stops (a Grafana write-back failing,
 * a rule group erroring) they see no data, which reads as OK. This fires when any of the SLO's
 * recordings is missing while its raw metrics show traffic (a latency SLI also needs its
 * threshold bucket, which has its own alert), so the raw metrics being there is not silence.
 */
function recordingBrokenRule(model: Model, service: Service, slo: Slo): PromAlertRule | undefined {
  const shortest = sloWindows(slo)[0] ?? seconds(300);
  const total = totalExpr(slo.sli, shortest);
  if (!total) return undefined;
  const sel = selectorFor(model, slo);
  const records = recordedSeries(slo);
  const good = slo.sli.kind === "latency" ? latencyQueries(slo.sli, shortest)?.good : undefined;
  const delay = absentFor(slo);
  return {
    alert: alertName(service.id, slo.id, "slo-recording-broken"),
    expr: `(${records.map((r) => `absent(${r}${sel})`).join(" or ")}) and on() (${total} > 0)${good ? ` and on() ${good}` : ""}`,
    for: delay.text,
    labels: sortedRecord({ ...sloLabels(model, slo), severity: blindSeverity(service, slo) }),
    annotations: sortedRecord({
      summary: `${service.name}: the ${slo.id} SLO's recording rules have stopped`,
      description: `The ${slo.id} SLI metrics show traffic but a recorded slo:* series has been missing for ${delay.text}: the burn-rate alerts read only those and cannot fire. Check the recording rule group's evaluation (and Grafana's write-back to the data source).`,
      runbook_url: service.runbookUrl,
    }),
  };
}

/**
 * A latency SLI counts requests in the bucket at its threshold; when the histogram has no such
 * bucket (bounds 0.5 and 1 for a 800ms threshold) the SLI is unknown, not all-bad: this alert
 * names the bucket while the burn-rate alerts stay quiet.
 */
function thresholdBucketRule(model: Model, service: Service, slo: Slo): PromAlertRule | undefined {
  if (slo.sli.kind !== "latency") return undefined;
  const shortest = sloWindows(slo)[0] ?? seconds(300);
  const q = latencyQueries(slo.sli, shortest);
  const bucket = thresholdBucket(slo.sli);
  if (!q || !bucket) return undefined;
  const delay = absentFor(slo);
  return {
    alert: alertName(service.id, slo.id, "slo-threshold-bucket-absent"),
    expr: `${q.total} unless on() ${q.good}`,
    for: delay.text,
    labels: sortedRecord({ ...sloLabels(model, slo), severity: blindSeverity(service, slo) }),
    annotations: sortedRecord({
      summary: `${service.name}: the ${slo.id} SLO's histogram has no bucket at ${slo.sli.threshold.text}`,
      description: `Requests are counted but ${bucket} does not exist, so the ${slo.id} SLI cannot be computed and its burn-rate alerts cannot fire. Add a histogram bucket at the threshold or set the threshold to an existing bucket.`,
      runbook_url: service.runbookUrl,
    }),
  };
}

/** The alert rules of one SLO: one per burn-rate severity, then the blindness alerts. */
export function sloAlertRules(model: Model, service: Service, slo: Slo): PromAlertRule[] {
  if (!errorRatioExpr(slo.sli, seconds(300))) return [];
  const blind = [absentRule(model, service, slo), recordingBrokenRule(model, service, slo), thresholdBucketRule(model, service, slo)];
  return [...burnClasses(slo).map((c) => burnAlertRule(model, service, slo, c.name, c.alerts)), ...blind.filter((r): r is PromAlertRule => r !== undefined)];
}
