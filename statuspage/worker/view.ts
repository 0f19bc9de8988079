/**
 * The status view: everything the page and the JSON API show, computed once from the config, what
 * KV holds and the time, so the HTML and `/api/status` can never disagree.
 */
import type { WorkerConfig } from "./config";
import type { Incident } from "./incidents";
import { isOpen } from "./incidents";
import type { History, LatestResults } from "./results";
import { firstKeptDate, utcDate } from "./results";
import type { ComponentStatus } from "./componentStatus";
import { componentStatus, dayStatus, uptimePercent, worstStatus } from "./status";
import type { FiringAlert } from "./alerts";
import type { Maintenance } from "./maintenance";
import { componentsUnderMaintenance, isUnderway, isUpcoming } from "./maintenance";

/** One day's bar for one component. */
export interface DayView {
  date: string;
  status: ComponentStatus;
  probes: number;
  failures: number;
  /** Percent of successful probes that day; null without probes. */
  uptime: number | null;
}

/** One component as shown. */
export interface ComponentView {
  id: string;
  name: string;
  group: string;
  status: ComponentStatus;
  /** Percent of successful probes over the history window; null without probes. */
  uptime: number | null;
  /** One entry per day of the window, oldest first, today last. */
  days: DayView[];
  lastCheckedAt?: string;
  latencyMs?: number;
  /** Why the last probe failed, when it did. */
  lastError?: string;
  /** What decides the status: probes, alerts or both. */
  decidedBy: "probes" | "alerts" | "both";
  /** Names of the alerts of its service firing now (alert-decided components). */
  firingAlerts: string[];
}

/** Components of one group, in the configured order. */
export interface GroupView {
  name: string;
  components: ComponentView[];
}

/** Everything the status page shows at one instant. */
export interface StatusView {
  title: string;
  environment: string;
  overall: ComponentStatus;
  groups: GroupView[];
  components: ComponentView[];
  /** Open incidents, newest first. */
  activeIncidents: Incident[];
  /** Resolved incidents within the history window, newest first. */
  recentIncidents: Incident[];
  /** Maintenance running now, then announced maintenance to come, soonest first. */
  activeMaintenance: Maintenance[];
  upcomingMaintenance: Maintenance[];
  /** Time of the newest probe result; null before the first run. */
  updatedAt: string | null;
  historyDays: number;
  probeEverySeconds: number;
  /** The instant the view was computed for. */
  now: string;
}

/** The dates of the history window ending today, oldest first. */
export function windowDates(now: Date, historyDays: number): string[] {
  const first = Date.parse(`${firstKeptDate(now, historyDays)}T00:00:00Z`);
  return Array.from({ length: historyDays }, (_, i) => utcDate(new Date(first + i * 86_400_000)));
}

/** The view of the status page at `now`. */
export function buildStatusView(
  config: WorkerConfig,
  latest: LatestResults,
  history: History,
  incidents: readonly Incident[],
  now: Date,
  alerts: Readonly<Record<string, readonly FiringAlert[]>> = {},
  maintenance: readonly Maintenance[] = [],
): StatusView {
  const dates = windowDates(now, config.historyDays);
  const maintained = componentsUnderMaintenance(maintenance, now.getTime());
  const components = config.components.map((c): ComponentView => {
    const kept = (history[c.id] ?? []).filter((d) => d.date >= dates[0]);
    const byDate = new Map(kept.map((d) => [d.date, d]));
    const l = latest[c.id];
    const decidedBy = c.decidedBy ?? "probes";
    const firing = decidedBy === "probes" ? [] : (alerts[c.id] ?? []).filter((a) => Date.parse(a.until) > now.getTime());
    return {
      id: c.id,
      name: c.name,
      group: c.group,
      status: componentStatus(c, l, incidents, now, config.probeEverySeconds, firing, maintained.has(c.id)),
      decidedBy,
      firingAlerts: firing.map((a) => a.name).sort(),
      uptime: uptimePercent(kept),
      days: dates.map((date) => {
        const d = byDate.get(date);
        return { date, status: dayStatus(d), probes: d?.probes ?? 0, failures: d?.failures ?? 0, uptime: d ? uptimePercent([d]) : null };
      }),
      ...(l ? { lastCheckedAt: l.last.at, latencyMs: l.last.latencyMs } : {}),
      ...(l?.last.error ? { lastError: l.last.error } : {}),
    };
  });
  const groups: GroupView[] = [];
  for (const c of components) {
    const group = groups.find((g) => g.name === c.group);
    if (group) group.components.push(c);
    else groups.push({ name: c.group, components: [c] });
  }
  const times = Object.values(latest).map((l) => l.last.at).sort();
  const newestFirst = [...incidents].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  return {
    title: config.title,
    environment: config.environment,
    overall: worstStatus(components.map((c) => c.status)),
    groups,
    components,
    activeIncidents: newestFirst.filter(isOpen),
    recentIncidents: newestFirst.filter((i) => !isOpen(i) && (i.resolvedAt ?? i.updatedAt).slice(0, 10) >= dates[0]),
    activeMaintenance: [...maintenance].filter((m) => isUnderway(m, now.getTime())).sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id)),
    upcomingMaintenance: [...maintenance].filter((m) => isUpcoming(m, now.getTime())).sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id)),
    updatedAt: times.length ? times[times.length - 1] : null,
    historyDays: config.historyDays,
    probeEverySeconds: config.probeEverySeconds,
    now: now.toISOString(),
  };
}

/** The body of `GET /api/status`. */
export function statusJson(view: StatusView) {
  return {
    overall: view.overall,
    components: view.components.map((c) => ({ id: c.id, name: c.name, group: c.group, status: c.status, decidedBy: c.decidedBy, uptime: c.uptime, lastCheckedAt: c.lastCheckedAt ?? null, firingAlerts: c.firingAlerts })),
    incidents: [...view.activeIncidents, ...view.recentIncidents],
    maintenance: [...view.activeMaintenance, ...view.upcomingMaintenance],
    updatedAt: view.updatedAt,
  };
}

/** The body of `GET /api/history`: per component, one entry per day of the window. */
export function historyJson(view: StatusView) {
  return {
    historyDays: view.historyDays,
    components: view.components.map((c) => ({ id: c.id, name: c.name, uptime: c.uptime, days: c.days })),
  };
}
