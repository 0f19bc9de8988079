/**
 * The watchdog, in one place for every backend: the always-firing alert's notifications go to the
 * status page Worker's dead man's switch (`/api/watchdog/<source>`) with the bearer token below;
 * when they stop, the Worker pages PagerDuty directly with the routing key below, outside the
 * system it watches. Grafana, Datadog and the Alertmanager export render the sending side; the
 * rule itself is in rules/watchdogRules.ts.
 */
import type { Model } from "../specification/model";
import type { Delivery } from "./routingTree";

/** Stack config key of the alerting pipeline's bearer token for watchdogs and alert webhooks (a Pulumi secret, the Worker's `WATCHDOG_TOKEN`). */
export const WATCHDOG_TOKEN_CONFIG_KEY = "readiness:watchdogToken";
/** Stack config key of the PagerDuty Events API v2 routing key the dead man's switch pages with (a Pulumi secret). */
export const PAGERDUTY_ROUTING_KEY_CONFIG_KEY = "readiness:watchdogRoutingKey";

/**
 * How often the switch hears from a source: a firing alert is re-sent every repeat interval, so the
 * switch's own staleness limit must be longer than this (the Worker's is set by its side).
 */
export const WATCHDOG_REPEAT_INTERVAL = "5m";

/** Where a watchdog's notifications come from; each has its own endpoint on the Worker. */
export type WatchdogSource = "grafana" | "datadog" | "prometheus";

/** The dead man's switch URL of one source, or undefined without a status page or where nobody serves its hostname. */
export function watchdogUrl(model: Pick<Model, "statusPage">, source: WatchdogSource): string | undefined {
  return model.statusPage && !model.statusPage.notServed ? `https://${model.statusPage.hostname}/api/watchdog/${source}` : undefined;
}

/** Where a watchdog rule's notifications go: only the dead man's switch (nowhere without a status page); they wake nobody themselves. */
export function watchdogDelivery(model: Pick<Model, "statusPage">, source: WatchdogSource): Delivery {
  const url = watchdogUrl(model, source);
  return { routes: url ? [`dead-mans-switch:${url}`] : [], wakes: [] };
}
