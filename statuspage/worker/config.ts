/**
 * What the status page Worker knows of the spec. It is embedded in the bundle at build time, so a
 * deploy is the only way the probed components change and nothing in KV can redirect a probe.
 */
import type { StatusComponent, StatusPage } from "../../specification/model";

/** The status page as the Worker sees it: title, environment, probe cadence and components. */
export interface WorkerConfig {
  title: string;
  environment: string;
  hostname: string;
  /** How often the cron trigger runs the probes. */
  probeEverySeconds: number;
  /** Days of daily aggregates kept and shown as uptime bars. */
  historyDays: number;
  /** Sorted by group then name, as in the Model. */
  components: StatusComponent[];
}

/** The Worker configuration for one environment's status page. */
export function workerConfig(statusPage: StatusPage, environment: string): WorkerConfig {
  return {
    title: statusPage.title,
    environment,
    hostname: statusPage.hostname,
    probeEverySeconds: statusPage.probeEvery.seconds,
    historyDays: statusPage.historyDays,
    components: statusPage.components.map((c) => ({
      id: c.id,
      name: c.name,
      group: c.group,
      probe: { ...c.probe, timeout: { ...c.probe.timeout } },
      alertAfter: c.alertAfter,
    })),
  };
}
