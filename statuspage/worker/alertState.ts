/**
 * What the alerting pipeline has told the status page, as stored in the Durable Object: the firing
 * alerts per component (from alert notifications) and when each watchdog was last heard. Every
 * value read is validated; anything unusable reads as "nothing firing" / "never heard".
 */
import type { WatchdogSource, WorkerConfig } from "./config";
import type { AlertSource, FiringAlert } from "./alerts";
import { FIRING_ALERT_TTL_MS, parseAlertNotification } from "./alerts";
import type { DocumentStore } from "./store";
import { KEYS } from "./store";
import { parseStored } from "./stored";
import type { SqlStorage } from "./bindings";
import type { WatchdogState } from "./watchdog";

/** A watchdog source's stored state. */
export function readWatchdog(store: DocumentStore, source: WatchdogSource): WatchdogState {
  const raw = parseStored(store.getText(KEYS.meta(`watchdog:${source}`)));
  const r = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const lastSeen = typeof r.lastSeen === "string" && !Number.isNaN(Date.parse(r.lastSeen)) ? r.lastSeen : undefined;
  return { ...(lastSeen ? { lastSeen } : {}), paged: r.paged === true };
}

/** Records that a source's watchdog arrived at `now`. */
export function recordWatchdog(store: DocumentStore, source: WatchdogSource, now: Date): void {
  store.put(KEYS.meta(`watchdog:${source}`), { ...readWatchdog(store, source), lastSeen: now.toISOString() });
}

/** Marks a source's page as sent (trigger) or closed (resolve), keeping when it was last heard. */
export function recordPaged(store: DocumentStore, source: WatchdogSource, paged: boolean): void {
  store.put(KEYS.meta(`watchdog:${source}`), { ...readWatchdog(store, source), paged });
}

/**
 * Alerts kept per component, firing and recently resolved together. Past this a storm's details no
 * longer fit on a status page, and the bound keeps every read and write of the table small; the
 * oldest rows (resolved ones first) are dropped and counted in `meta:alertsDropped`.
 */
export const MAX_ALERTS_PER_COMPONENT = 1000;

/** Alert rows per INSERT: 9 parameters each under the 100 a Durable Object's SQL binds (Cloudflare's "Limits" page for SQLite-backed Durable Objects). */
const ROWS_PER_STATEMENT = 11;
/** Alert rows applied between two turns of the event loop (a multiple of ROWS_PER_STATEMENT). */
const ROWS_BETWEEN_YIELDS = 44 * ROWS_PER_STATEMENT;

/**
 * The alerts table: one row per alert (source and key) of a component, indexed, so a notification
 * costs one upsert per alert it carries whatever is already stored. A resolved alert stays as a row
 * until it expires, so an old "firing" replayed after it (an HA Alertmanager pair, a retry) is
 * recognised as older and changes nothing. Times are ms since the epoch.
 */
