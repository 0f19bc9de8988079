/** Debian's Prometheus on 127.0.0.1 over a backfilled history, with a rule file, for the live tests. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { binary, freePort, getOk, startDaemon, stopDaemon, waitFor, type Daemon } from "../support/liveHarness";
import { backfill, timeline, type Timeline } from "./backfill";

/** A running Prometheus over the history. */
export interface BackfilledPrometheus {
  url: string;
  timeline: Timeline;
  daemon: Daemon;
  stop(): Promise<void>;
}

/** Backfills the history into `dir`, then starts Prometheus on it, evaluating `rules` (a rule file's text) every second. */
export async function startBackfilledPrometheus(dir: string, rules: string): Promise<BackfilledPrometheus> {
  const prometheus = binary("prometheus");
  const t = timeline(Date.now() / 1000);
  const data = join(dir, "data");
  mkdirSync(data, { recursive: true });
  backfill(dir, data, t);
  writeFileSync(join(dir, "rules.yml"), rules);
  writeFileSync(join(dir, "prometheus.yml"), stringify({ global: { evaluation_interval: "1s", scrape_interval: "15s" }, rule_files: [join(dir, "rules.yml")], scrape_configs: [] }));
  const port = await freePort();
  const daemon = startDaemon("prometheus", prometheus, [
    `--config.file=${join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${data}`,
    `--web.listen-address=127.0.0.1:${port}`,
    "--storage.tsdb.retention.time=30d",
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor("prometheus ready", 30_000, () => getOk(`${url}/-/ready`), [daemon]);
  return { url, timeline: t, daemon, stop: () => stopDaemon(daemon) };
}
