/**
 * `readiness status`: how each SLO, check and heartbeat of an environment is doing now, read from
 * Prometheus. SLO figures come from the recording rules when the server has them all, else from
 * the raw SLI queries (the same expressions the recordings hold), and the report says which.
 * Reading is `readStatus` (I/O); every figure is computed by the pure functions below it.
 */
import type { BurnRateAlert, Model, Service, Slo } from "../specification/model";
import { errorRatioExpr, hasPrometheusSli } from "../slos/sli";
import { errorRatioRecord, mostUrgent, quote } from "../rules/naming";
import { probeSelector } from "../rules/checkRules";
import { routeFor } from "../specification/routes";
import { firstRespondersAt, type FirstResponders } from "../oncall/now";
import { liveScope } from "./scope";
import { inBatches } from "./batches";
import type { ActiveAlert, InstantSample, PrometheusClient } from "./prometheusClient";

/** Where an SLO's figures were read from. */
export type SloSource = "recording rules" | "raw SLI queries" | "not in Prometheus";

/** One burn-rate window pair of an SLO, now. */
export interface BurnStatus {
  /** The window pair's id (`page-fast`). */
  id: string;
  severity: string;
  /** `long/short`, e.g. `1h/5m`. */
  windows: string;
  factor: number;
  /** Burn rate (error ratio / error budget) over the long and short windows; null without traffic. */
  long: number | null;
  short: number | null;
  /** Both windows above the factor: the pair's condition holds now. */
  over: boolean;
}

/** One SLO, now. */
export interface SloStatus {
  service: string;
  slo: string;
  objective: number;
  window: string;
  source: SloSource;
  /** Good ratio over the SLO window (0..1); null without traffic or data. */
  sli: number | null;
  /** Share of the window's error budget left (1 untouched, below 0 overspent). */
  budgetRemaining: number | null;
  /** Seconds of total outage (100% errors at the window's traffic) the remaining budget allows; 0 when spent. */
  outageSecondsLeft: number | null;
  burn: BurnStatus[];
  /** Alerts of this SLO firing now (names); null when alerts are not visible in Prometheus (Grafana-managed). */
  firing: string[] | null;
  /** The route its most urgent alert takes, and who it notifies first now. */
  route: { severity: string; onCall: FirstResponders[] };
}

/** One check's last result. */
export interface CheckStatus {
  service: string;
  check: string;
  url: string;
  /** `pass`, `fail`, or null when no result is in Prometheus's 5-minute lookback. */
  result: "pass" | "fail" | null;
  /** Seconds since that result. */
  ageSeconds: number | null;
}

/** One heartbeat's last success. */
export interface HeartbeatStatus {
  service: string;
  heartbeat: string;
  /** Seconds since the last reported success; null when the metric is missing. */
  ageSeconds: number | null;
  /** `every + grace` in seconds: older than this is late. */
  limitSeconds: number;
  late: boolean | null;
}

/** The whole status of an environment. */
export interface StatusReport {
  environment: string;
  prometheus: string;
  /** The instant the figures are for (RFC 3339). */
  at: string;
  notes: string[];
  slos: SloStatus[];
  checks: CheckStatus[];
  heartbeats: HeartbeatStatus[];
}

/** The rate windows an SLO's figures need: its own window, then each alert's long and short. */
export function statusWindows(slo: Slo): { seconds: number; text: string }[] {
  const all = [slo.window, ...slo.alerts.flatMap((a) => [a.long, a.short])];
  return all.filter((w, i) => all.findIndex((x) => x.seconds === w.seconds) === i);
}

/** The query for an SLO's error ratio over one window, recorded or raw. */
export function ratioQuery(model: Pick<Model, "environment">, slo: Slo, window: { seconds: number; text: string }, source: "recorded" | "raw"): string {
  if (source === "raw") return errorRatioExpr(slo.sli, window) as string;
  return `${errorRatioRecord(window)}{service=${quote(slo.serviceId)}, slo=${quote(slo.id)}, env=${quote(model.environment)}}`;
}

