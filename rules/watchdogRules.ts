/**
 * The watchdog: an alert that always fires, so that its notifications stopping means the alerting
 * pipeline itself (rule evaluation, the Alertmanager or Grafana notifier, the network to it) is
 * broken. It is routed only to an external dead man's switch (the status page Worker's
 * `/api/watchdog/<source>`, or the user's own for the Prometheus export), which pages when it stops.
 */
import type { Model } from "../specification/model";
import type { PromRuleGroup } from "./rule";
import { sortedRecord } from "./naming";

/** Name of the watchdog's rule group; it belongs to no service. */
export const WATCHDOG_GROUP = "readiness-watchdog";

/** The watchdog's alert name. */
export const WATCHDOG_ALERT = "ReadinessWatchdog";

/** The label every route to the switch matches on; `severity: none` keeps it off every severity route. */
export const WATCHDOG_LABEL = "watchdog";

/** The watchdog's rule group. */
export function watchdogGroup(model: Pick<Model, "environment" | "system">): PromRuleGroup {
  return {
    name: WATCHDOG_GROUP,
    service: "",
    rules: [
      {
        alert: WATCHDOG_ALERT,
        expr: "vector(1)",
        labels: sortedRecord({ env: model.environment, severity: "none", [WATCHDOG_LABEL]: "true" }),
        annotations: sortedRecord({
          summary: `${model.system.name} ${model.environment}: alerting pipeline watchdog (always firing)`,
          description: "Always firing by design. Route it only to a dead man's switch, which pages when its notifications stop: then rule evaluation or notification delivery is broken.",
        }),
      },
    ],
  };
}
