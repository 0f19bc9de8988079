/**
 * Datadog's side of the watchdog: a monitor that always notifies (a query that is always >= 0, and
 * no data notifying too, so it alerts whether or not the metric reports) and renotifies every
 * RENOTIFY_MINUTES to a webhook that posts to the status page Worker's dead man's switch. When
 * Datadog stops evaluating or notifying, the posts stop and the Worker pages. Rendered only where
 * the spec has a status page (the audit reports `watchdog-no-switch` otherwise).
 */
import type { Model } from "../../specification/model";
import type { PlanFragment } from "../../plan/components";
import { routingComponent, stackComponent } from "../../plan/components";
import type { PlanResource } from "../../plan/plan";
import { secret } from "../../plan/plan";
import { accountScopedName, logicalName } from "../../plan/naming";
import { watchdogUrl, WATCHDOG_TOKEN_CONFIG_KEY } from "../../alerting/watchdog";
import { DATADOG_MONITOR_TYPE, DATADOG_WEBHOOK_TYPE } from "./types";


/** How often the monitor re-notifies while alerting: half the switch's default 10m tolerance (statusPage.deadMansSwitch.after), so one lost post does not page. */
export const RENOTIFY_MINUTES = 5;

/**
 * Datadog's own usage metric exists in every organisation; `default_zero` and `>= 0` keep the
 * monitor alerting whatever its value, and `notifyNoData` covers an organisation where it is absent.
 */
export const WATCHDOG_QUERY = "avg(last_5m):default_zero(avg:datadog.estimated_usage.hosts{*}) >= 0";

/** The webhook's name, which the monitor's message notifies as `@webhook-<name>`. */
export function watchdogWebhookName(model: Pick<Model, "system" | "environment">): string {
  return accountScopedName(model, "readiness-watchdog");
}

/** The webhook and the always-alerting monitor. */
export function datadogWatchdog(model: Model): PlanFragment {
  const url = watchdogUrl(model, "datadog");
  if (!url) return { components: [], lookups: [], resources: [] };
  const parent = routingComponent(model);
  const hook = watchdogWebhookName(model);
  const resources: PlanResource[] = [
    {
      type: DATADOG_WEBHOOK_TYPE,
      name: logicalName("watchdog", "datadog-webhook"),
      parent: parent.name,
      provider: "datadog",
      inputs: {
        name: hook,
        url,
        encodeAs: "json",
        // The token is a stack secret, joined into the header at deploy time and never printed.
        customHeaders: { $concat: ['{"Authorization": "Bearer ', secret(WATCHDOG_TOKEN_CONFIG_KEY), '"}'] },
      },
    },
    {
      type: DATADOG_MONITOR_TYPE,
      name: logicalName("watchdog", "datadog-monitor"),
      parent: parent.name,
      provider: "datadog",
      inputs: {
        name: `${model.system.name} ${model.environment}: alerting pipeline watchdog (always alerting)`,
        type: "metric alert",
        query: WATCHDOG_QUERY,
        message: `Always alerting by design: it tells the dead man's switch that Datadog evaluates and notifies. Route it nowhere else.\n\n@webhook-${hook}`,
        monitorThresholds: { critical: "0" },
        priority: "5",
        tags: [`env:${model.environment}`, "managed-by:readiness", "watchdog:true"],
        notifyNoData: true,
        noDataTimeframe: 10,
        requireFullWindow: false,
        includeTags: true,
        renotifyInterval: RENOTIFY_MINUTES,
      },
    },
  ];
  return { components: [stackComponent(model), parent], lookups: [], resources };
}
