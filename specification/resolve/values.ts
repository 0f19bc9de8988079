/** Small conversions every resolve step shares: validated text to typed values, and stable order. */
import type { BackendQuery, Duration, Latency } from "../model";
import { parseDuration } from "../duration";
import { latencyOf, parseLatencyMs } from "../latency";

/** A duration the loader has already validated. */
export function dur(text: string): Duration {
  const d = parseDuration(text);
  if (!d) throw new Error(`unvalidated duration ${text}`);
  return d;
}

/** A latency threshold as written (`0.3s` stays `0.3s` in summaries), kept in milliseconds as well. */
export function latency(text: string): Latency {
  const ms = parseLatencyMs(text);
  if (ms === undefined) throw new Error(`unvalidated latency ${text}`);
  return { seconds: ms / 1000, text: text.trim(), ms };
}

/** A check's response-time budget, spelled canonically (`300ms`, `1s500ms`) since renderers write it as a timeout. */
export function budget(text: string): Latency {
  const ms = parseLatencyMs(text);
  if (ms === undefined) throw new Error(`unvalidated latency ${text}`);
  return latencyOf(ms);
}

/** A backend query with each backend's text trimmed. */
export function query(q: BackendQuery | undefined): BackendQuery | undefined {
  if (!q) return undefined;
  const out: BackendQuery = {};
  if (q.prometheus !== undefined) out.prometheus = q.prometheus.trim();
  if (q.datadog !== undefined) out.datadog = q.datadog.trim();
  return out;
}

/** Former ids, sorted so the spec's order does not matter. */
export function previously(p: string[] | undefined): string[] {
  return [...(p ?? [])].sort();
}

/** Code-unit order, independent of locale. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy sorted by id. */
export function byId<T extends { id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => cmp(a.id, b.id));
}
