/**
 * How a component's status is decided. The rules, strongest first:
 *   1. an open incident naming the component sets it (a human's word beats a probe's: probes run
 *      from one vantage point and cannot see what merchants see);
 *   2. no result, or a result too old to trust, is `unknown`;
 *   3. `alertAfter` consecutive failed probes is `outage`;
 *   4. a slow latest probe (over half its timeout) or any failure among the recent probes is
 *      `degraded`: it still answers, but not reliably;
 *   5. otherwise `operational`.
 * Rules 2-5 apply to components decided by probes; one decided by alerts takes what its service's
 * firing alerts say (alerts.ts), and one decided by both the worse of the two.
 */
import type { StatusComponent } from "../../specification/model";
import type { Incident } from "./incidents";
import { isOpen } from "./incidents";
import type { ComponentLatest, DayAggregate } from "./results";
import type { FiringAlert } from "./alerts";
import { alertStatus } from "./alerts";
import type { ComponentStatus } from "./componentStatus";


const RANK: Record<ComponentStatus, number> = { operational: 0, maintenance: 1, unknown: 2, degraded: 3, outage: 4 };

/** The worse of some statuses (outage > degraded > unknown > maintenance > operational); operational when none. */
export function worstStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  return statuses.reduce<ComponentStatus>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), "operational");
}

/**
 * How old a result may get before it says nothing: three missed runs plus the probe's own timeout,
 * so one skipped cron run does not flip the page to unknown.
 */
export function staleAfterMs(component: StatusComponent, probeEverySeconds: number): number {
  return (3 * probeEverySeconds + (component.probe?.timeout.seconds ?? 0)) * 1000;
}

/** What the probes alone say about a component at `now`. */
export function probeStatus(component: StatusComponent, latest: ComponentLatest | undefined, now: Date, probeEverySeconds: number): ComponentStatus {
  if (!latest || !component.probe) return "unknown";
  if (now.getTime() - Date.parse(latest.last.at) > staleAfterMs(component, probeEverySeconds)) return "unknown";
  if (latest.consecutiveFailures >= component.alertAfter) return "outage";
  if (latest.last.slow || latest.recent.some((ok) => !ok)) return "degraded";
  return "operational";
}

/** The status shown for a component: the worst open incident naming it, else what the probes say. */
export function componentStatus(
  component: StatusComponent,
  latest: ComponentLatest | undefined,
  incidents: readonly Incident[],
  now: Date,
  probeEverySeconds: number,
  firing: readonly FiringAlert[] = [],
  underMaintenance = false,
): ComponentStatus {
  const declared = incidents.filter((i) => isOpen(i) && i.components.includes(component.id)).map((i) => i.impact);
  if (declared.length > 0) return worstStatus(declared);
  // Announced maintenance explains whatever the probes see; an incident (above) still overrides it.
  if (underMaintenance) return "maintenance";
  const decidedBy = component.decidedBy ?? "probes";
  if (decidedBy === "alerts") return alertStatus(firing, now);
  const probed = probeStatus(component, latest, now, probeEverySeconds);
  return decidedBy === "both" ? worstStatus([probed, alertStatus(firing, now)]) : probed;
}

/** The status of one past day: outage if the component stood in outage, degraded on any failed or slow probe. */
export function dayStatus(day: DayAggregate | undefined): ComponentStatus {
  if (!day || day.probes === 0) return day?.maintenance ? "maintenance" : "unknown";
  if (day.outage > 0) return "outage";
  if (day.failures > 0 || day.slow > 0) return "degraded";
  return "operational";
}

/** Percent of successful probes, rounded to two decimals; null without probes. */
export function uptimePercent(days: readonly DayAggregate[]): number | null {
  const probes = days.reduce((n, d) => n + d.probes, 0);
  if (probes === 0) return null;
  const failures = days.reduce((n, d) => n + d.failures, 0);
  return Math.round(((probes - failures) / probes) * 10_000) / 100;
}
