/**
 * The dead man's switch for the alerting pipeline. Each metrics backend sends an always-firing
 * watchdog to `POST /api/watchdog/<source>`; when one has been silent longer than `after`, the
 * scheduled run pages once through the PagerDuty Events API v2 and resolves that page when the
 * watchdog is heard again. It runs on Cloudflare and talks to PagerDuty directly, so it keeps
 * working when Grafana, Datadog or Prometheus (what it watches) do not. Pure: the Durable Object
 * does the sending.
 */
import type { DeadMansSwitchConfig, WatchdogSource } from "./config";

/** What the Durable Object keeps per watchdog source. */
export interface WatchdogState {
  /** When the watchdog was last received. */
  lastSeen?: string;
  /** Whether a trigger was sent and not yet resolved. */
  paged: boolean;
}

/** One PagerDuty event to send. */
export interface WatchdogAction {
  source: WatchdogSource;
  action: "trigger" | "resolve";
  /** Seconds since the watchdog was last heard (or since the switch was armed). */
  silentSeconds: number;
}

/**
 * The events to send at `now`. Before a source's first watchdog, silence counts from `armedAt`
 * (the first scheduled run), so a watchdog that never arrives pages too. A page is sent once per
 * silence, and the resolve once when the watchdog is back.
 */
export function watchdogActions(config: DeadMansSwitchConfig, states: Partial<Record<WatchdogSource, WatchdogState>>, armedAt: string, now: Date): WatchdogAction[] {
  const out: WatchdogAction[] = [];
  for (const source of config.sources) {
    const state = states[source] ?? { paged: false };
    const silentMs = Math.max(0, now.getTime() - Date.parse(state.lastSeen ?? armedAt));
    const silentSeconds = Math.floor(silentMs / 1000);
    const silent = silentMs > config.afterSeconds * 1000;
    if (silent && !state.paged) out.push({ source, action: "trigger", silentSeconds });
    if (!silent && state.paged) out.push({ source, action: "resolve", silentSeconds });
  }
  return out;
}

/**
 * Whether a watchdog notification says the watchdog fires. Grafana and Alertmanager send a
 * "resolved" notification when the watchdog stops firing, and Datadog a "[Recovered]" one: those
 * mean the pipeline lost its watchdog, and counting them as heartbeats would resolve the very page
 * that says so. Any other body counts: arrival is the heartbeat.
 */
export function watchdogFiring(body: unknown): boolean {
  const b = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const resolvedWord = (v: unknown) => typeof v === "string" && /^(resolved|recovered)$/i.test(v.trim());
  if (resolvedWord(b.status) || resolvedWord(b.transition) || resolvedWord(b.alert_transition)) return false;
  if (typeof b.title === "string" && /^\[(resolved|recovered)\]/i.test(b.title.trim())) return false;
  const alerts = Array.isArray(b.alerts) ? b.alerts : [];
  if (alerts.length > 0 && alerts.every((a) => typeof a === "object" && a !== null && resolvedWord((a as Record<string, unknown>).status))) return false;
  return true;
}

/** The PagerDuty dedup key of one source's page: stable, so repeats update one incident. */
export function watchdogDedupKey(environment: string, hostname: string, source: WatchdogSource): string {
  return `readiness-watchdog/${hostname}/${environment}/${source}`;
}

/** The Events API v2 body for an action. */
export function pagerDutyEvent(action: WatchdogAction, routingKey: string, environment: string, hostname: string, afterSeconds: number): Record<string, unknown> {
  const dedup_key = watchdogDedupKey(environment, hostname, action.source);
  if (action.action === "resolve") return { routing_key: routingKey, event_action: "resolve", dedup_key };
  return {
    routing_key: routingKey,
    event_action: "trigger",
    dedup_key,
    payload: {
      summary: `No ${action.source} watchdog for ${Math.round(action.silentSeconds / 60)}m (${environment}): its alerting pipeline may be down and nobody would be paged`,
      source: hostname,
      severity: "critical",
      component: action.source,
      group: environment,
      class: "dead-mans-switch",
      custom_details: { source: action.source, environment, silentSeconds: action.silentSeconds, afterSeconds },
    },
  };
}

/** The real Events API v2 endpoint; `PAGERDUTY_EVENTS_URL` overrides it in tests. */
export const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
