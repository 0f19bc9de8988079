/**
 * `readiness compliance`: how each SLO of an environment did over one period (a calendar month,
 * quarter or ISO week in the on-call time zone, or the last N days): attainment against the
 * objective, the share of the period's error budget spent, the worst days, and how long each
 * burn-rate alert would have fired.
 *
 * Figures come from the SLI's own queries over exactly the period (`{{window}}` filled with the
 * period's length, evaluated at its end), never from the rolling `slo:*` recordings, whose window
 * is not the period. Days are local days, queried the same way. Alert time is the SLO's burn-rate
 * alert rules as the spec renders them now, recordings inlined, evaluated over the period (as the
 * backtest does): Prometheus's `ALERTS` series exists only where Prometheus itself evaluates the
 * rules (not Grafana-managed ones), only since they were deployed, and with gaps over restarts.
 *
 * `compliancePlan` (which queries) and `complianceReport` (the figures) are pure; `readCompliance`
 * is the only I/O.
 */
import type { Duration, Model, Service, Slo } from "../specification/model";
import { errorRatioExpr, hasPrometheusSli, totalExpr } from "../slos/sli";
import { localDays, type LocalDay, type ReportPeriod } from "../slos/period";
import { alertName, promNumber } from "../rules/naming";
import type { PromAlertRule } from "../rules/rule";
import { inlineRecordings } from "./promqlTree";
import { forSeconds, renderedRules } from "./alertHistory";
import { episodes, firingSeconds, stepFor } from "./episodes";
import { inBatches } from "./batches";
import { liveScope } from "./scope";
import type { PrometheusClient, RangeSeries } from "./prometheusClient";

/** One query the report needs: a range query (an instant is a range of one point). */
export interface PlannedQuery {
  expr: string;
  start: number;
  end: number;
  step: number;
}

/** Consecutive local days of one length, read with one range query per figure. */
interface DayRun {
  days: LocalDay[];
  ratio: PlannedQuery;
  total: PlannedQuery;
}

/** The queries of one SLO. */
export interface SloPlan {
  service: Service;
  slo: Slo;
  /** Undefined when the SLI has no Prometheus query. */
  period?: { ratio: PlannedQuery; total: PlannedQuery };
  runs: DayRun[];
  alerts: { rule: PromAlertRule; query: PlannedQuery; notInlined: string[] }[];
}

/** Everything to read for one report. */
export interface CompliancePlan {
  environment: string;
  period: ReportPeriod;
  /** False when the period had not ended at `now`: figures run to `now`. */
  complete: boolean;
  /** Step of the alert evaluation, seconds. */
  alertStep: number;
  days: LocalDay[];
  notes: string[];
  slos: SloPlan[];
}

/** One local day of an SLO. */
export interface ComplianceDay {
  /** `YYYY-MM-DD` in the on-call time zone. */
  date: string;
  /** Length in seconds (23 or 25 hours across a daylight-saving change; partial at the ends of a rolling period). */
  seconds: number;
  /** Good ratio over the day (0..1); null without traffic or data. */
  sli: number | null;
  events: number | null;
  badEvents: number | null;
  /** Share of the period's error budget this day spent. */
  budgetConsumed: number | null;
  /** Share of the period's error budget left at the end of this day (1 untouched, below 0 overspent). */
  budgetRemaining: number | null;
}

/** Time one burn-rate alert would have fired over the period. */
export interface ComplianceAlert {
  alert: string;
  severity: string;
  /** The window pairs it ORs, e.g. `14.4x over 1h/5m or 6x over 6h/30m`. */
  windows: string;
  episodes: number;
  firingSeconds: number;
}

/** Verdict of one SLO over the period. */
export type ComplianceStatus = "met" | "missed" | "no data" | "not in Prometheus";

/** One SLO over the period. */
export interface SloCompliance {
  service: string;
  serviceName: string;
  slo: string;
  description?: string;
  objective: number;
  /** The SLO's own window (`30d`, `month`): the report's period may differ from it. */
  window: string;
  status: ComplianceStatus;
  /** Good ratio over the period (0..1). */
  attainment: number | null;
  events: number | null;
  badEvents: number | null;
  /** Share of the period's error budget spent: error ratio / error budget (1 = all of it). */
  budgetConsumed: number | null;
  /** Up to three days with the lowest SLI that had bad events, lowest first. */
  worstDays: ComplianceDay[];
  days: ComplianceDay[];
  alerts: ComplianceAlert[];
  /** What could not be read or made no sense, in words. */
  problems: string[];
}

/** The whole report (docs/compliance.md). */
export interface ComplianceReport {
  version: 1;
  environment: string;
  prometheus: string;
  period: { label: string; kind: ReportPeriod["kind"]; timezone: string; start: string; end: string; seconds: number; complete: boolean };
  alertStep: number;
  notes: string[];
  slos: SloCompliance[];
}

/** How many worst days the report names. */
export const WORST_DAYS = 3;

/** A PromQL duration of whole seconds. */
const secondsWindow = (s: number): Duration => ({ seconds: s, text: `${s}s` });