/** The SLO's figures from its error ratios by window seconds (undefined: no sample). */
export function sloFigures(slo: Slo, ratios: Map<number, number | undefined>): Pick<SloStatus, "sli" | "budgetRemaining" | "outageSecondsLeft" | "burn"> {
  const r = ratios.get(slo.window.seconds);
  const burnOf = (w: number) => {
    const x = ratios.get(w);
    return x === undefined ? null : x / slo.errorBudget;
  };
  const burn = slo.alerts.map((a: BurnRateAlert) => {
    const long = burnOf(a.long.seconds);
    const short = burnOf(a.short.seconds);
    return { id: a.id, severity: a.severity, windows: a.windowLabel, factor: a.factor, long, short, over: long !== null && short !== null && long > a.factor && short > a.factor };
  });
  if (r === undefined) return { sli: null, budgetRemaining: null, outageSecondsLeft: null, burn };
  return { sli: 1 - r, budgetRemaining: 1 - r / slo.errorBudget, outageSecondsLeft: Math.max(0, (slo.errorBudget - r) * slo.window.seconds), burn };
}

/** Firing alert names of one SLO (or check, heartbeat), sorted. */
export function firingFor(alerts: readonly ActiveAlert[], env: string, match: Record<string, string>): string[] {
  return [
    ...new Set(alerts.filter((a) => a.state === "firing" && a.labels.env === env && Object.entries(match).every(([k, v]) => a.labels[k] === v)).map((a) => a.labels.alertname)),
  ].sort();
}

/** A single-valued instant result, or undefined. */
function single(samples: InstantSample[]): number | undefined {
  return samples.length === 0 || Number.isNaN(samples[0].value) ? undefined : samples[0].value;
}

async function sloStatus(client: PrometheusClient, model: Model, service: Service, slo: Slo, at: number, alerts: ActiveAlert[] | null): Promise<SloStatus> {
  const severity = mostUrgent(slo.alerts.map((a) => a.severity));
  const route = { severity, onCall: firstRespondersAt(model, routeFor(model, service.id, severity), new Date(at * 1000)) };
  const base = { service: service.id, slo: slo.id, objective: slo.objective, window: slo.window.text, route, firing: alerts && firingFor(alerts, model.environment, { service: service.id, slo: slo.id }) };
  if (!hasPrometheusSli(slo)) return { ...base, source: "not in Prometheus", ...sloFigures(slo, new Map()) };
  const windows = statusWindows(slo);
  const read = async (source: "recorded" | "raw") => new Map(await Promise.all(windows.map(async (w) => [w.seconds, single(await client.query(ratioQuery(model, slo, w, source), at))] as const)));
  // Recordings are used only when every window has one, so the figures come from one source.
  const recorded = await read("recorded");
  const complete = [...recorded.values()].every((v) => v !== undefined);
  const ratios = complete ? recorded : await read("raw");
  return { ...base, source: complete ? "recording rules" : "raw SLI queries", ...sloFigures(slo, ratios) };
}

/** Reads the status of every SLO, check and heartbeat of an environment at `at` (seconds since the epoch). */
export async function readStatus(client: PrometheusClient, model: Model, at: number): Promise<StatusReport> {
  const scope = liveScope(model);
  const alerts = scope.rules ? await client.alerts() : null;
  const sloItems = model.services.flatMap((service) => service.slos.map((slo) => ({ service, slo })));
  const slos = await inBatches(sloItems, 4, ({ service, slo }) => sloStatus(client, model, service, slo, at, alerts));
  const checkItems = model.services.flatMap((service) => service.checks.map((check) => ({ service, check })));
  const checks = await inBatches(checkItems, 4, async ({ service, check }): Promise<CheckStatus> => {
    const sel = probeSelector(service, check);
    const [value, time] = await Promise.all([client.query(`max(${sel})`, at), client.query(`max(timestamp(${sel}))`, at)]).then((r) => r.map(single));
    return { service: service.id, check: check.id, url: check.url, result: value === undefined ? null : value >= 1 ? "pass" : "fail", ageSeconds: time === undefined ? null : Math.max(0, at - time) };
  });
  const hbItems = model.services.flatMap((service) => service.heartbeats.flatMap((hb) => (hb.prometheus ? [{ service, hb, metric: hb.prometheus }] : [])));
  const heartbeats = await inBatches(hbItems, 4, async ({ service, hb, metric }): Promise<HeartbeatStatus> => {
    const last = single(await client.query(`max(${metric})`, at));
    const limit = hb.every.seconds + hb.grace.seconds;
    const age = last === undefined ? null : Math.max(0, at - last);
    return { service: service.id, heartbeat: hb.id, ageSeconds: age, limitSeconds: limit, late: age === null ? null : age > limit };
  });
  return { environment: model.environment, prometheus: client.base, at: new Date(at * 1000).toISOString(), notes: scope.notes, slos, checks, heartbeats };
}
