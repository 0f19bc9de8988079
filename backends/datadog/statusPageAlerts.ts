/**
 * Datadog's alert notifications to the status page (alerting/statusPageAlerts.ts): a webhook to
 * the Worker's `/api/alerts/datadog` with the body the Worker parses, and its handle in the
 * messages of the alert-decided services' page and ticket monitors and synthetic tests, after
 * their routing handles. The handle wakes no one: the Worker only sets the component's status.
 */
import type { Model, Severity } from "../../specification/model";
import type { PlanResource } from "../../plan/plan";
import { secret } from "../../plan/plan";
import { routingComponent } from "../../plan/components";
import { accountScopedName, logicalName } from "../../plan/naming";
import { WATCHDOG_TOKEN_CONFIG_KEY } from "../../alerting/watchdog";
import { sentToStatusPage, STATUS_PAGE_ALERTS, statusPageAlertsUrl } from "../../alerting/statusPageAlerts";
import { DATADOG_WEBHOOK_TYPE } from "./types";

/**
 * The webhook body, the one the Worker's Datadog parser reads (statuspage/worker/alerts.ts): the
 * alert id and scope identify the alert, the transition says firing or resolved, and the monitor's
 * `service:` and `severity:` tags (readiness sets both on every monitor and test) say whose it is;
 * `last_updated` orders transitions delivered late or twice.
 */
export const DATADOG_STATUS_PAGE_PAYLOAD = '{"id":"$ALERT_ID","transition":"$ALERT_TRANSITION","tags":"$TAGS","title":"$EVENT_TITLE","scope":"$ALERT_SCOPE","last_updated":"$LAST_UPDATED"}';

/** The webhook's name (webhooks are organisation-wide, so per system and environment). */
export function statusPageWebhookName(model: Pick<Model, "system" | "environment">): string {
  return accountScopedName(model, `readiness-${STATUS_PAGE_ALERTS}`);
}

/** The handle a monitor of this service and severity adds for the status page, if any. */
export function statusPageHandles(model: Pick<Model, "statusPage" | "system" | "environment">, serviceId: string, severity: Severity): string[] {
  return statusPageAlertsUrl(model, "datadog") && sentToStatusPage(model, serviceId, severity) ? [`@webhook-${statusPageWebhookName(model)}`] : [];
}

/** The webhook to the Worker, with the watchdog's token as a secret header; none when no component is decided by alerts. */
export function datadogStatusPageWebhook(model: Model): PlanResource[] {
  const url = statusPageAlertsUrl(model, "datadog");
  if (!url) return [];
  return [
    {
      type: DATADOG_WEBHOOK_TYPE,
      name: logicalName(STATUS_PAGE_ALERTS, "datadog-webhook"),
      parent: routingComponent(model).name,
      provider: "datadog",
      inputs: {
        name: statusPageWebhookName(model),
        url,
        encodeAs: "json",
        payload: DATADOG_STATUS_PAGE_PAYLOAD,
        // The token is a stack secret, joined into the header at deploy time and never printed.
        customHeaders: { $concat: ['{"Authorization": "Bearer ', secret(WATCHDOG_TOKEN_CONFIG_KEY), '"}'] },
      },
    },
  ];
}
