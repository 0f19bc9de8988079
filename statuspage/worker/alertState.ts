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

/** Firing alerts per component, validated; expired ones are left out. */
export function readFiringAlerts(store: DocumentStore, config: WorkerConfig, now: Date): Record<string, FiringAlert[]> {
  const out: Record<string, FiringAlert[]> = {};
  for (const c of config.components) {
    const raw = parseStored(store.getText(KEYS.meta(`alerts:${c.id}`)));
    const r = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    out[c.id] = Object.values(r).flatMap((v): FiringAlert[] => {
      const a = typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
      const ok = typeof a.name === "string" && typeof a.severity === "string" && typeof a.since === "string" && typeof a.until === "string" && Date.parse(a.until) > now.getTime();
      return ok ? [{ name: a.name as string, severity: a.severity as string, since: a.since as string, until: a.until as string }] : [];
    });
  }
  return out;
}

/** Applies one alert notification: each signal naming an alert-decided component's service sets or clears its alert. */
export function applyAlertNotification(config: WorkerConfig, store: DocumentStore, source: AlertSource, body: unknown, now: Date) {
  const signals = parseAlertNotification(source, body);
  const byService = new Map(config.components.map((c) => [c.id, c]));
  let applied = 0;
  for (const s of signals) {
    const component = byService.get(s.service);
    if (!component || component.decidedBy === "probes") continue;
    const key = KEYS.meta(`alerts:${component.id}`);
    const raw = parseStored(store.getText(key));
    const firing: Record<string, unknown> = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
    const alertKey = `${source}:${s.key}`;
    if (s.firing) {
      const previous = firing[alertKey] as { since?: unknown } | undefined;
      const since = typeof previous?.since === "string" ? previous.since : now.toISOString();
      firing[alertKey] = { name: s.name, severity: s.severity, since, until: new Date(now.getTime() + FIRING_ALERT_TTL_MS).toISOString() };
    } else delete firing[alertKey];
    store.put(key, firing);
    applied += 1;
  }
  return { signals: signals.length, applied };
}