function at(expr: string, instant: number): PlannedQuery {
  return { expr, start: instant, end: instant, step: 60 };
}

/** Consecutive days of equal length: one range query each, stepping a day's length. */
function dayRuns(slo: Slo, days: LocalDay[]): DayRun[] {
  const runs: LocalDay[][] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    const len = d.end - d.start;
    if (last && last[last.length - 1].end - last[last.length - 1].start === len && last[last.length - 1].end === d.start) last.push(d);
    else runs.push([d]);
  }
  return runs.map((run) => {
    const len = run[0].end - run[0].start;
    const w = secondsWindow(len);
    const range = (expr: string): PlannedQuery => ({ expr, start: run[0].end, end: run[run.length - 1].end, step: len });
    return { days: run, ratio: range(errorRatioExpr(slo.sli, w) as string), total: range(totalExpr(slo.sli, w) as string) };
  });
}

/** The SLO's burn-rate alert rules (one per severity) as the environment renders them. */
function burnRules(rules: PromAlertRule[], service: Service, slo: Slo): PromAlertRule[] {
  const prefix = alertName(service.id, slo.id, "burn-rate");
  return rules.filter((r) => r.labels.service === service.id && r.labels.slo === slo.id && r.alert.startsWith(prefix));
}

/**
 * The queries for a report over `period`, as of `now` (seconds): a period still running is read up
 * to `now`. Throws nothing; a period that has not started is the caller's to refuse.
 */
export function compliancePlan(model: Model, period: ReportPeriod, now: number): CompliancePlan {
  const end = Math.min(period.end, Math.floor(now));
  const span = { start: period.start, end };
  const days = localDays(span, period.timezone);
  const length = end - period.start;
  const alertStep = stepFor(length, model.scrapeInterval.seconds);
  const rendered = renderedRules(model);
  const alertRules = rendered.alerts.map((a) => a.rule);
  const slos = model.services.flatMap((service) =>
    service.slos.map((slo): SloPlan => {
      if (!hasPrometheusSli(slo)) return { service, slo, runs: [], alerts: [] };
      const w = secondsWindow(length);
      return {
        service,
        slo,
        period: { ratio: at(errorRatioExpr(slo.sli, w) as string, end), total: at(totalExpr(slo.sli, w) as string, end) },
        runs: dayRuns(slo, days),
        alerts: burnRules(alertRules, service, slo).map((rule) => {
          const { expr, left } = inlineRecordings(rule.expr, rendered.recordings);
          // Evaluations at the period's start and every step after, but not at its end (the next period's start).
          return { rule, query: { expr, start: period.start, end: Math.max(period.start, end - 1), step: alertStep }, notInlined: left };
        }),
      };
    }),
  );
  return { environment: model.environment, period, complete: end >= period.end, alertStep, days, notes: liveScope(model).notes, slos };
}

/** Every query of a plan, once each, in a stable order. */
export function plannedQueries(plan: CompliancePlan): PlannedQuery[] {
  const all = plan.slos.flatMap((s) => [...(s.period ? [s.period.ratio, s.period.total] : []), ...s.runs.flatMap((r) => [r.ratio, r.total]), ...s.alerts.map((a) => a.query)]);
  const seen = new Set<string>();
  return all.filter((q) => {
    const k = queryKey(q);
    return !seen.has(k) && (seen.add(k), true);
  });
}

/** The identity of a query, for the results map. */
export function queryKey(q: PlannedQuery): string {
  return JSON.stringify([q.expr, q.start, q.end, q.step]);
}

/** What each query answered, by queryKey. */
export type QueryResults = ReadonlyMap<string, readonly RangeSeries[]>;

/** The value a one-series query had at `t`, checked: undefined when there is none; a problem when it makes no sense. */
function valueAt(results: QueryResults, q: PlannedQuery, t: number, what: string, problems: string[], range: [number, number]): number | undefined {
  const series = results.get(queryKey(q)) ?? [];
  if (series.length > 1) {
    problems.push(`${what}: the query returned ${series.length} series where the SLI sums to one; its figures are left out`);
    return undefined;
  }
  const point = series[0]?.values.find(([ts]) => ts === t);
  if (!point || Number.isNaN(point[1])) return undefined;
  const v = point[1];
  if (!Number.isFinite(v) || v < range[0] - 1e-9 || v > range[1] + 1e-9) {
    problems.push(`${what}: Prometheus answered ${v}, outside ${range[0]}..${range[1] === Infinity ? "" : range[1]}; check the SLI's queries (errors counted beyond the total?)`);
    return undefined;
  }
  return Math.min(range[1], Math.max(range[0], v));
}

/** Event counts come from rate x seconds: float noise (2591999.9999999995) is rounded off, to a millionth. */
const roundEvents = (n: number) => Math.round(n * 1e6) / 1e6;

