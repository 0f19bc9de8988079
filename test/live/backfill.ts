/**
 * History for the live tests: OpenMetrics text backfilled with `promtool tsdb create-blocks-from
 * openmetrics` into a data directory, then Debian's Prometheus started on it on 127.0.0.1. The
 * stories are exact so tests can assert the arithmetic: a steady 1% error ratio, a 20-minute total
 * outage, a gauge that flaps, a probe, a late heartbeat.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { binary } from "../support/liveHarness";

/** Seconds between samples. */
export const STEP = 15;
/** How far back the history reaches. */
export const HISTORY_SECONDS = 8 * 3600;
/** The outage: 100% errors for 20 minutes, starting this long before the end. */
export const OUTAGE_AGO = 3 * 3600;
export const OUTAGE_SECONDS = 20 * 60;
/** The flapping gauge: high for 5m, low for 5m, this many times, starting this long before the end. */
export const FLAPS = 12;
export const FLAP_HALF = 5 * 60;
export const FLAP_FROM_AGO = 6 * 3600;
/** The heartbeat's last success, this long before the end. */
export const HEARTBEAT_AGO = 2 * 3600;

/** The times the history covers: every STEP from `start` to `end` (seconds, both multiples of STEP). */
export interface Timeline {
  start: number;
  end: number;
}

/** A timeline ending just before now. */
export function timeline(nowSeconds: number): Timeline {
  const end = Math.floor(nowSeconds / STEP) * STEP - STEP;
  return { start: end - HISTORY_SECONDS, end };
}

/** Start times (seconds) of the flapping gauge's high stretches. */
export function flapStarts(t: Timeline): number[] {
  const first = t.end - FLAP_FROM_AGO;
  return Array.from({ length: FLAPS }, (_, i) => first + i * 2 * FLAP_HALF);
}

/** The OpenMetrics text of the whole history (families grouped, each series in time order). */
export function openMetrics(t: Timeline): string {
  const times: number[] = [];
  for (let ts = t.start; ts <= t.end; ts += STEP) times.push(ts);
  const outageFrom = t.end - OUTAGE_AGO;
  const inOutage = (ts: number) => ts > outageFrom && ts <= outageFrom + OUTAGE_SECONDS;
  const lines: string[] = [];
  const counter = (family: string, series: { labels: string; per: (ts: number) => number }[]) => {
    lines.push(`# TYPE ${family} counter`);
    for (const s of series) {
      let v = 0;
      for (const ts of times) {
        v += s.per(ts) * STEP;
        lines.push(`${family}_total{${s.labels}} ${v} ${ts}`);
      }
    }
  };
  // shop: 100 requests a second, exactly 1 of them failing.
  counter("shop_requests", [
    { labels: 'code="200"', per: (ts) => (ts === t.start ? 0 : 99) },
    { labels: 'code="500"', per: (ts) => (ts === t.start ? 0 : 1) },
  ]);
  // checkout: 100 requests a second, all failing during the outage, none otherwise.
  counter("checkout_requests", [
    { labels: 'code="200"', per: (ts) => (ts === t.start || inOutage(ts) ? 0 : 100) },
    { labels: 'code="500"', per: (ts) => (inOutage(ts) ? 100 : 0) },
  ]);
  const starts = flapStarts(t);
  const high = (ts: number) => starts.some((s) => ts >= s && ts < s + FLAP_HALF);
  lines.push("# TYPE queue_depth gauge");
  for (const ts of times) lines.push(`queue_depth ${high(ts) ? 200 : 0} ${ts}`);
  lines.push("# TYPE probe_success gauge");
  for (const ts of times) lines.push(`probe_success{instance="https://checkout.test/health",job="checkout/health"} 1 ${ts}`);
  lines.push("# TYPE nightly_last_success_timestamp_seconds gauge");
  for (const ts of times) lines.push(`nightly_last_success_timestamp_seconds ${Math.min(ts, t.end - HEARTBEAT_AGO)} ${ts}`);
  lines.push("# EOF");
  return `${lines.join("\n")}\n`;
}

/** Writes the history as TSDB blocks into `dataDir` (promtool must be installed: the test fails otherwise). */
export function backfill(dir: string, dataDir: string, t: Timeline): void {
  writeBlocks(dir, dataDir, openMetrics(t));
}

/** Writes OpenMetrics text as TSDB blocks into `dataDir`; `maxBlockHours` above 2 makes fewer blocks of a long history. */
export function writeBlocks(dir: string, dataDir: string, text: string, maxBlockHours = 2): void {
  const file = join(dir, "history.om");
  writeFileSync(file, text);
  const r = spawnSync(binary("promtool"), ["tsdb", "create-blocks-from", "openmetrics", `--max-block-duration=${maxBlockHours}h`, file, dataDir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`promtool create-blocks-from failed:\n${r.stdout}\n${r.stderr}`);
}
