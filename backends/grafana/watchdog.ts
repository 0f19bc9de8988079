/**
 * Grafana's side of the watchdog: the always-firing rule (from the Prometheus rule groups), a
 * webhook contact point to the status page Worker's dead man's switch, and the first route of the
 * notification policy, which takes the watchdog there and nowhere else. Rendered only where the
 * spec has a status page: without one there is no switch, and the audit says so.
 */
import type { Model } from "../../specification/model";
import type { ElementOf, InputOf, PlanResource } from "../../plan/plan";
import { ref, secret } from "../../plan/plan";
import { routingComponent } from "../../plan/components";
import { accountScopedName, logicalName } from "../../plan/naming";
import { WATCHDOG_LABEL } from "../../rules/watchdogRules";
import { CONTACT_POINT_TYPE } from "./contactPoints";
import { WATCHDOG_REPEAT_INTERVAL, WATCHDOG_TOKEN_CONFIG_KEY, watchdogUrl } from "../../alerting/watchdog";

type Policy = ElementOf<InputOf<"grafana:alerting/notificationPolicy:NotificationPolicy", "policies">>;

/** The contact point's name. */
export const WATCHDOG_CONTACT_POINT = "watchdog";

/** Webhook settings a status page Worker endpoint takes: POST with the watchdog's bearer token. */
type WorkerWebhook = ElementOf<InputOf<typeof CONTACT_POINT_TYPE, "webhooks">>;

/** A contact point posting to one of the status page Worker's endpoints (`url`) with its bearer token; `extra` adds webhook settings. */
export function workerContactPoint(model: Model, name: string, url: string, extra: Partial<WorkerWebhook> = {}): PlanResource {
  return {
    type: CONTACT_POINT_TYPE,
    name: logicalName(name),
    parent: routingComponent(model).name,
    provider: "grafana",
    inputs: { name: accountScopedName(model, name), webhooks: [{ url, httpMethod: "POST", authorizationScheme: "Bearer", authorizationCredentials: secret(WATCHDOG_TOKEN_CONFIG_KEY), ...extra }] },
  };
}

/** The webhook contact point to the switch. */
export function grafanaWatchdogContactPoint(model: Model): PlanResource[] {
  const url = watchdogUrl(model, "grafana");
  return url ? [workerContactPoint(model, WATCHDOG_CONTACT_POINT, url)] : [];
}

/** The route taking the watchdog to the switch; first, and not continuing, so no person ever receives it. */
export function grafanaWatchdogPolicy(model: Model): Policy[] {
  if (!watchdogUrl(model, "grafana")) return [];
  return [
    {
      matchers: [{ label: WATCHDOG_LABEL, match: "=", value: "true" }],
      contactPoint: ref(logicalName(WATCHDOG_CONTACT_POINT), CONTACT_POINT_TYPE, "name"),
      continue: false,
      groupWait: "0s",
      groupInterval: "1m",
      repeatInterval: WATCHDOG_REPEAT_INTERVAL,
    },
  ];
}
