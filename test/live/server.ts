/** Debian's Prometheus on 127.0.0.1 over a backfilled history, with a rule file, for the live tests. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { binary, freePort, getOk, startDaemon, stopDaemon, waitFor, type Daemon } from "../support/liveHarness";
import { backfill, timeline, writeBlocks, type Timeline } from "./backfill";

/** A running Prometheus over the history. */
export interface BackfilledPrometheus {
  url: string;
  timeline: Timeline;
  daemon: Daemon;
  stop(): Promise<void>;
}

/** Another history than backfill.ts's: its OpenMetrics text and the span it covers. */
export interface History {
  timeline: Timeline;
  openMetrics: string;
}

/**
 * Backfills the history into `dir` (backfill.ts's, or `history`), then starts Prometheus on it,
 * evaluating `rules` (a rule file's text) every second.
 */
export async function startBackfilledPrometheus(dir: string, rules: string, history?: History): Promise<BackfilledPrometheus> {
  const prometheus = binary("prometheus");
  const t = history?.timeline ?? timeline(Date.now() / 1000);
  const data = join(dir, "data");
  mkdirSync(data, { recursive: true });
  // A long history in 2h blocks would be hundreds of blocks for Prometheus to open and compact.
  if (history) writeBlocks(dir, data, history.openMetrics, 24 * 31);
  else backfill(dir, data, t);
  writeFileSync(join(dir, "rules.yml"), rules);
  writeFileSync(join(dir, "prometheus.yml"), stringify({ global: { evaluation_interval: "1s", scrape_interval: "15s" }, rule_files: [join(dir, "rules.yml")], scrape_configs: [] }));
  const port = await freePort();
  const daemon = startDaemon("prometheus", prometheus, [
    `--config.file=${join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${data}`,
    `--web.listen-address=127.0.0.1:${port}`,
    // Retention counts back from the newest block: a history of months must not be cut at 30 days.
    `--storage.tsdb.retention.time=${history ? "3650d" : "30d"}`,
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor("prometheus ready", 30_000, () => getOk(`${url}/-/ready`), [daemon]);
  return { url, timeline: t, daemon, stop: () => stopDaemon(daemon) };
}
