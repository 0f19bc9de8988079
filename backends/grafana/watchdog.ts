/**
 * Grafana's side of the watchdog: the always-firing rule (from the Prometheus rule groups), a
 * webhook contact point to the status page Worker's dead man's switch, and the first route of the
 * notification policy, which takes the watchdog there and nowhere else. Rendered only where the
 * spec has a status page: without one there is no switch, and the audit says so.
 */
import type { Model } from "../../specification/model";
import type { ElementOf, InputOf, PlanResource } from "../plan";
import { ref, secret } from "../plan";
import { routingComponent } from "../components";
import { accountScopedName, logicalName } from "../naming";
import { WATCHDOG_LABEL } from "../prometheus/watchdogRules";
import { CONTACT_POINT_TYPE } from "./contactPoints";

type Policy = ElementOf<InputOf<"grafana:alerting/notificationPolicy:NotificationPolicy", "policies">>;

import { WATCHDOG_TOKEN_CONFIG_KEY } from "../cloudflare/statusPage";

/** Stack config secret the Worker checks as `Authorization: Bearer <token>` (bound there as `WATCHDOG_TOKEN`). */
export const WATCHDOG_TOKEN_CONFIG = WATCHDOG_TOKEN_CONFIG_KEY;

/** The contact point's name. */
export const WATCHDOG_CONTACT_POINT = "watchdog";

/**
 * How often the switch hears from Grafana: a firing alert is re-sent every repeat interval, so the
 * switch's own staleness limit must be longer than this (the Worker's is set by its side).
 */
export const WATCHDOG_REPEAT_INTERVAL = "5m";

/** The dead man's switch URL of one source (`grafana`, `datadog`, `prometheus`), or undefined without a status page. */
export function watchdogUrl(model: Pick<Model, "statusPage">, source: "grafana" | "datadog" | "prometheus"): string | undefined {
  return model.statusPage ? `https://${model.statusPage.hostname}/api/watchdog/${source}` : undefined;
}

/** Webhook settings a status page Worker endpoint takes: POST with the watchdog's bearer token. */
type WorkerWebhook = ElementOf<InputOf<typeof CONTACT_POINT_TYPE, "webhooks">>;

/** A contact point posting to one of the status page Worker's endpoints (`url`) with its bearer token; `extra` adds webhook settings. */
export function workerContactPoint(model: Model, name: string, url: string, extra: Partial<WorkerWebhook> = {}): PlanResource {
  return {
    type: CONTACT_POINT_TYPE,
    name: logicalName(name),
    parent: routingComponent(model).name,
    provider: "grafana",
    inputs: { name: accountScopedName(model, name), webhooks: [{ url, httpMethod: "POST", authorizationScheme: "Bearer", authorizationCredentials: secret(WATCHDOG_TOKEN_CONFIG), ...extra }] },
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
