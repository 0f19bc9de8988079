/**
 * Probe results and how a run folds them into what KV keeps: the latest result per component and
 * daily aggregates. Pure, so the cron handler is only "probe, fold, write once per key".
 */
import type { WorkerConfig } from "./config";

/** How many recent probe outcomes are kept to spot intermittent failures. */
export const RECENT_PROBES = 10;

/** One probe of one component. */
export interface ProbeResult {
  /** When the probe started, ISO 8601 UTC. */
  at: string;
  ok: boolean;
  /** HTTP status received; absent when no response came (timeout, refused). */
  statusCode?: number;
  latencyMs: number;
  /** Took more than half its timeout. */
  slow: boolean;
  /** Why it failed, in words. */
  error?: string;
}

/** The latest state of one component's probes. */
export interface ComponentLatest {
  last: ProbeResult;
  consecutiveFailures: number;
  /** Outcomes of the last RECENT_PROBES probes, oldest first. */
  recent: boolean[];
}

/** Latest probe state per component id. */
export type LatestResults = Record<string, ComponentLatest>;

/** One UTC day of one component's probes. */
export interface DayAggregate {
  /** YYYY-MM-DD (UTC). */
  date: string;
  probes: number;
  failures: number;
  slow: number;
  /** Probes taken while the component stood in outage (alertAfter consecutive failures). */
  outage: number;
  /** Probes taken during scheduled maintenance: kept apart, not counted in probes, failures or uptime. */
  maintenance?: number;
}

/** Daily aggregates per component id, oldest day first. */
export type History = Record<string, DayAggregate[]>;

/** The UTC date (YYYY-MM-DD) of an instant. */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The first day still kept when today is `now`: history covers `historyDays` days including today. */
export function firstKeptDate(now: Date, historyDays: number): string {
  return utcDate(new Date(now.getTime() - (historyDays - 1) * 86_400_000));
}

/** Latest results and history after one run's probe results; components no longer configured are dropped. */
export function recordRun(
  config: WorkerConfig,
  latest: LatestResults,
  history: History,
  results: Record<string, ProbeResult>,
  now: Date,
  underMaintenance: ReadonlySet<string> = new Set(),
): { latest: LatestResults; history: History } {
  const nextLatest: LatestResults = {};
  const nextHistory: History = {};
  const keepFrom = firstKeptDate(now, config.historyDays);
  for (const component of config.components) {
    const previous = latest[component.id];
    const days = (history[component.id] ?? []).filter((d) => d.date >= keepFrom).map((d) => ({ ...d }));
    const result = results[component.id];
    if (!result) {
      if (previous) nextLatest[component.id] = previous;
      nextHistory[component.id] = days;
      continue;
    }
    const consecutiveFailures = result.ok ? 0 : (previous?.consecutiveFailures ?? 0) + 1;
    nextLatest[component.id] = {
      last: result,
      consecutiveFailures,
      recent: [...(previous?.recent ?? []), result.ok].slice(-RECENT_PROBES),
    };
    const date = utcDate(new Date(result.at));
    let day = days.find((d) => d.date === date);
    if (!day) {
      day = { date, probes: 0, failures: 0, slow: 0, outage: 0 };
      days.push(day);
      days.sort((a, b) => a.date.localeCompare(b.date));
    }
    if (underMaintenance.has(component.id)) {
      // Announced downtime is not unreliability: kept apart, and out of the uptime figures.
      day.maintenance = (day.maintenance ?? 0) + 1;
    } else {
      day.probes += 1;
      if (!result.ok) day.failures += 1;
      if (result.slow) day.slow += 1;
      if (consecutiveFailures >= component.alertAfter) day.outage += 1;
    }
    nextHistory[component.id] = days;
  }
  return { latest: nextLatest, history: nextHistory };
}
