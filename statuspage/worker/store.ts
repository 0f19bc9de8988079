/**
 * What the Worker keeps in KV. Three keys, each written at most once per cron run or admin request:
 * writes per run stay at two however many components there are, well inside KV's one write per
 * key per second. KV is eventually consistent, so a run may read a value up to a minute old; the
 * status rules tolerate that (a missed count delays an outage by one run, never invents one).
 */
import type { KvStore } from "./bindings";
import type { Incident } from "./incidents";
import type { History, LatestResults } from "./results";

/** KV keys: latest result per component, daily aggregates per component, incidents. */
export const KV_KEYS = { latest: "latest", history: "history", incidents: "incidents" } as const;

async function readJson<T>(kv: KvStore, key: string, fallback: T): Promise<T> {
  const text = await kv.get(key);
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback; // a corrupt value must not take the page down; the next write replaces it
  }
}

/** Everything the page shows, read in parallel. */
export async function readState(kv: KvStore): Promise<{ latest: LatestResults; history: History; incidents: Incident[] }> {
  const [latest, history, incidents] = await Promise.all([
    readJson<LatestResults>(kv, KV_KEYS.latest, {}),
    readJson<History>(kv, KV_KEYS.history, {}),
    readJson<Incident[]>(kv, KV_KEYS.incidents, []),
  ]);
  return { latest, history, incidents: Array.isArray(incidents) ? incidents : [] };
}

/** Writes one key as JSON. */
export async function writeJson(kv: KvStore, key: string, value: unknown): Promise<void> {
  await kv.put(key, JSON.stringify(value));
}