/** Ratio and event count over one window ending at `t` of `seconds`. */
function counted(results: QueryResults, ratio: PlannedQuery, total: PlannedQuery, t: number, seconds: number, what: string, problems: string[]) {
  const rate = valueAt(results, total, t, `${what} total`, problems, [0, Infinity]);
  const r = valueAt(results, ratio, t, `${what} error ratio`, problems, [0, 1]);
  const events = rate === undefined ? null : roundEvents(rate * seconds);
  if (!events || r === undefined) return { sli: null, events, badEvents: events === 0 ? 0 : null };
  return { sli: 1 - r, events, badEvents: roundEvents(r * events) };
}

/** The window pairs one burn-rate rule ORs: rules are one per declared severity (and `for`), named for it. */
function windowsText(service: Service, slo: Slo, rule: PromAlertRule): string {
  const named = (a: Slo["alerts"][number]) => [alertName(service.id, slo.id, "burn-rate", a.declaredSeverity), alertName(service.id, slo.id, "burn-rate", a.declaredSeverity, "for", a.for.text)];
  return slo.alerts
    .filter((a) => named(a).includes(rule.alert))
    .map((a) => `${promNumber(a.factor)}x over ${a.windowLabel}`)
    .join(" or ");
}

const iso = (s: number) => new Date(s * 1000).toISOString().replace(".000Z", "Z");

/** The figures of one SLO from what its queries answered. */
function sloCompliance(plan: CompliancePlan, p: SloPlan, results: QueryResults): SloCompliance {
  const { service, slo } = p;
  const base = {
    service: service.id,
    serviceName: service.name,
    slo: slo.id,
    ...(slo.description ? { description: slo.description } : {}),
    objective: slo.objective,
    window: slo.calendar?.period ?? slo.window.text,
  };
  const problems: string[] = [];
  if (!p.period) {
    return { ...base, status: "not in Prometheus", attainment: null, events: null, badEvents: null, budgetConsumed: null, worstDays: [], days: [], alerts: [], problems };
  }
  const end = p.period.ratio.end;
  const whole = counted(results, p.period.ratio, p.period.total, end, end - plan.period.start, "the period", problems);
  const budgetEvents = whole.events === null ? null : slo.errorBudget * whole.events;
  let spent = 0;
  const days: ComplianceDay[] = p.runs.flatMap((run) =>
    run.days.map((d) => {
      const c = counted(results, run.ratio, run.total, d.end, d.end - d.start, d.date, problems);
      spent += c.badEvents ?? 0;
      const share = (bad: number | null) => (bad === null || !budgetEvents ? null : bad / budgetEvents);
      return { date: d.date, seconds: d.end - d.start, ...c, budgetConsumed: share(c.badEvents), budgetRemaining: budgetEvents ? 1 - spent / budgetEvents : null };
    }),
  );
  const worstDays = days
    .filter((d) => d.sli !== null && (d.badEvents ?? 0) > 0)
    .sort((a, b) => (a.sli as number) - (b.sli as number) || a.date.localeCompare(b.date))
    .slice(0, WORST_DAYS);
  const alerts = p.alerts.map(({ rule, query, notInlined }): ComplianceAlert => {
    if (notInlined.length) problems.push(`${rule.alert}: reads ${notInlined.join(", ")}, which the rules do not record; its time may be short`);
    const eps = episodes(results.get(queryKey(query)) ?? [], query.step, forSeconds(rule), p.period!.ratio.end);
    return { alert: rule.alert, severity: rule.labels.severity ?? "", windows: windowsText(service, slo, rule), episodes: eps.length, firingSeconds: firingSeconds(eps) };
  });
  const attainment = whole.sli;
  const budgetConsumed = attainment === null ? null : (1 - attainment) / slo.errorBudget;
  // A hair of float noise must not turn exactly-the-objective into a miss.
  const status: ComplianceStatus = attainment === null ? "no data" : (1 - attainment) <= slo.errorBudget * (1 + 1e-9) ? "met" : "missed";
  return { ...base, status, attainment, events: whole.events, badEvents: whole.badEvents, budgetConsumed, worstDays, days, alerts, problems };
}

/** The report from a plan and what Prometheus answered (pure). */
export function complianceReport(plan: CompliancePlan, prometheus: string, results: QueryResults): ComplianceReport {
  const end = plan.days.length ? plan.days[plan.days.length - 1].end : plan.period.start;
  return {
    version: 1,
    environment: plan.environment,
    prometheus,
    period: { label: plan.period.label, kind: plan.period.kind, timezone: plan.period.timezone, start: iso(plan.period.start), end: iso(end), seconds: end - plan.period.start, complete: plan.complete },
    alertStep: plan.alertStep,
    notes: plan.notes,
    slos: plan.slos.map((p) => sloCompliance(plan, p, results)),
  };
}

/** Reads every query of the plan (four at a time) and computes the report. */
export async function readCompliance(client: PrometheusClient, plan: CompliancePlan): Promise<ComplianceReport> {
  const queries = plannedQueries(plan);
  const answers = await inBatches(queries, 4, (q) => client.queryRange(q.expr, q.start, q.end, q.step));
  return complianceReport(plan, client.base, new Map(queries.map((q, i) => [queryKey(q), answers[i]])));
}
