/**
 * Grafana's alert notifications to the status page (alerting/statusPageAlerts.ts): a webhook
 * contact point to the Worker's `/api/alerts/grafana` (Grafana's webhook body is the
 * Alertmanager-shaped one the Worker reads) and the first branch of the notification policy,
 * which continues, so the same alerts are routed to people as if it were not there.
 */
import type { Model } from "../../specification/model";
import type { ElementOf, InputOf, PlanResource } from "../../plan/plan";
import { ref } from "../../plan/plan";
import { logicalName } from "../../plan/naming";
import { alertDecidedServices, alternation, STATUS_PAGE_ALERT_SEVERITIES, STATUS_PAGE_ALERTS, statusPageAlertsUrl } from "../../alerting/statusPageAlerts";
import { CONTACT_POINT_TYPE } from "./contactPoints";
import { workerContactPoint } from "./watchdog";

type Policy = ElementOf<InputOf<"grafana:alerting/notificationPolicy:NotificationPolicy", "policies">>;

/** The webhook contact point to the Worker, with the watchdog's bearer token; none when no component is decided by alerts. */
export function grafanaStatusPageAlertsContactPoint(model: Model): PlanResource[] {
  const url = statusPageAlertsUrl(model, "grafana");
  // Resolved notifications too (the default, stated): they are what sets the component back.
  return url ? [workerContactPoint(model, STATUS_PAGE_ALERTS, url, { disableResolveMessage: false })] : [];
}

/**
 * The branch taking the alert-decided services' page and ticket alerts to the Worker. It
 * continues, so the branches after it route them as before. Quick timings: the page should move
 * when the alert does (the Worker reads every alert of a grouped notification).
 */
export function grafanaStatusPageAlertsPolicy(model: Model): Policy[] {
  if (!statusPageAlertsUrl(model, "grafana")) return [];
  return [
    {
      matchers: [
        { label: "service", match: "=~", value: alternation(alertDecidedServices(model)) },
        { label: "severity", match: "=~", value: alternation(STATUS_PAGE_ALERT_SEVERITIES) },
      ],
      contactPoint: ref(logicalName(STATUS_PAGE_ALERTS), CONTACT_POINT_TYPE, "name"),
      continue: true,
      groupWait: "0s",
      groupInterval: "1m",
    },
  ];
}