export function createAlertTable(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS alerts (
    component TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, severity TEXT NOT NULL,
    firing INTEGER NOT NULL, since INTEGER NOT NULL, until INTEGER NOT NULL, at INTEGER, updated INTEGER NOT NULL,
    PRIMARY KEY (component, key))`);
  sql.exec("CREATE INDEX IF NOT EXISTS alerts_until ON alerts (until)");
  // Alerts an older version kept as one JSON document per component move into the table once.
  for (const row of sql.exec("SELECT key, value FROM docs WHERE key >= 'meta:alerts:' AND key < 'meta:alerts;'").toArray()) {
    const component = String(row.key).slice("meta:alerts:".length);
    const raw = parseStored(row.value);
    const entries = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? Object.entries(raw as Record<string, unknown>) : [];
    for (const [key, v] of entries.slice(0, MAX_ALERTS_PER_COMPONENT)) {
      const a = typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
      const since = typeof a.since === "string" ? Date.parse(a.since) : NaN;
      const until = typeof a.until === "string" ? Date.parse(a.until) : NaN;
      if (typeof a.name !== "string" || typeof a.severity !== "string" || Number.isNaN(since) || Number.isNaN(until)) continue;
      sql.exec("INSERT OR IGNORE INTO alerts (component, key, name, severity, firing, since, until, at, updated) VALUES (?, ?, ?, ?, 1, ?, ?, NULL, ?)", component, key, a.name, a.severity, since, until, since);
    }
    sql.exec("DELETE FROM docs WHERE key = ?", String(row.key));
  }
}

/** Firing alerts per component; expired ones are left out. */
export function readFiringAlerts(store: DocumentStore, config: WorkerConfig, now: Date): Record<string, FiringAlert[]> {
  const out: Record<string, FiringAlert[]> = Object.fromEntries(config.components.map((c) => [c.id, []]));
  const rows = store.sql.exec("SELECT component, name, severity, since, until FROM alerts WHERE firing = 1 AND until > ? ORDER BY component, key", now.getTime()).toArray();
  for (const r of rows) {
    const list = out[String(r.component)];
    const since = new Date(Number(r.since));
    const until = new Date(Number(r.until));
    if (!list || Number.isNaN(since.getTime()) || Number.isNaN(until.getTime())) continue;
    list.push({ name: String(r.name), severity: String(r.severity), since: since.toISOString(), until: until.toISOString() });
  }
  return out;
}

/** What one notification did: signals read, applied, ignored as older than what is stored, and rows dropped by the cap. */
export interface AlertNotificationOutcome {
  signals: number;
  applied: number;
  stale: number;
  dropped: number;
}

/**
 * Applies one alert notification: each signal naming an alert-decided component's service sets or
 * clears its alert, unless the stored state of that alert is newer. Then expired rows are pruned
 * and each touched component is held to the cap. No statement reads the alerts it does not touch.
 */
export async function applyAlertNotification(config: WorkerConfig, store: DocumentStore, source: AlertSource, body: unknown, now: Date): Promise<AlertNotificationOutcome> {
  const signals = parseAlertNotification(source, body, now);
  const byService = new Map(config.components.map((c) => [c.id, c]));
  const t = now.getTime();
  const until = t + FIRING_ALERT_TTL_MS;
  const touched = new Set<string>();
  const rows: (string | number | null)[][] = [];
  for (const s of signals) {
    const component = byService.get(s.service);
    if (!component || component.decidedBy === "probes") continue;
    touched.add(component.id);
    rows.push([component.id, `${source}:${s.key}`, s.name, s.severity, s.firing ? 1 : 0, s.firing && s.at !== undefined && s.at <= t ? s.at : t, until, s.at ?? null, t]);
  }
  // Several alerts per statement (a Durable Object binds at most 100 parameters to one), so a storm
  // costs a few hundred statements rather than thousands.
  let applied = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    // Between batches the object takes other requests, so a page view never waits for a whole storm.
    // Each row is ordered on its own, so another notification applied in between is no harm.
    if (i > 0 && i % ROWS_BETWEEN_YIELDS === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    applied += store.sql.exec(
      `INSERT INTO alerts (component, key, name, severity, firing, since, until, at, updated) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}
       ON CONFLICT (component, key) DO UPDATE SET name = excluded.name, severity = excluded.severity, firing = excluded.firing,
         since = CASE WHEN alerts.firing = 1 AND excluded.firing = 1 THEN alerts.since ELSE excluded.since END,
         until = excluded.until, at = excluded.at, updated = excluded.updated
       WHERE excluded.at IS NULL OR alerts.at IS NULL OR excluded.at >= alerts.at
       RETURNING 1`,
      ...chunk.flat(),
    ).toArray().length;
  }
  const stale = rows.length - applied;
  store.sql.exec("DELETE FROM alerts WHERE until <= ?", t);
  let dropped = 0;
  for (const id of touched) {
    dropped += store.sql.exec(
      "DELETE FROM alerts WHERE component = ? AND key IN (SELECT key FROM alerts WHERE component = ? ORDER BY firing DESC, updated DESC, key LIMIT -1 OFFSET ?) RETURNING 1",
      id, id, MAX_ALERTS_PER_COMPONENT,
    ).toArray().length;
  }
  if (dropped > 0) {
    const raw = store.get(KEYS.meta("alertsDropped"));
    const before = typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 0 ? raw : 0;
    store.put(KEYS.meta("alertsDropped"), before + dropped);
  }
  return { signals: signals.length, applied, stale, dropped };
}
