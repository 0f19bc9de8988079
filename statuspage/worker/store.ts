/**
 * The status page's state in the Durable Object's SQLite storage: one table of JSON documents keyed
 * by what they hold. The SQL API is synchronous, so a read-modify-write with no `await` in between
 * cannot interleave with another request: that, not locking, is why no write is lost. Every value
 * read is validated (stored.ts); one that fails is repaired or dropped and the repair written back
 * at once, so a corrupt value costs one request's worth of data and never the page.
 */
import type { KvStore, SqlStorage } from "./bindings";
import type { WorkerConfig } from "./config";
import type { Incident } from "./incidents";
import type { ComponentLatest, History, LatestResults } from "./results";
import { checkDays, checkIncident, checkLatest, parseStored } from "./stored";
import type { Maintenance } from "./maintenance";
import { checkMaintenance } from "./maintenance";

/** Key prefixes of the documents table. */
export const KEYS = {
  latest: (component: string) => `latest:${component}`,
  days: (component: string) => `days:${component}`,
  incident: (id: string) => `incident:${id}`,
  maintenance: (id: string) => `maintenance:${id}`,
  meta: (name: string) => `meta:${name}`,
} as const;

/** The keys an older version of the Worker kept in KV, imported once into the Durable Object. */
export const LEGACY_KV_KEYS = { latest: "latest", history: "history", incidents: "incidents" } as const;

/** What the page shows, as read and validated from storage. */
export interface PageState {
  latest: LatestResults;
  history: History;
  incidents: Incident[];
}

/** The documents table: get, put, delete and prefix listing of JSON values. */
export class DocumentStore {
  /** `sql` is open to the tables beside this one (alertState.ts); everything else goes through the methods. */
  constructor(readonly sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS docs (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  }

  /** The raw stored text of a key, or undefined. Never trusted: pass it through a check. */
  getText(key: string): unknown {
    const rows = this.sql.exec("SELECT value FROM docs WHERE key = ?", key).toArray();
    return rows.length ? rows[0].value : undefined;
  }

  /** A parsed value (undefined when absent or not JSON). */
  get(key: string): unknown {
    return parseStored(this.getText(key));
  }

  put(key: string, value: unknown): void {
    this.sql.exec("INSERT INTO docs (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, JSON.stringify(value));
  }

  delete(key: string): void {
    this.sql.exec("DELETE FROM docs WHERE key = ?", key);
  }

  /** Every [key, raw text] under a prefix, in key order. */
  list(prefix: string): [string, unknown][] {
    // ';' sorts right after ':', so [prefix, prefix-with-';') is exactly the keys under it.
    const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    return this.sql.exec("SELECT key, value FROM docs WHERE key >= ? AND key < ? ORDER BY key", prefix, end).toArray().map((r) => [String(r.key), r.value]);
  }
}

/** One component's latest probe state; a corrupt value is deleted (the next probe writes a good one). */
export function readLatest(store: DocumentStore, component: string): ComponentLatest | undefined {
  const key = KEYS.latest(component);
  const text = store.getText(key);
  if (text === undefined) return undefined;
  const latest = checkLatest(parseStored(text));
  if (!latest) store.delete(key);
  return latest;
}

/** Every incident, validated; repaired ones are written back and unusable ones deleted. */
export function readIncidents(store: DocumentStore): Incident[] {
  const out: Incident[] = [];
  for (const [key, text] of store.list("incident:")) {
    const checked = checkIncident(parseStored(text));
    if (!checked || key !== KEYS.incident(checked.value.id)) {
      store.delete(key);
      continue;
    }
    if (checked.repaired) store.put(key, checked.value);
    out.push(checked.value);
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

/** Every maintenance window, validated; unusable ones are deleted. */
export function readMaintenance(store: DocumentStore): Maintenance[] {
  const out: Maintenance[] = [];
  for (const [key, text] of store.list("maintenance:")) {
    const m = checkMaintenance(parseStored(text));
    if (!m || key !== KEYS.maintenance(m.id)) store.delete(key);
    else out.push(m);
  }
  return out.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
}

/** One incident by id, validated (and repaired in storage), or undefined. */
export function readIncident(store: DocumentStore, id: string): Incident | undefined {
  const key = KEYS.incident(id);
  const text = store.getText(key);
  if (text === undefined) return undefined;
  const checked = checkIncident(parseStored(text));
  if (!checked || checked.value.id !== id) {
    store.delete(key);
    return undefined;
  }
  if (checked.repaired) store.put(key, checked.value);
  return checked.value;
}

/** Everything the page shows for the configured components, validated and repaired. */
export function readPageState(store: DocumentStore, config: WorkerConfig): PageState {
  const latest: LatestResults = {};
  const history: History = {};
  for (const c of config.components) {
    const l = readLatest(store, c.id);
    if (l) latest[c.id] = l;
    const key = KEYS.days(c.id);
    const raw = store.getText(key);
    const days = checkDays(parseStored(raw));
    if (raw !== undefined && days.repaired) store.put(key, days.value);
    history[c.id] = days.value;
  }
  return { latest, history, incidents: readIncidents(store) };
}

/**
 * Imports what an older Worker kept in KV (`latest`, `history`, `incidents`), each value validated
 * like any other read: corrupt or old-format values are repaired or skipped, never fatal. Returns
 * how many documents were imported.
 */
export async function importLegacyKv(kv: KvStore, store: DocumentStore, config: WorkerConfig): Promise<number> {
  const [latestText, historyText, incidentsText] = await Promise.all([kv.get(LEGACY_KV_KEYS.latest), kv.get(LEGACY_KV_KEYS.history), kv.get(LEGACY_KV_KEYS.incidents)]);
  const asRecord = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const latest = asRecord(parseStored(latestText));
  const history = asRecord(parseStored(historyText));
  const incidents = parseStored(incidentsText);
  let imported = 0;
  for (const c of config.components) {
    const l = checkLatest(latest[c.id]);
    if (l) {
      store.put(KEYS.latest(c.id), l);
      imported += 1;
    }
    const days = checkDays(history[c.id]).value;
    if (days.length) {
      store.put(KEYS.days(c.id), days);
      imported += 1;
    }
  }
  for (const raw of Array.isArray(incidents) ? incidents : []) {
    const checked = checkIncident(raw);
    if (!checked) continue;
    store.put(KEYS.incident(checked.value.id), checked.value);
    imported += 1;
  }
  return imported;
}
