/**
 * Components decided by alerts: notification payloads of Grafana, Alertmanager (Prometheus) and
 * Datadog, reduced to "this alert of this service fires / resolved", and the status they give a
 * component. This is how a service without an HTTP endpoint (a phone line, a nightly batch) shows
 * its real state. Pure: the Durable Object stores the firing set.
 */
import type { ComponentStatus } from "./componentStatus";

/** Sources of alert notifications. */
export type AlertSource = "grafana" | "alertmanager" | "datadog";
export const ALERT_SOURCES: readonly AlertSource[] = ["grafana", "alertmanager", "datadog"];

/** One alert's state change, whatever the provider. */
export interface AlertSignal {
  /** Stable identity of the alert within its source (fingerprint, Datadog alert id and scope). */
  key: string;
  service: string;
  severity: string;
  firing: boolean;
  /** Name of the alert, for the page's detail line. */
  name: string;
  /**
   * When the state this signal reports began, in ms (firing: `startsAt`; resolved: `endsAt`;
   * Datadog: `last_updated`): what orders notifications delivered late, twice or out of order.
   * Undefined when the body carries no usable time.
   */
  at?: number;
}

/** A firing alert as the Durable Object keeps it. */
export interface FiringAlert {
  name: string;
  severity: string;
  since: string;
  /** When it is forgotten unless re-notified: a lost "resolved" must not pin a component down. */
  until: string;
}

/** How long a firing alert stands without a repeat notification (Alertmanager and Grafana repeat every 4h by default). */
export const FIRING_ALERT_TTL_MS = 24 * 3600 * 1000;

const record = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : typeof v === "number" ? String(v) : undefined);

/**
 * A time in ms from an RFC 3339 text or epoch milliseconds (Datadog's `$LAST_UPDATED`), or
 * undefined. Go's zero time (`0001-01-01T00:00:00Z`, what Alertmanager and Grafana send as the
 * `endsAt` of a firing alert) and anything before 1970 mean "no time".
 */
function instant(v: unknown): number | undefined {
  const ms = typeof v === "number" ? v : typeof v === "string" && /^\d{10,16}$/.test(v) ? Number(v) : typeof v === "string" ? Date.parse(v) : NaN;
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/**
 * Signals from a Grafana or Alertmanager webhook body (the same documented shape: `alerts[]` with
 * `status`, `labels` and `fingerprint`). Alerts without a `service` label are skipped.
 */
function fromAlertmanagerShape(body: unknown, now: Date): AlertSignal[] {
  const alerts = record(body).alerts;
  if (!Array.isArray(alerts)) return [];
  return alerts.flatMap((a): AlertSignal[] => {
    const alert = record(a);
    const labels = record(alert.labels);
    const service = text(labels.service);
    const status = text(alert.status) ?? text(record(body).status);
    if (!service || (status !== "firing" && status !== "resolved")) return [];
    const labelKey = Object.keys(labels).sort().map((k) => `${k}=${String(labels[k])}`).join(",");
    const startsAt = instant(alert.startsAt);
    const endsAt = instant(alert.endsAt);
    // A "firing" alert whose end has passed is over: a late or replayed delivery of an old fire.
    const firing = status === "firing" && !(endsAt !== undefined && endsAt <= now.getTime());
    const at = firing ? startsAt : (endsAt ?? startsAt);
    return [{ key: text(alert.fingerprint) ?? labelKey, service, severity: text(labels.severity) ?? "", firing, name: text(labels.alertname) ?? "alert", ...(at !== undefined ? { at } : {}) }];
  });
}

/**
 * Signals from a Datadog webhook. Datadog's body is a template; the one readiness documents sends
 * `{"id":"$ALERT_ID","transition":"$ALERT_TRANSITION","tags":"$TAGS","title":"$EVENT_TITLE","scope":"$ALERT_SCOPE","last_updated":"$LAST_UPDATED"}`.
 * `service:` and `severity:` come from the monitor's tags, which readiness sets on every monitor.
 */
function fromDatadog(body: unknown): AlertSignal[] {
  const b = record(body);
  const id = text(b.id) ?? text(b.alert_id);
  const transition = (text(b.transition) ?? text(b.alert_transition) ?? "").toLowerCase();
  const rawTags = b.tags;
  const tags = (Array.isArray(rawTags) ? rawTags.map(String) : (text(rawTags) ?? "").split(",")).map((t) => t.trim());
  const tag = (name: string) => tags.find((t) => t.startsWith(`${name}:`))?.slice(name.length + 1);
  const service = tag("service");
  if (!id || !service) return [];
  const firing = ["triggered", "re-triggered", "no data", "re-no data"].includes(transition);
  const resolved = ["recovered", "resolved"].includes(transition);
  if (!firing && !resolved) return [];
  const at = instant(b.last_updated);
  return [{ key: `${id}:${text(b.scope) ?? ""}`, service, severity: tag("severity") ?? "", firing, name: text(b.title) ?? `monitor ${id}`, ...(at !== undefined ? { at } : {}) }];
}

/** The alert signals in a notification body from `source`. */
export function parseAlertNotification(source: AlertSource, body: unknown, now: Date = new Date()): AlertSignal[] {
  return source === "datadog" ? fromDatadog(body) : fromAlertmanagerShape(body, now);
}

/**
 * The status alerts give a component: a firing page-severity alert of its service is an outage
 * (someone is being woken for it), a firing ticket-severity one degraded; none is operational.
 */
export function alertStatus(firing: readonly FiringAlert[], now: Date): ComponentStatus {
  const live = firing.filter((a) => Date.parse(a.until) > now.getTime());
  if (live.some((a) => a.severity === "page")) return "outage";
  if (live.some((a) => a.severity === "ticket")) return "degraded";
  return "operational";
}
