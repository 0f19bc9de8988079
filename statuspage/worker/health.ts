/** `GET /health`: whether the scheduled runs are still happening, for a check pointed at the status page. */
import type { WorkerConfig } from "./config";
import { runPeriodSeconds } from "./config";
import type { DocumentStore } from "./store";
import { KEYS } from "./store";
import { parseStored } from "./stored";

/** 200 while the last scheduled run is at most two cron periods old; 503 before the first run or after that. */
export function health(config: WorkerConfig, store: DocumentStore, now: Date, json: (status: number, value: unknown) => Response): Response {
  const raw = parseStored(store.getText(KEYS.meta("lastRun")));
  const lastRun = typeof raw === "string" && !Number.isNaN(Date.parse(raw)) ? raw : null;
  // Two runs of the cron as it really fires (a 30s probeEvery still runs once a minute), so one late run is not an alarm.
  const limitMs = 2 * runPeriodSeconds(config.probeEverySeconds) * 1000;
  const ageMs = lastRun ? now.getTime() - Date.parse(lastRun) : null;
  const ok = ageMs !== null && ageMs <= limitMs;
  return json(ok ? 200 : 503, {
    status: ok ? "ok" : "stale",
    lastRun,
    ...(ok ? {} : { error: lastRun ? `the last scheduled run was ${Math.round(ageMs! / 1000)}s ago, over two probe intervals (${limitMs / 1000}s)` : "no scheduled run has completed yet" }),
  });
}
