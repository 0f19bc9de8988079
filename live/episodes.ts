/**
 * Firing episodes of an alert from its condition evaluated over a range, the way Prometheus's
 * rule manager would have run it: the alert becomes pending at the first evaluation where the
 * condition has a sample, fires once it has held for `for`, and resolves at the first evaluation
 * without one. Each label set is its own alert, as in Prometheus.
 */
import type { RangeSeries } from "./prometheusClient";
import { zone } from "../oncall/zone";

/** One stretch during which an alert was (or would have been) firing; seconds since the epoch. */
export interface Episode {
  labels: Record<string, string>;
  /** First evaluation at which it fired. */
  start: number;
  /** First evaluation at which it no longer fired (or the end of the range, when `open`). */
  end: number;
  /** True when it was still firing at the end of the range. */
  open: boolean;
}

/** A re-fire this soon after resolving counts as a flap. */
export const FLAP_GAP_SECONDS = 15 * 60;

/** The step a range query uses: the evaluation interval, coarser when the range would exceed Prometheus's 11,000 points per series. */
export function stepFor(rangeSeconds: number, intervalSeconds: number): number {
  // Prometheus refuses range queries of more than 11,000 points (web/api/v1/api.go, "exceeded maximum resolution").
  return Math.max(intervalSeconds, Math.ceil(rangeSeconds / 11_000));
}

/** Episodes of a condition sampled every `step` seconds up to `end`, with the alert's `for` in seconds. */
export function episodes(series: readonly RangeSeries[], step: number, forSeconds: number, end: number): Episode[] {
  const out: Episode[] = [];
  for (const s of series) {
    const times = s.values.filter(([, v]) => !Number.isNaN(v)).map(([t]) => t);
    let i = 0;
    while (i < times.length) {
      let j = i;
      // Consecutive evaluations (within half a step of the grid) make one active stretch.
      while (j + 1 < times.length && times[j + 1] - times[j] <= step * 1.5) j++;
      const activeAt = times[i];
      const last = times[j];
      const firesAt = times.slice(i, j + 1).find((t) => t - activeAt >= forSeconds);
      if (firesAt !== undefined) {
        const resolved = last + step;
        out.push({ labels: s.metric, start: firesAt, end: Math.min(resolved, end), open: resolved > end });
      }
      i = j + 1;
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Seconds spent firing over all episodes. */
export function firingSeconds(eps: readonly Episode[]): number {
  return eps.reduce((n, e) => n + (e.end - e.start), 0);
}

/** Episodes that started within FLAP_GAP_SECONDS of the previous one (same labels) ending. */
export function flaps(eps: readonly Episode[]): number {
  const lastEnd = new Map<string, number>();
  let n = 0;
  for (const e of eps) {
    const key = JSON.stringify(Object.entries(e.labels).sort());
    const prev = lastEnd.get(key);
    if (prev !== undefined && e.start - prev <= FLAP_GAP_SECONDS) n++;
    lastEnd.set(key, e.end);
  }
  return n;
}

/** Night is 22:00 to 07:00 local time, when a page wakes someone up. */
const NIGHT_FROM_HOUR = 22;
const NIGHT_TO_HOUR = 7;

/** How many episodes started at night in a time zone. */
export function atNight(eps: readonly Episode[], timezone: string): number {
  const z = zone(timezone);
  return eps.filter((e) => {
    const h = z.local(e.start * 1000).hour;
    return h >= NIGHT_FROM_HOUR || h < NIGHT_TO_HOUR;
  }).length;
}
