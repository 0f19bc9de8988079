/**
 * What the status page Worker knows of the spec. It is embedded in the bundle at build time, so a
 * deploy is the only way the probed components change and nothing in storage can redirect a probe.
 */
import type { StatusComponent, StatusPage } from "../../specification/model";

/** Metrics backends whose watchdog the dead man's switch expects. */
export type WatchdogSource = "grafana" | "datadog" | "prometheus";
export const WATCHDOG_SOURCES: readonly WatchdogSource[] = ["grafana", "datadog", "prometheus"];

/** Silence tolerated when the spec does not say: ten minutes, enough for a watchdog repeated every few minutes to miss one beat. */
export const DEFAULT_DEAD_MANS_SWITCH_SECONDS = 600;

/** The dead man's switch: which watchdogs must keep arriving, and how long silence is tolerated. */
export interface DeadMansSwitchConfig {
  /** Sources that must send a watchdog; empty when the spec uses no metrics backend. */
  sources: WatchdogSource[];
  /** Silence longer than this pages. */
  afterSeconds: number;
}

/** The status page as the Worker sees it: title, environment, probe cadence and components. */
export interface WorkerConfig {
  title: string;
  environment: string;
  hostname: string;
  /** Whether this environment may page a human (the dead man's switch stays quiet when false). */
  paging: boolean;
  /** How often the cron trigger runs the probes. */
  probeEverySeconds: number;
  /** Days of daily aggregates kept and shown as uptime bars. */
  historyDays: number;
  /** Sorted by group then name, as in the Model. */
  components: StatusComponent[];
  deadMansSwitch: DeadMansSwitchConfig;
}

/**
 * How often the cron trigger actually fires for a probe interval: cron has minute granularity, so
 * intervals round up to whole minutes, past an hour to whole hours, past a day to daily (the same
 * rounding as the cron expression the plan writes).
 */
export function runPeriodSeconds(probeEverySeconds: number): number {
  const minutes = Math.max(1, Math.ceil(probeEverySeconds / 60));
  if (minutes < 60) return minutes * 60;
  const hours = Math.ceil(minutes / 60);
  return hours < 24 ? hours * 3600 : 86_400;
}

/** What the build knows besides the status page: whether the environment pages, and its metrics backends. */
export interface WorkerBuildOptions {
  paging?: boolean;
  /** The environment's backends; grafana and datadog send watchdogs. */
  backends?: readonly string[];
}

/** The Worker configuration for one environment's status page. */
export function workerConfig(statusPage: StatusPage, environment: string, options: WorkerBuildOptions = {}): WorkerConfig {
  const backends = options.backends ?? [];
  return {
    title: statusPage.title,
    environment,
    hostname: statusPage.hostname,
    paging: options.paging ?? true,
    probeEverySeconds: statusPage.probeEvery.seconds,
    historyDays: statusPage.historyDays,
    components: statusPage.components.map((c) => ({
      id: c.id,
      name: c.name,
      group: c.group,
      ...(c.probe ? { probe: { ...c.probe, timeout: { ...c.probe.timeout } } } : {}),
      alertAfter: c.alertAfter,
      decidedBy: c.decidedBy ?? "probes",
    })),
    deadMansSwitch: {
      // A Worker at no hostname hears from no watchdog: expecting one would page for the silence.
      sources: statusPage.notServed ? [] : WATCHDOG_SOURCES.filter((s) => backends.includes(s)),
      afterSeconds: statusPage.deadMansSwitch?.after.seconds ?? DEFAULT_DEAD_MANS_SWITCH_SECONDS,
    },
  };
}
