/**
 * Latencies to the millisecond (`300ms`, `0.3s`, `1.5s`): a check's budget and an SLO's latency
 * threshold. Apart from duration.ts, whose whole-second spans the status page Worker bundles.
 */
import type { Latency } from "./model";
import { formatSeconds, parseDurationMs } from "./duration";

/**
 * Parses a latency (`300ms`, `0.3s`, `1.5s`, `2s`, `1m30s`) to whole milliseconds; undefined when
 * the text is not one or is zero.
 */
export function parseLatencyMs(text: string): number | undefined {
  const t = text.trim();
  // Decimal seconds (`0.3s`, `1.5s`) to the millisecond, as Prometheus writes histogram bucket bounds.
  const dec = /^(\d+)\.(\d{1,3})s$/.exec(t);
  const ms = dec ? Number(dec[1]) * 1000 + Number(dec[2].padEnd(3, "0")) : parseDurationMs(t);
  return ms === undefined || ms <= 0 ? undefined : ms;
}

/** Milliseconds as Prometheus writes a duration (`300ms`, `1s500ms`, `10s`): the blackbox exporter and scrape timeouts read it. */
export function formatMs(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const rest = ms - whole * 1000;
  if (rest === 0) return formatSeconds(whole);
  return `${whole > 0 ? formatSeconds(whole) : ""}${rest}ms`;
}

/** A Latency from milliseconds, spelled canonically, so `0.3s` and `300ms` render the same. */
export function latencyOf(ms: number): Latency {
  return { ms, seconds: ms / 1000, text: formatMs(ms) };
}
